# torch.special's Bessel/Airy functions, orthogonal polynomials and the regularized incomplete gamma
# (gammainc/gammaincc, torch.igamma/igammac and their Tensor methods): values, dtypes, edges and gradients.

# %% special_bessel_j_small_args rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([0.0, 0.25, 1.0, 2.4048, 3.8317, 4.99, 5.01, 7.5, -3.0])
print(torch.special.bessel_j0(x))
print(torch.special.bessel_j1(x))
print(torch.special.bessel_j0(x).dtype, torch.special.bessel_j1(-x))

# %% special_bessel_j_large_args_f64 rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([10.0, 16.9, 17.1, 25.0, 60.0, 123.4, 1000.0, 5e4], dtype=torch.float64)
print(torch.special.bessel_j0(x))
print(torch.special.bessel_j1(x))
print(torch.special.bessel_j1(-x))

# %% special_bessel_y_values rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([0.1, 0.5, 0.8936, 1.0, 2.1971, 3.0, 5.0, 9.0, 20.0, 300.0], dtype=torch.float64)
print(torch.special.bessel_y0(x))
print(torch.special.bessel_y1(x))
print(torch.special.bessel_y0(torch.tensor([1.0, 2.0, 4.0])), torch.special.bessel_y1(torch.tensor([1.5, 6.0])))

# %% special_bessel_jy_edges
import torch

inf, nan = float("inf"), float("nan")
x = torch.tensor([-inf, -2.0, -0.0, 0.0, inf, nan])
for f in (torch.special.bessel_j0, torch.special.bessel_j1, torch.special.bessel_y0, torch.special.bessel_y1):
    print(f.__name__, f(x))

# %% special_bessel_int_and_out_dtype rtol=1e-5 atol=1e-6
import torch

n = torch.arange(0, 6)
r = torch.special.bessel_j0(n)
print(r, r.dtype)
print(torch.special.bessel_y1(torch.tensor([True, True])))
out = torch.empty(6)
torch.special.bessel_j1(n, out=out)
print(out)
print(torch.special.bessel_j0(torch.tensor([1.0, 2.0], dtype=torch.float64)).dtype)

# %% special_bessel_half_not_implemented
import torch

for f in (torch.special.bessel_j0, torch.special.modified_bessel_k0, torch.special.airy_ai,
          torch.special.scaled_modified_bessel_k1, torch.special.spherical_bessel_j0):
    try:
        f(torch.tensor([1.0], dtype=torch.float16))
    except Exception as e:
        print(type(e).__name__, e)

# %% special_bessel_number_input_typeerror
import torch

for f in (torch.special.bessel_j0, torch.special.modified_bessel_i1, torch.special.airy_ai):
    try:
        f(2.0)
    except Exception as e:
        print(type(e).__name__, e)

# %% special_bessel_no_grad
import torch

x = torch.tensor([0.5, 1.5], requires_grad=True)
for f in (torch.special.bessel_j0, torch.special.bessel_y1, torch.special.modified_bessel_k1,
          torch.special.airy_ai, torch.special.spherical_bessel_j0):
    y = f(x)
    print(f.__name__, y.requires_grad, y.grad_fn)
    try:
        y.sum().backward()
    except Exception as e:
        print(type(e).__name__, e)

# %% special_modified_bessel_i rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([-10.0, -2.5, -0.0, 0.0, 0.3, 1.0, 7.9, 8.1, 20.0, 85.0], dtype=torch.float64)
print(torch.special.modified_bessel_i0(x))
print(torch.special.modified_bessel_i1(x))
print(torch.special.modified_bessel_i0(torch.tensor([0.5, 3.0])), torch.special.modified_bessel_i1(torch.tensor([-1.0, 4.0])))
inf, nan = float("inf"), float("nan")
print(torch.special.modified_bessel_i0(torch.tensor([inf, -inf, nan])), torch.special.modified_bessel_i1(torch.tensor([inf, nan])))

# %% special_modified_bessel_i_matches_i0_i1 rtol=1e-5 atol=1e-6
import torch

x = torch.linspace(-6, 6, 13, dtype=torch.float64)
print(torch.allclose(torch.special.modified_bessel_i0(x), torch.special.i0(x)))
print(torch.allclose(torch.special.modified_bessel_i1(x), torch.special.i1(x)))
print((torch.special.modified_bessel_i0(x) - torch.special.modified_bessel_i1(x)).max())

