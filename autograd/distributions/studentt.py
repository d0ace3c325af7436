"""``StudentT(df, loc=0.0, scale=1.0)``: Student's t; reparameterized as normal / sqrt(chi2 / df)."""
import math

import autograd
from autograd import Size
from . import constraints
from .chi2 import Chi2
from .distribution import Distribution
from .utils import broadcast_all

__all__ = ["StudentT"]


class StudentT(Distribution):
    _expanded_attrs = ('df', 'loc', 'scale', '_chi2')
    arg_constraints = {"df": constraints.positive, "loc": constraints.real, "scale": constraints.positive}
    support = constraints.real
    has_rsample = True

    @property
    def mean(self):
        return autograd.where(self.df <= 1, autograd.nan, self.loc)

    @property
    def mode(self):
        return self.loc

    @property
    def variance(self):
        m = self.df.clone()
        finite = self.df > 2
        m[finite] = self.scale[finite].pow(2) * self.df[finite] / (self.df[finite] - 2)
        m[(self.df <= 2) & (self.df > 1)] = math.inf
        m[self.df <= 1] = math.nan
        return m

    def __init__(self, df, loc=0.0, scale=1.0, validate_args=None):
        self.df, self.loc, self.scale = broadcast_all(df, loc, scale)
        self._chi2 = Chi2(self.df)
        super().__init__(self.df.size(), validate_args=validate_args)

    def rsample(self, sample_shape=Size()):
        shape = self._extended_shape(sample_shape)
        X = autograd.randn(shape, dtype=self.df.dtype)
        Z = self._chi2.rsample(sample_shape)
        Y = X * autograd.rsqrt(Z / self.df)
        return self.loc + self.scale * Y

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        y = (value - self.loc) / self.scale
        Z = (self.scale.log() + 0.5 * self.df.log() + 0.5 * math.log(math.pi)
             + autograd.lgamma(0.5 * self.df) - autograd.lgamma(0.5 * (self.df + 1.0)))
        return -0.5 * (self.df + 1.0) * autograd.log1p(y ** 2.0 / self.df) - Z

    def entropy(self):
        lbeta = autograd.lgamma(0.5 * self.df) + math.lgamma(0.5) - autograd.lgamma(0.5 * (self.df + 1))
        return (self.scale.log()
                + 0.5 * (self.df + 1) * (autograd.digamma(0.5 * (self.df + 1)) - autograd.digamma(0.5 * self.df))
                + 0.5 * self.df.log() + lbeta)
