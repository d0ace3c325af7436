"""The harness itself: import substitution and tolerant output comparison."""
from harness import compare_text, parse_programs, translate


def test_translate_rename():
    src = ("import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nfrom torch import optim\n"
           "from torch.utils.data import DataLoader\nx = torch.zeros(2, dtype=torch.float32)\n"
           "g = torch.autograd.grad\nl = torch.nn.Linear(2, 3)\n")
    out = translate(src, "rename")
    assert "import autograd\n" in out and "import nn as nn" in out and "import nn.functional as F" in out
    assert "import optim as optim" in out and "from autograd.data import DataLoader" in out
    assert "autograd.zeros(2, dtype=autograd.float32)" in out and "g = autograd.grad" in out
    assert "l = nn.Linear(2, 3)" in out and "torch" not in out


def test_translate_rename_binds_packages_used_bare():
    """``import nn.functional as F`` binds only F: a body saying ``torch.nn.Unfold`` still needs ``import nn``;
    ``O = torch.optim`` (no dot after the name) needs ``import optim``."""
    out = translate("import torch\nimport torch.nn.functional as F\nu = torch.nn.Unfold(2)\nO = torch.optim\n", "rename")
    assert out.startswith("import optim\nimport nn\n") or out.startswith("import nn\nimport optim\n")
    out = translate("import torch.nn\nl = torch.nn.Linear(1, 1)\n", "rename")
    assert out.count("import nn") == 1


def test_translate_alias():
    src = "import torch\nimport torch.nn as nn\nfrom torch.optim.lr_scheduler import StepLR\ny = torch.ones(1)\n"
    out = translate(src, "alias")
    assert "import autograd as torch" in out and "import nn as nn" in out
    assert "from optim.lr_scheduler import StepLR" in out and "y = torch.ones(1)" in out


def test_compare_text():
    assert compare_text("tensor([1.0000, 2.0000])", "tensor([1.0001, 2.0000])") is None
    assert compare_text("tensor([1.0000, 2.0000])", "tensor([1.0003, 2.0000])") is not None
    assert compare_text("autograd.float32 0x1234", "torch.float32 0xabcd") is None
    assert compare_text("tensor([1, 2])", "tensor([1., 2.])") is not None
    assert compare_text("0.30000001192092896", "0.30000004") is None
    assert compare_text("a  b\n", "a b", strict=True) is not None
    assert compare_text("a  b\n", "a b") is None
    assert compare_text("nan", "nan") is None


def test_parse_programs():
    ps = parse_programs("# %% a rtol=1e-3 strict\nprint(1)\n# %% b\nprint(2)\n")
    assert [p.name for p in ps] == ["a", "b"] and ps[0].rtol == 1e-3 and ps[0].strict and not ps[1].strict
