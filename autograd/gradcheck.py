"""Finite-difference proofs of gradients: gradcheck (first order) and gradgradcheck (second order)."""
import warnings

import numpy as np

from .engine import grad as autograd_grad
from .tensor import Tensor


class GradcheckError(RuntimeError):
    """Raised when analytical and numerical Jacobians disagree (a RuntimeError, as in PyTorch)."""


def _as_tuple(x):
    return x if isinstance(x, tuple) else (x,) if isinstance(x, Tensor) else tuple(x)


def _outputs(fn, inputs):
    """torch's differentiable outputs: those that require grad (the error message numbers them)."""
    out = fn(*inputs)
    return tuple(o for o in _as_tuple(out) if isinstance(o, Tensor) and o.requires_grad)


def _numerical_jacobians(fn, inputs, diff_idx, eps):
    """J[i][j]: d outputs[j] / d inputs[diff_idx[i]] by central differences, shape (in.numel, out.numel)."""
    outs = _outputs(fn, inputs)
    jac = [[np.zeros((inputs[i]._data.size, o._data.size)) for o in outs] for i in diff_idx]
    for k, i in enumerate(diff_idx):
        x = inputs[i]._data  # perturbed in place: works for non-contiguous views too
        for e in range(x.size):
            idx = np.unravel_index(e, x.shape)
            orig = x[idx].item()
            x[idx] = orig + eps
            plus = [o._data.astype(np.float64).ravel() for o in _outputs(fn, inputs)]
            x[idx] = orig - eps
            minus = [o._data.astype(np.float64).ravel() for o in _outputs(fn, inputs)]
            x[idx] = orig
            for j in range(len(outs)):
                jac[k][j][e] = (plus[j] - minus[j]) / (2 * eps)
    return jac, outs


def _analytical_jacobians(fn, inputs, diff_idx):
    outs = _outputs(fn, inputs)
    diff_inputs = [inputs[i] for i in diff_idx]
    jac = [[np.zeros((inputs[i]._data.size, o._data.size)) for o in outs] for i in diff_idx]
    for j, o in enumerate(outs):
        if not o.requires_grad:
            continue
        for e in range(o._data.size):
            go = np.zeros(o._data.shape, dtype=o._data.dtype)
            go.reshape(-1)[e] = 1
            grads = autograd_grad((o,), diff_inputs, (Tensor._make(go),), retain_graph=True, allow_unused=True)
            for k, g in enumerate(grads):
                if g is not None:
                    jac[k][j][:, e] = g._data.astype(np.float64).ravel()
    return jac


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, nondet_tol=0.0,
              check_undefined_grad=True, check_grad_dtypes=False, check_batched_grad=False,
              check_batched_forward_grad=False, check_forward_ad=False, check_backward_ad=True,
              fast_mode=False, masked=None):
    """Check ``func``'s analytical gradients against central finite differences (use float64 inputs).

    Returns True, or raises GradcheckError showing both Jacobians (rows: input elements, columns: output
    elements); inputs and outputs are numbered among those that require grad, as in PyTorch.
    """
    inputs = _as_tuple(inputs)
    diff_idx = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    if not diff_idx:
        raise ValueError("gradcheck expects at least one input tensor to require gradient, but none of them have requires_grad=True.")
    for i in diff_idx:
        if inputs[i]._data.dtype != np.float64:
            warnings.warn(f"Input #{i} requires gradient and is not a double precision floating point or complex. "
                          "This check will likely fail if all the inputs are not of double precision floating point "
                          "or complex. ")
    num, outs = _numerical_jacobians(func, inputs, diff_idx, eps)
    ana = _analytical_jacobians(func, inputs, diff_idx)
    for k, i in enumerate(diff_idx):
        for j in range(len(outs)):
            a, n = ana[k][j], num[k][j]
            if not np.allclose(a, n, rtol=rtol, atol=atol):
                dt = inputs[i]._data.dtype
                msg = (f"Jacobian mismatch for output {j} with respect to input {k},\n"
                       f"numerical:{Tensor._make(n.astype(dt))}\nanalytical:{Tensor._make(a.astype(dt))}\n")
                if raise_exception:
                    raise GradcheckError(msg)
                return False
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3, gen_non_contig_grad_outputs=False,
                  raise_exception=True, nondet_tol=0.0, check_undefined_grad=True, check_grad_dtypes=False,
                  check_batched_grad=False, check_fwd_over_rev=False, check_rev_over_rev=True, fast_mode=False,
                  masked=False):
    """Check second-order gradients: gradcheck of ``v -> d(func)/d(inputs) . v`` built with create_graph=True."""
    inputs = _as_tuple(inputs)
    diff_idx = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    if grad_outputs is None:
        outs = _outputs(func, inputs)
        rs = np.random.default_rng(0)
        grad_outputs = tuple(Tensor._make(rs.standard_normal(o._data.shape).astype(o._data.dtype), requires_grad=True)
                             for o in outs)
    else:
        grad_outputs = _as_tuple(grad_outputs)
    n_in = len(inputs)

    def first_grads(*args):
        ins, gos = args[:n_in], args[n_in:]
        outs = _outputs(func, ins)
        gs = autograd_grad(outs, [ins[i] for i in diff_idx], gos, create_graph=True, allow_unused=True)
        return tuple(g for g in gs if g is not None)

    return gradcheck(first_grads, inputs + tuple(grad_outputs), eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception)
