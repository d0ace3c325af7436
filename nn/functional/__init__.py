"""Stateless functional forms of the layers and losses (``torch.nn.functional`` -> ``nn.functional``)."""
# --- activations, linear, losses, softmax (nn-core) -----------------------------------------------
# --- conv, pooling, normalisation, dropout, embedding, pad (nn-layers) ----------------------------
# --- recurrent helpers (nn-rnn) -------------------------------------------------------------------