# %% special_modified_bessel_k rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([1e-6, 0.01, 0.5, 1.0, 1.99, 2.01, 5.0, 10.0, 29.0, 31.0, 100.0, 600.0], dtype=torch.float64)
print(torch.special.modified_bessel_k0(x))
print(torch.special.modified_bessel_k1(x))
print(torch.special.modified_bessel_k0(torch.tensor([0.2, 1.0, 3.0])), torch.special.modified_bessel_k1(torch.tensor([0.2, 1.0, 3.0])))

# %% special_scaled_modified_bessel_k rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([1e-3, 0.5, 2.0, 8.0, 40.0, 1e3, 1e6], dtype=torch.float64)
k0 = torch.special.scaled_modified_bessel_k0(x)
k1 = torch.special.scaled_modified_bessel_k1(x)
print(k0)
print(k1)
print(k0[:4] * torch.exp(-x[:4]) - torch.special.modified_bessel_k0(x[:4]))
print(torch.special.scaled_modified_bessel_k0(torch.tensor([1.0, 50.0])))

# %% special_bessel_k_edges
import torch

inf, nan = float("inf"), float("nan")
x = torch.tensor([-inf, -1.0, -0.0, 0.0, inf, nan])
for f in (torch.special.modified_bessel_k0, torch.special.modified_bessel_k1,
          torch.special.scaled_modified_bessel_k0, torch.special.scaled_modified_bessel_k1):
    print(f.__name__, f(x))

# %% special_spherical_bessel_j0 rtol=1e-5 atol=1e-6
import torch

inf, nan = float("inf"), float("nan")
x = torch.tensor([-inf, -7.0, -1e-20, 0.0, 1e-4, 0.5, 3.14159265, 10.0, 1e5, inf, nan])
print(torch.special.spherical_bessel_j0(x))
xd = torch.linspace(0.1, 4, 5, dtype=torch.float64)
print(torch.special.spherical_bessel_j0(xd) - torch.sin(xd) / xd)

# %% special_airy_ai_values rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 2.2, 5.0, 9.0], dtype=torch.float64)
print(torch.special.airy_ai(x))
print(torch.special.airy_ai(torch.tensor([-1.5, 0.0, 1.5, 3.0])))

# %% special_airy_ai_tails rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([-40.0, -15.5, -8.0, -6.9, -4.0, 15.0, 40.0, 103.0, 104.0], dtype=torch.float64)
print(torch.special.airy_ai(x))
inf, nan = float("inf"), float("nan")
print(torch.special.airy_ai(torch.tensor([-inf, inf, nan, 200.0])))

# %% special_chebyshev_t_u_basic rtol=1e-5 atol=1e-6
import torch

x = torch.linspace(-1, 1, 9)
for n in range(5):
    print(n, torch.special.chebyshev_polynomial_t(x, n))
print(torch.special.chebyshev_polynomial_u(x, 3))
print(torch.special.chebyshev_polynomial_u(torch.tensor([1.5, -2.0]), torch.tensor([4, 5])))

# %% special_chebyshev_t_trig_identity rtol=1e-5 atol=1e-6
import torch

theta = torch.linspace(0.1, 3.0, 6, dtype=torch.float64)
x = torch.cos(theta)
for n in (3, 7, 12, 40):
    print(n, (torch.special.chebyshev_polynomial_t(x, n) - torch.cos(n * theta)).abs().max() < 1e-9)
print(torch.special.chebyshev_polynomial_t(x, 25))

# %% special_chebyshev_v_w rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([-1.0, -0.7, 0.0, 0.3, 1.0, 1.7, -2.5], dtype=torch.float64)
for n in (0, 1, 2, 5, 9, 14):
    print(n, torch.special.chebyshev_polynomial_v(x, n), torch.special.chebyshev_polynomial_w(x, n))

# %% special_chebyshev_endpoints_large_n rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([-1.0, 1.0])
n = torch.tensor([[7.0], [10.0], [101.0]])
for f in (torch.special.chebyshev_polynomial_t, torch.special.chebyshev_polynomial_u,
          torch.special.chebyshev_polynomial_v, torch.special.chebyshev_polynomial_w):
    print(f.__name__, f(x, n))

