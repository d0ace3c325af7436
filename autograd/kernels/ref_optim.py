"""Reference kernels for fused optimizer updates (NumPy, in place).

One kernel per update rule: it reads ``grad`` and rewrites ``param`` and the state arrays in
place, in the same operation order as PyTorch's single-tensor (``foreach=False``) CPU path so
float32 results agree to the last bits. Python-float hyperparameters combine with float32 arrays
as float32 (NEP 50), as PyTorch's wrapped scalars do. State arrays a configuration does not use
(``buf`` without momentum, ``max_exp_avg_sq`` without amsgrad, ...) are passed but never touched.
"""
import numpy as np

__all__ = ["sgd_update", "adam_update", "rmsprop_update", "adagrad_update"]


def _lerp_(a, b, w, tmp=None):
    """``a.lerp_(b, w)`` with PyTorch's two-sided formula (exact at both ends); ``tmp``: scratch."""
    w = a.dtype.type(w)
    d = np.subtract(b, a, out=tmp)
    if abs(w) < 0.5:
        d *= w
        a += d
    else:
        d *= 1 - w
        np.subtract(b, d, out=a)


def _effective_grad(param, grad, weight_decay, maximize):
    g = -grad if maximize else grad
    if weight_decay != 0:
        g = g + weight_decay * param
    return g


def sgd_update(param, grad, buf, lr, momentum, dampening, weight_decay, nesterov, maximize, first):
    """SGD with momentum/dampening/Nesterov; ``first`` initialises ``buf`` to the gradient."""
    g = _effective_grad(param, grad, weight_decay, maximize)
    if momentum != 0:
        if first:
            buf[...] = g
        else:
            buf *= momentum
            buf += (1 - dampening) * g
        g = g + momentum * buf if nesterov else buf
    param += (-lr) * g


def adam_update(param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq, step, lr, beta1, beta2, eps,
                weight_decay, amsgrad, maximize, decoupled):
    """Adam/AdamW at (already incremented) ``step``; ``decoupled`` gives AdamW's weight decay."""
    g = -grad if maximize else grad
    if weight_decay != 0:
        if decoupled:
            param *= 1 - lr * weight_decay
        else:
            g = g + weight_decay * param
    tmp, denom = np.empty_like(param), np.empty_like(param)  # scratch: no temporaries per operation
    _lerp_(exp_avg, g, 1 - beta1, tmp)
    exp_avg_sq *= beta2
    np.multiply(g, 1 - beta2, out=tmp)
    tmp *= g
    exp_avg_sq += tmp
    step_size = lr / (1 - beta1 ** step)
    bias_correction2_sqrt = (1 - beta2 ** step) ** 0.5
    if amsgrad:
        np.maximum(max_exp_avg_sq, exp_avg_sq, out=max_exp_avg_sq)
        np.sqrt(max_exp_avg_sq, out=denom)
    else:
        np.sqrt(exp_avg_sq, out=denom)
    denom /= bias_correction2_sqrt
    denom += eps
    np.multiply(exp_avg, -step_size, out=tmp)
    tmp /= denom
    param += tmp


def rmsprop_update(param, grad, square_avg, grad_avg, buf, lr, alpha, eps, weight_decay, momentum,
                   centered, maximize):
    """RMSprop, optionally centered (``grad_avg``) and with momentum (``buf``)."""
    g = _effective_grad(param, grad, weight_decay, maximize)
    square_avg *= alpha
    square_avg += (1 - alpha) * g * g
    if centered:
        _lerp_(grad_avg, g, 1 - alpha)
        avg = np.sqrt(square_avg + (-1.0) * grad_avg * grad_avg)
    else:
        avg = np.sqrt(square_avg)
    avg += eps
    if momentum > 0:
        buf *= momentum
        buf += g / avg
        param += (-lr) * buf
    else:
        param += (-lr) * g / avg


def adagrad_update(param, grad, state_sum, step, lr, lr_decay, weight_decay, eps, maximize):
    """Adagrad at (already incremented) ``step`` with learning-rate decay."""
    g = _effective_grad(param, grad, weight_decay, maximize)
    clr = lr / (1 + (step - 1) * lr_decay)
    state_sum += g * g
    std = np.sqrt(state_sum)
    std += eps
    param += (-clr) * g / std
