# Engine details: grad_fn._saved_<name> / _raw_saved_<name> (what built-in ops save for backward, as the
# autograd mechanics notes and the saved-tensors-hooks tutorial print it); custom Functions returning views.

# %% saved_self_and_result strict
import torch

x = torch.randn(5, requires_grad=True)
y = x.pow(2)
print(x.equal(y.grad_fn._saved_self))
print(x is y.grad_fn._saved_self)
print(y.grad_fn._saved_exponent)
x = torch.randn(5, requires_grad=True)
y = x.exp()
print(y.equal(y.grad_fn._saved_result))
print(y is y.grad_fn._saved_result)
print(y.grad_fn._saved_result.grad_fn.name())


# %% saved_names_listed strict
import torch
import torch.nn.functional as F

x = torch.arange(12.0).reshape(3, 4).requires_grad_()
w = torch.ones(5, 4, requires_grad=True)
v = torch.ones(4, requires_grad=True)
for label, t in [("mul", x * x), ("mul_scalar", x * 3), ("div", x / 2.0), ("add", x + 1), ("sub", x - x),
                 ("pow", x ** 2), ("rpow", 2 ** x), ("mm", x @ w.T), ("dot", v @ v), ("mv", x @ v),
                 ("sum", x.sum()), ("sum_dim", x.sum(1)), ("mean", x.mean()), ("mean_dim", x.mean(0, keepdim=True)),
                 ("exp", x.exp()), ("tanh", x.tanh()), ("sigmoid", x.sigmoid()), ("relu", x.relu()),
                 ("log", (x + 1).log()), ("sin", x.sin()), ("softmax", x.softmax(1)),
                 ("log_softmax", F.log_softmax(x, 1))]:
    fn = t.grad_fn
    print(label, fn.name(), [n for n in dir(fn) if n.startswith("_saved")])


# %% saved_scalars_and_sizes strict
import torch

x = torch.arange(12.0).reshape(3, 4).requires_grad_()
print(x.sum().grad_fn._saved_self_sym_sizes)
s = x.sum(1).grad_fn
print(s._saved_dim, s._saved_keepdim, s._saved_self_sym_sizes)
m = x.mean(0, keepdim=True).grad_fn
print(m._saved_dim, m._saved_keepdim, m._saved_self_sym_numel)
print((x + 1).grad_fn._saved_alpha, (x * 3).grad_fn._saved_self, (x * 3).grad_fn._saved_other)
print((x / 2.0).grad_fn._saved_other, (x / 2.0).grad_fn._saved_other.dtype)
mm = (x @ torch.ones(5, 4, requires_grad=True).T).grad_fn
print(mm._saved_self_sym_sizes, mm._saved_mat2_sym_sizes, mm._saved_self_sym_strides, mm._saved_mat2_sym_strides)
print(x.softmax(1).grad_fn._saved_dim)
print((2 ** x).grad_fn._saved_self)


# %% saved_freed_after_backward strict
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x
y.sum().backward()
try:
    y.grad_fn._saved_self
except RuntimeError as e:
    print(type(e).__name__, str(e).split(".")[0])
z = x.sum()
z.backward()
print(z.grad_fn._saved_self_sym_sizes)
w = x * x
w.sum().backward(retain_graph=True)
print(w.grad_fn._saved_self)
try:
    w.grad_fn._saved_bogus
except AttributeError as e:
    print(type(e).__name__)


# %% saved_raw_register_hooks strict
import torch

def pack_hook(t):
    print("Packing", t)
    return t

def unpack_hook(t):
    print("Unpacking", t)
    return t

a = torch.ones(5, requires_grad=True)
b = torch.ones(5, requires_grad=True) * 2
y = a * b
y.grad_fn._raw_saved_self.register_hooks(pack_hook, unpack_hook)
y.sum().backward()
print(a.grad)
x = torch.ones(3, requires_grad=True)
e = x.exp()
e.grad_fn._raw_saved_result.register_hooks(lambda t: t * 2, lambda t: t / 2)
e.sum().backward()
print(x.grad)
try:
    x.pow(2).grad_fn._raw_saved_self.register_hooks(1, 2)
except TypeError as err:
    print(type(err).__name__)


# %% custom_function_returns_input_or_view strict
import torch

class Id(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x

    @staticmethod
    def backward(ctx, g):
        return g * 2

class Flat(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.view(-1)

    @staticmethod
    def backward(ctx, g):
        return g.view(2, 2) * 3

x = torch.ones(2, 2, requires_grad=True)
y = Id.apply(x)
print(y is x, y._is_view(), y._base is x, y.grad_fn.name(), y.requires_grad)
y.sum().backward()
print(x.grad)
x.grad = None
z = Flat.apply(x)
print(z._is_view(), z._base is x, z.grad_fn.name(), z.shape)
z.sum().backward()
print(x.grad)
for inp in (x, x * 1):
    w = Flat.apply(inp)
    try:
        w.add_(1)
    except RuntimeError as e:
        print(type(e).__name__, e)
c = Flat.apply(x * 1).clone()
c.add_(1)
print(c)


# %% reentrant_checkpoint_with_grad strict
import torch
from torch.utils.checkpoint import checkpoint

torch.manual_seed(0)
lin = torch.nn.Linear(3, 3)
x = torch.ones(2, 3, requires_grad=True)
out = checkpoint(lambda t: lin(t).relu(), x, use_reentrant=True)
try:
    torch.autograd.grad(out.sum(), x)
except RuntimeError as e:
    print(type(e).__name__, e)
out = checkpoint(lambda t: lin(t).relu(), x, use_reentrant=True)
try:
    out.sum().backward(inputs=[x])
except RuntimeError as e:
    print(type(e).__name__, e)
out = checkpoint(lambda t: lin(t).relu(), x, use_reentrant=True)
out.sum().backward()
print(x.grad, torch.autograd._is_checkpoint_valid())
out = checkpoint(lambda t: lin(t).relu(), x, use_reentrant=False)
print(torch.autograd.grad(out.sum(), x)[0])
