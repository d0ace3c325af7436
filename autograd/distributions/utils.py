"""Helpers shared by the distributions (torch.distributions.utils)."""
from functools import update_wrapper

import autograd

__all__ = ["broadcast_all", "logits_to_probs", "clamp_probs", "probs_to_logits", "lazy_property"]

euler_constant = 0.57721566490153286060
_Number = (bool, int, float)


def broadcast_all(*values):
    """Broadcast tensors together; Python numbers become tensors of the first tensor's dtype (else the default)."""
    if not all(isinstance(v, (autograd.Tensor,) + _Number) for v in values):
        raise ValueError("Input arguments must all be instances of Number, "
                         "autograd.Tensor or objects implementing __torch_function__.")
    if not all(isinstance(v, autograd.Tensor) for v in values):
        dtype = next((v.dtype for v in values if isinstance(v, autograd.Tensor)), autograd.get_default_dtype())
        values = [v if isinstance(v, autograd.Tensor) else autograd.tensor(v, dtype=dtype) for v in values]
    return autograd.broadcast_tensors(*values)


def _sum_rightmost(value, dim):
    """Sum out the ``dim`` rightmost dimensions."""
    if dim == 0:
        return value
    return value.reshape(value.shape[:-dim] + (-1,)).sum(-1)


def expand_present(src, new, names, shape):
    """Give ``new`` those of ``src``'s attributes ``names`` already set (given or lazily computed), expanded to
    ``shape``; returns the last one (None if none is set)."""
    value = None
    for name in names:
        if name in src.__dict__:
            value = getattr(src, name).expand(shape)
            setattr(new, name, value)
    return value


def expand_probs_logits(src, new, param_shape):
    """Give ``new`` whichever of ``src``'s ``probs``/``logits`` are computed, expanded to ``param_shape``; when
    ``src`` keeps a ``_param``, ``new``'s is the last one set (as torch's ``expand`` of these distributions)."""
    value = expand_present(src, new, ("probs", "logits"), param_shape)
    if "_param" in src.__dict__:
        new._param = value


def logits_to_probs(logits, is_binary=False):
    """Log-odds -> probability (sigmoid), or unnormalized log-probabilities -> probabilities (softmax)."""
    if is_binary:
        return autograd.sigmoid(logits)
    return autograd.softmax(logits, dim=-1)


def clamp_probs(probs):
    """Clamp into ``[eps, 1 - eps]`` with ``eps`` the dtype's machine epsilon."""
    eps = autograd.finfo(probs.dtype).eps
    return probs.clamp(min=eps, max=1 - eps)


def probs_to_logits(probs, is_binary=False):
    ps_clamped = clamp_probs(probs)
    if is_binary:
        return autograd.log(ps_clamped) - autograd.log1p(-ps_clamped)
    return autograd.log(ps_clamped)


class lazy_property:
    """A property computed (with grad enabled) on first access, then stored as an instance attribute."""

    def __init__(self, wrapped):
        self.wrapped = wrapped
        update_wrapper(self, wrapped)

    def __get__(self, instance, obj_type=None):
        if instance is None:
            return _lazy_property_and_property(self.wrapped)
        with autograd.enable_grad():
            value = self.wrapped(instance)
        setattr(instance, self.wrapped.__name__, value)
        return value


class _lazy_property_and_property(lazy_property, property):
    def __init__(self, wrapped):
        property.__init__(self, wrapped)


class BinaryProbsLogits:
    """``probs`` / ``logits`` of a success probability, each derived lazily from the other (Bernoulli, Binomial,
    Geometric, NegativeBinomial, LogitRelaxedBernoulli): whichever the constructor got is set, the other is
    computed on first use; ``expand`` (``Distribution``'s) carries over those already set."""

    @lazy_property
    def logits(self):
        return probs_to_logits(self.probs, is_binary=True)

    @lazy_property
    def probs(self):
        return logits_to_probs(self.logits, is_binary=True)

    def _set_probs_or_logits(self, probs, logits, **others):
        """Store whichever of ``probs``/``logits`` is given (exactly one must be), broadcast together with the
        tensors ``others`` (stored first under their names; numbers take the first tensor's dtype); returns it."""
        if (probs is None) == (logits is None):
            raise ValueError("Either `probs` or `logits` must be specified, but not both.")
        name, value = ("probs", probs) if probs is not None else ("logits", logits)
        values = broadcast_all(*others.values(), value)
        for other, broadcast in zip(others, values):
            setattr(self, other, broadcast)
        setattr(self, name, values[-1])
        return values[-1]

    def _expand_extra(self, new, batch_shape):
        expand_probs_logits(self, new, batch_shape)


class ParamTensor:
    """``_param`` is the parameter tensor the constructor got (``probs`` or ``logits``); ``param_shape`` and
    ``_new`` follow it (Bernoulli, Binomial, NegativeBinomial, LogitRelaxedBernoulli, Categorical)."""

    def _new(self, *args, **kwargs):
        return self._param.new(*args, **kwargs)

    @property
    def param_shape(self):
        return self._param.size()


class RelaxedParams:
    """``temperature``, ``probs`` and ``logits`` of a relaxed distribution are its base's (RelaxedBernoulli,
    RelaxedOneHotCategorical: transforms of LogitRelaxedBernoulli, ExpRelaxedCategorical)."""

    @property
    def temperature(self):
        return self.base_dist.temperature

    @property
    def logits(self):
        return self.base_dist.logits

    @property
    def probs(self):
        return self.base_dist.probs


def _tril_mask(n, diag):
    arange = autograd.arange(n)
    return arange < arange.view(-1, 1) + (diag + 1)


def tril_matrix_to_vec(mat, diag=0):
    """The lower-triangular elements (below diagonal ``diag``) of a (batched) ``D x D`` matrix, in row order."""
    n = mat.shape[-1]
    if diag < -n or diag >= n:
        raise ValueError(f"diag ({diag}) provided is outside [{-n}, {n - 1}].")
    return mat[..., _tril_mask(n, diag)]


def vec_to_tril_matrix(vec, diag=0):
    """The inverse of ``tril_matrix_to_vec``: a (batched) lower-triangular ``D x D`` matrix from row-order values."""
    n = (-(1 + 2 * diag) + ((1 + 2 * diag) ** 2 + 8 * vec.shape[-1] + 4 * abs(diag) * (diag + 1)) ** 0.5) / 2
    if round(n) - n > autograd.finfo(vec.dtype).eps:
        raise ValueError(f"The size of last dimension is {vec.shape[-1]} which cannot be expressed as "
                         "the lower triangular part of a square D x D matrix.")
    n = round(n)
    mat = vec.new_zeros(tuple(vec.shape[:-1]) + (n, n))
    mat[..., _tril_mask(n, diag)] = vec
    return mat
