"""``torch.func``: ``functional_call``, ``grad``/``vjp``/``jvp``/``jacrev``/``jacfwd``/``hessian``/``linearize``,
``vmap`` and ``stack_module_state``.

The transforms run on ordinary reverse-mode autograd: each call differentiates fresh leaves and detaches
what no outer level tracks; ``vmap`` runs the function once per batch index and stacks the results.
"""
import functools

from autograd.tensor import Tensor

__all__ = ["functional_call", "grad", "grad_and_value", "vjp", "jvp", "linearize", "jacrev", "jacfwd", "hessian",
           "vmap", "stack_module_state", "functionalize", "replace_all_batch_norm_modules_"]


def functional_call(module, parameter_and_buffer_dicts, args=None, kwargs=None, *, tie_weights=True, strict=False):
    """``module(*args, **kwargs)`` with the named parameters/buffers replaced for this call only."""
    from nn.utils.stateless import _functional_call, _merge_dicts
    return _functional_call(module, _merge_dicts(parameter_and_buffer_dicts), args, kwargs,
                            tie_weights=tie_weights, strict=strict)


# ---- pytrees: tuples, lists, dicts (and namedtuples) of leaves ------------------------------------
def _flatten(tree):
    """(leaves, spec); ``spec`` is None for a leaf, else (type, keys or None, child specs)."""
    if isinstance(tree, (tuple, list)):
        keys, children = None, list(tree)
    elif isinstance(tree, dict):
        keys, children = list(tree), list(tree.values())
    else:
        return [tree], None
    leaves, specs = [], []
    for c in children:
        lv, sp = _flatten(c)
        leaves += lv
        specs.append(sp)
    return leaves, (type(tree), keys, specs)


def _unflatten(leaves, spec):
    it = iter(leaves)

    def build(sp):
        if sp is None:
            return next(it)
        kind, keys, children = sp
        vals = [build(c) for c in children]
        if keys is not None:
            return kind(zip(keys, vals))
        return kind(*vals) if hasattr(kind, "_fields") else kind(vals)
    return build(spec)


def _tree_map(fn, tree):
    leaves, spec = _flatten(tree)
    return _unflatten([fn(x) for x in leaves], spec)


def _num_leaves(spec):
    return 1 if spec is None else sum(_num_leaves(c) for c in spec[2])


def _broadcast_flat(prefix, spec):
    """``prefix`` (in_dims/out_dims) spread over the leaves of ``spec``; None if the structures disagree."""
    if not isinstance(prefix, (tuple, list, dict)):
        return [prefix] * _num_leaves(spec)
    if spec is None or type(prefix) is not spec[0] or len(prefix) != len(spec[2]):
        return None
    if isinstance(prefix, dict):
        if set(prefix) != set(spec[1]):
            return None
        prefix = [prefix[k] for k in spec[1]]
    out = []
    for p, c in zip(prefix, spec[2]):
        sub = _broadcast_flat(p, c)
        if sub is None:
            return None
        out += sub
    return out


def _spec_str(spec):
    if spec is None:
        return "*"
    kind, keys, children = spec
    return f"TreeSpec({kind.__name__}, {keys}, [{', '.join(_spec_str(c) for c in children)}])"


# ---- differentiation levels ---------------------------------------------------------------------
class _Level:
    """Fresh leaves for one transform call; results not reaching any other leaf are detached on exit,
    so ``grad(f)(x)`` has no ``grad_fn`` unless an outer level (autograd, another transform) tracks it."""

    def __init__(self):
        self.fresh = {}

    def wrap(self, t):
        if not isinstance(t, Tensor):
            raise ValueError(f"Thing passed to transform API must be Tensor, got {type(t)}")
        if t.requires_grad:  # tracked by an outer level: differentiate through it
            return t
        leaf = t.detach().requires_grad_()
        self.fresh[id(leaf)] = leaf
        return leaf

    def _reaches_outer(self, t):
        if t.grad_fn is None:
            return t.requires_grad and id(t) not in self.fresh
        seen, stack = set(), [t.grad_fn]
        while stack:
            node = stack.pop()
            if node is None or id(node) in seen:
                continue
            seen.add(id(node))
            var = getattr(node, "variable", None)
            if var is not None and id(var) not in self.fresh:
                return True
            stack.extend(f for f, _ in node.next_functions)
        return False

    def unwrap(self, tree, only_tensors=False):
        def one(t):
            if not isinstance(t, Tensor):
                if only_tensors:  # PyTorch unwraps `aux` leaf by leaf and accepts only tensors
                    raise RuntimeError(f"Expected tensors, got unsupported type {type(t)}")
                return t
            return t.detach() if t.requires_grad and not self._reaches_outer(t) else t
        return _tree_map(one, tree)


