"""Train an MLP or a CNN on MNIST / Fashion-MNIST: progress bars, per-epoch results, plots, checkpoints.

    python -m autograd.examples.mnist [--model mlp|cnn] [--dataset mnist|fashion-mnist] [--epochs 3] ...

Writes into ``--out`` (default ``runs/<timestamp>``): ``checkpoint.pt`` (model + optimizer state,
epoch, metrics; ``autograd.save``), ``metrics.json``, ``curves.png``, ``confusion.png``,
``mistakes.png`` and ``graph.svg`` (``graph.dot`` when no ``dot`` executable is installed).
``--resume PATH`` continues a run, also one stopped with Ctrl-C mid-epoch (the checkpoint records the
batch and the random streams, so the resumed run gives the same numbers as an uninterrupted one).
Exit codes: 0 done, 2 data missing or corrupt (or a bad checkpoint), 130 interrupted.
"""
import argparse
import json
import pickle
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

import autograd
from autograd.data import DataLoader, DatasetCorruptError, DatasetNotFoundError, FashionMNIST, MNIST, TensorDataset

DATASETS = {"mnist": MNIST, "fashion-mnist": FashionMNIST}
OPTIMIZERS = {"adam": "Adam", "sgd": "SGD", "adamw": "AdamW", "rmsprop": "RMSprop"}
# options that define the run; a resumed run takes them from its checkpoint
RUN_OPTIONS = {"model": "mlp", "dataset": "mnist", "batch_size": 64, "lr": 1e-3, "optimizer": "adam", "seed": 0,
               "limit": None, "lr_schedule": None}
# per model: the MLP trains 3 epochs at Adam's constant 1e-3, the CNN 2 epochs with the rate annealed to 0
DEFAULT_EPOCHS = {"mlp": 3, "cnn": 2}
DEFAULT_SCHEDULE = {"mlp": "constant", "cnn": "cosine"}
CHECKPOINT = "checkpoint.pt"


def build_model(kind):
    import nn
    if kind == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Dropout(), nn.Linear(128, 10))


def build_optimizer(name, params, lr):
    import optim
    kwargs = {"momentum": 0.9} if name == "sgd" else {}
    return getattr(optim, OPTIMIZERS[name])(params, lr=lr, **kwargs)


def build_scheduler(kind, optimizer, total_steps):
    """Stepped once per batch: ``cosine`` anneals the learning rate to 0 at the last batch of the run."""
    if kind == "constant":
        return None
    import optim
    return optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="python -m autograd.examples.mnist", description=__doc__.split("\n")[0])
    p.add_argument("--model", choices=["mlp", "cnn"], help="mlp (default) or cnn")
    p.add_argument("--dataset", choices=sorted(DATASETS), help="mnist (default) or fashion-mnist")
    p.add_argument("--epochs", type=int, help="total number of epochs (default: 3 for the MLP, 2 for the CNN)")
    p.add_argument("--batch-size", type=int, help="default 64")
    p.add_argument("--lr", type=float, help="learning rate (default 1e-3)")
    p.add_argument("--optimizer", choices=sorted(OPTIMIZERS), help="adam (default), sgd (momentum 0.9), adamw, rmsprop")
    p.add_argument("--lr-schedule", choices=["constant", "cosine"],
                   help="per-batch learning rate schedule: cosine (decay to 0 over the run; the CNN's default) "
                        "or constant (the MLP's default)")
    p.add_argument("--seed", type=int, help="random seed (default 0); the same seed gives the same metrics")
    p.add_argument("--out", type=Path, help="output directory (default runs/<timestamp>)")
    p.add_argument("--resume", type=Path, metavar="PATH", help="continue from a checkpoint (file or run directory)")
    p.add_argument("--data-root", type=Path, help="directory holding the four IDX .gz files (default: search path)")
    p.add_argument("--limit", type=int, metavar="N", help="train on the first N training samples only")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show progress bars (default: when stderr is a terminal)")
    p.add_argument("--plots", action=argparse.BooleanOptionalAction, default=True,
                   help="write curves/confusion/mistakes/graph figures at the end (default: yes)")
    args = p.parse_args(argv)
    if any(v is not None and v < 1 for v in (args.epochs, args.batch_size, args.limit)):
        p.error("--epochs, --batch-size and --limit must be positive")
    return args


class Fail(Exception):
    """An error reported as one message and exit code 2."""


