"""``torch.utils.data._utils``: the place torch's docs point to for extending ``default_collate``."""
from . import collate  # noqa: F401
