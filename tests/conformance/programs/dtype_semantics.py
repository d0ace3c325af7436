# dtype rules and integer semantics: promotion categories, casts, integer division, overflow, in-place casting.

# %% dt_promote_types_table strict
import torch

dts = [torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float16, torch.float32, torch.float64]
for a in dts:
    print(str(a).split(".")[-1].ljust(8), " ".join(str(torch.promote_types(a, b)).split(".")[-1] for b in dts))

# %% dt_can_cast_table strict
import torch

dts = [torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float16, torch.float32, torch.float64]
for a in dts:
    print(str(a).split(".")[-1].ljust(8), "".join("1" if torch.can_cast(a, b) else "0" for b in dts))

# %% dt_result_type_scalars strict
import torch

i8 = torch.tensor([1, 2], dtype=torch.int8)
u8 = torch.tensor([1, 2], dtype=torch.uint8)
h = torch.tensor([1.0], dtype=torch.float16)
b = torch.tensor([True])
print(torch.result_type(i8, 1), torch.result_type(i8, 1.0), torch.result_type(i8, True), torch.result_type(u8, i8))
print(torch.result_type(h, 1.0), torch.result_type(h, 2), torch.result_type(b, 1), torch.result_type(b, False), torch.result_type(b, 2.5))
print(torch.result_type(torch.tensor(1.0, dtype=torch.float64), i8), torch.result_type(torch.tensor(1, dtype=torch.int64), u8))
print(torch.result_type(torch.tensor(1.0, dtype=torch.float64), h), torch.result_type(torch.tensor([1.0]), torch.tensor(1.0, dtype=torch.float64)))
print(torch.result_type(1, 2.0), torch.result_type(2, 3), torch.result_type(True, 1), torch.result_type(torch.tensor(True), torch.tensor(5, dtype=torch.int16)))
print(torch.result_type(u8, torch.tensor(-1)), torch.result_type(torch.tensor(1, dtype=torch.int32), torch.tensor([1], dtype=torch.int16)))

# %% dt_zero_dim_vs_ndim strict
import torch

x8 = torch.tensor([10, 20], dtype=torch.int8)
f16 = torch.tensor([1.5, 2.5], dtype=torch.float16)
f32 = torch.tensor([1.0, 2.0])
print((x8 + torch.tensor(1000)).dtype, x8 + torch.tensor(1000), (x8 + torch.tensor([1000])).dtype)
print((f16 * torch.tensor(2.0, dtype=torch.float64)).dtype, (f16 * torch.tensor([2.0], dtype=torch.float64)).dtype)
print((x8 + torch.tensor(1.5)).dtype, (x8 + torch.tensor(1.5, dtype=torch.float64)).dtype, (f32 + torch.tensor(3, dtype=torch.int64)).dtype)
print((torch.tensor(2, dtype=torch.int32) * torch.tensor(3, dtype=torch.int64)).dtype, (torch.tensor(1.0) + torch.tensor(1.0, dtype=torch.float64)).dtype)
print((torch.tensor([True, False]) + torch.tensor(3, dtype=torch.uint8)).dtype, (torch.tensor(True) + torch.tensor([3], dtype=torch.int16)).dtype)
print(torch.cat([x8, torch.tensor([1000], dtype=torch.int16)]).dtype, torch.stack([f32, torch.tensor([1.0, 2.0], dtype=torch.float64)]).dtype)

# %% dt_uint8_int8_mix strict
import torch

