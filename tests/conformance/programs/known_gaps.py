# Fixed known gaps (GAPS.md, 2026-11-22 sweeps): namespace functions given lists/numbers, two-Tensor ops given a
# Python number, integer overflow in torch.tensor, i0 at infinity, heaviside's grad_fn, torch.tile's signature,
# masked assignment errors, builtin reprs of nn.functional, and NumPy's RuntimeWarnings kept quiet.

# %% kg_list_to_unary_functions
import torch

data = [0.5, -1.0, 2.0]
for fn in (torch.sigmoid, torch.exp, torch.tanh, torch.relu, torch.abs, torch.log1p):
    try:
        fn(data)
    except Exception as e:
        print(type(e).__name__, e)
print(torch.sigmoid(torch.tensor(data)))

# %% kg_tuple_and_list_to_reductions
import torch

scores = (3.0, 1.0, 4.0, 1.5)
for name in ("sum", "mean", "argmax", "max", "cumsum", "sort", "numel", "is_floating_point", "clone", "flatten"):
    try:
        getattr(torch, name)(scores)
    except Exception as e:
        print(type(e).__name__, e)
t = torch.tensor(scores)
print(torch.sum(t), torch.mean(t), torch.argmax(t), torch.numel(t), torch.is_floating_point(t))

# %% kg_numpy_and_number_inputs
import numpy as np
import torch

arr = np.array([1.0, 4.0, 9.0])
for bad in (arr, 4.0, 3, None, "x", np.float32(2.0)):
    try:
        torch.sqrt(bad)
    except Exception as e:
        print(type(e).__name__, e)
print(torch.sqrt(torch.from_numpy(arr)), torch.sqrt(torch.tensor(4.0)))

# %% kg_list_to_shape_and_linalg_functions
import torch

rows = [[1.0, 2.0], [3.0, 4.0]]
calls = [lambda: torch.reshape(rows, (4,)), lambda: torch.transpose(rows, 0, 1), lambda: torch.matmul(rows, torch.eye(2)),
         lambda: torch.softmax(rows, dim=1), lambda: torch.topk(rows, 1), lambda: torch.trace(rows),
         lambda: torch.softmax(input=rows, dim=0)]
for c in calls:
    try:
        c()
    except Exception as e:
        print(type(e).__name__, e)
m = torch.tensor(rows)
print(torch.reshape(m, (4,)), torch.det(m), torch.softmax(m, dim=1))

# %% kg_atan2_needs_tensors
import math
import torch

y = torch.tensor([1.0, -1.0, 0.0, 2.0])
for call in (lambda: torch.atan2(y, 1.0), lambda: torch.atan2(1.0, y), lambda: y.atan2(2), lambda: torch.arctan2(y, 0.5),
             lambda: y.arctan2(0.5)):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
angles = torch.atan2(y, torch.ones_like(y))
print(angles, angles * 180 / math.pi)
print(torch.atan2(y, torch.tensor(-1.0)), y.atan2(torch.tensor([2.0])))

# %% kg_hypot_logaddexp_need_tensors
import torch

a = torch.tensor([3.0, 5.0, 8.0])
for call in (lambda: torch.hypot(a, 4.0), lambda: a.hypot(4), lambda: torch.logaddexp(a, 0.0),
             lambda: a.logaddexp(1.0), lambda: torch.logaddexp2(a, 1.0), lambda: a.logaddexp2(2.0)):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
print(torch.hypot(a, torch.tensor(4.0)), torch.logaddexp(a, torch.zeros(3)), torch.logaddexp2(a, torch.tensor([1.0])))

# %% kg_fmax_fmin_nextafter_need_tensors
import torch

x = torch.tensor([1.0, float("nan"), -2.0, 0.5])
for call in (lambda: torch.fmax(x, 0.0), lambda: torch.fmin(x, 1), lambda: x.fmax(0.0), lambda: x.fmin(1.0),
             lambda: torch.nextafter(x, 2.0), lambda: x.nextafter(0.0), lambda: torch.fmax(0.0, x)):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