def _grads(outputs, inputs, grad_outputs=None):
    """d(outputs)/d(inputs) with a graph (for nesting); zeros where an input is unused."""
    from autograd.engine import grad as _autograd_grad
    pairs = [(o, g) for o, g in zip(outputs, grad_outputs or [None] * len(outputs)) if o.requires_grad]
    diff = [i for i, x in enumerate(inputs) if x.requires_grad]
    res = [None] * len(inputs)
    if pairs and diff:
        got = _autograd_grad([o for o, _ in pairs], [inputs[i] for i in diff],
                             [g if g is not None else o.new_ones(o.shape) for o, g in pairs],
                             retain_graph=True, create_graph=True, allow_unused=True)
        for i, g in zip(diff, got):
            res[i] = g
    import autograd
    return [autograd.zeros_like(x) if g is None else g for x, g in zip(inputs, res)]


def _slice_argnums(args, argnums, as_tuple=True):
    if not isinstance(argnums, (int, tuple)):
        raise RuntimeError(f"argnums must be int or Tuple[int, ...], got: {type(argnums)}")

    def wrap(a):
        if not isinstance(a, int):
            raise RuntimeError(f"argnum must be int, got: {type(a)}")
        if -len(args) <= a < len(args):
            return a % len(args)
        raise RuntimeError(f"Got argnum={a}, but only {len(args)} positional inputs")
    nums = wrap(argnums) if isinstance(argnums, int) else tuple(wrap(a) for a in argnums)
    if isinstance(nums, tuple):
        if not nums:
            raise RuntimeError("argnums must be non-empty")
        if len(set(nums)) != len(nums):
            raise RuntimeError(f"argnums elements must be unique, got {nums}")
    return nums


def _call_at(func, args, kwargs, argnums, level):
    """``func`` with the ``argnums`` arguments replaced by fresh leaves: (output, diff args pytree)."""
    nums = _slice_argnums(args, argnums)
    args = list(args)
    for i in (nums,) if isinstance(nums, int) else nums:
        args[i] = _tree_map(level.wrap, args[i])
    diff = args[nums] if isinstance(nums, int) else tuple(args[i] for i in nums)
    return func(*args, **kwargs), diff


def _split_aux(output, has_aux, api):
    if not has_aux:
        return output, None
    if not (isinstance(output, tuple) and len(output) == 2):
        raise RuntimeError(f"{api}: output of function f should be a tuple: (output, aux) if has_aux is True")
    return output