u = torch.tensor([0, 100, 200, 255], dtype=torch.uint8)
s = torch.tensor([-1, 50, -100, 127], dtype=torch.int8)
r = u + s
print(r, r.dtype)
print(u - s, (u * s).dtype, u > s, u == s.to(torch.uint8))
print(u - 1, u.dtype, (u - 1).dtype, torch.tensor([0], dtype=torch.uint8) - 1)
print(u + 1, s + 1, s * 2, -s, s.abs())
print(u.to(torch.int8), s.to(torch.uint8), (u // s).dtype, torch.maximum(u, s), torch.minimum(u, s))

# %% dt_integer_overflow_wrap strict
import torch

i32 = torch.tensor([2147483647, -2147483648], dtype=torch.int32)
print(i32 + 1, i32 - 1, i32 * 2, (i32 + 1).dtype)
i16 = torch.tensor([32767, -32768], dtype=torch.int16)
print(i16 + 1, i16 * 3, i16.sum(), i16.sum().dtype)
i64 = torch.tensor([9223372036854775807])
print(i64 + 1, i64 * 2)
u8 = torch.tensor([250, 251, 252], dtype=torch.uint8)
print(u8 + u8, u8 * u8, u8.sum(), u8.sum().dtype, u8.cumsum(0), u8.prod())
print(torch.tensor([200], dtype=torch.uint8) + torch.tensor([100], dtype=torch.uint8), torch.tensor([-128], dtype=torch.int8) * -1)

# %% dt_bool_arithmetic strict
import torch

a = torch.tensor([True, False, True])
b = torch.tensor([True, True, False])
print(a + b, (a + b).dtype, a * b, a & b, a | b, a ^ b, ~a)
print(a + 1, a * 2.5, a.sum(), a.sum().dtype, a.float().mean(), a.int() - b.int())
for f in [lambda: a - b, lambda: a - 1, lambda: 1 - a, lambda: -a, lambda: torch.sub(a, b)]:
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, e)
print(a.logical_not(), torch.logical_xor(a, b), a.any(), a.all(), a.prod(), a.prod().dtype)

# %% dt_floor_trunc_negative strict
import torch

a = torch.tensor([-7, -6, -5, -1, 0, 1, 5, 6, 7])
for d in [3, -3, 2]:
    print(d, a // d, torch.floor_divide(a, d), a % d, torch.fmod(a, d), torch.remainder(a, d))
    print(d, torch.div(a, d, rounding_mode="trunc"), torch.div(a, d, rounding_mode="floor"), (a / d).dtype)
x = torch.tensor([-7.5, -2.0, 2.0, 7.5])
print(torch.div(x, 2, rounding_mode="trunc"), torch.div(x, -2, rounding_mode="floor"), x // 2, x % -2, torch.fmod(x, -2))
print(torch.remainder(-7, torch.tensor([3, -3])), torch.fmod(torch.tensor([-7]), torch.tensor([3.5])).dtype, 7 % torch.tensor([-3, 3]))

# %% dt_int_div_by_zero strict
import torch

a = torch.tensor([5, -5, 0])
print(a / 0, (a / 0).dtype, a.float() // 0, a.float() % 0, torch.fmod(a.float(), 0.0))
print(torch.div(a.float(), 0, rounding_mode="trunc"), torch.div(a.float(), 0, rounding_mode="floor"))
tests = [lambda: a // 0, lambda: a % 0, lambda: torch.fmod(a, 0), lambda: torch.div(a, 0, rounding_mode="trunc"),
         lambda: torch.div(a, torch.tensor([1, 0, 1]), rounding_mode="floor"), lambda: torch.remainder(a, torch.zeros(3, dtype=torch.long))]
for f in tests:
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__, e)

# %% dt_true_divide_ints strict
import torch

a = torch.tensor([1, 2, 3], dtype=torch.int32)
b = torch.tensor([2, 4, 5], dtype=torch.int16)
print(a / b, (a / b).dtype, torch.true_divide(a, 2).dtype, torch.div(a, b).dtype, (a / 2.0).dtype)
print(torch.tensor(7) / torch.tensor(2), (torch.tensor(7, dtype=torch.uint8) / 2).dtype, (torch.tensor([True]) / 2).dtype)
torch.set_default_dtype(torch.float64)
print((a / b).dtype, (a / 2).dtype, (a * 1.5).dtype, torch.tensor([1, 2]).mean(dtype=torch.float32).dtype)
torch.set_default_dtype(torch.float32)
print((a / b).dtype, a.float().div_(2), torch.div(a, b, rounding_mode="floor").dtype)

# %% dt_bitwise_ops strict
import torch

x = torch.tensor([12, -7, 0, 255], dtype=torch.int32)
y = torch.tensor([10, 3, -1, 15], dtype=torch.int32)
print(x & y, x | y, x ^ y, ~x, torch.bitwise_and(x, 6), torch.bitwise_or(x, 1), torch.bitwise_xor(x, -1), torch.bitwise_not(y))
u = torch.tensor([0b1010, 0b0101, 255], dtype=torch.uint8)
print(~u, u & 3, u ^ u, (u | 256).dtype, u.bitwise_and_(0b1100), u)
b = torch.tensor([True, False])
print(b & torch.tensor([1, 3]), (b | torch.tensor([2, 2], dtype=torch.int8)).dtype, b ^ True, ~b)
for f in [lambda: torch.tensor([1.5]) & 1, lambda: ~torch.tensor([1.0]), lambda: torch.bitwise_xor(torch.tensor([1.0]), torch.tensor([2.0]))]:
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__, e)

# %% dt_shifts strict
import torch

x = torch.tensor([1, 8, -16, 255], dtype=torch.int64)
print(x << 2, x >> 2, x << torch.tensor([0, 1, 2, 3]), torch.bitwise_left_shift(x, 1), torch.bitwise_right_shift(x, 3))
u = torch.tensor([1, 128, 255], dtype=torch.uint8)
print(u << 1, u >> 1, (u << 1).dtype, torch.tensor([1], dtype=torch.int8) << 7, 1 << torch.tensor([0, 3, 5]))
y = torch.tensor([3, 5], dtype=torch.int32)
y <<= 2
print(y, y.dtype)
y >>= 1
print(y)
try:
    print(torch.tensor([1.0]) << 1)
except Exception as e:
    print(type(e).__name__, e)

# %% dt_comparison_dtypes strict
import torch

a = torch.tensor([1, 2, 3])
f = torch.tensor([1.5, 2.0, 2.5], dtype=torch.float64)
print(a == f, a < f, (a == f).dtype, a.eq(2), a.ne(2.0), torch.gt(a, 1.5), a.ge(torch.tensor(2, dtype=torch.uint8)))
print(torch.tensor([True, False]) == 1, torch.tensor([0, 1], dtype=torch.uint8) == torch.tensor([False, True]))
print(torch.eq(a, a).all(), torch.equal(a, a.float()), torch.equal(a, a.clone()), torch.isclose(a, a).dtype)
print(torch.tensor([float("nan"), 1.0]) == torch.tensor([float("nan"), 1.0]), torch.tensor([-0.0]) == torch.tensor([0.0]))
print(torch.tensor([255], dtype=torch.uint8) == 255, torch.tensor([255], dtype=torch.uint8) == -1, torch.tensor([-1], dtype=torch.int8) < 0)

# %% dt_conversion_methods strict
import torch

x = torch.tensor([-2.7, -0.5, 0.5, 1.9, 3.5])
print(x.long(), x.int(), x.short(), x.char(), x.byte().dtype, x.bool(), x.double().dtype, x.half(), x.half().dtype)
print(x.to(torch.int32), x.to(dtype=torch.int16), x.type(torch.int64), x.type(), x.long().type(), x.bool().type(), x.half().type())
print(x.type("torch.IntTensor"), x.type(torch.float64).dtype, x.to(torch.float64).float().dtype, x.float() is x, x.to(torch.float32) is x)
print(x.to(torch.int64, copy=True).dtype, torch.tensor([0.0, -0.0, 0.1]).bool(), torch.tensor([2, 0, -3]).bool(), torch.tensor([True, False]).float())
y = torch.tensor([1, 2, 3])
print(y.to(x), y.type_as(x), y.to(x.dtype).dtype, y.new_tensor([1.5]).dtype, y.new_zeros(2).dtype, y.new_full((2,), 3.7))
print(torch.tensor([1.0, 2.0]).int().float(), torch.tensor([70000.0]).half(), torch.tensor([1.0001], dtype=torch.float64).float())

# %% dt_float_to_int_trunc strict
import torch
import numpy as np

x = torch.tensor([-3.99, -3.5, -3.01, -0.99, 0.99, 3.01, 3.5, 3.99], dtype=torch.float64)
print(x.long(), x.int(), x.to(torch.int8), x.trunc(), x.floor().long(), x.ceil().long(), x.round().long())
print(torch.tensor([2.5, 3.5, -2.5]).round(), torch.tensor([2.5, 3.5, -2.5]).round().int(), int(torch.tensor(-2.9)), int(torch.tensor(2.9)))
print(torch.tensor([300.0, -1.0, 256.0]).to(torch.uint8) if False else "skip", torch.tensor([127.9, -128.9]).to(torch.int8))
print(float(torch.tensor(3)), int(torch.tensor(True)), bool(torch.tensor(0.0)), torch.tensor(7).item(), type(torch.tensor(7).item()).__name__)
print(type(torch.tensor(7.0).item()).__name__, type(torch.tensor(True).item()).__name__, torch.tensor([1.5, 2.5]).tolist(), torch.tensor([1, 2], dtype=torch.uint8).tolist())

# %% dt_tensor_inference_lists strict
import torch

print(torch.tensor([1, 2]).dtype, torch.tensor([1, 2.0]).dtype, torch.tensor([True, False]).dtype, torch.tensor([True, 2]).dtype)
print(torch.tensor([[1, 2], [3.5, 4]]).dtype, torch.tensor([True, 2.5]).dtype, torch.tensor([]).dtype, torch.tensor([[]]).shape)
print(torch.tensor(3).dtype, torch.tensor(3.0).dtype, torch.tensor(True).dtype, torch.tensor([[True], [False]]).shape)
print(torch.tensor([1, 2], dtype=torch.float16), torch.tensor([1.9, -1.9], dtype=torch.int32), torch.tensor([0, 2, 0], dtype=torch.bool))
print(torch.tensor((1, 2, 3)), torch.tensor([(1, 2), (3, 4)]).shape, torch.tensor(range(4)), torch.tensor([torch.tensor(1), torch.tensor(2)]))
print(torch.tensor([torch.tensor(1.5), 2]).dtype, torch.tensor([2**40]).dtype, torch.tensor([2**40]))
for bad in [[[1, 2], [3]], [1, "a"], [[1], 2]]:
    try:
        torch.tensor(bad)
    except Exception as e:
        print(type(e).__name__)

# %% dt_from_numpy_all_dtypes strict
import torch
import numpy as np

for nd in [np.bool_, np.uint8, np.int8, np.int16, np.int32, np.int64, np.float16, np.float32, np.float64]:
    a = np.array([1, 0, 1], dtype=nd)
    t = torch.from_numpy(a)
    u = torch.tensor(a)
    v = torch.as_tensor(a)
    print(np.dtype(nd).name, t.dtype, u.dtype, v.dtype, t.numpy().dtype, t.element_size())
a = np.arange(4, dtype=np.int32)
t = torch.from_numpy(a)
a[0] = 100
t[1] = -5
print(t, a, torch.as_tensor(a)[0].item(), torch.tensor(a)[0].item())
v = torch.as_tensor(a, dtype=torch.float32)
a[2] = 77
print(v, v.dtype, torch.as_tensor([1, 2.5]).dtype, torch.as_tensor(3).dtype)
try:
    torch.from_numpy(np.array([1 + 2j])) if False else torch.from_numpy([1, 2])
except Exception as e:
    print(type(e).__name__, e)

# %% dt_numpy_interop_dtypes strict
import torch
import numpy as np

t = torch.tensor([1, 2, 3], dtype=torch.int16)
n = t.numpy()
n[0] = 9
print(t, n.dtype, torch.tensor([1.5], dtype=torch.float16).numpy().dtype, torch.tensor([True]).numpy().dtype)
print(np.asarray(torch.tensor([1, 2])).dtype, np.array(torch.tensor([1.0, 2.0], dtype=torch.float64)).dtype)
print(torch.from_numpy(np.array([1.5, 2.5])) + torch.tensor([1.0]), (torch.from_numpy(np.array([1, 2], dtype=np.uint8)) + torch.tensor([1], dtype=torch.int8)).dtype)
print(torch.from_numpy(np.arange(6, dtype=np.float64).reshape(2, 3)[:, 1]), torch.from_numpy(np.array(5.0)).shape, torch.from_numpy(np.array(5.0)).dtype)

# %% dt_factory_dtype_inference strict
import torch

print(torch.arange(5).dtype, torch.arange(5.0).dtype, torch.arange(0, 1, 0.25).dtype, torch.arange(0, 5, 2).dtype, torch.arange(1, 4, dtype=torch.uint8))
print(torch.full((2,), 3).dtype, torch.full((2,), 3.0).dtype, torch.full((2,), True).dtype, torch.full((2,), 7, dtype=torch.float16))
print(torch.linspace(0, 10, 5).dtype, torch.linspace(0, 10, 5, dtype=torch.int64), torch.logspace(0, 2, 3).dtype, torch.zeros(2).dtype, torch.ones(2, dtype=torch.int8))
print(torch.empty(0).dtype, torch.eye(2).dtype, torch.eye(2, dtype=torch.bool), torch.zeros(2, dtype=torch.bool), torch.randint(0, 5, (3,)).dtype, torch.randperm(3).dtype)
print(torch.arange(torch.tensor(4)).dtype, torch.arange(torch.tensor(4.0)).dtype, torch.arange(2, dtype=torch.float64), torch.arange(0.5, 3).tolist())
print(torch.full((1,), 2**33).dtype, torch.tensor(2**33), torch.full_like(torch.tensor([1, 2]), 2.7), torch.full_like(torch.tensor([1.0]), 2.7))

# %% dt_like_factories strict
import torch

i = torch.tensor([[1, 2], [3, 4]], dtype=torch.int32)
print(torch.zeros_like(i).dtype, torch.zeros_like(i, dtype=torch.float64), torch.ones_like(i, dtype=torch.bool))
print(torch.empty_like(i).dtype, torch.rand_like(i, dtype=torch.float32).shape, torch.randn_like(torch.zeros(2, dtype=torch.float64)).dtype)
print(torch.randint_like(i, 10).dtype, torch.full_like(i, 5.9), i.new_ones(3).dtype, i.new_empty((1, 2)).dtype, torch.ones_like(torch.tensor(3.0)))
try:
    torch.rand_like(i)
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.randn(2, dtype=torch.int64)
except Exception as e:
    print(type(e).__name__, e)

# %% dt_default_dtype_switch strict
import torch

print(torch.get_default_dtype(), torch.tensor([1.5]).dtype, torch.tensor([1]).dtype)
torch.set_default_dtype(torch.float64)
print(torch.get_default_dtype(), torch.tensor([1.5]).dtype, torch.tensor([1]).dtype, torch.ones(2).dtype, torch.rand(2).dtype)
print(torch.linspace(0, 1, 3).dtype, torch.full((2,), 1.5).dtype, torch.arange(0.0, 1.0, 0.5).dtype, torch.eye(2).dtype, torch.empty(1).dtype)
print((torch.tensor([1, 2]) * 0.5).dtype, (torch.tensor([1, 2]) / 2).dtype, torch.tensor([1, 2], dtype=torch.float32).mean().dtype)
print(torch.nn.Linear(2, 3).weight.dtype, torch.tensor([1.0], dtype=torch.float16).dtype, torch.zeros(1, dtype=torch.float32).dtype)
print(torch.tensor(2.0) * torch.tensor([1.0], dtype=torch.float32), (torch.tensor(2.0) * torch.tensor([1.0], dtype=torch.float32)).dtype)
torch.set_default_dtype(torch.float16)
print(torch.get_default_dtype(), torch.tensor([1.5]).dtype, torch.zeros(1).dtype, (torch.tensor([1]) * 0.5).dtype)
for bad in [torch.int64, torch.int32, torch.bool]:
    try:
        torch.set_default_dtype(bad)
    except Exception as e:
        print(type(e).__name__, e)
torch.set_default_dtype(torch.float32)
print(torch.get_default_dtype(), torch.tensor([1.5]).dtype, torch.tensor(0.5).dtype)

# %% dt_int_reduction_errors strict
import torch

x = torch.tensor([[1, 2, 3], [4, 5, 6]])
for f in [lambda: x.mean(), lambda: x.var(), lambda: x.std(), lambda: torch.mean(x, dim=0), lambda: x.median(), lambda: x.float().mean(),
          lambda: x.mean(dtype=torch.float64), lambda: x.sum(dtype=torch.float32), lambda: torch.tensor([True, False]).mean(),
          lambda: torch.std_mean(x), lambda: x.norm(), lambda: torch.quantile(x, 0.5)]:
    try:
        r = f()
        print("ok", r, r.dtype)
    except Exception as e:
        print(type(e).__name__, e)

# %% dt_int_bool_reductions strict
import torch

i8 = torch.tensor([100, 100, 100], dtype=torch.int8)
b = torch.tensor([[True, False, True], [True, True, True]])
u8 = torch.tensor([200, 100], dtype=torch.uint8)
print(i8.sum(), i8.sum().dtype, i8.prod(), i8.cumsum(0), i8.cumsum(0).dtype, i8.cumprod(0).dtype, torch.cumsum(i8, 0, dtype=torch.int8))
print(b.sum(), b.sum(0), b.sum(1).dtype, b.prod(1), b.cumsum(1), b.cumsum(1).dtype, b.int().cumprod(1))
print(u8.sum(), u8.sum().dtype, u8.sum(dtype=torch.uint8), torch.tensor([1.5, 2.5], dtype=torch.float16).sum().dtype, torch.tensor([1, 2], dtype=torch.int32).sum().dtype)
print(b.max(), b.min(), b.amax(0), b.int().argmax(), b.int().argmax(1), b.float().argmin(), torch.count_nonzero(b), b.nonzero().dtype)
for f in [lambda: b.argmax(), lambda: b.argmin(1), lambda: torch.argmax(b, dim=0, keepdim=True)]:
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__, e)
print(i8.max(), i8.max().dtype, i8.min(0), torch.max(u8, 0).values.dtype, u8.argmax(), i8.nansum() if False else i8.sum(0).dtype)
print(torch.tensor([1, 2, 3]).logsumexp(0) if False else b.all(1), b.any(0), torch.tensor([2, 0]).all(), torch.tensor([2, 0]).any().dtype)

# %% dt_clamp_int_float_bounds strict
import torch

x = torch.tensor([-5, -1, 0, 3, 8])
print(x.clamp(-2, 4), x.clamp(-2.5, 4.5), x.clamp(-2.5, 4.5).dtype, x.clamp(min=0.5).dtype, x.clamp(max=2).dtype)
print(torch.clamp(x, torch.tensor(-1), torch.tensor(2)), torch.clamp(x, min=torch.tensor([0, 0, 0, 0, 0])), x.clip(0, 1))
print(torch.clamp(x, torch.tensor(-1.5), torch.tensor(2.5)).dtype, torch.clamp(x.to(torch.uint8), 0, 100) if False else torch.clamp(x.to(torch.int8), 0, 100))
y = x.clone()
y.clamp_(-1, 2)
print(y, y.dtype)
for f in [lambda: x.clone().clamp_(-1.5, 2.5), lambda: x.clamp(), lambda: torch.tensor([True, False]).clamp(0, 1)]:
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__, e)

