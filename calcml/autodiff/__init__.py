"""Automatic differentiation on NumPy: a PyTorch-style Tensor and JAX-style transforms.

>>> from calcml.autodiff import Tensor
>>> x = Tensor(5.0, requires_grad=True)
>>> (x ** 2).backward()
>>> x.grad.item()
10.0
"""

from calcml.autodiff.bridges import compare
from calcml.autodiff.check import check_grads
from calcml.autodiff.engine import no_grad
from calcml.autodiff.forward import Dual
from calcml.autodiff.functions import (
    abs,
    clip,
    concatenate,
    cos,
    exp,
    log,
    log_softmax,
    logsumexp,
    maximum,
    mean,
    relu,
    sigmoid,
    sin,
    softmax,
    sqrt,
    stack,
    tanh,
    where,
)
from calcml.autodiff.tensor import Tensor, zero_grad
from calcml.autodiff.trace import trace
from calcml.autodiff.transforms import (
    grad,
    hessian,
    jacfwd,
    jacobian,
    jacrev,
    jvp,
    value_and_grad,
    vjp,
)

__all__ = ["Dual", "Tensor", "abs", "check_grads", "clip", "compare", "concatenate", "cos",
           "exp", "grad", "hessian", "jacfwd", "jacobian", "jacrev", "jvp", "log", "log_softmax",
           "logsumexp", "maximum", "mean", "no_grad", "relu", "sigmoid", "sin", "softmax", "sqrt",
           "stack", "tanh", "trace", "value_and_grad", "vjp", "where", "zero_grad"]
