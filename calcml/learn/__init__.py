"""Learning by gradient descent (lessons 5 and 7): models, costs, optimizers, training.

The four steps of machine learning, each a piece you can hold: a model's forward pass
``model(x)``, a cost ``mse(y_hat, y)`` with its hand-derived gradient beside it, the
gradient by autodiff (``backward()``), and an optimizer's ``step()``. :func:`train` runs
them epoch after epoch and keeps a :class:`History`.

>>> from calcml.learn import datasets, Line, train, mse, SGD
>>> x, y = datasets.course_regression()
>>> model = Line(m=0.9, b=0.1)
>>> history = train(model, x, y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
...                 epochs=1000)
>>> round(model.m.item(), 3), round(model.b.item(), 3)
(-0.468, 1.754)
"""

from calcml.learn import datasets
from calcml.learn.activations import ReLU, Sigmoid, Tanh
from calcml.learn.backprop import Backprop, LayerRecord, backprop, backward_by_hand
from calcml.learn.base import Module
from calcml.learn.costs import (
    Cost,
    binary_cross_entropy,
    hand_gradient,
    mse,
    one_hot,
    quadratic,
    softmax_cross_entropy,
)
from calcml.learn.datasets import Split
from calcml.learn.fourstep import (
    CostRecord,
    ForwardRecord,
    FourSteps,
    GradientRecord,
    StepRecord,
    four_steps,
)
from calcml.learn.history import History
from calcml.learn.modules import MLP, Line, Linear, LinearRegression, LogisticRegression
from calcml.learn.optimizers import GD, SGD, Adam, Momentum, Optimizer
from calcml.learn.schedules import ExponentialLR, Schedule, StepLR
from calcml.learn.training import TrainingDiverged, train

__all__ = ["Adam", "Backprop", "Cost", "CostRecord", "ExponentialLR", "ForwardRecord", "FourSteps",
           "GD", "GradientRecord", "History", "LayerRecord", "Line", "Linear", "LinearRegression",
           "LogisticRegression", "MLP", "Module", "Momentum", "Optimizer", "ReLU", "SGD",
           "Schedule", "Sigmoid", "Split", "StepLR", "StepRecord", "Tanh", "TrainingDiverged",
           "backprop", "backward_by_hand", "binary_cross_entropy", "datasets", "four_steps",
           "hand_gradient", "mse", "one_hot", "quadratic", "softmax_cross_entropy", "train"]
