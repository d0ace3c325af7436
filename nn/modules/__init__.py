"""Layer classes; ``nn`` re-exports them (``torch.nn.modules`` -> ``nn.modules``)."""
from ..module import Module  # noqa: F401
# --- core: containers, linear, flatten, activations, losses (nn-core) ------------------------------
from .container import Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict  # noqa: F401
from .linear import Identity, Linear, Bilinear  # noqa: F401
from .flatten import Flatten, Unflatten  # noqa: F401
from .activation import *  # noqa: F401,F403
from .loss import *  # noqa: F401,F403
# --- conv, pooling, normalisation, dropout, embedding (nn-layers) --------------------------------
from .conv import *  # noqa: F401,F403
from .pooling import *  # noqa: F401,F403
from .batchnorm import *  # noqa: F401,F403
from .instancenorm import *  # noqa: F401,F403
from .normalization import *  # noqa: F401,F403
from .dropout import *  # noqa: F401,F403
from .sparse import *  # noqa: F401,F403
from .padding import *  # noqa: F401,F403
from .adaptive import AdaptiveLogSoftmaxWithLoss  # noqa: F401
# --- recurrent (nn-rnn) ---------------------------------------------------------------------------
from .rnn import RNNBase, RNN, LSTM, GRU, RNNCellBase, RNNCell, LSTMCell, GRUCell  # noqa: F401