# %% dt_inplace_cast_errors strict
import torch

cases = [
    ("long += float", lambda: torch.tensor([1, 2]).add_(1.5)),
    ("long *= float tensor", lambda: torch.tensor([1, 2]).mul_(torch.tensor([0.5, 0.5]))),
    ("long /= 2", lambda: torch.tensor([4, 6]).div_(2)),
    ("int //= 2", lambda: torch.tensor([5, 7], dtype=torch.int32).floor_divide_(2)),
    ("float += long", lambda: torch.tensor([1.0]).add_(torch.tensor([2]))),
    ("float += double", lambda: torch.tensor([1.0]).add_(torch.tensor([2.0], dtype=torch.float64))),
    ("int8 += int64", lambda: torch.tensor([1], dtype=torch.int8).add_(torch.tensor([300]))),
    ("bool += 1", lambda: torch.tensor([True]).add_(1)),
    ("bool |= True", lambda: torch.tensor([False]).bitwise_or_(True)),
    ("uint8 -= 1", lambda: torch.tensor([0], dtype=torch.uint8).sub_(1)),
    ("long pow_ 0.5", lambda: torch.tensor([4]).pow_(0.5)),
    ("long sqrt_", lambda: torch.tensor([4]).sqrt_()),
    ("half += double 0d", lambda: torch.tensor([1.0], dtype=torch.float16).add_(torch.tensor(2.0, dtype=torch.float64))),
    ("long div trunc", lambda: torch.tensor([7, -7]).div_(2, rounding_mode="trunc")),
]
for name, f in cases:
    try:
        r = f()
        print(name, "->", r, r.dtype)
    except Exception as e:
        print(name, "->", type(e).__name__, e)