zero = torch.zeros(())
print(torch.fmax(x, zero), torch.fmin(x, torch.ones(4)))
one = torch.tensor([1.0])
print((torch.nextafter(one, torch.tensor([2.0])) - one).item(), (one - torch.nextafter(one, torch.zeros(1))).item())

# %% kg_maximum_minimum_method_positions
import torch

t = torch.tensor([0.2, 1.5, -3.0])
for call in (lambda: t.maximum(2), lambda: t.minimum(0.5), lambda: torch.maximum(t, 2.0), lambda: torch.minimum(1, t),
             lambda: t.maximum(other=1.0)):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
print(t.maximum(torch.tensor(0.0)), torch.minimum(t, torch.tensor([1.0, 1.0, 1.0])), t.clamp(min=0.0, max=1.0))

# %% kg_heaviside_arguments
import torch

x = torch.tensor([-1.5, 0.0, 2.0])
for call in (lambda: torch.heaviside(x, 0.5), lambda: x.heaviside(1), lambda: torch.heaviside(0.5, x),
             lambda: torch.heaviside(x, torch.tensor([0.5], dtype=torch.float64)),
             lambda: torch.heaviside(torch.tensor([1, 0, -2]), torch.tensor([7.0]))):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
print(torch.heaviside(x, torch.tensor([0.5])), x.heaviside(torch.tensor(1.0)))
print(torch.heaviside(torch.tensor([1, 0, -2]), torch.tensor([7])), torch.heaviside(x, values=torch.tensor([0.0, 9.0, 0.0])))

# %% kg_heaviside_grad_fn
import torch

w = torch.tensor([0.3, -0.2, 0.0], requires_grad=True)
step = torch.heaviside(w, torch.tensor([0.5]))
print(step, step.requires_grad, step.is_leaf, type(step.grad_fn).__name__)
print(step.grad_fn.name(), step.grad_fn.next_functions[0][0].name())
try:
    step.sum().backward()
except Exception as e:
    print(type(e).__name__, e)
v = torch.tensor([0.5], requires_grad=True)
print(torch.heaviside(torch.tensor([1.0, 0.0]), v))
with torch.no_grad():
    print(torch.heaviside(w, torch.tensor([0.5])))

# %% kg_uint8_tensor_overflow
import torch

for values in ([300], 300, [255], [256.0], [255.9], [-1], [-255], [-256], [True, 2], [[0, 128], [255, 400]], [-1.5], []):
    try:
        print(values, torch.tensor(values, dtype=torch.uint8))
    except Exception as e:
        print(values, type(e).__name__, e)

# %% kg_signed_int_tensor_overflow
import torch

checks = [([-128, 127], torch.int8), ([-129], torch.int8), ([200], torch.int8), ([40000], torch.int16),
          ([2**31 - 1], torch.int32), ([2**31], torch.int32), ([-2**31 - 1], torch.int32), (3e9, torch.int32),
          ([float("nan")], torch.int64), ([float("inf")], torch.int32), ([1e10], torch.int64), ([2**62], torch.int64)]
for values, dt in checks:
    try:
        print(torch.tensor(values, dtype=dt))
    except Exception as e:
        print(values, dt, type(e).__name__, e)

# %% kg_overflow_only_for_python_values
import numpy as np
import torch

print(torch.tensor(np.array([300, -1]), dtype=torch.uint8))  # NumPy arrays are cast like .to()
for values in ([np.int64(300)], [torch.tensor(300)], [np.int16(-300)]):
    try:
        print(torch.tensor(values, dtype=torch.uint8))
    except Exception as e:
        print(type(e).__name__, e)
print(torch.tensor([1e5], dtype=torch.float16), torch.tensor([70000.0, -1e40], dtype=torch.float16))
print(torch.as_tensor([3, 250], dtype=torch.uint8))
try:
    torch.as_tensor([3, 260], dtype=torch.uint8)
except Exception as e:
    print(type(e).__name__, e)

# %% kg_image_pixels_to_uint8
import torch

raw = [[0.0, 0.25, 0.5], [0.75, 1.0, 1.2]]
scaled = [[v * 255 for v in row] for row in raw]
try:
    img = torch.tensor(scaled, dtype=torch.uint8)
except Exception as e:
    print(type(e).__name__, e)
