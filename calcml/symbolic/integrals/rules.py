"""SymPy's rule search (``manualintegrate.integral_steps``), with its sub-integrals memoized.

The search explores every alternative (each substitution, each rewrite) to the end, and
meets the same sub-integral again and again along different branches. During one search,
:func:`rule_tree` remembers each sub-integral's rule tree (by the integrand with its
variable made canonical) and hands it back renamed, instead of searching again. Only
trees without a DontKnowRule are kept: such a tree depends on where the search stood
(SymPy cuts cycles with DontKnowRule), a complete one does not.

For every integrand SymPy's search first matches a dozen special-function patterns (erf,
Si, Ei, ...), and for products and powers a Heaviside pattern and quadratic-denominator
patterns: the costliest part of a simple search. :func:`rule_tree` skips those where they
cannot match (a cheap look at the integrand's shape), and for a sum, a
constant multiple, a power or a basic function it takes the rule SymPy would pick (SymPy's
own rule functions, in SymPy's order); every other shape goes to the full search.

The search is bounded by the work it does, not by the clock: every sub-integral it tries
(every call of ``integral_steps``, a remembered one included) counts as one node, and a
search that would try more than its ``nodes`` raises :class:`WorkLimitError`. The same
integrand is searched the same way, to the same tree, however busy the machine is.

The search keeps module-level state in SymPy (its cycle cache), so one search runs at a
time; the memo is installed for that search only.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any

import sympy
from sympy.integrals import manualintegrate as mi

from calcml.errors import TimeLimitError

__all__ = ["DEFAULT_NODES", "WorkLimitError", "rule_tree"]

_LOCK = threading.Lock()
_CANONICAL = sympy.Dummy("canonical")

DEFAULT_NODES = 120
"""The sub-integrals one rule search may try: a textbook integrand needs fewer than 25 (∫ x²
sin x dx: 5, a partial-fraction split: 20); a search past this many is exploring rewrites
without end, and SymPy's ``integrate`` is tried instead."""


class WorkLimitError(Exception):
    """The rule search tried its whole budget of sub-integrals without finishing."""


def rule_tree(f: sympy.Expr, x: sympy.Symbol, wait: float | None = None,
              nodes: int = DEFAULT_NODES) -> mi.Rule:
    """SymPy's rule tree for ∫ f dx, sub-integrals memoized, trying at most ``nodes``
    sub-integrals (WorkLimitError past that); waits at most ``wait`` seconds for a search
    running in another thread.

    >>> x = sympy.Symbol("x")
    >>> type(rule_tree(x * sympy.exp(x), x)).__name__
    'PartsRule'
    >>> rule_tree(x * sympy.exp(x), x, nodes=2)
    Traceback (most recent call last):
    ...
    calcml.symbolic.integrals.rules.WorkLimitError: the rule search tried 2 sub-integrals ...
    """
    if not _LOCK.acquire(timeout=-1 if wait is None else max(wait, 0.0)):
        raise TimeLimitError("another integral's rule search is still running; try again")
    original = {name: getattr(mi, name) for name in ("integral_steps", *_GATES)}
    mi.integral_steps = _memoized(original["integral_steps"], nodes)
    for name, may_match in _GATES.items():
        setattr(mi, name, _gated(original[name], may_match))
    try:
        return mi.integral_steps(f, x)
    finally:
        for name, function in original.items():
            setattr(mi, name, function)
        mi._integral_cache.clear()
        mi._parts_u_cache.clear()
        _LOCK.release()


def _memoized(original: Callable[..., mi.Rule], nodes: int) -> Callable[..., mi.Rule]:
    """``integral_steps`` remembering each complete sub-integral's tree for one search,
    taking SymPy's first rule directly where :func:`_first_rule` knows it, and counting
    the sub-integrals tried against ``nodes``."""
    memo: dict[sympy.Expr, tuple[mi.Rule, sympy.Symbol]] = {}
    tried = 0

    def integral_steps(integrand: sympy.Expr, symbol: sympy.Symbol, **options: Any):
        nonlocal tried
        tried += 1
        if tried > nodes:
            raise WorkLimitError(f"the rule search tried {nodes} sub-integrals without "
                                 "finishing")
        key = integrand.xreplace({symbol: _CANONICAL})
        if key in memo:
            rule, seen = memo[key]
            return rule if seen == symbol else _renamed(rule, seen, symbol)
        rule = (_first_rule(integrand, symbol) or _derived_rule(integrand, symbol)
                or _partial_fractions_first(integrand, symbol)
                or original(integrand, symbol, **options))
        if not rule.contains_dont_know():
            memo[key] = (rule, symbol)
        return rule

    return integral_steps


def _gated(original: Callable[[mi.IntegralInfo], mi.Rule | None],
           may_match: Callable[[sympy.Expr, sympy.Symbol], bool]
           ) -> Callable[[mi.IntegralInfo], mi.Rule | None]:
    """One of SymPy's pattern rules, skipped where its pattern cannot match."""
    def rule(integral: mi.IntegralInfo) -> mi.Rule | None:
        return original(integral) if may_match(*integral) else None
    return rule