# %% dt_augmented_assign_ops strict
import torch

x = torch.tensor([1, 2, 3])
x += 2
x *= 3
x -= torch.tensor([1, 1, 1], dtype=torch.int32)
print(x, x.dtype)
try:
    x += 0.5
except Exception as e:
    print(type(e).__name__, e)
try:
    x /= 2
except Exception as e:
    print(type(e).__name__, e)
x //= 2
print(x)
x %= 4
print(x)
f = torch.tensor([1.0, 2.0])
f += torch.tensor([1, 2])
f *= torch.tensor(2.0, dtype=torch.float64)
f **= 2
print(f, f.dtype)
f[0] = 7
f[1] = True
print(f)
i = torch.zeros(3, dtype=torch.int64)
i[0] = 2.9
i[1:] = torch.tensor([-1.7, 5.5])
print(i, i.dtype)
b = torch.zeros(2, dtype=torch.bool)
b[0] = 5
u = torch.zeros(3, dtype=torch.uint8)
u[0] = -1
u[1:] = 2.7
print(b, u)
try:
    u[0] = 256
except Exception as e:
    print(type(e).__name__, e)

# %% dt_where_mixed strict
import torch

c = torch.tensor([True, False, True])
i = torch.tensor([1, 2, 3])
f = torch.tensor([0.5, 1.5, 2.5], dtype=torch.float64)
h = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float16)
print(torch.where(c, i, f), torch.where(c, i, f).dtype, torch.where(c, i, 0).dtype, torch.where(c, i, 0.5).dtype)
print(torch.where(c, h, 0.5).dtype, torch.where(c, h, i).dtype, torch.where(c, h, torch.tensor(0.0, dtype=torch.float64)).dtype)
print(torch.where(c, 1, 0).dtype, torch.where(c, 1.0, 0.0).dtype, torch.where(c, True, False).dtype, torch.where(c, c, False))
print(torch.where(c, i.to(torch.uint8), i.to(torch.int8)).dtype, torch.where(torch.tensor([1, 0, 2]) > 0, i, -i))
try:
    torch.where(torch.tensor([1, 0, 1]), i, f)
