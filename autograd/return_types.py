"""Named results of multi-output ops (``torch.return_types``): they unpack as tuples and name their fields."""
import collections


def _make(name, fields):
    base = collections.namedtuple(name, fields)

    def __repr__(self):
        body = ",\n".join(f"{f}={v!r}" for f, v in zip(self._fields, self))
        return f"autograd.return_types.{name}(\n{body})"

    def __new__(cls, *args, **kwargs):  # torch.return_types.max((values, indices)), as a structseq
        if len(args) == 1 and not kwargs:
            args = tuple(args[0])
            if len(args) != len(fields):
                raise TypeError(f"torch.return_types.{name}() takes a {len(fields)}-sequence ({len(args)}-sequence given)")
        return base.__new__(cls, *args, **kwargs)

    cls = type(name, (base,), {"__slots__": (), "__repr__": __repr__, "__new__": __new__, "__module__": __name__,
                               "n_fields": len(fields),
                               "n_sequence_fields": len(fields), "n_unnamed_fields": 0})  # structseq's counts
    cls.__qualname__ = name
    return cls


max = _make("max", ("values", "indices"))
min = _make("min", ("values", "indices"))
aminmax = _make("aminmax", ("min", "max"))
sort = _make("sort", ("values", "indices"))
topk = _make("topk", ("values", "indices"))
kthvalue = _make("kthvalue", ("values", "indices"))
median = _make("median", ("values", "indices"))
nanmedian = _make("nanmedian", ("values", "indices"))
mode = _make("mode", ("values", "indices"))
cummax = _make("cummax", ("values", "indices"))
cummin = _make("cummin", ("values", "indices"))
slogdet = _make("slogdet", ("sign", "logabsdet"))
linalg_slogdet = _make("linalg_slogdet", ("sign", "logabsdet"))
linalg_svd = _make("linalg_svd", ('U', 'S', 'Vh'))
svd = _make("svd", ('U', 'S', 'V'))
linalg_eigh = _make("linalg_eigh", ('eigenvalues', 'eigenvectors'))
linalg_qr = _make("linalg_qr", ('Q', 'R'))
geqrf = _make("geqrf", ("a", "tau"))
qr = _make("qr", ('Q', 'R'))
linalg_lstsq = _make("linalg_lstsq", ('solution', 'residuals', 'rank', 'singular_values'))
linalg_inv_ex = _make("linalg_inv_ex", ('inverse', 'info'))
linalg_cholesky_ex = _make("linalg_cholesky_ex", ('L', 'info'))
linalg_lu_factor = _make("linalg_lu_factor", ('LU', 'pivots'))
linalg_lu_factor_ex = _make("linalg_lu_factor_ex", ('LU', 'pivots', 'info'))
linalg_ldl_factor = _make("linalg_ldl_factor", ('LD', 'pivots'))
linalg_ldl_factor_ex = _make("linalg_ldl_factor_ex", ('LD', 'pivots', 'info'))
linalg_lu = _make("linalg_lu", ('P', 'L', 'U'))
lu_unpack = _make("lu_unpack", ('P', 'L', 'U'))
_lu_with_info = _make("_lu_with_info", ('LU', 'pivots', 'info'))
linalg_solve_ex = _make("linalg_solve_ex", ('result', 'info'))
triangular_solve = _make("triangular_solve", ('solution', 'cloned_coefficient'))
histogram = _make("histogram", ("hist", "bin_edges"))
histogramdd = _make("histogramdd", ("hist", "bin_edges"))
frexp = _make("frexp", ("mantissa", "exponent"))

for _name, _cls in list(globals().items()):
    if isinstance(_cls, type) and _cls.__module__ == __name__:
        globals()[_name + "_out"] = _make(_name + "_out", _cls._fields)
del _name, _cls