# ---- grad, vjp, jvp, linearize ------------------------------------------------------------------
def grad_and_value(func, argnums=0, has_aux=False):
    """A function returning ``(gradient of func w.r.t. argnums, func's value)`` (``torch.func.grad_and_value``)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from autograd.grad_mode import enable_grad
        api = "grad_and_value(f)(*args)"
        level = _Level()
        with enable_grad():
            output, diff = _call_at(func, args, kwargs, argnums, level)
            output, aux = _split_aux(output, has_aux, api)
            if not isinstance(output, Tensor):
                raise RuntimeError(f"{api}: Expected f(*args) to return a Tensor, got {type(output)}")
            if output.dim() != 0:
                raise RuntimeError(f"{api}: Expected f(*args) to return a scalar Tensor, got tensor with "
                                   f"{output.dim()} dims. Maybe you wanted to use the vjp or jacrev APIs instead?")
            flat, spec = _flatten(diff)
            grads = _unflatten(_grads([output], flat), spec)
            value = (level.unwrap(output), level.unwrap(aux, True)) if has_aux else level.unwrap(output)
            return level.unwrap(grads), value
    return wrapper


def grad(func, argnums=0, has_aux=False):
    """A function returning the gradient of scalar-valued ``func`` w.r.t. ``argnums`` (``torch.func.grad``)."""
    gv = grad_and_value(func, argnums, has_aux)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        g, value = gv(*args, **kwargs)
        return (g, value[1]) if has_aux else g
    return wrapper


def _check_outputs(flat, api):
    if not flat:
        raise RuntimeError(f"{api}: Expected f to be a function that has non-empty output (got output = {flat})")
    for o in flat:
        if not isinstance(o, Tensor):
            raise RuntimeError(f"{api}: expected f(*primals) to return only tensors, got unsupported type {type(o)}")


def _check_float_outputs(flat_out):
    for o in flat_out:
        if not o.is_floating_point():
            raise RuntimeError(f"vjp(f, ...): All outputs of f must be floating-point or complex Tensors, "
                               f"got Tensor with dtype {o.dtype}")


def vjp(func, *primals, has_aux=False):
    """``(func(*primals), vjp_fn)``: ``vjp_fn(cotangents)`` is a tuple of gradients, one per primal."""
    from autograd.grad_mode import enable_grad
    api = "vjp(f, *primals)"
    level = _Level()
    with enable_grad():
        fresh = _tree_map(level.wrap, primals)
        output, aux = _split_aux(func(*fresh), has_aux, api)
    flat_out, out_spec = _flatten(output)
    _check_outputs(flat_out, api)
    _check_float_outputs(flat_out)
    flat_in, in_spec = _flatten(fresh)

    def vjp_fn(cotangents, *, retain_graph=True, create_graph=None):
        flat_ct, ct_spec = _flatten(cotangents)
        if ct_spec != out_spec:
            raise RuntimeError("Expected pytree structure of cotangents to be the same as pytree structure of "
                               f"outputs to the function. cotangents: {_spec_str(ct_spec)}, "
                               f"primal output: {_spec_str(out_spec)}")
        with enable_grad():
            grads = _grads(flat_out, flat_in, list(flat_ct))
        return level.unwrap(_unflatten(grads, in_spec))

    out = level.unwrap(output)
    return (out, vjp_fn, level.unwrap(aux, True)) if has_aux else (out, vjp_fn)


class _Linearized:
    """``func`` run once at fresh leaves; ``jvp(tangents)`` is a double-vjp (the vjp is linear in its
    cotangent, so differentiating it w.r.t. the cotangent gives the Jacobian-vector product)."""

    def __init__(self, func, primals, has_aux, api):
        from autograd.grad_mode import enable_grad
        import autograd
        self.level = _Level()
        with enable_grad():
            diff = _tree_map(self.level.wrap, primals)
            output, self.aux = _split_aux(func(*diff), has_aux, api)
            self.flat_out, self.out_spec = _flatten(output)
            _check_outputs(self.flat_out, api)
            self.flat_in, self.in_spec = _flatten(diff)
            self.cots = [autograd.zeros_like(o).requires_grad_() if o.is_floating_point() and o.requires_grad
                         else None for o in self.flat_out]
            live = [i for i, c in enumerate(self.cots) if c is not None]
            self.vjps = _grads([self.flat_out[i] for i in live], self.flat_in,
                               [self.cots[i] for i in live]) if live else []
        self.output = output

    def jvp(self, flat_tangents):
        from autograd.grad_mode import enable_grad
        import autograd
        live = [c for c in self.cots if c is not None]
        with enable_grad():
            pairs = [(v, t) for v, t in zip(self.vjps, flat_tangents) if v.requires_grad]
            res = _grads([v for v, _ in pairs], live, [t for _, t in pairs]) if pairs and live else \
                [autograd.zeros_like(c) for c in live]
        it = iter(res)
        flat = [next(it) if c is not None else autograd.zeros_like(o) for o, c in zip(self.flat_out, self.cots)]
        return self.level.unwrap(_unflatten(flat, self.out_spec))


def _check_primals(primals, tangents, api):
    if not isinstance(primals, tuple):
        raise RuntimeError(f"{api}: Expected primals to be a tuple. E.g. it should be valid to call f(*primals).")
    flat_p, p_spec = _flatten(primals)
    flat_t, t_spec = _flatten(tangents)
    if p_spec != t_spec:
        raise RuntimeError(f"{api}: Expected primals and tangents to have the same python structure. For example, "
                           f"if primals is a tuple of 3 tensors, tangents also must be. Got primals with structure "
                           f"{_spec_str(p_spec)} and tangents with structure {_spec_str(t_spec)}")
    for name, flat in (("primals", flat_p), ("tangents", flat_t)):
        if not flat:
            raise RuntimeError(f"{api}: Expected {name} to contain at least one Tensor.")
        for x in flat:
            if not isinstance(x, Tensor):
                raise RuntimeError(f"{api}: Expected {name} to only contain Tensors, got {type(x)}")
    for p, t in zip(flat_p, flat_t):
        if p.shape != t.shape:
            raise RuntimeError("Trying to set a forward gradient that has a different size than that of the original "
                               f"Tensor, this is not supported. Tensor is of size {list(p.shape)} while the given "
                               f"forward gradient is of size {list(t.shape)}.")
    return flat_t


def jvp(func, primals, tangents, *, strict=False, has_aux=False):
    """``(func(*primals), J @ tangents)`` (``torch.func.jvp``; computed by a double vjp)."""
    api = "jvp(f, primals, tangents)"
    flat_t = _check_primals(primals, tangents, api)
    lin = _Linearized(func, primals, has_aux, api)
    out = lin.level.unwrap(lin.output), lin.jvp(flat_t)
    return (*out, lin.level.unwrap(lin.aux, True)) if has_aux else out


def linearize(func, *primals):
    """``(func(*primals), jvp_fn)``: ``jvp_fn(*tangents)`` reuses the one evaluation of ``func``."""
    lin = _Linearized(func, primals, False, "linearize")

    def jvp_fn(*tangents):
        flat_t = _check_primals(primals, tangents, "linearize")
        return lin.jvp(flat_t)
    return lin.level.unwrap(lin.output), jvp_fn


# ---- Jacobians ----------------------------------------------------------------------------------
def _jacobian(func, argnums, has_aux, api, args, kwargs):
    """Every output leaf's Jacobian w.r.t. every input leaf, shaped ``out.shape + in.shape``."""
    import autograd
    from autograd.grad_mode import enable_grad
    level = _Level()
    with enable_grad():
        output, diff = _call_at(func, args, kwargs, argnums, level)
        output, aux = _split_aux(output, has_aux, api)
        flat_out, out_spec = _flatten(output)
        _check_outputs(flat_out, api)
        if api.startswith("vjp"):
            _check_float_outputs(flat_out)
        flat_in, in_spec = _flatten(diff)
        per_out = []
        for o in flat_out:
            n = o.numel()
            rows = [_grads([o], flat_in, [e.reshape(o.shape)]) for e in autograd.eye(n, dtype=o.dtype)]
            jacs = [autograd.stack([r[j] for r in rows]).reshape(*o.shape, *x.shape) if rows else
                    autograd.zeros(*o.shape, *x.shape, dtype=x.dtype) for j, x in enumerate(flat_in)]
            per_out.append(_unflatten(jacs, in_spec))
    jac = level.unwrap(_unflatten(per_out, out_spec))
    return (jac, level.unwrap(aux, True)) if has_aux else jac