def load_checkpoint(path):
    path = Path(path)
    if path.is_dir():
        path = path / CHECKPOINT
    try:
        ckpt = autograd.load(path)
    except (OSError, RuntimeError, pickle.UnpicklingError) as e:
        raise Fail(f"cannot resume from '{path}': {e}") from None
    if not isinstance(ckpt, dict) or "model" not in ckpt or "args" not in ckpt:
        raise Fail(f"cannot resume from '{path}': not a checkpoint written by this script")
    return path, ckpt


def resolve_options(args, ckpt):
    """The run's options: explicit flags, else the checkpoint's, else defaults; a resumed run's flags must
    agree with its checkpoint's (only ``--epochs`` may change)."""
    saved = ckpt["args"] if ckpt else {}
    for key, default in RUN_OPTIONS.items():
        given = getattr(args, key)
        if given is not None and key in saved and given != saved[key]:
            raise Fail(f"--{key.replace('_', '-')} {given} differs from the checkpoint's {saved.get(key)}; "
                       "a resumed run keeps its model, data, batching and optimizer settings")
        setattr(args, key, given if given is not None else saved.get(key, default))
    if args.lr_schedule is None:
        args.lr_schedule = DEFAULT_SCHEDULE[args.model]
    if args.epochs is None:  # a resumed run goes on to the total it was started with
        args.epochs = saved.get("epochs") or DEFAULT_EPOCHS[args.model]
    return args


def load_data(args):
    cls = DATASETS[args.dataset]
    try:
        train, test = cls(args.data_root, train=True), cls(args.data_root, train=False)
    except (DatasetNotFoundError, DatasetCorruptError) as e:
        raise Fail(str(e)) from None
    x, y = train.as_tensors(normalize=True)
    if args.limit is not None:
        x, y = x[:args.limit], y[:args.limit]
    return train, test, TensorDataset(x, y)


def evaluate(model, images, targets, batch_size=1000):
    """(mean loss, accuracy, predictions) over a whole split, without building a graph."""
    import nn.functional as F
    model.eval()
    loss_sum, preds = 0.0, []
    with autograd.no_grad():
        for i in range(0, len(targets), batch_size):
            out = model(images[i:i + batch_size])
            t = targets[i:i + batch_size]
            loss_sum += F.cross_entropy(out, t, reduction="sum").item()
            preds.append(out.numpy().argmax(1))
    preds = np.concatenate(preds)
    return loss_sum / len(targets), float((preds == targets.numpy()).mean()), preds


@contextmanager
def deferred_interrupt():
    """Turn the first Ctrl-C into a flag checked between batches (a second one interrupts at once)."""
    state = {"hit": False}
    if not _in_main_thread():
        yield state
        return

    def handler(signum, frame):
        state["hit"] = True
        signal.signal(signal.SIGINT, previous)
    previous = signal.signal(signal.SIGINT, handler)
    if previous is None:  # a handler not installed from Python: fall back to the default one
        previous = signal.default_int_handler
    try:
        yield state
    finally:
        signal.signal(signal.SIGINT, previous)


def _in_main_thread():
    import threading
    return threading.current_thread() is threading.main_thread()