except Exception as e:
    print(type(e).__name__, e)

# %% dt_min_max_mixed strict
import torch

i = torch.tensor([1, 5, 3])
f = torch.tensor([2.5, 4.0, 3.0])
print(torch.maximum(i, f), torch.minimum(i, f), torch.maximum(i, f).dtype, torch.fmax(i.float(), f), torch.max(i, f))
print(torch.maximum(i.to(torch.uint8), i.to(torch.int8)).dtype, torch.minimum(torch.tensor([True, False]), torch.tensor([2, -1])))
print(torch.max(torch.tensor([1, 2], dtype=torch.int16), torch.tensor(7)), torch.min(f, torch.tensor(3, dtype=torch.int64)))
for fn in [lambda: torch.maximum(i, 2), lambda: torch.minimum(3.0, f), lambda: torch.fmax(i, f), lambda: torch.max(f, 1.0), lambda: i.maximum(f)]:
    try:
        print("ok", fn())
    except Exception as e:
        print(type(e).__name__)

# %% dt_dtype_attributes strict
import torch

for d in [torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float16, torch.float32, torch.float64]:
    t = torch.zeros(3, 2, dtype=d)
    print(d, d.is_floating_point, d.is_signed, d.itemsize, t.element_size(), t.itemsize, t.nbytes, t.numel(), t.nelement(),
          t.is_floating_point(), torch.is_floating_point(t), torch.is_complex(t), d.is_complex, t.dtype == d)
