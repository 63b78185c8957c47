"""The limit solver: substitution first, then the rule for the indeterminate form met.

A :class:`Solver` works one problem; it is the ``LimitWork`` (see ``protocol``) each rule
of ``FORM_RULES`` receives, so the rules never import this module. ``solve(f, a, side)``
returns the Step that finds ``lim_{x->a} f`` from ``side``: direct substitution (limit
laws), an infinite limit, the two one-sided limits, a rule for the indeterminate form
(see ``rules``), the limit laws on parts, and where nothing applies SymPy's answer in an
explicit step.
"""

from __future__ import annotations

import sympy
from sympy.calculus.accumulationbounds import AccumBounds

from calcml.errors import InputError
from calcml.expr.functions import ML_FUNCTIONS, to_elementary
from calcml.expr.printing import to_text
from calcml.steps.base import Step
from calcml.steps.common import SympyAnswer
from calcml.steps.limits.rules import (
    DNE,
    DirectSubstitution,
    IndeterminateForm,
    InfiniteLimit,
    LimitLaw,
    OneSidedLimits,
    Oscillation,
    PieceInForce,
)
from calcml.symbolic.limits.oscillation import oscillation_sequences
from calcml.symbolic.limits.probe import SIDES, Form, combine, is_value, probe, split
from calcml.symbolic.limits.rules import FORM_RULES

MAX_DEPTH = 14
MAX_LHOPITAL = 6


