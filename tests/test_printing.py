"""Printing: exact forms of the course's notation in Unicode and ASCII text, LaTeX and
MathML, and parse(to_text(e)) == e in both text styles."""

from __future__ import annotations

import cmath
import xml.dom.minidom

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calcml.errors import ParseError
from calcml.expr import parse, to_latex, to_mathml, to_text
from calcml.expr.functions import relu, sigmoid, softplus
from calcml.expr.printing import DEFAULT_ASCII, ascii_mode, ascii_text, dot_notation, hang

x, y, theta, x1 = sympy.symbols("x y theta x1", real=True)
MATH = '<math xmlns="http://www.w3.org/1998/Math/MathML">'

FORMS = [
    # expression, Unicode text, ASCII text, LaTeX, MathML inside <math> (None: not checked)
    (sigmoid(x), "sigmoid(x)", "sigmoid(x)", r"\sigma\left(x\right)",
     "<mrow><mi>&#963;</mi><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>"),
    (relu(x), "relu(x)", "relu(x)", r"\operatorname{relu}\left(x\right)",
     "<mrow><mi>relu</mi><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>"),
    (softplus(x) ** 2, "softplus(x)²", "softplus(x)^2",
     r"\operatorname{softplus}\left(x\right)^{2}",
     "<msup><mrow><mi>softplus</mi><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>"
     "<mn>2</mn></msup>"),
    (sympy.Abs(x), "|x|", "abs(x)", r"\left|{x}\right|",
     "<mrow><mo>|</mo><mi>x</mi><mo>|</mo></mrow>"),
    (sympy.E, "e", "e", "e", "<mi>e</mi>"),
    (sympy.exp(x), "eˣ", "exp(x)", "e^{x}", "<msup><mi>e</mi><mi>x</mi></msup>"),
    (sympy.exp(-x**2 / 2), "e^(−x²/2)", "exp(-x^2/2)", r"e^{- \frac{x^{2}}{2}}", None),
    (sympy.log(x), "ln(x)", "log(x)", r"\ln{\left(x \right)}",
     "<mrow><mi>ln</mi><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>"),
    (sympy.log(x, 2), "log₂(x)", "log(x, 2)", r"\log_{2}{\left(x \right)}", None),
    (3 * sympy.log(x + 1, 10), "3log₁₀(x + 1)", "3*log(x + 1, 10)",
     r"3 \log_{10}{\left(x + 1 \right)}", None),
    (sympy.sqrt(x) + 1 / sympy.sqrt(x + 1), "√x + 1/√(x + 1)", "sqrt(x) + 1/sqrt(x + 1)",
     None, None),
    (sympy.atan(x), "arctan(x)", "atan(x)", r"\operatorname{atan}{\left(x \right)}", None),
    (sympy.oo, "∞", "oo", r"\infty", "<mi>&#x221E;</mi>"),
    (-sympy.oo, "−∞", "-oo", r"-\infty", "<mrow><mo>-</mo><mi>&#x221E;</mi></mrow>"),
    (sympy.Rational(3, 4), "3/4", "3/4", r"\frac{3}{4}", "<mfrac><mn>3</mn><mn>4</mn></mfrac>"),
    (x**2 - 2 * x * y + 3 * 2**x, "3·2ˣ + x² − 2xy", "3*2^x + x^2 - 2*x*y", None, None),
    (2 * sympy.pi * x * (x + 1), "2πx(x + 1)", "2*pi*x*(x + 1)", None, None),
    (x * y * (x + y), "xy·(x + y)", "x*y*(x + y)", None, None),
    (sympy.Symbol("ŷ", real=True) - y, "ŷ − y", "yhat - y", r"\hat{y} - y", None),
    (sympy.Heaviside(x, 0), "heaviside(x)", "heaviside(x)", r"H\left(x\right)",
     "<mrow><mi>H</mi><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow>"),
    (sympy.Heaviside(x), "heaviside(x, 1/2)", "heaviside(x, 1/2)",
     r"H\left(x, \frac{1}{2}\right)",
     "<mrow><mi>H</mi><mrow><mo>(</mo><mi>x</mi><mo>,</mo><mfrac><mn>1</mn><mn>2</mn>"
     "</mfrac><mo>)</mo></mrow></mrow>"),
    (sympy.Derivative(x**2, x), "d/dx (x²)", "d/dx (x^2)", r"\frac{d}{d x} x^{2}",
     "<mrow><mfrac><mrow><mo>d</mo></mrow><mrow><mo>d</mo><mi>x</mi></mrow></mfrac>"
     "<msup><mi>x</mi><mn>2</mn></msup></mrow>"),
    (sympy.Derivative(x**3, (x, 2)), "d²/dx² (x³)", "d^2/dx^2 (x^3)",
     r"\frac{d^{2}}{d x^{2}} x^{3}", None),
    # x first, then y: the standard order writes the last variable first, as LaTeX does
    (sympy.Derivative(x**2 * y, x, y), "∂²/∂y∂x (x²y)",
     "partial^2/(partial y partial x) (x^2*y)",
     r"\frac{\partial^{2}}{\partial y\partial x} \left(x^{2} y\right)", None),
    (sympy.Derivative(x**3 * y, x, x, y), "∂³/∂y∂x² (x³y)",
     "partial^3/(partial y partial x^2) (x^3*y)", None, None),
    (x1 + theta, "θ + x1", "theta + x1", r"\theta + x_{1}", None),
    (sympy.Limit((x**2 - 1) / (x - 1), x, 1, "+-"), "lim(x → 1) ((x² − 1)/(x − 1))",
     "lim(x -> 1) ((x^2 - 1)/(x - 1))", r"\lim_{x \to 1}\left(\frac{x^{2} - 1}{x - 1}\right)",
     None),
    (sympy.Limit(25 / x, x, 0, "-"), "lim(x → 0⁻) (25/x)", "lim(x -> 0-) (25/x)",
     r"\lim_{x \to 0^-}\left(\frac{25}{x}\right)", None),
    (sympy.Limit(25 / x, x, -sympy.oo), "lim(x → −∞) (25/x)", "lim(x -> -oo) (25/x)",
     r"\lim_{x \to -\infty}\left(\frac{25}{x}\right)", None),
    (sympy.Integral(x / 2, (x, 1, 2)), "∫₁² (x/2) dx", "int_1^2 (x/2) dx",
     r"\int\limits_{1}^{2} \frac{x}{2}\, dx", None),
    (sympy.Integral(sympy.exp(-(x**2)), (x, -sympy.oo, sympy.oo)), "∫_(−∞)^∞ e^(−x²) dx",
     "int_(-oo)^oo exp(-x^2) dx", None, None),
    (sympy.Integral(x * y, x, y), "∫ ∫ (xy) dx dy", "int int (x*y) dx dy", None, None),
    (sympy.Piecewise((-1, x < 0), (1, True)), "{−1 if x < 0; 1 otherwise}",
     "{-1 if x < 0; 1 otherwise}", None, None),
    (sympy.Piecewise((x, (x >= 0) & (x <= 1)), (0, True)), "{x if x ≥ 0 and x ≤ 1; 0 otherwise}",
     "{x if x >= 0 and x <= 1; 0 otherwise}", None, None),
    (sympy.Matrix([4, -6]), "(4, −6)", "(4, -6)", None, None),
    (sympy.Matrix([[6 * x * y, 3 * x**2], [3 * x**2, 0]]), "⎡6xy  3x²⎤\n⎣3x²    0⎦",
     "[6*x*y  3*x^2]\n[3*x^2      0]", None, None),
    (sympy.Matrix([[2, 0, 1], [0, -2, 1], [1, 1, 1]]), "⎡2   0  1⎤\n⎢0  −2  1⎥\n⎣1   1  1⎦",
     "[2   0  1]\n[0  -2  1]\n[1   1  1]", None, None),
]