print(torch.float == torch.float32, torch.double is torch.float64, torch.long, torch.int, torch.short, torch.half, torch.uint8 != torch.int8)
print(torch.tensor([]).numel(), torch.zeros(0, 3).numel(), torch.tensor(5).numel(), torch.tensor(5).dim(), torch.numel(torch.ones(2, 4)))

# %% dt_dtype_objects
import torch

d = {torch.float32: "f", torch.int64: "i"}
print(d[torch.float], d[torch.long], repr(torch.float16), str(torch.int8), torch.float32 in [torch.float64, torch.float32])
print(isinstance(torch.float32, torch.dtype), type(torch.int32).__name__, hash(torch.float32) == hash(torch.float), sorted([str(x) for x in {torch.int, torch.int32}]))
print(torch.tensor([1]).dtype in (torch.int32, torch.int64), getattr(torch, "uint8"), torch.bool.is_floating_point)

# %% dt_iinfo_finfo_limits strict
import torch

for d in [torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64]:
    ii = torch.iinfo(d)
    print(d, ii.min, ii.max, ii.bits, ii.dtype)
for d in [torch.float16, torch.float32, torch.float64]:
    fi = torch.finfo(d)
    print(d, fi.bits, fi.eps, fi.max, fi.min, fi.tiny, fi.resolution, fi.dtype)
x = torch.tensor([torch.iinfo(torch.int32).max], dtype=torch.int32)
print(x + 1, torch.tensor([torch.finfo(torch.float16).max], dtype=torch.float16) * 2)
try:
    torch.iinfo(torch.float32)
except Exception as e:
    print(type(e).__name__)

# %% dt_half_arithmetic rtol=1e-3
import torch

