"""calcml.parse: the syntax table, errors with columns and hints, hostile text, limits."""

from __future__ import annotations

import math
import threading
import time

import pytest
import sympy
from sympy import Abs, E, Heaviside, Rational, log, oo, pi, sin, sqrt

from calcml.errors import InputError, ParseError
from calcml.expr import parse
from calcml.expr.functions import relu, sigmoid, softplus

REFUSED_SECONDS = 2.0
"""Refused before any work: a screened text is turned away in milliseconds, while working
it (9^9^9^9) would take hours; the bound leaves room for a busy test worker's pauses."""

x, y, t, theta, x1, lam = sympy.symbols("x y t theta x1 lambda", real=True)
yhat = sympy.Symbol("ŷ", real=True)

SYNTAX = [
    ("42", sympy.Integer(42)),
    ("0.1", Rational(1, 10)),
    ("0.1 + 0.2", Rational(3, 10)),
    (".5", Rational(1, 2)),
    ("3.", sympy.Integer(3)),
    ("1e-3", Rational(1, 1000)),
    ("2.5E4", sympy.Integer(25000)),
    ("1.5e+2", sympy.Integer(150)),
    ("x + y - 1", x + y - 1),
    ("x * y / 2", x * y / 2),
    ("1/2/4", Rational(1, 8)),
    ("x^2", x**2),
    ("x**2", x**2),
    ("2^3^2", sympy.Integer(512)),
    ("2**3**2", sympy.Integer(512)),
    ("(2^3)^2", sympy.Integer(64)),
    ("-x^2", -(x**2)),
    ("-2^2", sympy.Integer(-4)),
    ("2^-1", Rational(1, 2)),
    ("x^-y^2", x ** (-(y**2))),
    ("--x", x),
    ("+x", x),
    ("x*-2", -2 * x),
    ("2x", 2 * x),
    ("2 x", 2 * x),
    ("x y", x * y),
    ("xy", x * y),
    ("3(x+1)", 3 * (x + 1)),
    ("2sin(x)", 2 * sin(x)),
    ("xsin(x)", x * sin(x)),
    ("(x+1)(x-1)", (x + 1) * (x - 1)),
    ("2pi", 2 * pi),
    ("2x^2", 2 * x**2),
    ("x^2y", x**2 * y),
    ("1/2x", x / 2),
    ("|x|", Abs(x)),
    ("|x - 1| + 2", Abs(x - 1) + 2),
    ("|x||y|", Abs(x) * Abs(y)),
    ("||x| - |y||", Abs(Abs(x) - Abs(y))),
    ("2|x|", 2 * Abs(x)),
    ("t", t),
    ("theta", theta),
    ("x1", x1),
    ("lambda x", lam * x),
    ("pi", pi),
    ("e", E),
    ("e^x", sympy.exp(x)),
    ("oo", oo),
    ("-inf", -oo),
    ("infinity", oo),
    ("sin(x) + cos(x) + tan(x)", sin(x) + sympy.cos(x) + sympy.tan(x)),
    ("sec(x) csc(x) cot(x)", sympy.sec(x) * sympy.csc(x) * sympy.cot(x)),
    ("asin(x) + acos(x) + atan(x)", sympy.asin(x) + sympy.acos(x) + sympy.atan(x)),
    ("arcsin(x) + arccos(x) + arctan(x)", sympy.asin(x) + sympy.acos(x) + sympy.atan(x)),
    ("sinh(x) + cosh(x) + tanh(x)", sympy.sinh(x) + sympy.cosh(x) + sympy.tanh(x)),
    ("exp(x)", sympy.exp(x)),
    ("ln(x)", log(x)),
    ("log(x)", log(x)),
    ("log(x, 2)", log(x) / log(2)),
    ("log(8, 2)", sympy.Integer(3)),
    ("sqrt(x)", sqrt(x)),
    ("abs(x)", Abs(x)),
    ("sign(x)", sympy.sign(x)),
    ("|exp(asin(x))|", Abs(sympy.exp(sympy.asin(x)), evaluate=False)),
    ("|2 - pi|", pi - 2),
    ("|-|x||", Abs(x)),
    ("sigmoid(x)", sigmoid(x)),
    ("relu(x)", relu(x)),
    ("softplus(x)", softplus(x)),
    ("heaviside(x)", Heaviside(x, 0)),
    ("heaviside(x, 1/2)", Heaviside(x)),
    ("sin^2(x) + cos^2(x)", sin(x) ** 2 + sympy.cos(x) ** 2),
    ("2sin(pi/6)", sympy.Integer(1)),
    ("π r", pi * sympy.Symbol("r", real=True)),
    ("2θ", 2 * theta),
    ("x² + x³", x**2 + x**3),
    ("x⁻¹", 1 / x),
    ("3×4 − 2·x ÷ 2", 12 - x),
    ("∞", oo),
    ("x\n+\ty", x + y),
    ("2x(x+1)", 2 * x * (x + 1)),
    ("x(2)", 2 * x),
    ("1 + f(x+1)", 1 + sympy.Symbol("f", real=True) * (x + 1)),
    ("x (x - 1)(x + 1)", x * (x - 1) * (x + 1)),
    ("yhat", yhat),
    ("(y_hat - y)^2", (yhat - y) ** 2),
    ("(ŷ − y)²", (yhat - y) ** 2),
    ("2yhat", 2 * yhat),
    ("√x + 2√(x + 1)", sqrt(x) + 2 * sqrt(x + 1)),
    ("1/√2", 1 / sqrt(2)),
    ("y√x", y * sqrt(x)),
    ("eˣ + e⁻ˣ + e²ˣ", sympy.exp(x) + sympy.exp(-x) + sympy.exp(2 * x)),
    ("x⁽ʸ⁺¹⁾", x ** (y + 1)),
    ("log₂(x) + log_10(x)", log(x, 2) + log(x, 10)),
    ("3log₂(8)", sympy.Integer(9)),
]


