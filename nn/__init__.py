"""Neural-network building blocks (``torch.nn`` -> ``nn``)."""
# --- core: Module, Parameter, containers (nn-core) -----------------------------------------------
from .parameter import Parameter, Buffer, UninitializedParameter, UninitializedBuffer  # noqa: F401
from .module import Module  # noqa: F401
from .modules.container import Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict  # noqa: F401
# --- linear, activations, losses (nn-core) --------------------------------------------------------
from .modules.linear import Identity, Linear, Bilinear, LazyLinear  # noqa: F401
from .modules.flatten import Flatten, Unflatten  # noqa: F401
from .modules.activation import *  # noqa: F401,F403
from .modules.loss import *  # noqa: F401,F403
# --- conv, pooling, normalisation, dropout, embedding (nn-layers) --------------------------------
from .modules.conv import *  # noqa: F401,F403
from .modules.pooling import *  # noqa: F401,F403
from .modules.batchnorm import *  # noqa: F401,F403
from .modules.instancenorm import *  # noqa: F401,F403
from .modules.normalization import *  # noqa: F401,F403
from .modules.dropout import *  # noqa: F401,F403
from .modules.sparse import *  # noqa: F401,F403
from .modules.padding import *  # noqa: F401,F403
# --- distances, margin/embedding/likelihood losses (conformance) --------------------------------
from .modules.distance import *  # noqa: F401,F403
from .modules.loss_extra import *  # noqa: F401,F403
from .modules.transformer import *  # noqa: F401,F403
from .modules.resample import *  # noqa: F401,F403
from .modules.local_norm import *  # noqa: F401,F403
from .modules.adaptive import *  # noqa: F401,F403
from .modules.lazy_norm import *  # noqa: F401,F403
from .modules.fractional3d import *  # noqa: F401,F403
# --- recurrent (nn-rnn) ---------------------------------------------------------------------------
from .modules.rnn import RNNBase, RNN, LSTM, GRU, RNNCellBase, RNNCell, LSTMCell, GRUCell  # noqa: F401
# --- submodules -----------------------------------------------------------------------------------
from . import functional, init, modules, utils  # noqa: F401,E402
from .parallel import DataParallel  # noqa: F401,E402  (CPU: a passthrough wrapper)
from .modules.container import Container  # noqa: F401,E402
from .modules.linear_cross_entropy import LinearCrossEntropyLoss  # noqa: F401,E402