class Run:
    """One training run: model, optimizer, data, history, and everything needed to stop and resume."""

    def __init__(self, args, ckpt):
        autograd.manual_seed(args.seed)
        self.args = args
        self.train_set, self.test_set, self.train_data = load_data(args)
        self.model = build_model(args.model)
        self.optimizer = build_optimizer(args.optimizer, self.model.parameters(), args.lr)
        self.loader_gen = autograd.Generator().manual_seed(args.seed)
        self.loader = DataLoader(self.train_data, batch_size=args.batch_size, shuffle=True, generator=self.loader_gen)
        self.scheduler = build_scheduler(args.lr_schedule, self.optimizer, args.epochs * len(self.loader))
        self.test_x, self.test_y = self.test_set.as_tensors(normalize=True)
        self.history, self.epoch, self.batch, self.warmup_s = [], 0, 0, None
        self.partial = {"loss_sum": 0.0, "correct": 0, "seen": 0, "train_time": 0.0}
        self.epoch_start_gen = self.loader_gen.get_state()
        if ckpt is not None:
            self.model.load_state_dict(ckpt["model"])
            self.optimizer.load_state_dict(ckpt["optimizer"])
            self.history = list(ckpt["history"])
            self.epoch, self.batch = ckpt["epoch"], ckpt["batch"]
            self.partial = dict(ckpt["partial"])
            self.loader_gen.set_state(ckpt["loader_rng"])
            self.epoch_start_gen = ckpt["loader_rng"]
            autograd.set_rng_state(ckpt["rng"])
            if self.scheduler is not None and ckpt.get("scheduler") is not None:
                self.scheduler.load_state_dict(ckpt["scheduler"])
                self.scheduler.T_max = args.epochs * len(self.loader)  # --epochs may extend the run

    def warm_up(self):
        """One tiny forward/backward, so that compiling the kernels (Numba JIT) is not timed as training.

        Eval mode and no optimizer step: no random numbers are drawn and no weight changes, so the run's
        numbers are exactly those it would have without it.
        """
        import nn.functional as F
        start = time.perf_counter()
        self.model.eval()
        x, y = self.train_data.tensors[0][:2], self.train_data.tensors[1][:2]
        F.cross_entropy(self.model(x), y).backward()
        self.optimizer.zero_grad(set_to_none=True)
        self.warmup_s = time.perf_counter() - start

    def state(self):
        return {"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(), "epoch": self.epoch,
                "batch": self.batch, "history": self.history, "partial": self.partial,
                "loader_rng": self.epoch_start_gen, "rng": autograd.get_rng_state(),
                "scheduler": None if self.scheduler is None else self.scheduler.state_dict(),
                "args": {k: getattr(self.args, k) for k in (*RUN_OPTIONS, "epochs")}}

    def train_epoch(self, interrupt, progress):
        """Train until the epoch ends (True) or Ctrl-C was pressed (False)."""
        import nn.functional as F
        from tqdm import tqdm
        self.model.train()
        p = self.partial
        n = len(self.train_data)
        bar = tqdm(total=n, initial=p["seen"], desc=f"epoch {self.epoch + 1}/{self.args.epochs}", unit="img",
                   disable=not progress, leave=False, dynamic_ncols=True, mininterval=0.25)
        batches = iter(self.loader)
        for _ in range(self.batch):  # resuming mid-epoch: replay the epoch's order up to where it stopped
            next(batches)
        start = time.perf_counter()
        try:
            for x, y in batches:
                out = self.model(x)
                loss = F.cross_entropy(out, y)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                if self.scheduler is not None:
                    self.scheduler.step()
                k = len(y)
                p["loss_sum"] += loss.item() * k
                p["correct"] += int((out.detach().numpy().argmax(1) == y.numpy()).sum())
                p["seen"] += k
                self.batch += 1
                bar.update(k)
                if self.batch % 25 == 0:
                    bar.set_postfix_str(f"loss {p['loss_sum'] / p['seen']:.4f} acc {100 * p['correct'] / p['seen']:.2f}%",
                                        refresh=False)
                if interrupt["hit"]:
                    return False
            return True
        finally:
            p["train_time"] += time.perf_counter() - start
            bar.close()

    def finish_epoch(self):
        t0 = time.perf_counter()
        test_loss, test_acc, _ = evaluate(self.model, self.test_x, self.test_y)
        p = self.partial
        rec = {"epoch": self.epoch + 1, "train_loss": p["loss_sum"] / max(p["seen"], 1),
               "train_acc": p["correct"] / max(p["seen"], 1), "test_loss": test_loss, "test_acc": test_acc,
               "train_time_s": p["train_time"], "eval_time_s": time.perf_counter() - t0}
        self.history.append(rec)
        self.epoch, self.batch = self.epoch + 1, 0
        self.partial = {"loss_sum": 0.0, "correct": 0, "seen": 0, "train_time": 0.0}
        self.epoch_start_gen = self.loader_gen.get_state()
        return rec


def write_metrics(run, out):
    h = run.history
    metrics = {"dataset": run.args.dataset, "model": run.args.model, "optimizer": run.args.optimizer,
               "lr": run.args.lr, "lr_schedule": run.args.lr_schedule, "batch_size": run.args.batch_size,
               "seed": run.args.seed, "limit": run.args.limit,
               "train_samples": len(run.train_data), "test_samples": len(run.test_y),
               "parameters": sum(p.numel() for p in run.model.parameters()), "epochs": h,
               "final_test_acc": h[-1]["test_acc"] if h else None,
               "total_train_time_s": sum(r["train_time_s"] for r in h), "warmup_s": run.warmup_s}
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")


