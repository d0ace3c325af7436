"""``torch.utils.data._utils.collate``: the same objects as ``autograd.data.collate`` (updating
``default_collate_fn_map`` here changes what ``default_collate`` does, as in torch)."""
from ..collate import (_STR_OBJ as np_str_obj_array_pattern, collate, collate_float_fn, collate_int_fn,  # noqa: F401
                       collate_numpy_array_fn, collate_numpy_scalar_fn, collate_str_fn, collate_tensor_fn,
                       default_collate, default_collate_err_msg_format, default_collate_fn_map, default_convert)
