"""torch's CPU rejection samplers (gamma, Poisson, binomial) as loops over elements, drawing from a buffer
of 53-bit uniforms ``u``: plain Python here (on lists, for small batches), and the same functions compiled
by ``_jit_random`` (on arrays).

Every ``*_fill`` writes ``out[start:]`` in order and returns ``(i, pos, has_normal, normal)``: ``i == n``
when done, with ``pos`` the uniforms used; otherwise the buffer ran out inside element ``i`` and ``pos``,
``has_normal``, ``normal`` are where that element began, so the caller extends the buffer and calls again
from ``i``: the element is redrawn from the same uniforms. ``has_normal``/``normal`` carry the generator's
cached second Box-Muller value (torch's ``normal_distribution<double>``). Functions are self-contained
(inner functions only) so that Numba can compile them unchanged.
"""
import math

STIRLING_TAIL = (0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
                 0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
                 0.00925546218271273, 0.00833056343336287)


def gamma_fill(out, zero, small, power, d, c, c331, u, start, has_normal, normal):
    """Marsaglia-Tsang per element as ATen's ``sample_gamma`` (alpha < 1 boosted by ``u ** (1 / alpha)``)."""
    n, m, pos = len(out), len(u), 0
    for i in range(start, n):
        pos0, has0, normal0 = pos, has_normal, normal
        if zero[i]:
            out[i] = 0.0
            continue
        scale = 1.0
        if small[i]:
            if pos >= m:
                return i, pos0, has0, normal0
            scale = (1.0 - u[pos]) ** power[i]
            pos += 1
        while True:
            if has_normal:
                x, has_normal = normal, False
            else:
                if pos + 2 > m:
                    return i, pos0, has0, normal0
                r = math.sqrt(-2.0 * math.log1p(-u[pos + 1]))
                theta = 2.0 * math.pi * u[pos]
                pos += 2
                normal, has_normal = r * math.sin(theta), True
                x = r * math.cos(theta)
            y = 1.0 + c[i] * x
            if y <= 0:
                continue
            v = y * y * y
            if pos >= m:
                return i, pos0, has0, normal0
            w = 1.0 - u[pos]
            pos += 1
            xx = x * x
            if w < 1.0 - c331 * xx * xx or math.log(w) < 0.5 * xx + d[i] * (1.0 - v + math.log(v)):
                out[i] = scale * d[i] * v
                break
    return n, pos, has_normal, normal


def poisson_fill(out, rates, u, start, has_normal, normal):
    """The multiplication method below rate 10, Hoermann's transformed rejection (PTRS) from 10 on."""
    n, m, pos = len(out), len(u), 0
    for i in range(start, n):
        pos0 = pos
        lam = rates[i]
        if lam >= 10:
            slam, loglam = math.sqrt(lam), math.log(lam)
            b = 0.931 + 2.53 * slam
            a = -0.059 + 0.02483 * b
            invalpha = 1.1239 + 1.1328 / (b - 3.4)
            vr = 0.9277 - 3.6224 / (b - 2)
            while True:
                if pos + 2 > m:
                    return i, pos0, has_normal, normal
                uu, v = u[pos] - 0.5, u[pos + 1]
                pos += 2
                us = 0.5 - abs(uu)
                k = math.floor((2 * a / us + b) * uu + lam + 0.43)
                if us >= 0.07 and v <= vr:
                    out[i] = k
                    break
                if k < 0 or (us < 0.013 and v > us):
                    continue
                if math.log(v) + math.log(invalpha) - math.log(a / (us * us) + b) <= \
                        -lam + k * loglam - math.lgamma(k + 1.0):
                    out[i] = k
                    break
        elif lam == 0:
            out[i] = 0.0
        else:
            enlam, x, prod = math.exp(-lam), 0, 1.0
            while True:
                if pos >= m:
                    return i, pos0, has_normal, normal
                prod *= u[pos]
                pos += 1
                if prod > enlam:
                    x += 1
                else:
                    out[i] = x
                    break
    return n, pos, has_normal, normal


def binomial_fill(out, count, prob, flip, btrs, q, logq, stddev, c, r, mode, u, start, has_normal, normal):
    """Inversion for ``n * min(p, 1 - p) < 10``, else BTRS (Hoermann; ATen writes TensorFlow's variant, with its
    missing log); ``p > 0.5`` samples the complement."""
    def tail(k):
        if k < 10:
            return STIRLING_TAIL[int(k)]
        kp1sq = (k + 1) * (k + 1)
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1)

    n_out, m, pos = len(out), len(u), 0
    for i in range(start, n_out):
        pos0 = pos
        n, p = count[i], prob[i]
        if n <= 0 or p <= 0:
            out[i] = 0.0
            continue
        if p >= 1:
            out[i] = n
            continue
        if p != p:
            out[i] = math.nan
            continue
        k = 0.0
        if btrs[i]:
            b = 1.15 + 2.53 * stddev[i]
            a = -0.0873 + 0.0248 * b + 0.01 * q[i]
            v_r = 0.92 - 4.2 / b
            alpha = (2.83 + 5.1 / b) * stddev[i]
            mi, ri = mode[i], r[i]
            while True:
                if pos + 2 > m:
                    return i, pos0, has_normal, normal
                uu, v = u[pos] - 0.5, u[pos + 1]
                pos += 2
                us = 0.5 - abs(uu)
                k = float(math.floor((2 * a / us + b) * uu + c[i]))
                if k < 0 or k > n:
                    continue
                if us >= 0.07 and v <= v_r:
                    break
                v = math.log(v * alpha / (a / (us * us) + b))
                bound = ((mi + 0.5) * math.log((mi + 1) / (ri * (n - mi + 1)))
                         + (n + 1) * math.log((n - mi + 1) / (n - k + 1))
                         + (k + 0.5) * math.log(ri * (n - k + 1) / (k + 1)) + tail(mi) + tail(n - mi)
                         - tail(k) - tail(n - k))
                if v <= bound:
                    break
        else:
            total, j = 0.0, 0
            while True:
                if pos >= m:
                    return i, pos0, has_normal, normal
                total += math.ceil(math.log(u[pos]) / logq[i])
                pos += 1
                if total > n:
                    break
                j += 1
            k = float(j)
        out[i] = n - k if flip[i] else k
    return n_out, pos, has_normal, normal