@pytest.mark.parametrize(("text", "expected"), SYNTAX)
def test_syntax_table(text, expected):
    assert parse(text) == expected


def test_symbols_are_real_and_numbers_exact():
    assert all(s.is_real for s in parse("x y theta x1 lambda").free_symbols)
    value = parse("0.1 + 0.2 - 0.3")
    assert value == 0 and isinstance(value, sympy.Integer)


def test_course_values():
    """COURSE.md: the delta-method curve, the cylinder and y = x^2 at x = 5."""
    f = parse("x^2 + 2x + 2")
    assert f.subs(x, 2) == 10 and f.subs(x, 5) == 37
    assert sympy.diff(f, x).subs(x, 2) == 6
    r, length = sympy.symbols("r l", real=True)
    v = parse("pi r^2 l")
    assert float(v.subs({r: 3, length: 5})) == pytest.approx(141.37, abs=0.01)
    assert float(sympy.diff(v, r).subs({r: 3, length: 5})) == pytest.approx(94.25, abs=0.01)
    assert sympy.diff(parse("x^2"), x).subs(x, 5) == 10
    assert sympy.integrate(parse("x/2"), (x, 1, 2)) == Rational(3, 4)


def test_values_agree_with_python_math():
    assert float(parse("sigmoid(0.5)")) == pytest.approx(1 / (1 + math.exp(-0.5)))
    assert float(parse("softplus(1)")) == pytest.approx(math.log1p(math.e))
    assert float(parse("log(100, 10) + ln(e^3)")) == pytest.approx(5.0)
    assert float(parse("atan(1) * 4")) == pytest.approx(math.pi)
    assert parse("relu(-3) + relu(2)") == 2