# %% special_shifted_chebyshev rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([0.0, 0.1, 0.5, 0.85, 1.0, 1.3], dtype=torch.float64)
for f in (torch.special.shifted_chebyshev_polynomial_t, torch.special.shifted_chebyshev_polynomial_u,
          torch.special.shifted_chebyshev_polynomial_v, torch.special.shifted_chebyshev_polynomial_w):
    print(f.__name__, f(x, 3), f(x, 11))
t = torch.special.shifted_chebyshev_polynomial_t(x, 4) - torch.special.chebyshev_polynomial_t(2 * x - 1, 4)
print(t.abs().max() < 1e-12)

# %% special_hermite_h_he rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 1.0, 3.0], dtype=torch.float64)
n = torch.arange(0, 7)
print(torch.special.hermite_polynomial_h(x.unsqueeze(1), n))
print(torch.special.hermite_polynomial_he(x.unsqueeze(1), n))

# %% special_hermite_limits_nan
import torch

x = torch.tensor([0.5])
print(torch.special.hermite_polynomial_h(x, 128).isnan(), torch.special.hermite_polynomial_h(x, 129))
print(torch.special.hermite_polynomial_he(x.double(), 513), torch.special.hermite_polynomial_he(x, 200))
print(torch.special.hermite_polynomial_h(x, float("nan")), torch.special.hermite_polynomial_h(x, float("inf")))
print(torch.special.hermite_polynomial_he(x, -2))

# %% special_laguerre_legendre rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([-1.0, -0.4, 0.0, 0.3, 1.0, 2.5, 6.0], dtype=torch.float64)
for n in (0, 1, 2, 3, 6, 10):
    print(n, torch.special.laguerre_polynomial_l(x, n), torch.special.legendre_polynomial_p(x, n))

# %% special_legendre_gauss_quadrature rtol=1e-5 atol=1e-6
import torch

# Gauss-Legendre nodes of order 5 are the roots of P_5
nodes = torch.tensor([-0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831, 0.9061798459386640],
                     dtype=torch.float64)
print(torch.special.legendre_polynomial_p(nodes, 5).abs().max() < 1e-12)
dp = 5 * (nodes * torch.special.legendre_polynomial_p(nodes, 5) - torch.special.legendre_polynomial_p(nodes, 4)) / (nodes ** 2 - 1)
w = 2 / ((1 - nodes ** 2) * dp ** 2)
print(w, w.sum())
print((w * torch.exp(nodes)).sum())

# %% special_polynomial_n_forms rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([0.2, 0.9])
print(torch.special.chebyshev_polynomial_t(x, 2.7), torch.special.chebyshev_polynomial_t(x, torch.tensor([3.9, 1.2])))
print(torch.special.legendre_polynomial_p(0.5, torch.tensor([0, 1, 2, 3])))
print(torch.special.laguerre_polynomial_l(x, -1), torch.special.chebyshev_polynomial_u(x, torch.tensor(-3)))
print(torch.special.hermite_polynomial_h(x=torch.tensor([1.0]), n=3))

# %% special_polynomial_dtypes
import torch

print(torch.special.chebyshev_polynomial_t(torch.tensor([1, 2]), torch.tensor([3, 3])).dtype)
print(torch.special.legendre_polynomial_p(torch.tensor([0.5], dtype=torch.float64), 2).dtype)
print(torch.special.legendre_polynomial_p(torch.tensor([0.5]), torch.tensor([2.0], dtype=torch.float64)).dtype)
print(torch.special.hermite_polynomial_he(torch.tensor([True, False]), 2))
print(torch.special.laguerre_polynomial_l(2, torch.tensor([2])).dtype)

# %% special_polynomial_errors
import torch

for call in (lambda: torch.special.chebyshev_polynomial_t(0.5, 2),
             lambda: torch.special.hermite_polynomial_h(torch.ones(2, dtype=torch.float16), 2)):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])
try:
    torch.special.legendre_polynomial_p(torch.ones(2), torch.ones(3))
except RuntimeError as e:
    print("broadcast", type(e).__name__)

# %% special_polynomial_no_grad rtol=1e-5 atol=1e-6
import torch

