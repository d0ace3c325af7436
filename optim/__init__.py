"""Optimizers and learning-rate schedulers (``torch.optim`` -> ``optim``)."""
from .optimizer import Optimizer, register_optimizer_step_pre_hook, register_optimizer_step_post_hook
from .sgd import SGD
from .adam import Adam
from .adamw import AdamW
from .rmsprop import RMSprop
from .adagrad import Adagrad
from . import lr_scheduler

__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "lr_scheduler",
           "register_optimizer_step_pre_hook", "register_optimizer_step_post_hook"]