def jacrev(func, argnums=0, *, has_aux=False, chunk_size=None, _preallocate_and_copy=False):
    """Jacobian of ``func`` w.r.t. ``argnums`` by reverse mode (one backward pass per output element)."""
    if not (chunk_size is None or chunk_size > 0):
        raise ValueError("jacrev: `chunk_size` should be greater than 0.")

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return _jacobian(func, argnums, has_aux, "vjp(f, *primals)", args, kwargs)
    return wrapper


def jacfwd(func, argnums=0, has_aux=False, *, randomness="error"):
    """Jacobian of ``func`` w.r.t. ``argnums`` (same values as forward mode; computed by reverse passes)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        _check_randomness(randomness)
        return _jacobian(func, argnums, has_aux, "jvp(f, primals, tangents)", args, kwargs)
    return wrapper


def hessian(func, argnums=0):
    """Hessian of scalar-valued ``func`` w.r.t. ``argnums`` (``jacfwd(jacrev(func))``)."""
    return jacfwd(jacrev(func, argnums), argnums)


# ---- vmap ---------------------------------------------------------------------------------------
def _check_randomness(randomness):
    if randomness not in ("error", "different", "same"):
        raise RuntimeError(f"Only allowed values for randomness are 'error', 'different', or 'same'. Got {randomness}")


def _get_name(func):
    if hasattr(func, "__name__"):
        return func.__name__
    if isinstance(func, functools.partial):
        return f"functools.partial({_get_name(func.func)}, ...)"
    return repr(func)


def _batch_inputs(func, in_dims, args):
    """(batch size, flat in_dims, flat args, args spec), validated like PyTorch's vmap."""
    name = _get_name(func)
    if not isinstance(in_dims, (int, tuple)):
        raise ValueError(f"vmap({name}, in_dims={in_dims}, ...)(<inputs>): expected `in_dims` to be int or a "
                         f"(potentially nested) tuple matching the structure of inputs, got: {type(in_dims)}.")
    if not args:
        raise ValueError(f"vmap({name})(<inputs>): got no inputs. Maybe you forgot to add inputs, or you are "
                         f"trying to vmap over a function with no inputs. The latter is unsupported.")
    flat_args, spec = _flatten(args)
    flat_dims = _broadcast_flat(in_dims, spec)
    if flat_dims is None:
        raise ValueError(f"vmap({name}, in_dims={in_dims}, ...)(<inputs>): in_dims is not compatible with the "
                         f"structure of `inputs`. in_dims has structure {_spec_str(_flatten(in_dims)[1])} but "
                         f"inputs has structure {_spec_str(spec)}.")
    head = f"vmap({name}, in_dims={in_dims}, ...)(<inputs>): "
    for i, (arg, d) in enumerate(zip(flat_args, flat_dims)):
        if d is not None and not isinstance(d, int):
            raise ValueError(f"{head}Got in_dim={d} for an input but in_dim must be either an integer dimension "
                             f"or None.")
        if d is not None and not isinstance(arg, Tensor):
            raise ValueError(f"{head}Got in_dim={d} for an input but the input is of type {type(arg)}. We cannot "
                             f"vmap over non-Tensor arguments, please use None as the respective in_dim")
        if d is not None and not -arg.dim() <= d < arg.dim():
            raise ValueError(f"{head}Got in_dim={d} for some input, but that input is a Tensor of dimensionality "
                             f"{arg.dim()} so expected in_dim to satisfy -{arg.dim()} <= in_dim < {arg.dim()}.")
        if d is not None and d < 0:
            flat_dims[i] = d % arg.dim()
    sizes = [a.shape[d] for a, d in zip(flat_args, flat_dims) if d is not None]
    if not sizes:
        raise ValueError("vmap: Expected at least one Tensor to vmap over")
    if any(s != sizes[0] for s in sizes):
        raise ValueError(f"vmap: Expected all tensors to have the same size in the mapped dimension, got sizes "
                         f"{sizes} for the mapped dimension")
    return sizes[0], flat_dims, flat_args, spec