h = torch.tensor([1.0, 2.0, 1000.0, 65504.0], dtype=torch.float16)
print(h + 1, (h + 1).dtype, h * 2, h / 3, (h + torch.tensor([1.0])).dtype, (h + 1.0).dtype, (h * 2).dtype)
print(h.sum(), h.sum().dtype, h.mean(), h.mean().dtype, h.float().sum(), torch.tensor([0.1], dtype=torch.float16).item())
print(h.to(torch.int32), (h > 1000).dtype, h.max(), torch.tensor(3, dtype=torch.int64) * h[:2])

# %% dt_pow_int_semantics strict
import torch

a = torch.tensor([2, 3, -2])
print(a ** 2, (a ** 2).dtype, a ** 2.0, (a ** 2.0).dtype, 2 ** a.abs(), (2.0 ** a).dtype, a.pow(0), torch.pow(a, torch.tensor([1, 2, 3])))
print(torch.tensor([2], dtype=torch.int8) ** 7, torch.tensor([2], dtype=torch.uint8) ** 9, torch.tensor([True, False]) ** 2, (torch.tensor([True]) ** 2).dtype)
print(torch.tensor([2], dtype=torch.int32).pow(torch.tensor(3, dtype=torch.int64)).dtype, torch.tensor([4]).float_power(0.5), torch.tensor([4]).float_power(2).dtype)
try:
    print(a ** -1)
except Exception as e:
    print(type(e).__name__, e)
try:
    print(torch.pow(a, torch.tensor([-1, 1, 1])))
except Exception as e:
    print(type(e).__name__, e)

# %% dt_unary_on_int_dtypes strict
import torch

i = torch.tensor([1, 4, 9], dtype=torch.int32)
print(i.sqrt().dtype, i.exp().dtype, torch.sin(i).dtype, i.sigmoid().dtype, i.log().dtype, i.reciprocal(), i.rsqrt().dtype)
print(i.abs().dtype, i.neg().dtype, i.sign(), i.sign().dtype, i.square().dtype, i.floor().dtype, i.round().dtype, i.ceil(), i.trunc().dtype)
b = torch.tensor([True, False])
print(b.sqrt().dtype, b.exp().dtype, b.abs() if False else b.sign(), b.float().neg())
print(torch.tensor([1, 2], dtype=torch.uint8).sqrt().dtype, torch.tensor([1, 2], dtype=torch.int64).exp().dtype, torch.tensor([1, 2], dtype=torch.int16).tanh().dtype)
try:
    print(b.neg())
except Exception as e:
    print(type(e).__name__, e)

# %% dt_matmul_int_dtype strict
import torch

a = torch.tensor([[1, 2], [3, 4]])
print(a @ a, (a @ a).dtype, torch.mm(a, a).dtype, a.matmul(torch.tensor([1, 1])), torch.dot(torch.tensor([1, 2]), torch.tensor([3, 4])))
print(torch.tensor([[1, 2]], dtype=torch.int32) @ torch.tensor([[3], [4]], dtype=torch.int32), torch.tensor([[True]]).int() @ torch.tensor([[2]], dtype=torch.int32))
for f in [lambda: a @ a.float(), lambda: a @ torch.tensor([[1, 2], [3, 4]], dtype=torch.int32), lambda: torch.mv(a, torch.tensor([1.0, 2.0]))]:
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__, e)

# %% dt_sort_unique_int_dtypes strict
import torch

x = torch.tensor([3, -1, 3, 200, 0], dtype=torch.int16)
v, idx = x.sort()
print(v, v.dtype, idx.dtype, x.argsort(descending=True), torch.unique(x), torch.unique(x).dtype, x.topk(2).values)
u, inv, cnt = torch.unique(x, return_inverse=True, return_counts=True)
print(u, inv.dtype, cnt.dtype, torch.bincount(torch.tensor([0, 2, 2])), torch.bincount(torch.tensor([0, 1]), weights=torch.tensor([0.5, 1.5], dtype=torch.float64)))
print(torch.histc(torch.tensor([1.0, 2.0, 2.0]), bins=3), torch.searchsorted(torch.tensor([1, 3, 5]), torch.tensor([2, 6])).dtype, x.to(torch.uint8))
print(torch.tensor([True, False, True]).sort(), torch.tensor([2, 1], dtype=torch.uint8).flip(0))

# %% dt_alpha_and_fill_casts strict
import torch

