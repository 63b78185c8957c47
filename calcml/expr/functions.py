"""The machine-learning functions as SymPy functions: sigmoid, relu, softplus.

Each knows its derivative (``fdiff``), so ``sympy.diff`` agrees with calcml's rules, and
can be rewritten in elementary functions (``expr.rewrite(sympy.exp)``).
"""

from __future__ import annotations

import sympy
from sympy import Function, Heaviside, exp, log


class sigmoid(Function):  # noqa: N801 - named as the learner types it
    """The logistic sigmoid, sigma(x) = 1 / (1 + e^(-x)); sigma' = sigma (1 - sigma).

    >>> x = sympy.Symbol("x", real=True)
    >>> sympy.diff(sigmoid(x), x)
    (1 - sigmoid(x))*sigmoid(x)
    """

    @classmethod
    def eval(cls, arg):
        if arg.is_zero:
            return sympy.S.Half
        if arg is sympy.oo:
            return sympy.S.One
        if arg is sympy.S.NegativeInfinity:
            return sympy.S.Zero
        return None

    def fdiff(self, argindex=1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, arg, **kwargs):
        return 1 / (1 + exp(-arg))

    def _eval_evalf(self, prec):
        return (1 / (1 + exp(-self.args[0])))._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_positive(self):
        return self.args[0].is_real


class relu(Function):  # noqa: N801
    """The rectifier, relu(x) = max(0, x); relu'(x) = 0 for x < 0 and 1 for x > 0.

    At the kink x = 0 there is no derivative; calcml, like PyTorch, uses 0 there,
    which is why the derivative is ``Heaviside(x, 0)``.
    """

    @classmethod
    def eval(cls, arg):
        if arg.is_number and arg.is_extended_real:
            return sympy.Max(arg, 0)
        if arg.is_nonnegative:
            return arg
        if arg.is_nonpositive:
            return sympy.S.Zero
        return None

    def fdiff(self, argindex=1):
        return Heaviside(self.args[0], 0)

    def _eval_rewrite_as_Piecewise(self, arg, **kwargs):
        return sympy.Piecewise((0, arg < 0), (arg, True))

    def _eval_rewrite_as_Max(self, arg, **kwargs):
        return sympy.Max(arg, 0)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_nonnegative(self):
        return self.args[0].is_real


class softplus(Function):  # noqa: N801
    """The soft rectifier, softplus(x) = ln(1 + e^x); softplus' = sigmoid."""

    @classmethod
    def eval(cls, arg):
        if arg.is_zero:
            return log(2)
        return None

    def fdiff(self, argindex=1):
        return sigmoid(self.args[0])

    def _eval_rewrite_as_log(self, arg, **kwargs):
        return log(1 + exp(arg))

    def _eval_evalf(self, prec):
        return log(1 + exp(self.args[0]))._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_positive(self):
        return self.args[0].is_real


ML_FUNCTIONS = {"sigmoid": sigmoid, "relu": relu, "softplus": softplus}


def to_elementary(expr: sympy.Basic) -> sympy.Basic:
    """Rewrite sigmoid, relu and softplus in exp, log and Max (for limits and checks)."""
    return expr.replace(
        lambda e: isinstance(e, sigmoid), lambda e: 1 / (1 + exp(-e.args[0]))
    ).replace(
        lambda e: isinstance(e, softplus), lambda e: log(1 + exp(e.args[0]))
    ).replace(lambda e: isinstance(e, relu), lambda e: sympy.Max(e.args[0], 0))