ERRORS = [
    # text, column, words in the message, words in the hint (None: no hint expected)
    ("(x+1))", 6, "unexpected ')' at column 6", "no '('"),
    ("x + 1)", 6, "unexpected ')' at column 6", "no '('"),
    ("sin(x", 4, "missing ')' to close '(' at column 4", "add ')'"),
    ("2*(x+(y", 6, "missing ')' to close '('", None),
    ("|x", 1, "missing '|' to close '|'", "closing bar"),
    ("(|x)|", 2, "missing '|' to close '|'", None),
    ("sinx", 1, "unknown function 'sinx'", "did you mean sin(x)?"),
    ("2 cost", 3, "unknown function 'cost'", "did you mean cos(t)?"),
    ("log10(x)", 1, "unknown function 'log10'", "log(x, 10)"),
    ("Sin(x)", 1, "unknown name 'Sin'", "did you mean sin?"),
    ("sin x", 1, "'sin' needs its argument in parentheses", "did you mean sin(x)?"),
    ("floor(x)", 1, "unknown function 'floor'", "calcml knows these functions: sin cos"),
    ("1 + max(x, 0)", 5, "unknown function 'max'", "max(x, 0) is relu(x)"),
    ("gamma(x)", 1, "unknown function 'gamma'", "gamma*(...); calcml knows these"),
    ("theta(x + 1)", 1, "unknown function 'theta'", "for a product write theta*(x+1)"),
    ("re(x)", 1, "unknown function 're'", "for a product write r*e*(x)"),
    ("2xy(3)", 2, "unknown function 'xy'", "x*y*(3)"),
    ("x^", 3, "unexpected end of the expression", "an exponent is missing after '^'"),
    ("x**", 4, "unexpected end", "an exponent is missing after '^'"),
    ("x^^2", 3, "unexpected '^'", "exponent is missing"),
    ("x +", 4, "unexpected end", "something is missing after '+'"),
    ("*x", 1, "unexpected '*'", "missing before '*'"),
    ("2 3", 3, "unexpected '3'", "write * to multiply"),
    ("sin()", 5, "unexpected ')'", "between the parentheses"),
    ("(1, 2)", 3, "unexpected ','", "arguments of a function"),
    ("sin(x, y)", 1, "sin takes 1 argument, got 2", "sin(x)"),
    ("log(x, 2, 3)", 1, "log takes 1 or 2 arguments, got 3", "log(x, 2)"),
    ("sin^-1(x)", 4, "ambiguous", "asin(x)"),
    ("sin^x(y)", 4, "must be a whole number", None),
    ("x = 2", 3, "unexpected '='", "not an equation"),
    ("x < 2", 3, "unexpected '<'", "not an inequality"),
    ("x_1", 2, "unexpected '_'", "x1"),
    ("log₂ x", 1, "'log_2' needs its argument in parentheses", "log_2(x)"),
    ("sin₂(x)", 4, "SUBSCRIPT TWO", None),
    ("3!", 2, "unexpected '!'", "factorial"),
    ("x..2", 2, "unexpected '.'", "decimal point"),
    ("θ² + )", 6, "unexpected ')' at column 6", None),
    ("∑x", 1, "N-ARY SUMMATION", "plain ASCII"),
    ("1/0", 2, "undefined at column 2", "division by zero"),
    ("oo - oo", 4, "undefined", None),
    ("1 + 0 oo", 5, "undefined", "0*oo"),
    ("sqrt(-4)", 1, "not a real number", "real numbers"),
    ("3 + log(-1)", 5, "not a real number", None),
    ("1 + heaviside(asin(2))", 5, "heaviside cannot take this argument", "Real Values"),
]


@pytest.mark.parametrize(("text", "column", "message", "hint"), ERRORS)
def test_errors_point_at_the_column_and_help(text, column, message, hint):
    with pytest.raises(ParseError) as caught:
        parse(text)
    err = caught.value
    assert err.column == column
    assert message in err.message
    if hint is not None:
        assert hint in err.hint
    assert err.text == text
    assert str(err).splitlines()[2] == "  " + " " * (column - 1) + "^"


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_says_so(text):
    with pytest.raises(ParseError, match="empty"):
        parse(text)


def test_parse_error_is_a_value_error_and_input_error():
    with pytest.raises(ValueError):
        parse(")")
    with pytest.raises(InputError):
        parse(")")


@pytest.mark.parametrize("value", [None, 3, b"x^2", ["x"]])
def test_non_text_is_refused(value):
    with pytest.raises(ParseError, match="expected math text"):
        parse(value)