img = (torch.tensor(raw).clamp(0, 1) * 255).round().to(torch.uint8)
print(img, img.dtype, img.float().mean())
print(torch.tensor([int(v) for v in scaled[0]], dtype=torch.uint8))

# %% kg_float_to_int_tensor_exact
import torch

print(torch.tensor([16777217.0, -16777219.0], dtype=torch.int64))
print(torch.tensor([2.7, -2.7, 0.5], dtype=torch.int32), torch.tensor([0.0, 2.0, -0.5], dtype=torch.bool))
print(torch.tensor([[1.9, 2.1]], dtype=torch.int16), torch.tensor(123456789.0, dtype=torch.int64))

# %% kg_i0_at_infinity
import torch

x = torch.tensor([float("inf"), -float("inf"), 0.0, 1.0, -3.0, 50.0, float("nan")])
print(torch.i0(x))
print(torch.special.i0(x), torch.special.i1(x))
print(torch.special.i0e(x), torch.special.i1e(x))
print(x.double().i0())

# %% kg_kaiser_window_with_i0
import torch

n, beta = 9, 5.0
k = torch.arange(n, dtype=torch.float64)
ratio = 2 * k / (n - 1) - 1
w = torch.i0(beta * torch.sqrt(1 - ratio ** 2)) / torch.i0(torch.tensor(beta, dtype=torch.float64))
print(w)
print(torch.kaiser_window(n, periodic=False, beta=beta, dtype=torch.float64))
print(torch.allclose(w, torch.kaiser_window(n, periodic=False, beta=beta, dtype=torch.float64)))

# %% kg_tile_signature
import torch

x = torch.tensor([1, 2])
for call in (lambda: torch.tile(x, 2, 2), lambda: torch.tile(x, 2), lambda: torch.tile(x, 2.0)):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
print(torch.tile(x, (2, 2)), torch.tile(x, [3]), torch.tile(x, dims=(1, 2)))
print(x.tile(2, 2), x.tile(2), x.tile((2, 1, 1)).shape, x.tile(dims=(2,)))

# %% kg_masked_assignment_errors
import torch

x = torch.zeros(2, 3)
for call in (lambda: x.__setitem__(x > 5, torch.ones(2, 3)), lambda: x.__setitem__(x < 5, torch.ones(2)),
             lambda: x.__setitem__(torch.tensor([True, False]), torch.ones(2, 3)),
             lambda: x.__setitem__(torch.zeros(2, dtype=torch.bool), torch.tensor([1.0, 2.0]))):
    try:
        call()
        print("ok")
    except Exception as e:
        print(type(e).__name__, e)
x[x > 5] = 7.0
x[x > 5] = torch.tensor(7.0)
print(x)
x[torch.tensor([True, False])] = torch.ones(1, 3)
print(x)

# %% kg_masked_assignment_fill_values
import torch

scores = torch.tensor([[0.2, -1.0, 3.0], [4.0, -0.5, 0.0]])
mask = scores < 0
try:
    scores[mask] = torch.tensor([9.0, 8.0, 7.0])
except Exception as e:
    print(type(e).__name__, e)
scores[mask] = torch.tensor([9.0, 8.0])
print(scores)
empty = scores > 100
scores[empty] = torch.tensor([]).reshape(0)
print(scores, empty.sum())

# %% kg_builtin_function_reprs
import torch.nn.functional as F

for fn in (F.gelu, F.linear, F.logsigmoid, F.softplus, F.softshrink, F.one_hot, F.avg_pool2d, F.avg_pool3d,
           F.scaled_dot_product_attention, F.elu_, F.leaky_relu_, F.hardtanh_):
    print(fn, fn.__name__ if fn is not F.logsigmoid else "")
print(str(F.gelu), f"{F.linear}", F.gelu.__name__, callable(F.gelu))

# %% kg_activation_config_printing
import torch
import torch.nn.functional as F

config = {"hidden": 16, "activation": F.gelu, "layers": 2}
print(config)
acts = {"gelu": F.gelu, "softplus": F.softplus}
x = torch.tensor([-1.0, 0.0, 1.0])
for name, fn in acts.items():
    print(name, fn, fn(x))
