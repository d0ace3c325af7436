"""``HalfCauchy(scale)``: ``|X|`` for ``X ~ Cauchy(0, scale)``; shares HalfNormal's folding formulas."""
import math

import autograd
from .cauchy import Cauchy
from .half_normal import HalfNormal

__all__ = ["HalfCauchy"]


class HalfCauchy(HalfNormal):
    _base = Cauchy

    @property
    def mean(self):
        return autograd.full(self._extended_shape(), math.inf, dtype=self.scale.dtype)

    @property
    def variance(self):
        return self.base_dist.variance

    def log_prob(self, value):
        if not isinstance(value, autograd.Tensor):
            value = autograd.tensor(value, dtype=self.scale.dtype)
        return super().log_prob(value)