def write_figures(run, out, say):
    from . import _plots
    cls = DATASETS[run.args.dataset]
    classes = [c.split(" - ")[0] for c in cls.classes]
    title = f"{run.args.model.upper()} on {cls.__name__}"
    _, _, preds = evaluate(run.model, run.test_x, run.test_y)
    targets = run.test_y.numpy()
    _plots.plot_curves(run.history, out / "curves.png", title)
    _plots.plot_confusion(_plots.confusion_matrix(targets, preds, len(classes)), classes, out / "confusion.png",
                          f"{title}: test confusion matrix")
    _plots.plot_mistakes(run.test_set.data.numpy(), preds, targets, classes, out / "mistakes.png")
    write_graph(run, out, say)


def write_graph(run, out, say):
    """graph.svg of one training step's graph; graph.dot (and a note) when it cannot be rendered."""
    try:
        from autograd import viz
        run.model.train()
        graph = viz.draw_model(run.model, run.test_x[:1], params=run.model)
    except Exception as e:  # the figure is optional: never lose a finished run over it
        say(f"graph: not drawn ({type(e).__name__}: {e})")
        return
    if viz.find_dot() is not None:
        try:
            (out / "graph.svg").write_bytes(graph.pipe(format="svg"))
            return
        except Exception as e:
            say(f"graph: rendering failed ({type(e).__name__}: {e}); wrote graph.dot instead")
    else:
        say("graph: no Graphviz 'dot' executable found, wrote graph.dot instead of graph.svg "
            "(pip install 'tapegrad[dot]' or install Graphviz to get the SVG)")
    (out / "graph.dot").write_text(graph.source)


def main(argv=None):
    """Console entry point (``autograd-mnist``); returns the exit code."""
    args = parse_args(argv)
    from tqdm import tqdm
    say = tqdm.write
    try:
        ckpt_path, ckpt = load_checkpoint(args.resume) if args.resume else (None, None)
        resolve_options(args, ckpt)
        out = args.out or (ckpt_path.parent if ckpt_path else Path("runs") / time.strftime("%Y%m%d-%H%M%S"))
        out.mkdir(parents=True, exist_ok=True)
        run = Run(args, ckpt)
    except Fail as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    n_params = sum(p.numel() for p in run.model.parameters())
    say(f"{args.model.upper()} ({n_params:,} parameters), {args.optimizer} lr {args.lr:g}"
        f"{' (cosine decay)' if args.lr_schedule == 'cosine' else ''}, batch {args.batch_size}; "
        f"{type(run.train_set).__name__} from {run.train_set.raw_folder}: {len(run.train_data):,} train / "
        f"{len(run.test_y):,} test images; output in {out}")
    if ckpt is not None:
        say(f"resuming from {ckpt_path} at epoch {run.epoch + 1}" + (f", batch {run.batch}" if run.batch else ""))
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    run.warm_up()
    say(f"warm-up (kernel compilation, not counted as training time): {run.warmup_s:.1f}s")
    ckpt_file = out / CHECKPOINT
    with deferred_interrupt() as interrupt:
        try:
            while run.epoch < args.epochs:
                if not run.train_epoch(interrupt, progress):
                    raise KeyboardInterrupt
                t0 = time.perf_counter()
                rec = run.finish_epoch()
                say(f"epoch {rec['epoch']}/{args.epochs}  train loss {rec['train_loss']:.4f} acc "
                    f"{100 * rec['train_acc']:.2f}%  test loss {rec['test_loss']:.4f} acc {100 * rec['test_acc']:.2f}%  "
                    f"time {rec['train_time_s']:.1f}s train + {time.perf_counter() - t0:.1f}s eval")
                autograd.save(run.state(), ckpt_file)
                write_metrics(run, out)
        except KeyboardInterrupt:
            autograd.save(run.state(), ckpt_file)
            write_metrics(run, out)
            say(f"interrupted at epoch {run.epoch + 1}, batch {run.batch}: checkpoint saved to {ckpt_file}; "
                f"continue with --resume {ckpt_file}")
            return 130
    if args.plots:
        write_figures(run, out, say)
    total = sum(r["train_time_s"] for r in run.history)
    say(f"done: test accuracy {100 * run.history[-1]['test_acc']:.2f}% after {len(run.history)} epochs, "
        f"{total:.1f}s training; wrote {', '.join(sorted(p.name for p in out.iterdir()))} to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
