"""The main job end to end on a small generated MNIST-format data set: outputs, resume, Ctrl-C, errors."""
import json
import math
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import autograd
from autograd.examples import mnist
from mnist_files import FILES, write_fake_mnist

nn = pytest.importorskip("nn")
pytest.importorskip("optim")


@pytest.fixture
def data_root(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("AUTOGRAD_DATA", raising=False)
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    return write_fake_mnist(tmp_path / "data", n_train=320, n_test=120)


def run(*argv):
    return mnist.main([str(a) for a in argv])


def metrics(out):
    m = json.loads((Path(out) / "metrics.json").read_text())
    return [{k: r[k] for k in ("epoch", "train_loss", "train_acc", "test_loss", "test_acc")} for r in m["epochs"]]


def test_full_run_writes_every_output(data_root, tmp_path, capsys):
    out = tmp_path / "run"
    assert run("--data-root", data_root, "--epochs", 2, "--out", out, "--batch-size", 32) == 0
    text = capsys.readouterr()
    lines = [ln for ln in text.out.splitlines() if ln.startswith("epoch ")]
    assert len(lines) == 2 and all("train loss" in ln and "test loss" in ln and "acc" in ln and "time" in ln for ln in lines)
    names = {p.name for p in out.iterdir()}
    assert {"checkpoint.pt", "metrics.json", "curves.png", "confusion.png", "mistakes.png"} <= names
    assert "graph.svg" in names or ("graph.dot" in names and "graph.dot" in text.out)
    for png in ("curves.png", "confusion.png", "mistakes.png"):
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    m = json.loads((out / "metrics.json").read_text())
    assert m["model"] == "mlp" and m["dataset"] == "mnist" and m["train_samples"] == 320 and m["test_samples"] == 120
    assert m["parameters"] == 784 * 128 + 128 + 128 * 10 + 10
    assert [r["epoch"] for r in m["epochs"]] == [1, 2] and m["final_test_acc"] == m["epochs"][-1]["test_acc"]
    assert m["epochs"][-1]["test_acc"] > 0.5  # the generated classes are easy
    ckpt = autograd.load(out / "checkpoint.pt")
    assert ckpt["epoch"] == 2 and ckpt["batch"] == 0 and len(ckpt["history"]) == 2
    assert set(ckpt["model"]) == {"1.weight", "1.bias", "3.weight", "3.bias"}
    assert ckpt["optimizer"]["param_groups"][0]["lr"] == 1e-3 and ckpt["scheduler"] is None  # MLP: constant lr
    assert m["lr_schedule"] == "constant"


def test_same_seed_same_metrics_and_resume_continues(data_root, tmp_path):
    common = ("--data-root", data_root, "--no-plots", "--limit", 200)
    assert run(*common, "--epochs", 3, "--out", tmp_path / "a", "--seed", 5) == 0
    assert run(*common, "--epochs", 3, "--out", tmp_path / "b", "--seed", 5) == 0
    assert metrics(tmp_path / "a") == metrics(tmp_path / "b")
    assert run(*common, "--epochs", 1, "--out", tmp_path / "c", "--seed", 6) == 0
    assert metrics(tmp_path / "c")[0] != metrics(tmp_path / "a")[0]

    assert run(*common, "--epochs", 1, "--out", tmp_path / "r", "--seed", 5) == 0
    assert run("--data-root", data_root, "--no-plots", "--epochs", 3, "--resume", tmp_path / "r" / "checkpoint.pt") == 0
    assert metrics(tmp_path / "r") == metrics(tmp_path / "a")
    assert autograd.load(tmp_path / "r" / "checkpoint.pt")["epoch"] == 3


def _interrupt_at(monkeypatch, call, how):
    """Make the model's forward raise KeyboardInterrupt (or send SIGINT) at its ``call``-th training call."""
    build = mnist.build_model

    def patched(kind):
        model = build(kind)
        count = {"n": 0}

        def hook(module, inputs):
            if module.training:
                count["n"] += 1
                if count["n"] == call:
                    if how == "raise":
                        raise KeyboardInterrupt
                    os.kill(os.getpid(), signal.SIGINT)
        model.register_forward_pre_hook(hook)
        return model
    monkeypatch.setattr(mnist, "build_model", patched)


@pytest.mark.parametrize("how", ["raise", "signal"])
def test_ctrl_c_saves_a_checkpoint_and_resume_matches(data_root, tmp_path, monkeypatch, capsys, how):
    common = ("--data-root", data_root, "--no-plots", "--batch-size", 32, "--seed", 1)
    assert run(*common, "--epochs", 2, "--out", tmp_path / "full") == 0
    with monkeypatch.context() as m:
        _interrupt_at(m, 14, how)  # 10 batches per epoch: stops inside epoch 2
        assert run(*common, "--epochs", 2, "--out", tmp_path / "cut") == 130
    text = capsys.readouterr().out
    assert "interrupted" in text and "--resume" in text
    ckpt = autograd.load(tmp_path / "cut" / "checkpoint.pt")
    assert ckpt["epoch"] == 1 and ckpt["batch"] == (13 if how == "raise" else 14) - 10
    assert len(ckpt["history"]) == 1
    assert run("--data-root", data_root, "--no-plots", "--epochs", 2, "--resume", tmp_path / "cut") == 0
    assert metrics(tmp_path / "cut") == metrics(tmp_path / "full")


def test_missing_data_exits_2_naming_paths_and_files(data_root, tmp_path, capsys):
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert run("--data-root", empty, "--epochs", 1, "--out", tmp_path / "o") == 2
    err = capsys.readouterr().err
    for f in FILES:
        assert f in err
    assert str(empty) in err and "AUTOGRAD_DATA" in err and "shared/data/mnist" in err
    assert run("--dataset", "fashion-mnist", "--epochs", 1, "--out", tmp_path / "o") == 2
    assert "FashionMNIST data not found" in capsys.readouterr().err


def test_corrupt_file_exits_2_naming_it(data_root, tmp_path, capsys):
    bad = data_root / FILES[0]
    bad.write_bytes(bad.read_bytes()[:-100])
    assert run("--data-root", data_root, "--epochs", 1, "--out", tmp_path / "o") == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "MD5" in err and "expected" in err


def test_bad_resume_and_conflicting_options(data_root, tmp_path, capsys):
    (tmp_path / "junk.pt").write_bytes(b"junk")
    assert run("--data-root", data_root, "--resume", tmp_path / "junk.pt") == 2
    assert "junk.pt" in capsys.readouterr().err
    assert run("--data-root", data_root, "--no-plots", "--epochs", 1, "--limit", 64, "--out", tmp_path / "x") == 0
    for flag, value in (("--model", "cnn"), ("--lr", 0.01), ("--optimizer", "sgd"), ("--lr-schedule", "cosine")):
        assert run("--data-root", data_root, flag, value, "--resume", tmp_path / "x") == 2
        assert "differs from the checkpoint" in capsys.readouterr().err


def test_cosine_schedule_decays_per_batch_and_resumes_exactly(data_root, tmp_path, monkeypatch):
    common = ("--data-root", data_root, "--no-plots", "--batch-size", 32, "--seed", 2, "--lr-schedule", "cosine")
    assert run(*common, "--epochs", 2, "--out", tmp_path / "full") == 0
    m = json.loads((tmp_path / "full" / "metrics.json").read_text())
    assert m["lr_schedule"] == "cosine"
    ckpt = autograd.load(tmp_path / "full" / "checkpoint.pt")
    assert ckpt["scheduler"]["last_epoch"] == 20 and ckpt["optimizer"]["param_groups"][0]["lr"] == pytest.approx(0, abs=1e-12)
    with monkeypatch.context() as mp:
        _interrupt_at(mp, 14, "raise")
        assert run(*common, "--epochs", 2, "--out", tmp_path / "cut") == 130
    cut = autograd.load(tmp_path / "cut" / "checkpoint.pt")
    lr = cut["optimizer"]["param_groups"][0]["lr"]
    assert cut["scheduler"]["last_epoch"] == 13 and lr == pytest.approx(1e-3 * (1 + math.cos(math.pi * 13 / 20)) / 2)
    assert run("--data-root", data_root, "--no-plots", "--resume", tmp_path / "cut") == 0  # to its 2 epochs
    assert metrics(tmp_path / "cut") == metrics(tmp_path / "full")


@pytest.mark.parametrize("model,epochs,schedule", [("mlp", 3, "constant"), ("cnn", 2, "cosine")])
def test_defaults_per_model(model, epochs, schedule):
    args = mnist.resolve_options(mnist.parse_args(["--model", model]), None)
    assert (args.epochs, args.lr_schedule, args.lr, args.batch_size, args.optimizer) == (epochs, schedule, 1e-3, 64, "adam")


@pytest.mark.parametrize("opt", ["sgd", "adamw", "rmsprop"])
def test_other_optimizers_and_fashion(data_root, tmp_path, opt):
    out = tmp_path / opt
    assert run("--data-root", data_root, "--dataset", "fashion-mnist", "--optimizer", opt, "--lr", 0.01, "--epochs", 1,
               "--no-plots", "--out", out) == 0
    m = json.loads((out / "metrics.json").read_text())
    assert m["optimizer"] == opt and m["dataset"] == "fashion-mnist"


@pytest.mark.skipif(not all(hasattr(nn, n) for n in ("Conv2d", "MaxPool2d", "Dropout")), reason="nn conv layers not available yet")
def test_cnn_runs(data_root, tmp_path):
    out = tmp_path / "cnn"
    assert run("--data-root", data_root, "--model", "cnn", "--epochs", 1, "--limit", 64, "--no-plots", "--out", out) == 0
    assert json.loads((out / "metrics.json").read_text())["lr_schedule"] == "cosine"  # the CNN's default
    ckpt = autograd.load(out / "checkpoint.pt")
    assert tuple(ckpt["model"]["0.weight"].shape) == (32, 1, 3, 3) and tuple(ckpt["model"]["7.weight"].shape) == (128, 3136)


def test_module_entry_point(data_root, tmp_path):
    env = dict(os.environ, AUTOGRAD_DATA=str(tmp_path / "none"))
    root = Path(__file__).resolve().parents[1]
    env["PYTHONPATH"] = str(root) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, "-m", "autograd.examples.mnist", "--epochs", "1"], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2 and "MNIST data not found" in proc.stderr and "Traceback" not in proc.stderr
    help_ = subprocess.run([sys.executable, "-m", "autograd.examples.mnist", "--help"], capture_output=True, text=True,
                           env=env, cwd=tmp_path, timeout=120)
    assert help_.returncode == 0 and "--resume" in help_.stdout and "--limit" in help_.stdout