@pytest.mark.parametrize(("expr", "text", "ascii", "latex", "mathml"), FORMS)
def test_course_notation_in_every_form(expr, text, ascii, latex, mathml):
    assert to_text(expr, ascii=False) == text
    assert to_text(expr, ascii=True) == ascii and ascii.replace("∂", "").isascii()
    with ascii_text(False):
        assert to_text(expr) == text
    assert to_text(expr) == (ascii if DEFAULT_ASCII else text)
    if latex is not None:
        assert to_latex(expr) == latex
    if mathml is not None:
        assert to_mathml(expr) == MATH + mathml + "</math>"


def test_the_ascii_setting_lasts_for_its_block_and_can_nest():
    assert ascii_mode() is DEFAULT_ASCII
    with ascii_text():
        assert ascii_mode() and to_text(x**2) == "x^2"
        with ascii_text(False):
            assert not ascii_mode() and to_text(x**2) == "x²"
            assert to_text(x**2, ascii=True) == "x^2"
        assert to_text(x**2) == "x^2"
    assert ascii_mode() is DEFAULT_ASCII


def test_a_matrix_hangs_under_its_name():
    hessian = sympy.Matrix([[2, 0], [0, -2]])
    lines = hang("H = ", to_text(hessian, ascii=False)).splitlines()
    assert lines == ["H = ⎡2   0⎤", "    ⎣0  −2⎦"]
    assert hang("f = ", "x²") == "f = x²"


