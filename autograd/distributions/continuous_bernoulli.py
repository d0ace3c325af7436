"""``ContinuousBernoulli(probs=None, logits=None, lims=(0.499, 0.501))``: a [0, 1] density proportional to
``p**x (1-p)**(1-x)``; near ``p = 0.5`` (inside ``lims``) Taylor expansions replace the unstable closed forms."""
import math

import autograd
from autograd import Size
from nn.functional import binary_cross_entropy_with_logits
from . import constraints
from .exp_family import ExponentialFamily
from .utils import _Number, broadcast_all, clamp_probs, expand_probs_logits, lazy_property, logits_to_probs, \
    probs_to_logits

__all__ = ["ContinuousBernoulli"]


class ContinuousBernoulli(ExponentialFamily):
    arg_constraints = {"probs": constraints.unit_interval, "logits": constraints.real}
    support = constraints.unit_interval
    _mean_carrier_measure = 0
    has_rsample = True

    def __init__(self, probs=None, logits=None, lims=(0.499, 0.501), validate_args=None):
        if (probs is None) == (logits is None):
            raise ValueError("Either `probs` or `logits` must be specified, but not both.")
        if probs is not None:
            is_scalar = isinstance(probs, _Number)
            (self.probs,) = broadcast_all(probs)
            # checked before clamping, which would otherwise hide out-of-range values
            if validate_args is not None and not bool(self.arg_constraints["probs"].check(self.probs).all()):
                raise ValueError("The parameter probs has invalid values")
            self.probs = clamp_probs(self.probs)
        else:
            is_scalar = isinstance(logits, _Number)
            (self.logits,) = broadcast_all(logits)
        self._param = self.probs if probs is not None else self.logits
        batch_shape = Size() if is_scalar else self._param.size()
        self._lims = lims
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape, _instance=None):
        new = self._get_checked_instance(ContinuousBernoulli, _instance)
        new._lims = self._lims
        batch_shape = Size(batch_shape)
        expand_probs_logits(self, new, batch_shape)
        super(ContinuousBernoulli, new).__init__(batch_shape, validate_args=False)
        new._validate_args = self._validate_args
        return new

    def _outside_unstable_region(self):
        return (self.probs <= self._lims[0]) | (self.probs > self._lims[1])

    def _cut_probs(self):
        return autograd.where(self._outside_unstable_region(), self.probs,
                              self._lims[0] * autograd.ones_like(self.probs))

    def _cont_bern_log_norm(self):
        cut_probs = self._cut_probs()
        below = cut_probs <= 0.5
        cut_below_half = autograd.where(below, cut_probs, autograd.zeros_like(cut_probs))
        cut_above_half = autograd.where(cut_probs >= 0.5, cut_probs, autograd.ones_like(cut_probs))
        log_norm = autograd.log(autograd.abs(autograd.log1p(-cut_probs) - autograd.log(cut_probs))) - autograd.where(
            below, autograd.log1p(-2.0 * cut_below_half), autograd.log(2.0 * cut_above_half - 1.0))
        x = (self.probs - 0.5).pow(2)
        taylor = math.log(2.0) + (4.0 / 3.0 + 104.0 / 45.0 * x) * x
        return autograd.where(self._outside_unstable_region(), log_norm, taylor)

    @property
    def mean(self):
        cut_probs = self._cut_probs()
        mus = cut_probs / (2.0 * cut_probs - 1.0) + 1.0 / (autograd.log1p(-cut_probs) - autograd.log(cut_probs))
        x = self.probs - 0.5
        taylor = 0.5 + (1.0 / 3.0 + 16.0 / 45.0 * x.pow(2)) * x
        return autograd.where(self._outside_unstable_region(), mus, taylor)

    @property
    def stddev(self):
        return autograd.sqrt(self.variance)

    @property
    def variance(self):
        cut_probs = self._cut_probs()
        var = (cut_probs * (cut_probs - 1.0) / (1.0 - 2.0 * cut_probs).pow(2)
               + 1.0 / (autograd.log1p(-cut_probs) - autograd.log(cut_probs)).pow(2))
        x = (self.probs - 0.5).pow(2)
        taylor = 1.0 / 12.0 - (1.0 / 15.0 - 128.0 / 945.0 * x) * x
        return autograd.where(self._outside_unstable_region(), var, taylor)

    @lazy_property
    def logits(self):
        return probs_to_logits(self.probs, is_binary=True)

    @lazy_property
    def probs(self):
        return clamp_probs(logits_to_probs(self.logits, is_binary=True))

    @property
    def param_shape(self):
        return self._param.size()

    def sample(self, sample_shape=Size()):
        with autograd.no_grad():
            return self.rsample(sample_shape)

    def rsample(self, sample_shape=Size()):
        shape = self._extended_shape(sample_shape)
        return self.icdf(autograd.rand(shape, dtype=self.probs.dtype))

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        return -binary_cross_entropy_with_logits(logits, value, reduction="none") + self._cont_bern_log_norm()

    def cdf(self, value):
        if self._validate_args:
            self._validate_sample(value)
        cut_probs = self._cut_probs()
        cdfs = (cut_probs.pow(value) * (1.0 - cut_probs).pow(1.0 - value) + cut_probs - 1.0) / (2.0 * cut_probs - 1.0)
        unbounded = autograd.where(self._outside_unstable_region(), cdfs, value)
        return autograd.where(value <= 0.0, autograd.zeros_like(value),
                              autograd.where(value >= 1.0, autograd.ones_like(value), unbounded))

    def icdf(self, value):
        cut_probs = self._cut_probs()
        return autograd.where(
            self._outside_unstable_region(),
            (autograd.log1p(-cut_probs + value * (2.0 * cut_probs - 1.0)) - autograd.log1p(-cut_probs))
            / (autograd.log(cut_probs) - autograd.log1p(-cut_probs)),
            value)

    def entropy(self):
        log_probs0 = autograd.log1p(-self.probs)
        log_probs1 = autograd.log(self.probs)
        return self.mean * (log_probs0 - log_probs1) - self._cont_bern_log_norm() - log_probs0

    @property
    def _natural_params(self):
        return (self.logits,)

    def _log_normalizer(self, x):
        out_unst_reg = (x <= self._lims[0] - 0.5) | (x > self._lims[1] - 0.5)
        cut_nat_params = autograd.where(out_unst_reg, x, (self._lims[0] - 0.5) * autograd.ones_like(x))
        log_norm = (autograd.log(autograd.abs(autograd.exp(cut_nat_params) - 1.0))
                    - autograd.log(autograd.abs(cut_nat_params)))
        taylor = 0.5 * x + x.pow(2) / 24.0 - x.pow(4) / 2880.0
        return autograd.where(out_unst_reg, log_norm, taylor)