HOSTILE = [
    "__import__('os')", "__import__(\"os\").system(\"ls\")", "x.__class__",
    "x.__class__.__mro__", "lambda: 1", "'str'", "\"str\"", "[i for i in x]",
    "{1: 2}", "a\x00b", "\x00", "x\x1b[31m", "x\x7f", "ｘ + 1", "х + 1", "x\u200b+1",
    "x\u202e1+", "eval('1')", "exec(x)", "open('f')", "getattr(x, 'y')", "x;y",
    "x @ y", "$x", "#x", "x % 2", "x & y", "x ~ y", "`x`", "x \\ y", "x?",
    "sympy.sin(x)", "os.system", "import os; os", "1 if x else 2", "x[0]",
    "sin\x00(x)", "\ufeffx", "x\u00a0+ 1", "Ｘ", "𝑥", "x\u0301", "x\ud800", "\U0001f600",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_refused_fast(text):
    start = time.perf_counter()
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert time.perf_counter() - start < REFUSED_SECONDS
    shown = str(caught.value)
    assert all(c.isprintable() or c == "\n" for c in shown)


def test_length_limit():
    assert parse("x+" * 999 + "x") == 1000 * x
    with pytest.raises(ParseError, match="2001 characters long; the limit is 2000"):
        parse("x" * 2001)


def test_nesting_limit():
    assert parse("(" * 60 + "x" + ")" * 60) == x
    assert parse("sin(" * 60 + "x" + ")" * 60).count(sin) == 60
    with pytest.raises(ParseError, match="nested more than 60 deep") as caught:
        parse("(" * 61 + "x" + ")" * 61)
    assert caught.value.column == 61
    with pytest.raises(ParseError, match="nested more than 60"):
        parse("|" * 61 + "x" + "|" * 61)


@pytest.mark.parametrize("text", ["x^" * 80 + "x", "-" * 500 + "x", "(1+x*" * 40 + "x" + ")" * 40,
                                  "2^" * 999 + "2", "-(x+" * 31 + "x" + ")" * 31])
def test_deep_chains_are_refused_without_recursion_error(text):
    with pytest.raises(ParseError, match="nested more than"):
        parse(text)


def test_deepest_allowed_expression_still_differentiates():
    expr = parse("(1+x*" * 30 + "x" + ")" * 30)
    assert sympy.diff(expr, x).subs(x, 0) == 1


def test_integer_literal_limit():
    assert parse("9" * 100) == int("9" * 100)
    with pytest.raises(ParseError, match="at most 100 digits"):
        parse("9" * 101)
    with pytest.raises(ParseError, match="too large or too small"):
        parse("1e99999")


@pytest.mark.parametrize("text", ["9^9^9^9", "10^10^10", "2^(10^6)", "9^9999", "e^(10^6)",
                                  "sqrt(2)^(10^6)", "(1/2)^(10^6)", "0.5^100000",
                                  "(9^2000)*(9^2000)*9^2000", "sin^1000000(1)"])
def test_huge_numeric_powers_are_refused_at_once(text):
    start = time.perf_counter()
    with pytest.raises(ParseError, match="digits"):
        parse(text)
    assert time.perf_counter() - start < REFUSED_SECONDS


def test_harmless_huge_exponents_pass():
    assert parse("1^(10^100)") == 1
    assert parse("(-1)^(10^100)") == 1
    assert parse("x^(10^100)") == x ** (10**100)
    assert parse("2^oo") == oo and parse("(1/2)^oo") == 0
    assert parse("2^1000") == 2**1000


def test_parse_is_thread_safe():
    texts = ["x^2 + 2x + 2", "sin(x)cos(x)", "|x - 1|", "sigmoid(2x)"] * 10
    results: dict[int, sympy.Expr] = {}

    def work(k: int) -> None:
        results[k] = parse(texts[k])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [results[k] for k in range(len(texts))] == [parse(s) for s in texts]


def test_the_parser_never_evaluates_text_as_code():
    """No eval, exec, compile, sympify or parse_expr anywhere on the way from text to SymPy."""
    import ast
    from pathlib import Path

    import calcml.expr

    builtins = {"eval", "exec", "compile", "__import__", "sympify", "parse_expr", "S"}
    methods = {"eval", "exec", "sympify", "parse_expr", "S"}  # re.compile is fine
    folder = Path(calcml.expr.__file__).parent
    for name in ("parser.py", "lexing.py", "building.py"):
        tree = ast.parse((folder / name).read_text(encoding="utf-8"))
        calls = [node.func for node in ast.walk(tree) if isinstance(node, ast.Call)]
        bad = [f.id for f in calls if isinstance(f, ast.Name) and f.id in builtins]
        bad += [f.attr for f in calls if isinstance(f, ast.Attribute) and f.attr in methods]
        assert not bad, (name, bad)
