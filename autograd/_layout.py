"""Tensor layouts (``torch.layout``: ``strided``, ``sparse_coo``, ...). Every tensor here is strided; the
other layouts exist so that code naming them (``layout=torch.sparse_coo`` checks, ``x.layout == ...``) runs."""
from ._named import NamedConstant


class layout(NamedConstant):
    __module__ = "autograd"


strided = layout("strided")
sparse_coo = layout("sparse_coo")
sparse_csr = layout("sparse_csr")
sparse_csc = layout("sparse_csc")
sparse_bsr = layout("sparse_bsr")
sparse_bsc = layout("sparse_bsc")
_mkldnn = layout("_mkldnn")
jagged = layout("jagged")

__all__ = ["layout", "strided", "sparse_coo", "sparse_csr", "sparse_csc", "sparse_bsr", "sparse_bsc", "jagged"]