print(F.gelu(x, approximate="tanh"), F.linear(x, torch.eye(3)))

# %% kg_transformer_activation_builtin
import copy
import pickle
import torch
import torch.nn as nn
import torch.nn.functional as F

layer = nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, activation="gelu")
print(layer.activation, layer.activation is F.gelu)
layer2 = nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, activation=F.gelu)
print(layer2.activation, copy.deepcopy(layer2).activation is F.gelu)
print(pickle.loads(pickle.dumps(F.gelu)) is F.gelu, pickle.loads(pickle.dumps({"act": F.softplus}))["act"])

# %% kg_log_sqrt_negative_quiet
import warnings
import torch

with warnings.catch_warnings(record=True) as caught:
    x = torch.tensor([-1.0, 0.0, 4.0])
    print(torch.log(x), torch.log2(x), torch.log10(x), torch.log1p(x - 1))
    print(torch.sqrt(x), torch.rsqrt(x))
print("warnings:", len(caught))

# %% kg_division_by_zero_quiet
import warnings
import torch

with warnings.catch_warnings(record=True) as caught:
    num = torch.tensor([1.0, -1.0, 0.0])
    print(num / 0, num / torch.zeros(3), 1 / torch.zeros(2), torch.zeros(2).reciprocal())
    print(torch.remainder(num, 0.0), torch.fmod(num, 0.0), num // 0)
print("warnings:", len(caught))

# %% kg_overflow_quiet
import warnings
import torch

with warnings.catch_warnings(record=True) as caught:
    big = torch.tensor([100.0, 1000.0])
    print(torch.exp(big), torch.expm1(big), big ** 20, torch.tensor([3e38]) * 10)
    print(torch.tensor([3e38, 3e38]).sum(), torch.tensor([1e5, -7e4]).half(), torch.tensor([1e5]).to(torch.float16))
print("warnings:", len(caught))

# %% kg_inf_arithmetic_quiet
import warnings
import torch

inf = float("inf")
with warnings.catch_warnings(record=True) as caught:
    print(torch.tensor([0.0]) * torch.tensor([inf]), torch.tensor([inf]) - inf, torch.tensor([inf]) + torch.tensor([-inf]))
    print(torch.acos(torch.tensor([2.0])), torch.asin(torch.tensor([-2.0])), torch.atanh(torch.tensor([1.0, 2.0])),
          torch.acosh(torch.tensor([0.5])))
    print(torch.tensor([0.0, -1.0]) ** -0.5, torch.tensor([float("nan"), inf]).long().shape)
print("warnings:", len(caught))

# %% kg_softmax_all_masked_quiet
import warnings
import torch
import torch.nn.functional as F

with warnings.catch_warnings(record=True) as caught:
    scores = torch.tensor([[1.0, 2.0, 3.0], [-float("inf")] * 3])
    print(torch.softmax(scores, dim=1), F.log_softmax(scores, dim=1))
    print(torch.logsumexp(scores, dim=1))
    print(torch.corrcoef(torch.ones(2, 3)))
print("warnings:", len(caught))

# %% kg_log_features_then_nan_to_num
import warnings
import torch

counts = torch.tensor([[0.0, 3.0, 10.0], [1.0, 0.0, 100.0]])
with warnings.catch_warnings(record=True) as caught:
    logs = torch.log(counts)
    clean = torch.nan_to_num(logs, neginf=0.0)
    ratio = counts[0] / counts[1]
print(logs, clean, ratio, torch.isfinite(ratio))
print("warnings:", len(caught))

# %% kg_gradients_at_singularities_quiet
import warnings
import torch

with warnings.catch_warnings(record=True) as caught:
    x = torch.tensor([0.0, 4.0], requires_grad=True)
    torch.sqrt(x).sum().backward()
    print(x.grad)
    y = torch.tensor([0.0, 2.0], requires_grad=True)
    torch.log(y).sum().backward()
    print(y.grad)
    a = torch.tensor([1.0], requires_grad=True)
    b = torch.tensor([0.0], requires_grad=True)
    (a / b).sum().backward()
    print(a.grad, b.grad)
print("warnings:", len(caught))
