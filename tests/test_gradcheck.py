"""gradcheck / gradgradcheck themselves: they pass right gradients and catch wrong ones, loudly."""
import numpy as np
import pytest

import autograd as A
from custom_functions import Cube


class WrongCube(Cube):
    """Deliberately wrong: the derivative of x**3 is not 2 x**2."""

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return 2 * g * x * x


class CubeFlatSecondOrder(Cube):
    """Right first derivative, but computed from a detached input: its second derivative is wrong (zero)."""

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return 3 * g * (x * x).detach()


class ScaleAdd(A.Function):
    """Two inputs, two outputs, a non-tensor argument: out1 = a*k + b, out2 = a*b."""

    @staticmethod
    def forward(ctx, a, b, k):
        ctx.save_for_backward(a, b)
        ctx.k = k
        return a * k + b, a * b

    @staticmethod
    def backward(ctx, g1, g2):
        a, b = ctx.saved_tensors
        return g1 * ctx.k + g2 * b, g1 + g2 * a, None


def _x(*shape, seed=0):
    return A.tensor(np.random.default_rng(seed).standard_normal(shape), requires_grad=True)


def test_correct_function_passes_both_checks():
    x = _x(2, 3)
    assert A.gradcheck(Cube.apply, (x,))
    assert A.gradgradcheck(Cube.apply, (x,))


def test_wrong_backward_raises_with_both_jacobians():
    """torch's message: both Jacobians (rows: input elements, columns: output elements) as tensors."""
    x = _x(2, 2)
    with pytest.raises(A.GradcheckError) as info:
        A.gradcheck(WrongCube.apply, (x,))
    assert isinstance(info.value, RuntimeError)
    msg = str(info.value)
    xs = x.detach().numpy().ravel()
    num, ana = A.tensor(np.diag(3 * xs ** 2)), A.tensor(np.diag(2 * xs ** 2))
    assert msg == f"Jacobian mismatch for output 0 with respect to input 0,\nnumerical:{num}\nanalytical:{ana}\n"


def test_raise_exception_false_returns_false():
    x = _x(3)
    assert A.gradcheck(WrongCube.apply, (x,), raise_exception=False) is False
    assert A.gradgradcheck(CubeFlatSecondOrder.apply, (x,), raise_exception=False) is False


def test_gradgradcheck_catches_a_wrong_second_derivative():
    x = _x(3)
    assert A.gradcheck(CubeFlatSecondOrder.apply, (x,))
    with pytest.raises(A.GradcheckError):
        A.gradgradcheck(CubeFlatSecondOrder.apply, (x,))


def test_multiple_inputs_outputs_and_non_tensor_arguments():
    a, b = _x(2, 3, seed=1), _x(2, 3, seed=2)
    assert A.gradcheck(ScaleAdd.apply, (a, b, 2.5))
    assert A.gradgradcheck(ScaleAdd.apply, (a, b, 2.5))
    c = A.tensor(np.ones((2, 3)))  # does not require grad: not checked, still used
    assert A.gradcheck(ScaleAdd.apply, (a, c, -1.0))


def test_non_contiguous_inputs():
    base = _x(3, 4)
    xt = A.from_numpy(np.ascontiguousarray(base.detach().numpy().T).T).requires_grad_()
    assert not xt.is_contiguous()
    assert A.gradcheck(lambda t: (t * t.exp()).sum(0), (xt,))
    assert A.gradcheck(lambda t: t.transpose(0, 1).softmax(0), (base,))


def test_check_tolerances_are_used():
    x = _x(3)

    class Slightly(Cube):
        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 3 * g * x * x * (1 + 1e-4)

    assert A.gradcheck(Slightly.apply, (x,), rtol=1e-3)
    assert A.gradcheck(Slightly.apply, (x,), rtol=1e-7, atol=1e-9, raise_exception=False) is False


def test_needs_an_input_that_requires_grad_and_warns_on_float32():
    with pytest.raises(ValueError, match="requires_grad"):
        A.gradcheck(Cube.apply, (A.ones(2, dtype=A.float64),))
    with pytest.warns(UserWarning, match="double precision"):
        A.gradcheck(Cube.apply, (A.ones(2, requires_grad=True),), eps=1e-2, atol=1e-2, rtol=1e-2)
