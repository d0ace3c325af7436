"""Stateless functional forms of the layers and losses (``torch.nn.functional`` -> ``nn.functional``)."""
# --- activations, linear, losses, softmax (nn-core) -----------------------------------------------
from .linear import linear, bilinear  # noqa: F401
from .activation import *  # noqa: F401,F403
from .loss import *  # noqa: F401,F403
# --- conv, pooling, normalisation, dropout, embedding, pad (nn-layers) ----------------------------
from .conv import *  # noqa: F401,F403
from .pooling import *  # noqa: F401,F403
from .normalization import *  # noqa: F401,F403
from .dropout import *  # noqa: F401,F403
from .sparse import *  # noqa: F401,F403
from .padding import *  # noqa: F401,F403
# --- recurrent helpers (nn-rnn) -------------------------------------------------------------------
# --- distances, margin/embedding/likelihood losses (conformance) --------------------------------
from .distance import *  # noqa: F401,F403
from .loss_extra import *  # noqa: F401,F403
from .attention import *  # noqa: F401,F403
from .resample import *  # noqa: F401,F403
from .local_norm import *  # noqa: F401,F403
from .ctc import *  # noqa: F401,F403
from .sampling import *  # noqa: F401,F403
from .fractional3d import *  # noqa: F401,F403
from .linear_cross_entropy import linear_cross_entropy  # noqa: F401
from ._checks import install as _install_checks  # noqa: E402
_install_checks(globals())  # F.relu([1.0]) -> TypeError naming the op, as in PyTorch
from ._builtins import install as _install_builtins  # noqa: E402
_install_builtins(globals())  # F.gelu prints as <built-in function gelu>, as torch's C++ functions do