class Solver:
    """Works limits of expressions in ``x``; remembers SymPy's answers for the checks.

    >>> x = sympy.Symbol("x", real=True)
    >>> Solver(x).solve((x**2 - 1)/(x - 1), sympy.S.One, "+-").result
    2
    """

    def __init__(self, x: sympy.Symbol) -> None:
        self.x = x
        self.depth = 0
        self.lhopital_left = MAX_LHOPITAL
        self._sympy: dict[tuple, sympy.Basic] = {}

    def limit_of(self, f: sympy.Basic, a: sympy.Basic, side: str) -> sympy.Limit:
        """The unevaluated ``Limit`` a step works on."""
        return sympy.Limit(f, self.x, a, side)

    def solve(self, f: sympy.Basic, a: sympy.Basic, side: str) -> Step:
        """The step that finds ``lim_{x->a} f`` from ``side`` ("+", "-" or "+-")."""
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                return self.computed(f, a, side)
            return self._solve(f, a, side)
        finally:
            self.depth -= 1

    def _solve(self, f: sympy.Basic, a: sympy.Basic, side: str) -> Step:
        lim = self.limit_of(f, a, side)
        found = probe(f, self.x, a, side)
        if is_value(found):
            return self.substituted(lim, f, a, side, found)
        if found is None:
            return self.computed(f, a, side)
        if found.name == "sides differ" and side == "+-":
            found = self._same_form_both_sides(f, a)
            if found is None:
                return self.sides(f, a)
        if found.node != f:
            return self.by_laws(f, a, side)
        if found.name == "piecewise":
            return self.piecewise(f, a, side)
        return self.by_form(f, a, side, found.name) or self.computed(f, a, side)

    def by_form(self, f: sympy.Basic, a: sympy.Basic, side: str, form: str) -> Step | None:
        """The first rule for the indeterminate ``form`` of ``f`` that applies, or None."""
        for rule in FORM_RULES.get(form, ()):
            step = rule(self, f, a, side)
            if step is not None:
                return IndeterminateForm(self.limit_of(f, a, side), form=form, substep=step)
        return None

    def sides(self, f: sympy.Basic, a: sympy.Basic) -> Step:
        """The two one-sided limits; where neither side exists because f oscillates, the
        oscillation itself (the sides do not differ: neither has a limit)."""
        left, right = self.solve(f, a, "-"), self.solve(f, a, "+")
        if isinstance(left, Oscillation) and isinstance(right, Oscillation):
            return self.computed(f, a, "+-")
        return OneSidedLimits(self.limit_of(f, a, "+-"), left=left, right=right)

    def _same_form_both_sides(self, f: sympy.Basic, a: sympy.Basic) -> Form | None:
        """The indeterminate form of ``f`` itself when both sides meet the same one (as
        1/x - 1/sin x is oo - oo from either side), else None."""
        left, right = probe(f, self.x, a, "-"), probe(f, self.x, a, "+")
        if isinstance(right, Form) and right == left and right.node == f:
            return right
        return None

    def piecewise(self, f: sympy.Basic, a: sympy.Basic, side: str) -> Step:
        """The piece of a piecewise definition in force on each side of ``a``."""
        lim = self.limit_of(f, a, side)
        defined = f if isinstance(f, sympy.Piecewise) else f.rewrite(sympy.Piecewise)
        pieces = {s: _piece_near(defined, self.x, a, s) for s in SIDES[side]}
        if None in pieces.values() or not isinstance(defined, sympy.Piecewise):
            return self.computed(f, a, side)
        if len(set(pieces.values())) > 1:
            return OneSidedLimits(lim, left=self.piecewise(f, a, "-"),
                                  right=self.piecewise(f, a, "+"))
        piece, condition = pieces.popitem()[1]
        return PieceInForce(lim, piece=piece, condition=condition,
                            substep=self.solve(piece, a, side))

    def substituted(self, lim: sympy.Limit, f: sympy.Basic, a: sympy.Basic, side: str,
                    value: sympy.Basic) -> Step:
        """Direct substitution, or an infinite limit where a denominator tends to 0."""
        law, parts = split(f, self.x)
        if law == "quotient" and a.is_finite and value in (sympy.oo, -sympy.oo):
            top = probe(parts[0], self.x, a, side)
            if is_value(top) and probe(parts[1], self.x, a, side) == 0:
                sign = int(sympy.sign(value) * sympy.sign(top))
                return InfiniteLimit(lim, numerator_value=top, denominator_sign=sign,
                                     value=value)
        at_point = a.is_finite and f.subs(self.x, a) == value
        return DirectSubstitution(lim, value=value, at_the_point=bool(at_point))

    def by_laws(self, f: sympy.Basic, a: sympy.Basic, side: str) -> Step:
        """The limit laws on the parts of ``f``, where an indeterminate form sits in a part."""
        law, parts = split(f, self.x)
        steps = [self.solve(p, a, side) for p in parts if p.has(self.x)]
        results = iter(s.result for s in steps)
        values = [next(results) if p.has(self.x) else p for p in parts]
        if all(is_value(v) and v is not DNE and _real_limit(v) for v in values):
            value = combine(f, law, parts, values, self.x, a, side)
            if is_value(value):
                return LimitLaw(self.limit_of(f, a, side), law=law, parts=tuple(steps),
                                value=value)
            if isinstance(value, Form) and value.node == f:
                return self.by_form(f, a, side, value.name) or self.computed(f, a, side)
        return self.computed(f, a, side)

    def sympy_limit(self, f: sympy.Basic, a: sympy.Basic, side: str) -> sympy.Basic:
        """``sympy.limit`` (of sigmoid, relu, softplus written in exp, log and max),
        remembered; DNE where SymPy says the two sides differ."""
        key = (f, a, side)
        if key not in self._sympy:
            try:
                self._sympy[key] = self._sympy_value(f, a, side)
            except ValueError as err:
                if "does not exist" not in str(err):
                    raise _not_found(f, self.x, a, err) from None
                self._sympy[key] = DNE
            except (NotImplementedError, TypeError, RecursionError, ArithmeticError,
                    sympy.PoleError) as err:
                raise _not_found(f, self.x, a, err) from None
        return self._sympy[key]

    def _sympy_value(self, f: sympy.Basic, a: sympy.Basic, side: str) -> sympy.Basic:
        value = sympy.limit(f, self.x, a, side)
        if value.has(*ML_FUNCTIONS.values(), sympy.Limit):
            value = sympy.limit(to_elementary(f), self.x, a, side)
        if value.has(sympy.Limit) or (value.has(AccumBounds)
                                      and not isinstance(value, AccumBounds)):
            raise InputError(f"calcml cannot decide the limit of {to_text(f)} as {self.x} -> "
                             f"{to_text(a)}: no rule applies and SymPy's limit gives "
                             f"{to_text(value)}; try a simpler expression or a one-sided limit")
        return value

    def computed(self, f: sympy.Basic, a: sympy.Basic, side: str) -> Step:
        """SymPy's value in an explicit step: oscillation, two sides, or the answer."""
        lim = self.limit_of(f, a, side)
        value = self.sympy_limit(f, a, side)
        if isinstance(value, AccumBounds):
            return Oscillation(lim, low=value.min, high=value.max,
                               along=oscillation_sequences(f, self.x, a, side))
        if side == "+-" and a.is_finite and (value is DNE or value is sympy.zoo):
            return OneSidedLimits(lim, left=self.computed(f, a, "-"),
                                  right=self.computed(f, a, "+"))
        return SympyAnswer(problem=lim, value=value, method="limit (the Gruntz algorithm)")


def _not_found(f, x, a, err: Exception) -> InputError:
    return InputError(f"the limit of {to_text(f)} as {x} -> {to_text(a)} could not be found: "
                      f"no rule of calcml's applies and SymPy's limit failed "
                      f"({type(err).__name__}); try a simpler expression")


def _piece_near(f: sympy.Piecewise, x: sympy.Symbol, a: sympy.Basic, s: int):
    """The (piece, condition) of ``f`` in force just to the side ``s`` (1 or -1) of a."""
    near = s * sympy.Integer(10) ** 12 if a.is_infinite else a + s * sympy.Rational(1, 10**12)
    for piece, condition in f.args:
        holds = condition.subs(x, near)
        if holds == sympy.true:
            return piece, condition
        if holds != sympy.false:
            return None
    return None


def _real_limit(v: sympy.Basic) -> bool:
    return v in (sympy.oo, -sympy.oo) or bool(v.is_extended_real)

