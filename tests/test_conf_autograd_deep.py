"""autograd.functional (torch's algorithm: strict checks, strategies, input validation), gradcheck's message,
checkpoint's warnings and the anomaly-mode flags; values checked against closed forms (no torch needed)."""
import warnings

import numpy as np
import pytest

import autograd as A
from autograd.functional import hessian, hvp, jacobian, jvp, vhp, vjp
from autograd.gradcheck import GradcheckError
from autograd.utils.checkpoint import checkpoint, checkpoint_sequential


def _f(a, b):
    return (a.unsqueeze(1) * b).exp(), a.sum() * b


def _ab():
    return A.tensor([0.3, -0.7]), A.tensor([0.5, 1.0, -2.0])


@pytest.mark.parametrize("kw", [{}, {"vectorize": True}, {"vectorize": True, "strategy": "forward-mode"}])
def test_jacobian_all_strategies_match_closed_form(kw):
    a, b = _ab()
    (ja, jb), (ka, kb) = jacobian(_f, (a, b), **kw)
    an, bn = a.numpy(), b.numpy()
    e = np.exp(an[:, None] * bn)
    ja_ref = np.zeros((2, 3, 2))
    jb_ref = np.zeros((2, 3, 3))
    for i in range(2):
        ja_ref[i, :, i] = e[i] * bn
        for j in range(3):
            jb_ref[i, j, j] = e[i, j] * an[i]
    np.testing.assert_allclose(ja.numpy(), ja_ref, rtol=1e-5)
    np.testing.assert_allclose(jb.numpy(), jb_ref, rtol=1e-5)
    np.testing.assert_allclose(ka.numpy(), np.tile(bn[:, None], (1, 2)), rtol=1e-6)
    np.testing.assert_allclose(kb.numpy(), an.sum() * np.eye(3), rtol=1e-6)


def test_hessian_forward_over_reverse_matches_reverse():
    x = A.tensor([1.0, 2.0])
    f = lambda t: (t[0] ** 2 * t[1] + t[1] ** 3).sum()  # noqa: E731
    h1 = hessian(f, x)
    h2 = hessian(f, x, vectorize=True, outer_jacobian_strategy="forward-mode")
    np.testing.assert_allclose(h1.numpy(), [[4.0, 2.0], [2.0, 12.0]])
    np.testing.assert_allclose(h2.numpy(), h1.numpy())


@pytest.mark.parametrize("call, exc, msg", [
    (lambda x, y: jacobian(lambda a, b: a * 2, (x, y), strict=True), RuntimeError,
     "Output 0 of the user-provided function is independent of input 1. This is not allowed in strict mode."),
    (lambda x, y: jacobian(lambda a: A.ones(2), x, strict=True), RuntimeError,
     "Output 0 of the user-provided function does not require gradients."),
    (lambda x, y: vjp(lambda a, b: (a * 2).sum(), (x, y), strict=True), RuntimeError,
     "The output of the user-provided function is independent of input 1."),
    (lambda x, y: jvp(lambda a, b: a * 2, (x, y), (x, y), strict=True), RuntimeError,
     "The output of the user-provided function is independent of input 1."),
    (lambda x, y: hvp(lambda a: a.sum() * 2, x, x, strict=True), RuntimeError,
     "While computing the hessian, found that the jacobian of the user-provided function with respect to input 0"),
    (lambda x, y: vhp(lambda a: a * 2, x, x), RuntimeError,
     "The Tensor returned by the function given to vhp should contain a single element"),
    (lambda x, y: jacobian(lambda a: a, x, strict=True, vectorize=True), RuntimeError,
     "`strict=True` and `vectorized=True` are not supported together"),
    (lambda x, y: jacobian(lambda a: a, x, strategy="sideways"), AssertionError,
     'Expected strategy to be either "forward-mode" or "reverse-mode".'),
    (lambda x, y: jacobian(lambda a: a, x, strategy="forward-mode"), NotImplementedError,
     "only implemented for `vectorize=True`"),
    (lambda x, y: jacobian(lambda a: a, [x, y]), TypeError,
     "The inputs given to jacobian must be either a Tensor or a tuple of Tensors but the given inputs has type "
     "<class 'list'>."),
    (lambda x, y: vjp(lambda a: (a, a), x, (x,)), RuntimeError,
     "v is a tuple of invalid length: should be 2 but got 1."),
    (lambda x, y: hvp(lambda a, b: (a * b).sum(), (x, x), (x, y)), RuntimeError,
     "Entry 1 in v has invalid size: should be"),
])
def test_functional_errors_are_torchs(call, exc, msg):
    x, y = A.tensor([1.0, 2.0]), A.tensor([3.0, 4.0, 5.0])
    with pytest.raises(exc) as info:
        call(x, y)
    assert msg in str(info.value)


def test_functional_create_graph_and_untouched_inputs():
    x = A.tensor([0.5, 1.5], requires_grad=True)
    _, hv = hvp(lambda t: (t ** 3).sum(), x, A.ones(2), create_graph=True)
    assert hv.requires_grad and x.grad is None
    (g,) = A.autograd.grad(hv.sum(), x)
    np.testing.assert_allclose(g.numpy(), [6.0, 6.0])
    out, v = vjp(lambda t: t ** 2, x, A.ones(2))
    assert not out.requires_grad and not v.requires_grad and x.grad is None


def test_gradcheck_message_numbers_differentiable_inputs_and_outputs():
    class Wrong(A.autograd.Function):
        @staticmethod
        def forward(ctx, t):
            ctx.save_for_backward(t)
            return t ** 2

        @staticmethod
        def backward(ctx, g):
            (t,) = ctx.saved_tensors
            return g * t

    c = A.ones(2, dtype=A.float64)
    a = A.tensor([1.0, 2.0], dtype=A.float64, requires_grad=True)
    b = A.tensor([1.0, 2.0], dtype=A.float64, requires_grad=True)
    with pytest.raises(GradcheckError) as info:
        A.autograd.gradcheck(lambda c, a, b: (c * 0, a * 2, Wrong.apply(b)), (c, a, b))
    assert str(info.value).startswith("Jacobian mismatch for output 1 with respect to input 1,\nnumerical:tensor(")


def test_checkpoint_warnings_and_reentrant_argument_errors():
    w = A.tensor([1.0, 2.0], requires_grad=True)
    x = A.tensor([3.0, 4.0])
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        y = checkpoint(lambda t: t * w, x, use_reentrant=True)
    assert not y.requires_grad
    assert any("None of the inputs have requires_grad=True" in str(r.message) for r in rec)
    with pytest.raises(ValueError, match="only supported when use_reentrant=False"):
        checkpoint(lambda t: t, x, use_reentrant=True, debug=True)
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        checkpoint(lambda t: t * w, x)
    assert any("use_reentrant parameter should be passed explicitly" in str(r.message) for r in rec)
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        checkpoint_sequential([lambda t: t * 2, lambda t: t + 1], 1, x)
    assert any("checkpoint_sequential: the use_reentrant parameter" in str(r.message) for r in rec)


def test_anomaly_flags():
    assert not A.is_anomaly_enabled() and A.is_anomaly_check_nan_enabled()
    with A.autograd.detect_anomaly(check_nan=False):
        assert A.is_anomaly_enabled() and not A.is_anomaly_check_nan_enabled()
    A.set_anomaly_enabled(True, check_nan=False)
    try:
        assert A.is_anomaly_enabled() and not A.is_anomaly_check_nan_enabled()
    finally:
        A.set_anomaly_enabled(False)
    assert not A.is_anomaly_enabled() and A.is_anomaly_check_nan_enabled()