def test_newtons_dots_for_derivatives_with_respect_to_time():
    with ascii_text(False):
        assert [dot_notation("y", n) for n in (1, 2, 3)] == ["ẏ", "ÿ", "y\u20db"]
    assert dot_notation("x", 1, "latex") == r"\dot{x}" and dot_notation("x", 2, "ascii") == "x''"
    with ascii_text():
        assert dot_notation("y", 1) == "y'"
    assert dot_notation("y", 1, "ascii") == "y'"
    with pytest.raises(ValueError, match="4th derivative"):
        dot_notation("y", 5)


@pytest.mark.parametrize("expr", [
    sympy.oo, -sympy.oo, sympy.log(x), sympy.log(x, 2) * y, sympy.Limit(1 / x, x, sympy.oo),
    sympy.Integral(1 / x**2, (x, 1, sympy.oo)), sympy.exp(x) * sympy.log(x + 1)])
def test_latex_never_shows_input_syntax(expr):
    latex = to_latex(expr)
    assert "oo" not in latex and r"\log{" not in latex and "log(" not in latex


@pytest.mark.parametrize("n", [10**90, 10**120, 3**400, -(7**300) + 1, 10**99 - 1])
def test_long_integers_print_as_text_parse_reads_back(n):
    expr = sympy.Integer(n) * x + sympy.Rational(1, n)
    assert parse(to_text(expr)) == expr
    assert parse(to_text(sympy.Integer(n))) == n


def test_long_integers_print_compactly():
    assert to_text(sympy.Integer(10) ** 3999) == "(10^3999)"
    assert to_text(-7 * sympy.Integer(10) ** 200 * x, ascii=True) == "-(7*10^200)*x"
    assert to_text(sympy.Integer(10**95 + 3), ascii=False) == "(100000·10^90 + 3)"


def test_derivative_text_is_not_input_syntax():
    with pytest.raises(ParseError):
        parse(to_text(sympy.Derivative(x**2, x)))


def test_course_expressions_print_as_written():
    assert to_text(parse("x^2 + 2x + 2"), ascii=False) == "x² + 2x + 2"
    assert to_text(parse("x^2 + 2x + 2"), ascii=True) == "x^2 + 2*x + 2"
    assert to_latex(parse("pi r^2 l")) == r"\pi l r^{2}"
    assert to_text(parse("pi r^2 l"), ascii=False) == "πlr²"
    assert to_text(parse("(m x + b - y)^2"), ascii=False) == "(b + mx − y)²"
    assert to_text(parse("(y_hat - y)^2"), ascii=True) == "(yhat - y)^2"
    assert to_latex(parse("sigmoid(w x + b)")) == r"\sigma\left(b + w x\right)"


