"""``NegativeBinomial(total_count, probs=None, logits=None)``: failures before ``total_count`` successes, sampled
as a Gamma-Poisson mixture (as torch)."""
import autograd
from autograd import Size
from nn.functional import logsigmoid
from . import constraints
from ._gamma_ops import poisson
from .distribution import Distribution
from .gamma import Gamma
from .utils import BinaryProbsLogits, ParamTensor, lazy_property

__all__ = ["NegativeBinomial"]


class NegativeBinomial(BinaryProbsLogits, ParamTensor, Distribution):
    _expanded_attrs = ("total_count",)  # and probs / logits: BinaryProbsLogits
    arg_constraints = {"total_count": constraints.greater_than_eq(0),
                       "probs": constraints.half_open_interval(0.0, 1.0), "logits": constraints.real}
    support = constraints.nonnegative_integer

    def __init__(self, total_count, probs=None, logits=None, validate_args=None):
        self._param = self._set_probs_or_logits(probs, logits, total_count=total_count)
        self.total_count = self.total_count.type_as(self._param)
        super().__init__(self._param.size(), validate_args=validate_args)

    @property
    def mean(self):
        return self.total_count * autograd.exp(self.logits)

    @property
    def mode(self):
        return ((self.total_count - 1) * self.logits.exp()).floor().clamp(min=0.0)

    @property
    def variance(self):
        return self.mean / autograd.sigmoid(-self.logits)

    @lazy_property
    def _gamma(self):
        return Gamma(concentration=self.total_count, rate=autograd.exp(-self.logits), validate_args=False)

    def sample(self, sample_shape=Size()):
        with autograd.no_grad():
            return poisson(self._gamma.sample(sample_shape=sample_shape))

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        log_unnormalized_prob = self.total_count * logsigmoid(-self.logits) + value * logsigmoid(self.logits)
        log_normalization = (-autograd.lgamma(self.total_count + value) + autograd.lgamma(1.0 + value)
                             + autograd.lgamma(self.total_count))
        log_normalization = log_normalization.masked_fill(self.total_count + value == 0.0, 0.0)
        return log_unnormalized_prob - log_normalization
