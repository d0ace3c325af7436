"""Neural-network building blocks (``torch.nn`` -> ``nn``)."""
# --- core: Module, Parameter, containers (nn-core) -----------------------------------------------
# --- linear, activations, losses (nn-core) --------------------------------------------------------
# --- conv, pooling, normalisation, dropout, embedding (nn-layers) --------------------------------
# --- recurrent (nn-rnn) ---------------------------------------------------------------------------
# --- submodules -----------------------------------------------------------------------------------
