"""The figures of a training run: learning curves, confusion matrix, grid of misclassified images."""
import numpy as np


def _pyplot():
    import matplotlib
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    return plt


def confusion_matrix(targets, preds, n_classes=10):
    """counts[i, j]: test samples of class i predicted as j."""
    return np.bincount(targets * n_classes + preds, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def plot_curves(history, path, title=""):
    plt = _pyplot()
    epochs = [h["epoch"] for h in history]
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4))
    for ax, key, label in ((ax_loss, "loss", "cross-entropy loss"), (ax_acc, "acc", "accuracy (%)")):
        scale = 100 if key == "acc" else 1
        ax.plot(epochs, [h[f"train_{key}"] * scale for h in history], "o-", label="train")
        ax.plot(epochs, [h[f"test_{key}"] * scale for h in history], "s-", label="test")
        ax.set_xlabel("epoch")
        ax.set_ylabel(label)
        ax.set_xticks(epochs)
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(title)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.13, top=0.88, wspace=0.25)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_confusion(matrix, classes, path, title=""):
    plt = _pyplot()
    n = len(matrix)
    fig, ax = plt.subplots(figsize=(7, 6))
    im = ax.imshow(matrix, cmap="Blues")
    fig.colorbar(im, ax=ax)
    threshold = matrix.max() / 2 if matrix.size else 0
    for i in range(n):
        for j in range(n):
            ax.text(j, i, str(matrix[i, j]), ha="center", va="center", fontsize=7,
                    color="white" if matrix[i, j] > threshold else "black")
    ax.set_xticks(range(n), classes, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(n), classes, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title or "test confusion matrix")
    fig.subplots_adjust(left=0.16, right=0.98, bottom=0.18, top=0.93)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_mistakes(images, preds, targets, classes, path, max_images=36, cols=6):
    """The first misclassified images as one mosaic (one axes: fast), each labelled 'pred X / true Y'."""
    plt = _pyplot()
    wrong = np.flatnonzero(preds != targets)[:max_images]
    rows = max(1, -(-len(wrong) // cols))
    h, w = images.shape[1:3]
    cell_h, cell_w = h + 14, w + 4  # room for the label above each image
    mosaic = np.zeros((rows * cell_h, cols * cell_w), dtype=np.float32)
    fig, ax = plt.subplots(figsize=(cols * 1.7, rows * 2.0 + 0.6))
    for n, i in enumerate(wrong):
        r, c = divmod(n, cols)
        mosaic[r * cell_h + 12: r * cell_h + 12 + h, c * cell_w + 2: c * cell_w + 2 + w] = images[i] / 255.0
        ax.text(c * cell_w + cell_w / 2, r * cell_h + 6, f"pred {classes[preds[i]]}\ntrue {classes[targets[i]]}",
                ha="center", va="center", fontsize=7, color="crimson")
    ax.imshow(mosaic, cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
    ax.axis("off")
    ax.set_title(f"{int((preds != targets).sum())} misclassified test images (first {len(wrong)} shown)")
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.93)
    fig.savefig(path, dpi=100)
    plt.close(fig)
