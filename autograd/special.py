"""``torch.special`` (as ``autograd.special``): the special functions under their SciPy-style names."""
from .ops.misc import digamma, erfc, erfinv, logit, sinc, xlogy, exp2, lgamma as gammaln
from .ops.pointwise import erf, expm1, log1p, polygamma, round as _round, sigmoid as expit
from .ops.reduction import logsumexp
from .ops.special import (entr, erfcx, i0, i0e, i1, i1e, log_ndtr, multigammaln, ndtr, ndtri, xlog1py,
                          zeta)
from .ops.softmax import softmax as _softmax, log_softmax as _log_softmax

psi = digamma

__all__ = ["digamma", "entr", "erf", "erfc", "erfcx", "erfinv", "exp2", "expit", "expm1", "gammaln", "i0", "i0e",
           "i1", "i1e", "log1p", "log_ndtr", "log_softmax", "logit", "logsumexp", "multigammaln", "ndtr", "ndtri",
           "polygamma", "psi", "round", "sinc", "softmax", "xlog1py", "xlogy", "zeta"]


def round(input, *, decimals=0):
    return _round(input, decimals=decimals)


def softmax(input, dim, *, dtype=None):
    return _softmax(input, dim, dtype=dtype)


def log_softmax(input, dim, *, dtype=None):
    return _log_softmax(input, dim, dtype=dtype)