def _check_out_dims(out_dims, func):
    if isinstance(out_dims, int):
        return
    for d in _flatten(out_dims)[0]:
        if d is not None and not isinstance(d, int):
            raise ValueError(f"vmap({_get_name(func)}, ..., out_dims={out_dims}): `out_dims` must be an int, None "
                             f"or a python collection of ints representing where in the outputs the vmapped "
                             f"dimension should appear.")


def _unbatch_outputs(func, results, out_dims, empty=False):
    import autograd
    name = _get_name(func)
    flats = [_flatten(r) for r in results]
    flat0, spec = flats[0]
    if spec is None:
        if isinstance(out_dims, tuple) and len(out_dims) == 1:
            flat_dims = list(out_dims)
        elif isinstance(out_dims, int) or out_dims is None:
            flat_dims = [out_dims]
        else:
            flat_dims = None
    else:
        flat_dims = _broadcast_flat(out_dims, spec)
    if flat_dims is None:
        raise ValueError(f"vmap({name}, ..., out_dims={out_dims})(<inputs>): out_dims is not compatible with the "
                         f"structure of `outputs`. out_dims has structure {_spec_str(_flatten(out_dims)[1])} but "
                         f"outputs has structure {_spec_str(spec)}.")
    outs = []
    for j, d in enumerate(flat_dims):
        column = [f[0][j] for f in flats]
        if d is None:
            first = column[0]
            if isinstance(first, Tensor) and any(c is not first and not autograd.equal(c, first)
                                                 for c in column[1:]):
                raise ValueError(f"vmap({name}, ...): `{name}` can not return a BatchedTensor when out_dim is None")
            outs.append(first)
            continue
        if not isinstance(column[0], Tensor):
            raise ValueError(f"vmap({name}, ...): `{name}` must only return Tensors, got type {type(column[0])}. "
                             "Did you mean to set out_dims= to None for output?")
        stacked = autograd.stack(column, dim=d)
        outs.append(stacked.narrow(d, 0, 0) if empty else stacked)
    return _unflatten(outs, spec)