x = torch.tensor([0.3, 0.6], requires_grad=True)
y = torch.special.chebyshev_polynomial_t(x, 3)
print(y, y.requires_grad, y.grad_fn)
z = torch.special.legendre_polynomial_p(x * 2, torch.tensor([2, 3]))
print(z.requires_grad)
out = torch.empty(2)
torch.special.laguerre_polynomial_l(x.detach(), 2, out=out)
print(out)

# %% special_gammainc_values rtol=1e-5 atol=1e-6
import torch

a = torch.tensor([0.5, 1.0, 2.0, 5.0, 10.0, 50.0, 200.0], dtype=torch.float64)
x = torch.tensor([0.3, 1.0, 2.5, 5.0, 15.0, 40.0, 210.0], dtype=torch.float64)
p = torch.special.gammainc(a, x)
q = torch.special.gammaincc(a, x)
print(p)
print(q)
print((p + q - 1).abs().max() < 1e-12)
print(torch.igamma(a, x).equal(p), torch.igammac(a, x).equal(q))

# %% special_gammainc_tails rtol=1e-5 atol=1e-6
import torch

a = torch.tensor([1.0, 3.0, 0.1, 30.0], dtype=torch.float64)
x = torch.tensor([60.0, 100.0, 1e-8, 2.0], dtype=torch.float64)
print(torch.special.gammaincc(a, x))
print(torch.special.gammainc(a, x))
print(torch.special.gammainc(torch.tensor([2.0, 4.0]), torch.tensor([[1.0], [3.0]])))

# %% special_gammainc_edges
import torch

inf, nan = float("inf"), float("nan")
a = torch.tensor([0.0, 0.0, -1.0, 1.0, 1.0, inf, 1.0, nan, 2.0, 0.0, inf])
x = torch.tensor([0.0, 1.0, 1.0, -1.0, inf, 1.0, 0.0, 1.0, nan, inf, inf])
print(torch.special.gammainc(a, x))
print(torch.special.gammaincc(a, x))

# %% special_gammainc_grad rtol=1e-5 atol=1e-6
import torch

a = torch.tensor([0.5, 2.0, 3.0], dtype=torch.float64)
x = torch.tensor([1.0, 0.5, 4.0], dtype=torch.float64, requires_grad=True)
p = torch.special.gammainc(a, x)
q = torch.special.gammaincc(a, x)
print(p.grad_fn.name(), q.grad_fn.name())
gp, = torch.autograd.grad(p.sum(), x, retain_graph=True)
gq, = torch.autograd.grad(q.sum(), x)
print(gp, gq)
print(torch.allclose(gp, torch.exp(-x.detach()) * x.detach() ** (a - 1) / torch.exp(torch.lgamma(a))))

# %% special_gammainc_grad_a_not_implemented
import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
x = torch.tensor([0.5, 1.5])
for f in (torch.special.gammainc, torch.igammac):
    y = f(a, x)
    try:
        y.sum().backward()
    except Exception as e:
        print(type(e).__name__, e)

# %% special_igamma_dtypes_errors
import torch

print(torch.igamma(torch.tensor([1, 2]), torch.tensor([1.0, 2.0])))
print(torch.igammac(torch.tensor([1.0], dtype=torch.float64), torch.tensor([2.0])).dtype)
for call in (lambda: torch.igamma(torch.tensor([1, 2]), torch.tensor([1, 2])),
             lambda: torch.igamma(torch.tensor([1.0]), 2.0),
             lambda: torch.special.gammainc(2.0, torch.tensor([1.0])),
             lambda: torch.igamma(torch.tensor([True]), torch.tensor([True]))):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)

# %% special_igamma_methods_inplace rtol=1e-5 atol=1e-6
import torch

a = torch.tensor([1.0, 2.0, 4.0])
x = torch.tensor([0.5, 2.0, 3.0])
print(a.igamma(x), a.igammac(x))
b = a.clone()
b.igamma_(x)
print(b)
c = a.clone()
c.igammac_(x)
print(c)
try:
    torch.tensor([1, 2]).igammac_(torch.tensor([1.0, 2.0]))
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.special.gammaincc(torch.ones(2), torch.ones(3))
except RuntimeError as e:
    print("broadcast", type(e).__name__)
out = torch.empty(3)
torch.igamma(a, x, out=out)
print(out)
