"""Probability distributions (torch.distributions -> autograd.distributions), built from differentiable ops.

Random streams are NumPy's (seeded by ``autograd.manual_seed``), so samples differ from torch's in value only.
"""
from . import constraints
from .bernoulli import Bernoulli
from .cauchy import Cauchy
from .continuous_bernoulli import ContinuousBernoulli
from .gumbel import Gumbel
from .half_cauchy import HalfCauchy
from .half_normal import HalfNormal
from .mixture_same_family import MixtureSameFamily
from .pareto import Pareto
from .weibull import Weibull
from .beta import Beta
from .binomial import Binomial
from .categorical import Categorical
from .chi2 import Chi2
from .dirichlet import Dirichlet
from .distribution import Distribution
from .exp_family import ExponentialFamily
from .exponential import Exponential
from .gamma import Gamma
from .geometric import Geometric
from .independent import Independent
from .kl import kl_divergence, register_kl
from .laplace import Laplace
from .log_normal import LogNormal
from .lowrank_multivariate_normal import LowRankMultivariateNormal
from .multivariate_normal import MultivariateNormal
from .normal import Normal
from .poisson import Poisson
from .studentt import StudentT
from .one_hot_categorical import OneHotCategorical, OneHotCategoricalStraightThrough
from . import transforms
from .transformed_distribution import TransformedDistribution
from .transforms import *  # noqa: F401,F403
from .uniform import Uniform
from .von_mises import VonMises
from .kumaraswamy import Kumaraswamy
from .relaxed_bernoulli import LogitRelaxedBernoulli, RelaxedBernoulli
from .relaxed_categorical import ExpRelaxedCategorical, RelaxedOneHotCategorical
from .lkj_cholesky import LKJCholesky
from .wishart import Wishart
from .inverse_gamma import InverseGamma
from .fishersnedecor import FisherSnedecor
from .negative_binomial import NegativeBinomial
from .multinomial import Multinomial
from .logistic_normal import LogisticNormal
from . import constraint_registry
from .constraint_registry import biject_to, transform_to

__all__ = ["Bernoulli", "Categorical", "Distribution", "ExponentialFamily", "Independent", "Normal", "Uniform",
           "constraints", "kl_divergence", "register_kl"]
__all__ += ["Exponential", "Laplace", "LogNormal", "LowRankMultivariateNormal", "MultivariateNormal",
            "OneHotCategorical", "OneHotCategoricalStraightThrough", "TransformedDistribution"]
__all__ += transforms.__all__
__all__ += ["Beta", "Binomial", "Chi2", "Dirichlet", "Gamma", "Geometric", "Poisson", "StudentT"]
__all__ += ["Cauchy", "ContinuousBernoulli", "Gumbel", "HalfCauchy", "HalfNormal", "MixtureSameFamily", "Pareto",
            "Weibull"]
__all__ += ["Kumaraswamy", "LKJCholesky", "RelaxedBernoulli", "RelaxedOneHotCategorical", "VonMises", "Wishart",
            "biject_to", "transform_to"]
__all__ += ["FisherSnedecor", "InverseGamma", "LogisticNormal", "Multinomial", "NegativeBinomial"]