def _special_may_match(integrand: sympy.Expr, x: sympy.Symbol) -> bool:
    """False only where no special-function pattern of SymPy's can match: erf and the
    Fresnel integrals need exp, sin or cos of a quadratic; Ei, Si, Ci, Shi, Chi and polylog
    a factor 1/x; the upper gamma function a power of x that is not a whole number; li
    and the elliptic integrals a power of a logarithm or of a sine.

    >>> x = sympy.Symbol("x")
    >>> _special_may_match(sympy.exp(3*x), x), _special_may_match(sympy.exp(-x**2), x)
    (False, True)
    """
    if isinstance(integrand, sympy.exp | sympy.sin | sympy.cos):
        return sympy.diff(integrand.args[0], x).has(x)
    if isinstance(integrand, sympy.Pow):
        return integrand.base.has(sympy.log, sympy.sin)
    if isinstance(integrand, sympy.Mul):
        return integrand.has(sympy.polylog) or any(
            base == x and not (power.is_integer and power.is_nonnegative)
            for base, power in (factor.as_base_exp() for factor in integrand.args))
    return False


def _quadratic_may_match(integrand: sympy.Expr, x: sympy.Symbol) -> bool:
    """False only where SymPy's a/(b x² + c x + d) and (a x + b)/(c x² + d x + e) patterns
    cannot match: the integrand is no polynomial over a polynomial in x.

    >>> x = sympy.Symbol("x")
    >>> _quadratic_may_match(1/(x**2 + 1), x), _quadratic_may_match(sympy.sec(x)**2, x)
    (True, False)
    """
    numerator, denominator = sympy.fraction(integrand)
    return (denominator.has(x) and denominator.is_polynomial(x)
            and numerator.is_polynomial(x))


_GATES: dict[str, Callable[[sympy.Expr, sympy.Symbol], bool]] = {
    "special_function_rule": _special_may_match,
    "heaviside_rule": lambda integrand, x: integrand.has(sympy.Heaviside),
    "quadratic_denom_rule": _quadratic_may_match,
}
"""SymPy's pattern rules that :func:`rule_tree` skips where their pattern cannot match."""


_TRIG = (sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc)
_FIRST_RULES = {
    sympy.Symbol: (mi.power_rule,), sympy.Dummy: (mi.power_rule,),
    sympy.Add: (mi.add_rule,), sympy.Mul: (mi.mul_rule, mi.trig_product_rule),
    sympy.Pow: (mi.power_rule, mi.trig_rule), sympy.exp: (mi.exp_rule,),
    **{trig: (mi.trig_rule,) for trig in _TRIG},
}
"""SymPy's own first rules for these shapes of integrand, in SymPy's order."""


def _first_rule(integrand: sympy.Expr, symbol: sympy.Symbol) -> mi.Rule | None:
    """The rule SymPy's search would pick first for a sum, a constant multiple, a power
    or a basic function, found without its special-function pre-pass (which never
    matches these shapes); None for anything else, left to the full search."""
    info = mi.IntegralInfo(integrand, symbol)
    if symbol not in integrand.free_symbols:
        return mi.constant_rule(info)
    for rule in _FIRST_RULES.get(type(integrand), ()):
        found = rule(info)
        if found is not None:
            return found
    return None


def _derived_rule(integrand: sympy.Expr, symbol: sympy.Symbol) -> mi.Rule | None:
    """√(a - c x²) (a, c > 0) by the substitution x = √(a/c) sin θ, derived as a textbook
    does, where SymPy's search would take its antiderivative from a table; None for any
    other integrand.

    >>> x = sympy.Symbol("x")
    >>> type(_derived_rule(sympy.sqrt(1 - x**2), x)).__name__
    'TrigSubstitutionRule'
    """
    if not (isinstance(integrand, sympy.Pow) and integrand.exp == sympy.S.Half
            and integrand.base.is_polynomial(symbol)):
        return None
    coefficients = sympy.Poly(integrand.base, symbol).all_coeffs()
    if len(coefficients) != 3:
        return None
    square, linear, constant = coefficients
    if linear != 0 or not (square.is_negative and constant.is_positive):
        return None
    return mi.trig_substitution_rule(mi.IntegralInfo(integrand, symbol))


def _partial_fractions_first(integrand: sympy.Expr, symbol: sympy.Symbol) -> mi.Rule | None:
    """Partial fractions for a quotient of polynomials whose denominator factors over the
    rationals into two or more different factors, as a textbook does (SymPy's search would
    complete the square of x² + 3x + 2 and substitute); None where the numerator is a
    multiple of the denominator's derivative (u-substitution is shorter) or for anything
    else.

    >>> x = sympy.Symbol("x")
    >>> type(_partial_fractions_first(1/(x**2 + 3*x + 2), x)).__name__
    'RewriteRule'
    >>> _partial_fractions_first((2*x + 3)/(x**2 + 3*x + 2), x) is None
    True
    """
    if not integrand.is_rational_function(symbol):  # cheap, before any cancelling
        return None
    numerator, denominator = sympy.fraction(sympy.cancel(integrand))
    if not (numerator.is_polynomial(symbol) and denominator.is_polynomial(symbol)
            and sympy.degree(denominator, symbol) >= 2):
        return None
    _, factors = sympy.factor_list(denominator, symbol)
    if sum(1 for factor, _ in factors if factor.has(symbol)) < 2:
        return None
    if not sympy.cancel(numerator / sympy.diff(denominator, symbol)).has(symbol):
        return None
    return mi.partial_fractions_rule(mi.IntegralInfo(integrand, symbol))


def _renamed(value: Any, old: sympy.Symbol, new: sympy.Symbol) -> Any:
    """A rule tree (or a part of one) with the variable ``old`` renamed ``new``."""
    if isinstance(value, sympy.Basic):
        return value.xreplace({old: new})
    if isinstance(value, list | tuple):
        return type(value)(_renamed(v, old, new) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{
            f.name: _renamed(getattr(value, f.name), old, new)
            for f in dataclasses.fields(value) if f.init})
    return value