def vmap(func, in_dims=0, out_dims=0, randomness="error", *, chunk_size=None):
    """``func`` mapped over a dimension of its inputs (``torch.func.vmap``).

    Runs ``func`` once per batch index on ``x.select(in_dim, i)`` and stacks the results along
    ``out_dims``: no batching rules, same values (in-place ops on captured tensors act per slice)."""
    _check_randomness(randomness)
    if not (chunk_size is None or chunk_size > 0):
        raise ValueError(f"vmap: chunk_size should be None or greater than 0. (got {chunk_size})")

    @functools.wraps(func)
    def wrapped(*args, **kwargs):
        _check_out_dims(out_dims, func)
        size, flat_dims, flat_args, spec = _batch_inputs(func, in_dims, args)
        results = []
        for i in range(size):
            sliced = [a if d is None else a.select(d, i) for a, d in zip(flat_args, flat_dims)]
            results.append(func(*_unflatten(sliced, spec), **kwargs))
        if size == 0:  # one call on zero slices gives the output shapes; none of its values is kept
            sliced = [a if d is None else a.new_zeros(a.shape[:d] + a.shape[d + 1:])
                      for a, d in zip(flat_args, flat_dims)]
            return _unbatch_outputs(func, [func(*_unflatten(sliced, spec), **kwargs)], out_dims, empty=True)
        return _unbatch_outputs(func, results, out_dims)
    return wrapped


# ---- ensembles ----------------------------------------------------------------------------------
def _stacked_leaf(tensors, name):
    import autograd
    flags = {t.requires_grad for t in tensors}
    if len(flags) > 1:
        raise RuntimeError(f"Expected {name} from each model to have the same .requires_grad")
    result = autograd.stack(tensors)
    return result.detach().requires_grad_() if flags == {True} else result


def stack_module_state(models):
    """``(params, buffers)``: each model's tensors stacked by name (new leaves), for ``vmap`` ensembling."""
    models = list(models)
    if not models:
        raise RuntimeError("stack_module_state: Expected at least one model, got 0.")
    if len({m.training for m in models}) > 1:
        raise RuntimeError("stack_module_state: Expected all models to have the same training/eval mode.")
    if any(type(m) is not type(models[0]) for m in models):
        raise RuntimeError("stack_module_state: Expected all models to be of the same class.")
    all_params = [dict(m.named_parameters()) for m in models]
    all_buffers = [dict(m.named_buffers()) for m in models]
    params = {k: _stacked_leaf([p[k] for p in all_params], k) for k in all_params[0]}
    buffers = {k: _stacked_leaf([b[k] for b in all_buffers], k) for k in all_buffers[0]}
    return params, buffers


def functionalize(func, *, remove="mutations"):
    """``func`` itself: there are no views/mutations to remove outside a tracing compiler."""
    if remove not in ("mutations", "mutations_and_views"):
        raise RuntimeError(f"functionalize(f, remove='mutations'): received invalid argument for remove={remove}."
                           " Valid options are:\n     remove='mutations': all inplace and out= operators will be"
                           " removed from the program, and replaced with their out-of-place equivalents.\n     "
                           "remove='mutations_and_views': In addition to the above, all aliasing operators {view}"
                           " will be replaced with their non-aliasing counterparts, {view}_copy.\n")

    @functools.wraps(func)
    def wrapped(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapped


def replace_all_batch_norm_modules_(root):
    """Make every batch-norm module of ``root`` use batch statistics (no running stats), in place."""
    from nn.modules.batchnorm import _BatchNorm
    for m in root.modules():
        if isinstance(m, _BatchNorm):
            m.running_mean = None
            m.running_var = None
            m.num_batches_tracked = None
            m.track_running_stats = False
    return root
