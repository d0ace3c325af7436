"""Probability distributions (torch.distributions -> autograd.distributions), built from differentiable ops.

Random streams are NumPy's (seeded by ``autograd.manual_seed``), so samples differ from torch's in value only.
"""
from . import constraints
from .bernoulli import Bernoulli
from .categorical import Categorical
from .distribution import Distribution
from .exp_family import ExponentialFamily
from .independent import Independent
from .kl import kl_divergence, register_kl
from .normal import Normal
from .uniform import Uniform

__all__ = ["Bernoulli", "Categorical", "Distribution", "ExponentialFamily", "Independent", "Normal", "Uniform",
           "constraints", "kl_divergence", "register_kl"]
