"""Hand-written NumPy references for every workload: forward, backward and Adam written out by hand."""
import numpy as np

from .libs import mnist_arrays

EW_N = 4 * 1024 * 1024


class Adam:
    def __init__(self, params, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        self.p, self.lr, self.b1, self.b2, self.eps, self.t = params, lr, b1, b2, eps, 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def step(self, grads):
        self.t += 1
        c1, c2 = 1 - self.b1 ** self.t, 1 - self.b2 ** self.t
        for p, g, m, v in zip(self.p, grads, self.m, self.v):
            m *= self.b1
            m += (1 - self.b1) * g
            v *= self.b2
            v += (1 - self.b2) * g * g
            p -= (self.lr / c1) * m / (np.sqrt(v / c2) + self.eps)


def _linear_init(rng, o, i):
    k = 1 / np.sqrt(i)
    return rng.uniform(-k, k, (o, i)).astype(np.float32), rng.uniform(-k, k, o).astype(np.float32)


def _xent(o, y):
    """Mean cross-entropy and its gradient w.r.t. the logits."""
    m = o.max(1, keepdims=True)
    e = np.exp(o - m)
    s = e.sum(1, keepdims=True)
    n = len(y)
    loss = float(np.mean(np.log(s[:, 0]) + m[:, 0] - o[np.arange(n), y]))
    g = e / s
    g[np.arange(n), y] -= 1
    g /= n
    return loss, g


class MLP:
    def __init__(self):
        rng = np.random.default_rng(0)
        self.W1, self.b1 = _linear_init(rng, 128, 784)
        self.W2, self.b2 = _linear_init(rng, 10, 128)
        self.opt = Adam([self.W1, self.b1, self.W2, self.b2])

    def step(self, x, y):
        h = x @ self.W1.T + self.b1
        a = np.maximum(h, 0)
        o = a @ self.W2.T + self.b2
        loss, go = _xent(o, y)
        gW2, gb2 = go.T @ a, go.sum(0)
        gh = (go @ self.W2) * (h > 0)
        gW1, gb1 = gh.T @ x, gh.sum(0)
        self.opt.step([gW1, gb1, gW2, gb2])
        return loss


def _im2col(x):
    """(N, C, H, W) -> (N*H*W, C*9) patches of a 3x3, padding-1 convolution."""
    n, c, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    win = np.lib.stride_tricks.sliding_window_view(xp, (3, 3), axis=(2, 3))  # N C H W 3 3
    return np.ascontiguousarray(win.transpose(0, 2, 3, 1, 4, 5)).reshape(n * h * w, c * 9)


def _col2im(cols, shape):
    n, c, h, w = shape
    g = cols.reshape(n, h, w, c, 3, 3)
    out = np.zeros((n, c, h + 2, w + 2), np.float32)
    for i in range(3):
        for j in range(3):
            out[:, :, i:i + h, j:j + w] += g[:, :, :, :, i, j].transpose(0, 3, 1, 2)
    return out[:, :, 1:-1, 1:-1]


class Conv:
    def __init__(self, rng, cin, cout):
        k = 1 / np.sqrt(cin * 9)
        self.W = rng.uniform(-k, k, (cout, cin, 3, 3)).astype(np.float32)
        self.b = rng.uniform(-k, k, cout).astype(np.float32)

    def forward(self, x):
        self.x_shape = x.shape
        self.cols = _im2col(x)
        n, _, h, w = x.shape
        out = self.cols @ self.W.reshape(len(self.W), -1).T + self.b
        return out.reshape(n, h, w, -1).transpose(0, 3, 1, 2)

    def backward(self, g):
        gm = g.transpose(0, 2, 3, 1).reshape(-1, len(self.W))
        self.gW = (gm.T @ self.cols).reshape(self.W.shape)
        self.gb = gm.sum(0)
        return _col2im(gm @ self.W.reshape(len(self.W), -1), self.x_shape)


def _pool(x):
    n, c, h, w = x.shape
    r = x.reshape(n, c, h // 2, 2, w // 2, 2)
    out = r.max(axis=(3, 5))
    mask = r == out[:, :, :, None, :, None]
    return out, mask


def _unpool(g, mask):
    n, c, h2, _, w2, _ = mask.shape
    return (mask * g[:, :, :, None, :, None]).reshape(n, c, h2 * 2, w2 * 2)


class CNN:
    def __init__(self):
        rng = np.random.default_rng(0)
        self.c1, self.c2 = Conv(rng, 1, 32), Conv(rng, 32, 64)
        self.W3, self.b3 = _linear_init(rng, 128, 3136)
        self.W4, self.b4 = _linear_init(rng, 10, 128)
        self.opt = Adam([self.c1.W, self.c1.b, self.c2.W, self.c2.b, self.W3, self.b3, self.W4, self.b4])

    def step(self, x, y):
        h1 = self.c1.forward(x)
        p1, m1 = _pool(np.maximum(h1, 0))
        h2 = self.c2.forward(p1)
        p2, m2 = _pool(np.maximum(h2, 0))
        f = p2.reshape(len(x), -1)
        h3 = f @ self.W3.T + self.b3
        a3 = np.maximum(h3, 0)
        o = a3 @ self.W4.T + self.b4
        loss, go = _xent(o, y)
        gW4, gb4 = go.T @ a3, go.sum(0)
        gh3 = (go @ self.W4) * (h3 > 0)
        gW3, gb3 = gh3.T @ f, gh3.sum(0)
        gp2 = (gh3 @ self.W3).reshape(p2.shape)
        gh2 = _unpool(gp2, m2) * (h2 > 0)
        gp1 = self.c2.backward(gh2)
        gh1 = _unpool(gp1, m1) * (h1 > 0)
        self.c1.backward(gh1)
        self.opt.step([self.c1.gW, self.c1.gb, self.c2.gW, self.c2.gb, gW3, gb3, gW4, gb4])
        return loss


def _sig(x):
    return 1 / (1 + np.exp(-x))


def chain():
    rng = np.random.default_rng(0)
    x = rng.standard_normal(4, dtype=np.float32)
    y = rng.standard_normal(4, dtype=np.float32)

    def step():
        a = x * y
        b = a + x
        c = _sig(b)
        d = c * 2.0
        e = d - y
        f = np.tanh(e)
        g = f * f
        h = g + 1.0
        i = np.exp(h)
        j = i / 3.0
        j.sum()
        gh = np.full_like(j, 1 / 3.0) * i
        ge = 2 * f * gh * (1 - f * f)
        gb = 2 * ge * c * (1 - c)
        gx = gb + gb * y
        gy = -ge + gb * x
        return gx, gy
    return step, {}


def build(name):
    rng = np.random.default_rng(0)
    if name == "chain11":
        return chain()
    if name.startswith("mlp"):
        b = int(name[3:])
        net = MLP()
        x = rng.standard_normal((b, 784), dtype=np.float32)
        y = rng.integers(0, 10, b)
        return lambda: net.step(x, y), {}
    if name == "cnn64":
        net = CNN()
        x = rng.standard_normal((64, 1, 28, 28), dtype=np.float32)
        y = rng.integers(0, 10, 64)
        return lambda: net.step(x, y), {}
    if name == "mnist_epoch":
        net = MLP()
        X, Y = mnist_arrays()

        def epoch():
            perm = rng.permutation(len(X))
            for i in range(0, len(X), 64):
                idx = perm[i:i + 64]
                net.step(X[idx], Y[idx])
        return epoch, {}
    if name.startswith("matmul"):
        n = int(name[6:])
        a = rng.standard_normal((n, n), dtype=np.float32)
        b = rng.standard_normal((n, n), dtype=np.float32)
        return lambda: a @ b, {"flops": 2.0 * n ** 3}
    if name.startswith("ew:"):
        return _elementwise(name[3:])
    raise KeyError(name)


def _elementwise(op):
    from .workloads import EW
    k, passes, _ = EW[op]
    rng = np.random.default_rng(0)
    a = [rng.standard_normal(EW_N, dtype=np.float32) for _ in range(k)]
    if op.endswith("_bwd"):
        a[1] = np.abs(a[1]) % 1.0
    fns = {
        "x*y+z": lambda x, y, z: x * y + z,
        "relu": lambda x: np.maximum(x, 0),
        "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
        "tanh": np.tanh,
        "exp": np.exp,
        "relu_bwd": lambda g, y: np.where(y > 0, g, 0),
        "sigmoid_bwd": lambda g, y: g * y * (1 - y),
        "tanh_bwd": lambda g, y: g * (1 - y * y),
        "exp_bwd": lambda g, y: g * y,
    }
    fn = fns[op]
    return (lambda: fn(*a)), {"bytes": float(passes * 4 * EW_N)}
