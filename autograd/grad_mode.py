"""Global switches of the tape: grad mode (no_grad & co.) and anomaly detection."""
import functools
import inspect
import sys


class _State:
    __slots__ = ("grad_enabled", "inference", "anomaly", "anomaly_check_nan", "saved_hooks", "saved_hooks_disabled")

    def __init__(self):
        self.grad_enabled = True
        self.inference = False
        self.anomaly = False
        self.anomaly_check_nan = True
        self.saved_hooks = None           # (pack, unpack) of the innermost autograd.graph.saved_tensors_hooks
        self.saved_hooks_disabled = None  # the error message of an active disable_saved_tensors_hooks


STATE = _State()


def is_grad_enabled():
    return STATE.grad_enabled


def is_inference_mode_enabled():
    return STATE.inference


def _wrap_generator(make_context, fn):
    """A decorated generator function runs each step (``next``/``send``/``throw``/``close``) inside a fresh
    context, as torch's: the mode holds while the generator's code runs, not while the caller's does."""
    @functools.wraps(fn)
    def generator(*args, **kwargs):
        gen = fn(*args, **kwargs)
        try:
            with make_context():
                response = gen.send(None)
            while True:
                try:
                    request = yield response
                except GeneratorExit:
                    with make_context():
                        gen.close()
                    raise
                except BaseException:
                    with make_context():
                        response = gen.throw(*sys.exc_info())
                else:
                    with make_context():
                        response = gen.send(request)
        except StopIteration as e:
            return e.value
    return generator


class _GradModeContext:
    """Base for context managers that double as decorators, like torch's."""

    _mode = None

    def __enter__(self):
        self._prev = STATE.grad_enabled
        STATE.grad_enabled = self._mode

    def __exit__(self, *exc):
        STATE.grad_enabled = self._prev
        return False

    def __call__(self, fn):
        if inspect.isgeneratorfunction(fn):
            return _wrap_generator(self.clone, fn)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self.clone():
                return fn(*args, **kwargs)
        return wrapper

    def clone(self):
        return self.__class__()


class _NoParamContext(_GradModeContext):
    """Usable as ``@ctx`` as well as ``@ctx()`` and ``with ctx():``."""

    def __new__(cls, orig_func=None):
        self = super().__new__(cls)
        if callable(orig_func):  # used as a decorator without parentheses
            return self(orig_func)
        return self

    def __init__(self, orig_func=None):
        pass


class no_grad(_NoParamContext):
    """Operations inside record no graph; use for evaluation and parameter updates."""

    _mode = False


class enable_grad(_NoParamContext):
    """Re-enable recording inside a no_grad block."""

    _mode = True


class inference_mode(no_grad):
    """no_grad that also marks every tensor made inside as an inference tensor (``is_inference()``): those
    cannot be saved for backward, updated in place or set to require grad outside inference mode."""

    def __init__(self, mode=True):
        self._inference_mode = mode

    def clone(self):
        return self.__class__(self._inference_mode)

    def __enter__(self):
        self._prev, self._prev_inference = STATE.grad_enabled, STATE.inference
        STATE.grad_enabled, STATE.inference = not self._inference_mode, self._inference_mode

    def __exit__(self, *exc):
        STATE.grad_enabled, STATE.inference = self._prev, self._prev_inference
        return False


class set_grad_enabled(_GradModeContext):
    """Set grad mode: works as a function call, a context manager and a decorator."""

    def __init__(self, mode):
        self._prev = STATE.grad_enabled
        self._mode = bool(mode)
        STATE.grad_enabled = self._mode

    def __enter__(self):
        pass

    def __call__(self, fn):
        STATE.grad_enabled = self._prev
        if inspect.isgeneratorfunction(fn):
            return _wrap_generator(self.clone, fn)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            prev = STATE.grad_enabled
            STATE.grad_enabled = self._mode
            try:
                return fn(*args, **kwargs)
            finally:
                STATE.grad_enabled = prev
        return wrapper

    def clone(self):
        return self.__class__(self._mode)


class detect_anomaly:
    """Record where each op was created and fail backward on the first NaN/Inf gradient, naming the op."""

    def __init__(self, check_nan=True):
        self.check_nan = check_nan

    def __enter__(self):
        self._prev = (STATE.anomaly, STATE.anomaly_check_nan)
        STATE.anomaly, STATE.anomaly_check_nan = True, self.check_nan
        return self

    def __exit__(self, *exc):
        STATE.anomaly, STATE.anomaly_check_nan = self._prev
        return False

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with detect_anomaly(self.check_nan):
                return fn(*args, **kwargs)
        return wrapper


class set_detect_anomaly:
    """Turn anomaly detection on or off now; as a context manager, restore the previous setting on exit."""

    def __init__(self, mode, check_nan=True):
        self._prev = (STATE.anomaly, STATE.anomaly_check_nan)
        STATE.anomaly, STATE.anomaly_check_nan = bool(mode), check_nan

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        STATE.anomaly, STATE.anomaly_check_nan = self._prev
        return False


def is_anomaly_enabled():
    return STATE.anomaly


def is_anomaly_check_nan_enabled():
    return STATE.anomaly_check_nan


def set_anomaly_enabled(enabled, check_nan=True):
    """``torch.set_anomaly_enabled``: the plain setter behind ``set_detect_anomaly``."""
    STATE.anomaly, STATE.anomaly_check_nan = bool(enabled), check_nan
