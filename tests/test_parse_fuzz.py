"""Property tests of calcml.parse: any text gives an expression or a ParseError, never a
runaway computation; generated well-formed text reads as the SymPy expression built beside
it, and its printed text reads back the same."""

from __future__ import annotations

import cmath
import time

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcml.errors import ParseError
from calcml.expr import parse, to_text
from calcml.expr.functions import relu, sigmoid, softplus

X, Y, THETA = sympy.symbols("x y theta", real=True)

TOKENS = ["x", "y", "theta", "θ", "x1", "2", "0", "10", "1.5", ".5", "1e3", "2E-2", "e",
          "pi", "π", "oo", "inf", "sin", "cos", "log", "ln", "sqrt", "abs", "exp", "relu",
          "sigmoid", "softplus", "heaviside", "(", ")", "|", ",", "+", "-", "−", "*", "×",
          "/", "^", "**", "²", " ", ".", "=", "_", "'", "[", "\x00", "\u200b", "9^9^9",
          "sinx", "Sin", "f(", ")("]


HANG_SECONDS = 10.0
"""A parse over this has run away (a tower of powers evaluated, a grammar gone exponential);
a parse takes milliseconds, but a test worker on a busy machine can pause for a second."""


def _outcome(text: str) -> sympy.Basic | ParseError:
    start = time.perf_counter()
    try:
        result = parse(text)
    except ParseError as err:
        result = err
    assert time.perf_counter() - start < HANG_SECONDS, f"parse({text!r}) ran away"
    return result


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=60))
def test_any_text_gives_an_expression_or_a_parse_error(text):
    result = _outcome(text)
    assert isinstance(result, sympy.Basic | ParseError)


@settings(deadline=None, max_examples=300)
@given(st.text(alphabet="xy2019.e+-*/^()|, sinpqrtlogab", max_size=40))
def test_ascii_soup_gives_an_expression_or_a_parse_error(text):
    result = _outcome(text)
    if isinstance(result, ParseError):
        assert result.column is None or 1 <= result.column <= len(text) + 1
    else:
        assert isinstance(result, sympy.Expr)


@settings(deadline=None, max_examples=400)
@given(st.lists(st.sampled_from(TOKENS), max_size=25))
def test_token_soup_gives_an_expression_or_a_parse_error(tokens):
    text = "".join(tokens)
    result = _outcome(text)
    if isinstance(result, ParseError):
        assert result.message and (result.column is None or 1 <= result.column <= len(text) + 1)
    else:
        assert not result.has(sympy.zoo, sympy.nan, sympy.I)


# Well-formed text built together with the SymPy expression it must read as. Each
# strategy yields (text, expression, refused): refused is True when some part, as
# calcml builds it, is undefined (zoo, nan), not real (I) or has no single value.

def _refused(value: sympy.Basic) -> bool:
    return value.has(sympy.nan, sympy.zoo, sympy.I, sympy.AccumBounds)


def _same_value(a: sympy.Expr, b: sympy.Expr) -> bool:
    point = {X: sympy.Rational(7, 10), Y: sympy.Rational(13, 10), THETA: sympy.Rational(1, 5)}
    va, vb = (complex(v.subs(point).evalf(30)) for v in (a, b))
    return cmath.isclose(va, vb, rel_tol=1e-9, abs_tol=1e-12)


LEAVES = st.sampled_from([
    ("x", X), ("y", Y), ("theta", THETA), ("θ", THETA), ("2", sympy.Integer(2)),
    ("0", sympy.Integer(0)), ("7", sympy.Integer(7)), ("0.5", sympy.Rational(1, 2)),
    ("2.25", sympy.Rational(9, 4)), ("1e-2", sympy.Rational(1, 100)), ("pi", sympy.pi),
    ("e", sympy.E),
]).map(lambda leaf: (*leaf, False))

FUNCTIONS = {"sin": sympy.sin, "cos": sympy.cos, "exp": sympy.exp, "ln": sympy.log,
             "sqrt": sympy.sqrt, "atan": sympy.atan, "abs": sympy.Abs, "sigmoid": sigmoid,
             "relu": relu, "softplus": softplus, "tanh": sympy.tanh}
EXPONENTS = [("2", 2), ("3", 3), ("(-1)", -1), ("x", X), ("(1/2)", sympy.Rational(1, 2))]
BINARY = {"+": sympy.Add, "-": lambda a, b: a - b, "*": sympy.Mul, "": sympy.Mul,
          " ": sympy.Mul, "/": lambda a, b: a / b}


def _grow(children):
    def binary(pair, op):
        (ta, a, ra), (tb, b, rb) = pair
        value = BINARY[op](a, b)
        # parse builds a/b as a * b^-1, and refuses b^-1 when it is undefined on its own
        # (1/0^x is zoo^x), even where SymPy would then call 0 * zoo^x zero.
        inverse = sympy.Pow(b, -1) if op == "/" else b
        return f"({ta}){op}({tb})", value, ra or rb or _refused(value) or _refused(inverse)

    def call(node, name):
        text, a, refused = node
        value = FUNCTIONS[name](a)
        return f"{name}({text})", value, refused or _refused(value)

    def power(node, exponent):
        (text, a, refused), (etext, e) = node, exponent
        value = a**e
        return f"({text})^{etext}", value, refused or _refused(value)

    def negate(node):
        text, a, refused = node
        return f"-({text})", -a, refused

    def bars(node):
        text, a, refused = node
        return f"|{text}|", sympy.Abs(a), refused

    return st.one_of(
        st.builds(binary, st.tuples(children, children), st.sampled_from(sorted(BINARY))),
        st.builds(call, children, st.sampled_from(sorted(FUNCTIONS))),
        st.builds(power, children, st.sampled_from(EXPONENTS)),
        children.map(negate), children.map(bars))


WELL_FORMED = st.recursive(LEAVES, _grow, max_leaves=10)


@settings(deadline=None, max_examples=300)
@given(WELL_FORMED)
def test_well_formed_text_reads_as_the_expression_built_beside_it(case):
    text, expected, refused = case
    result = _outcome(text)
    if refused:
        assert isinstance(result, ParseError), text
    else:
        # SymPy's form can depend on build order (Abs(Abs(x)) from |-|x||, which parse
        # settles to Abs(x)); where the forms differ, the values must agree.
        assert result == expected or _same_value(result, expected), text
        assert parse(to_text(result)) == result, text