# SymPy expressions built directly (not from text), over everything parse can produce.
ATOMS = st.sampled_from([x, y, theta, x1, sympy.E, sympy.pi, sympy.oo, sympy.Integer(0),
                         sympy.Integer(3), sympy.Integer(-2), sympy.Rational(1, 3),
                         sympy.Rational(-7, 2), sympy.Integer(123456789)])
ONE_ARG = [sympy.sin, sympy.cos, sympy.tan, sympy.sec, sympy.csc, sympy.cot, sympy.asin,
           sympy.acos, sympy.atan, sympy.asinh, sympy.sinh, sympy.cosh, sympy.tanh, sympy.exp,
           sympy.log, sympy.sqrt, sympy.Abs, sigmoid, relu, softplus,
           lambda a: sympy.Heaviside(a, 0), sympy.Heaviside]
POWERS = st.sampled_from([2, 3, -1, -2, sympy.Rational(1, 2), sympy.Rational(-2, 3), x, y,
                          theta, sympy.pi, sympy.E, x * y])


def _apply(pair) -> sympy.Expr:
    """f(a), or nan (filtered out later) where SymPy refuses the argument."""
    function, argument = pair
    try:
        return function(argument)
    except (ValueError, ArithmeticError):
        return sympy.nan


def _extend(children):
    return st.one_of(
        st.lists(children, min_size=2, max_size=3).map(lambda a: sympy.Add(*a)),
        st.lists(children, min_size=2, max_size=3).map(lambda a: sympy.Mul(*a)),
        st.tuples(children, POWERS).map(lambda p: p[0] ** p[1]),
        st.tuples(st.sampled_from(ONE_ARG), children).map(_apply),
        st.tuples(children, st.sampled_from([2, 10, sympy.E])).map(
            lambda p: sympy.log(p[0], p[1])),
    )


EXPRESSIONS = st.recursive(ATOMS, _extend, max_leaves=8)


def _readable(expr: sympy.Basic) -> bool:
    """What parse can produce: defined, real, single-valued, numbers under 4,000 digits."""
    if expr.has(sympy.zoo, sympy.nan, sympy.I, sympy.AccumBounds, sympy.Max, sympy.Min):
        return False
    growing = [f.args[0] for f in expr.atoms(sympy.exp, sympy.sinh, sympy.cosh)
               if f.args[0].is_number]
    if any(abs(complex(a.evalf(15))) > 9000 for a in growing):  # over 4,000 digits
        return False
    return all(max(abs(r.p), r.q).bit_length() < 3000 for r in expr.atoms(sympy.Rational))


POINT = {x: sympy.Rational(7, 10), y: sympy.Rational(13, 10), theta: sympy.Rational(1, 5),
         x1: sympy.Rational(9, 4)}


def _same_value(a: sympy.Expr, b: sympy.Expr) -> bool:
    va, vb = (complex(v.subs(POINT).evalf(30)) for v in (a, b))
    return cmath.isclose(va, vb, rel_tol=1e-9, abs_tol=1e-12) or va == vb


@settings(deadline=None, max_examples=150)
@given(EXPRESSIONS)
def test_text_round_trip_of_built_expressions(expr):
    """Once read, an expression prints and reads back exactly. SymPy's canonical form
    can depend on the order it was built in (Mul(-1, a + b, c) keeps the minus outside,
    -(a + b)*c distributes it), so the first trip is checked by value where it differs."""
    assume(_readable(expr))
    for ascii in (False, True):
        once = parse(to_text(expr, ascii=ascii))
        assert parse(to_text(once, ascii=ascii)) == once
        assert once == expr or _same_value(once, expr)


@settings(deadline=None, max_examples=150)
@given(EXPRESSIONS)
def test_latex_and_mathml_are_well_formed(expr):
    assume(_readable(expr))
    latex = to_latex(expr)
    depth = 0
    for char in latex.replace(r"\{", "").replace(r"\}", ""):
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
    mathml = to_mathml(expr)
    root = xml.dom.minidom.parseString(mathml).documentElement
    assert root.tagName == "math"
    assert "sigmoid" not in mathml and "&ExponentialE;" not in mathml
