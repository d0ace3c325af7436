"""``autograd.graph`` (torch.autograd.graph): hooks on the tensors the tape saves for backward.

``saved_tensors_hooks(pack_hook, unpack_hook)``: while the context is active, every tensor an op saves
for its backward goes through ``pack_hook`` at once, and the backward reads ``unpack_hook(packed)``
instead (to compress, offload or log saved activations). Built-in ops keep some small bookkeeping
arrays of their own (pooling indices, convolution patches) outside the hooks.
"""
from .function import Node
from .grad_mode import STATE

__all__ = ["Node", "saved_tensors_hooks", "save_on_cpu", "disable_saved_tensors_hooks", "increment_version"]


class saved_tensors_hooks:
    """Context manager setting a pair of pack / unpack hooks for saved tensors (innermost pair wins)."""

    def __init__(self, pack_hook, unpack_hook):
        self.pack_hook = pack_hook
        self.unpack_hook = unpack_hook

    def __enter__(self):
        if STATE.saved_hooks_disabled is not None:
            raise RuntimeError(STATE.saved_hooks_disabled)
        self._prev = STATE.saved_hooks
        STATE.saved_hooks = (self.pack_hook, self.unpack_hook)
        return None

    def __exit__(self, *exc):
        STATE.saved_hooks = self._prev
        return False


class save_on_cpu(saved_tensors_hooks):
    """Keep saved tensors on the CPU until backward; everything already lives there, so the tensors are
    kept as they are (``pin_memory`` is accepted for compatibility)."""

    def __init__(self, pin_memory=False, device_type="cuda"):
        super().__init__(lambda t: (t.device, t), lambda packed: packed[1].to(packed[0]))


class disable_saved_tensors_hooks:
    """Inside, entering ``saved_tensors_hooks`` raises ``RuntimeError(error_message)``."""

    def __init__(self, error_message):
        self.error_message = error_message

    def __enter__(self):
        self._prev = STATE.saved_hooks_disabled
        STATE.saved_hooks_disabled = self.error_message
        return None

    def __exit__(self, *exc):
        STATE.saved_hooks_disabled = self._prev
        return False


def increment_version(tensor):
    """Mark ``tensor`` as modified in place (its saved copies then fail the backward's version check)."""
    tensor._version_counter[0] += 1
