"""Two sequences that show an oscillating limit does not exist: x_n -> a along both, yet
f(x_n) tends to different values (sin(1/x) at 0: 1/(nπ) gives 0, 1/(2nπ + π/2) gives 1).
"""

from __future__ import annotations

import sympy

from calcml.steps.limits.rules import AlongSequence

N = sympy.Symbol("n", integer=True, positive=True)
_T = sympy.Dummy("t")

# For each function, arguments where it takes two different values (n a whole number),
# for n growing upwards and downwards.
_TARGETS = {
    sympy.sin: ((N * sympy.pi, 2 * N * sympy.pi + sympy.pi / 2),
                (-N * sympy.pi, -2 * N * sympy.pi - sympy.pi / 2)),
    sympy.cos: ((2 * N * sympy.pi, 2 * N * sympy.pi + sympy.pi),
                (-2 * N * sympy.pi, -2 * N * sympy.pi - sympy.pi)),
}


def oscillation_sequences(f: sympy.Basic, x: sympy.Symbol, a: sympy.Basic,
                          side: str) -> tuple[AlongSequence, ...]:
    """Two :class:`AlongSequence` steps whose values differ, or () when none is found.

    >>> x = sympy.Symbol("x", real=True)
    >>> [(s.sequence, s.value) for s in oscillation_sequences(sympy.sin(1/x), x, 0, "+")]
    [(1/(pi*n), 0), (1/(2*pi*n + pi/2), 1)]
    """
    a = sympy.sympify(a)
    for trig in sorted(f.atoms(sympy.sin, sympy.cos), key=sympy.default_sort_key):
        inner = trig.args[0]
        if not inner.has(x):
            continue
        for inverse in _inverses(inner, x):
            for targets in _TARGETS[type(trig)]:
                found = _along(f, x, a, side, trig, [(inverse.subs(_T, t), t) for t in targets])
                if found:
                    return found
    return ()


def _inverses(inner: sympy.Basic, x: sympy.Symbol) -> list[sympy.Basic]:
    try:
        return sympy.solve(sympy.Eq(inner, _T), x)
    except (NotImplementedError, ValueError, TypeError):
        return []


def _along(f: sympy.Basic, x: sympy.Symbol, a: sympy.Basic, side: str, trig: sympy.Basic,
           sequences: list[tuple[sympy.Basic, sympy.Basic]]) -> tuple[AlongSequence, ...]:
    """The steps along each (x_n, argument of ``trig`` there); f(x_n) is shown with the
    trigonometric function of its argument unevaluated (sin(nπ), whose value is 0)."""
    steps = []
    for seq, argument in sequences:
        if sympy.limit(seq, N, sympy.oo) != a or not _from_side(seq, a, side):
            return ()
        value = sympy.limit(f.xreplace({x: seq}), N, sympy.oo)
        if value.has(sympy.AccumBounds, sympy.Limit, sympy.nan):
            return ()
        shown = f.xreplace({trig: type(trig)(argument, evaluate=False)}).xreplace({x: seq})
        steps.append(AlongSequence(sympy.Limit(shown, N, sympy.oo, "-"), function=f, var=x,
                                   point=a, sequence=seq, value=value))
    return tuple(steps) if steps[0].value != steps[1].value else ()


def _from_side(seq: sympy.Basic, a: sympy.Basic, side: str) -> bool:
    """Whether the terms lie on the side the limit is taken from (for n from 1 on)."""
    if a.is_infinite:
        return True
    gap = [sympy.sign((seq - a).subs(N, k)) for k in (1, 10, 1000)]
    wanted = {"+": {1}, "-": {-1}, "+-": {1, -1}}[side]
    return len(set(gap)) == 1 and gap[0] in wanted
