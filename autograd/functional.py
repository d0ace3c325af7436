"""``autograd.functional`` (``torch.autograd.functional``): jacobian, hessian, vjp, jvp, hvp, vhp of a
Python function, built on ``autograd.grad`` (jvp and hvp by the double-vjp trick, as PyTorch does).

Inputs and outputs may be one Tensor or a tuple of Tensors; results keep the same nesting.
"""
from .creation import zeros_like
from .engine import grad as _grad
from .grad_mode import enable_grad
from .tensor import Tensor

__all__ = ["vjp", "jvp", "jacobian", "hessian", "hvp", "vhp"]


def _as_tuple(x, name):
    if isinstance(x, Tensor):
        return False, (x,)
    if not isinstance(x, (tuple, list)) or not all(isinstance(t, Tensor) for t in x):
        raise TypeError(f"The {name} given to the function must be either a Tensor or a tuple of Tensors but the "
                        f"given {name} has type {type(x).__name__}.")
    return True, tuple(x)


def _prepare(inputs, create_graph):
    return tuple(t.detach().requires_grad_(t.requires_grad or True) if not create_graph or not t.requires_grad
                 else t.view_as(t) for t in inputs)


def _unpack(is_tuple, values):
    return tuple(values) if is_tuple else values[0]


def _grad_or_zeros(outputs, inputs, grad_outputs, create_graph, strict):
    keep = [i for i, o in enumerate(outputs) if o.requires_grad]  # an output made without the inputs adds 0
    if keep:
        grads = _grad([outputs[i] for i in keep], inputs,
                      None if grad_outputs is None else [grad_outputs[i] for i in keep],
                      retain_graph=True, create_graph=create_graph, allow_unused=True)
    else:
        grads = (None,) * len(inputs)
    out = []
    for g, x in zip(grads, inputs):
        if g is None:
            if strict:
                raise RuntimeError("The output of the user-provided function is independent of input. This is not "
                                   "allowed in strict mode.")
            g = zeros_like(x)
        out.append(g)
    return tuple(out)


def _finish(values, create_graph):
    return tuple(v if create_graph else v.detach() for v in values)


def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), v^T J)."""
    with enable_grad():
        in_tuple, ins = _as_tuple(inputs, "inputs")
        ins = _prepare(ins, create_graph)
        out_tuple, outs = _as_tuple(func(*ins), "outputs of the user-provided function")
        if v is None:
            if len(outs) != 1 or outs[0].numel() != 1:
                raise RuntimeError("The vector v can only be None if the user-provided function returns a single "
                                   "Tensor with a single element.")
            vs = tuple(o.new_ones(o.shape) if hasattr(o, "new_ones") else None for o in outs)
        else:
            _, vs = _as_tuple(v, "v")
        res = _grad_or_zeros(outs, ins, vs, create_graph, strict)
    return _unpack(out_tuple, _finish(outs, create_graph)), _unpack(in_tuple, _finish(res, create_graph))


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), J v), from two reverse passes through a dummy cotangent."""
    with enable_grad():
        in_tuple, ins = _as_tuple(inputs, "inputs")
        ins = _prepare(ins, create_graph)
        if v is None:
            if len(ins) != 1 or ins[0].numel() != 1:
                raise RuntimeError("The vector v can only be None if the input to the user-provided function is a "
                                   "single Tensor with a single element.")
            vs = (ins[0].new_ones(ins[0].shape),)
        else:
            _, vs = _as_tuple(v, "v")
        out_tuple, outs = _as_tuple(func(*ins), "outputs of the user-provided function")
        dummies = tuple(zeros_like(o).requires_grad_(True) for o in outs)
        g = _grad(outs, ins, dummies, create_graph=True, allow_unused=True)
        pairs = [(gi, vi) for gi, vi in zip(g, vs) if gi is not None]
        res = _grad([gi for gi, _ in pairs], dummies, [vi for _, vi in pairs], create_graph=create_graph,
                    allow_unused=True) if pairs else [None] * len(dummies)
        res = tuple(zeros_like(o) if r is None else r for r, o in zip(res, outs))
    return _unpack(out_tuple, _finish(outs, create_graph)), _unpack(out_tuple, _finish(res, create_graph))


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False, strategy="reverse-mode"):
    """d outputs / d inputs, one reverse pass per output element; shape ``out.shape + in.shape``."""
    with enable_grad():
        in_tuple, ins = _as_tuple(inputs, "inputs")
        ins = _prepare(ins, create_graph)
        out_tuple, outs = _as_tuple(func(*ins), "outputs of the user-provided function")
        from .ops.joining import stack
        jac = []
        for out in outs:
            flat = out.reshape(-1)
            rows = [[] for _ in ins]
            for k in range(flat.numel()):
                gs = _grad_or_zeros([flat[k]], ins, None, create_graph, strict)
                for i, g in enumerate(gs):
                    rows[i].append(g)
            per_input = []
            for i, x in enumerate(ins):
                j = stack(rows[i]) if rows[i] else zeros_like(x).reshape(0, *x.shape)
                j = j.reshape(*out.shape, *x.shape)
                per_input.append(j if create_graph else j.detach())
            jac.append(tuple(per_input))
    if out_tuple:
        return tuple(_unpack(in_tuple, j) for j in jac)
    return _unpack(in_tuple, jac[0])


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False, outer_jacobian_strategy="reverse-mode"):
    """Jacobian of the gradient of a scalar function."""
    in_tuple, ins = _as_tuple(inputs, "inputs")

    def gradient(*xs):
        out = func(*xs)
        if not isinstance(out, Tensor) or out.numel() != 1:
            raise RuntimeError("The function given to hessian should return a single Tensor with a single element.")
        return _grad_or_zeros([out.reshape(())], xs, None, True, strict)

    jac = jacobian(gradient, ins if in_tuple else ins[0], create_graph=create_graph, strict=strict)
    return jac if in_tuple else jac[0]


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), v^T H)."""
    with enable_grad():
        in_tuple, ins = _as_tuple(inputs, "inputs")
        ins = _prepare(ins, create_graph)
        _, vs = _as_tuple(v, "v")
        out = func(*ins)
        g = _grad_or_zeros([out], ins, None, True, strict)
        res = _grad_or_zeros(list(g), ins, list(vs), create_graph, strict)
    return (out if create_graph else out.detach()), _unpack(in_tuple, _finish(res, create_graph))


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), H v); H is symmetric for the functions autograd differentiates, so H v = v^T H."""
    return vhp(func, inputs, v, create_graph, strict)