a = torch.tensor([1, 2, 3])
print(torch.add(a, a, alpha=2), torch.sub(a, 1, alpha=3), torch.add(a.float(), a, alpha=0.5), torch.add(a, 1.5, alpha=2).dtype)
for f in [lambda: torch.add(a, a, alpha=0.5), lambda: torch.sub(a, a, alpha=1.5), lambda: torch.add(torch.tensor([True]), torch.tensor([True]), alpha=2)]:
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__, e)
x = torch.zeros(3, dtype=torch.int32)
x.fill_(2.9)
print(x, x.dtype, torch.zeros(2, dtype=torch.uint8).fill_(-1), torch.zeros(2, dtype=torch.bool).fill_(0.5), torch.full((2,), -3, dtype=torch.uint8))
print(torch.zeros(2, dtype=torch.float16).fill_(float("-inf")), torch.full((1,), float("inf"), dtype=torch.float32), torch.zeros(2, dtype=torch.uint8).masked_fill(torch.tensor([True, False]), -1))
for f in [lambda: torch.zeros(2, dtype=torch.int8).fill_(200), lambda: torch.zeros(2, dtype=torch.float16).fill_(1e6), lambda: torch.full((3,), 127.5, dtype=torch.int8), lambda: torch.full((2,), 256, dtype=torch.uint8), lambda: torch.zeros(1, dtype=torch.int32).fill_(float("nan")),
          lambda: torch.zeros(1).fill_(1e300), lambda: torch.zeros(2, dtype=torch.int16).masked_fill(torch.tensor([True, True]), 40000), lambda: torch.full_like(torch.tensor([1]), 2**63),
          lambda: torch.zeros(2, dtype=torch.int8).clamp(0, 200), lambda: torch.zeros(2, dtype=torch.uint8).clamp(-1, 5), lambda: torch.zeros(2, dtype=torch.int8).clamp(0, 200.0),
          lambda: torch.zeros(2, dtype=torch.int8).index_fill(0, torch.tensor([1]), -129)]:
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__, e)
y = torch.zeros(3, dtype=torch.int64)
y.copy_(torch.tensor([1.9, -1.9, 3.5]))
print(y, y.dtype, torch.zeros(2).copy_(torch.tensor([True, False])), torch.zeros(2, dtype=torch.float16).copy_(torch.tensor([1, 70000])))
print(a.masked_fill(a > 1, 9), a.masked_fill(a > 1, 9.7), a.masked_fill(a > 1, 9.7).dtype, a.float().masked_fill(a > 1, True))

# %% dt_requires_grad_int_errors strict
import torch

for f in [lambda: torch.tensor([1, 2], requires_grad=True), lambda: torch.zeros(2, dtype=torch.int32, requires_grad=True),
          lambda: torch.tensor([1, 2]).requires_grad_(), lambda: torch.arange(3, requires_grad=True),
          lambda: torch.tensor([True], requires_grad=True)]:
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__, e)
x = torch.tensor([1.5, 2.5], requires_grad=True)
y = x.long()
print(y, y.requires_grad, y.grad_fn, x.int().dtype, (x > 2).requires_grad, x.double().requires_grad, x.double().grad_fn.name())
z = (x.half().float() * 2).sum()
z.backward()
print(x.grad, x.grad.dtype, x.to(torch.float64).sum().grad_fn.name())
w = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
(w.float() * torch.tensor([3.0, 4.0])).sum().backward()
print(w.grad, w.grad.dtype)

# %% dt_index_dtypes strict
import torch

x = torch.arange(10, 20)
for idx in [torch.tensor([1, 3], dtype=torch.int32), torch.tensor([1, 3], dtype=torch.int16), torch.tensor([1, 3], dtype=torch.int8),
            torch.tensor([1, 3]), [1, 3], torch.tensor(4, dtype=torch.int32), torch.tensor(4, dtype=torch.int8), torch.tensor([0, 1], dtype=torch.bool)]:
    try:
        print(x[idx])
    except Exception as e:
        print(type(e).__name__, e)
print(x[torch.tensor([True] * 5 + [False] * 5)], torch.index_select(x, 0, torch.tensor([0, 9], dtype=torch.int32)))
print(torch.gather(x, 0, torch.tensor([2, 2])), x.take(torch.tensor([0, 1])))
for f in [lambda: x[torch.tensor([1.0, 2.0])], lambda: torch.gather(x, 0, torch.tensor([1, 2], dtype=torch.int32)),
          lambda: torch.index_select(x, 0, torch.tensor([1.0]))]:
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__, e)

# %% dt_scatter_index_put_dtypes strict
import torch

t = torch.zeros(4, dtype=torch.int64)
t.scatter_(0, torch.tensor([0, 2]), torch.tensor([5, 6]))
print(t)
t.index_put_((torch.tensor([1]),), torch.tensor(7))
print(t)
t[1:3] = torch.tensor([8.9])
print(t, t.dtype)
try:
    t[torch.tensor([3])] = torch.tensor([8.9])
except Exception as e:
    print(type(e).__name__, e)
f = torch.zeros(3)
f.index_add_(0, torch.tensor([0, 0]), torch.tensor([1.0, 2.0]))
print(f)
for fn in [lambda: torch.zeros(3).index_add_(0, torch.tensor([0]), torch.tensor([1], dtype=torch.int64)),
           lambda: torch.zeros(3, dtype=torch.int64).scatter_(0, torch.tensor([0]), torch.tensor([1.5])),
           lambda: torch.zeros(3).scatter_add_(0, torch.tensor([0]), torch.tensor([1.0], dtype=torch.float64)),
           lambda: torch.zeros(3).index_put_((torch.tensor([0]),), torch.tensor([1.0], dtype=torch.float64)),
           lambda: torch.zeros(3).masked_scatter_(torch.tensor([True, False, True]), torch.tensor([1, 2]))]:
    try:
        print("ok", fn())
    except Exception as e:
        print(type(e).__name__, e)
