"""Unicode mathematics is the default text (issue 10 §4): textbook notation (ŷ − y, ∫₁²,
Σᵢ₌₁ⁿ, (1/2)∫ x dx) in every command; ``--ascii`` and a terminal that cannot show Unicode
give pure ASCII, with no command failing on a character it prints."""

from __future__ import annotations

import inspect
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sympy

from calcml import parse
from calcml.cli import app
from calcml.cli._terminal import AsciiStream, ascii_output, shows_unicode
from calcml.expr.asciify import plain_ascii
from calcml.expr.printing import DEFAULT_ASCII, ascii_mode, ascii_text, to_latex, to_text
from calcml.expr.tables import table
from calcml.expr.text import learner_order

x, y, n, i = sympy.symbols("x y n i")
yhat = sympy.Symbol("yhat")
ROOT = Path(__file__).resolve().parents[1]

# Every command that takes --ascii, with inputs from the course (COURSE.md) that print the
# characters Unicode text uses: ∂, ², −, →, ∞, ∫, ŷ, ⎡, √, the words' xⁿ and ·.
ASCII_RUNS = {
    "diff": [["diff", "x^2 + 2x + 2", "--steps", "--detail", "full"],
             ["diff", "sqrt(x)*exp(-x)", "--steps"],
             ["diff", "t^3", "--var", "t", "--notation", "newton", "--steps"]],
    "tangent": [["tangent", "x^2 + 2x + 2", "--at", "2", "--steps"],
                ["tangent", "x^3", "--at", "-1"]],
    "limit": [["limit", "(x^2 - 1)/(x - 1)", "--at", "1", "--steps", "--detail", "full"],
              ["limit", "25/x", "--at", "0", "--table"],
              ["limit", "25/x", "--at", "-oo", "--steps"]],
    "continuity": [["continuity", "1/x", "--at", "0", "--steps"]],
    "partial": [["partial", "x^2 - y^2", "--var", "y", "--at", "x=2,y=3", "--steps"],
                ["partial", "pi r^2 l", "--var", "r", "--at", "r=3,l=5"]],
    "grad": [["grad", "x^2 - y^2", "--at", "x=2,y=3", "--three-ways"],
             ["grad", "(yhat - y)^2", "--vars", "yhat,y", "--steps"]],
    "hessian": [["hessian", "x^2*y + y^3", "--steps", "--detail", "full"]],
    "chain": [["chain", "x^2 - y^2", "--with", "x=cos(t), y=sin(t)", "--steps"],
              ["chain", "x^2 - y^2", "--with", "x=cos(t), y=sin(t)", "--at", "t=1"]],
    "integrate": [["integrate", "x/2", "--from", "1", "--to", "2", "--steps"],
                  ["integrate", "2x*exp(x^2)", "--steps", "--detail", "full"],
                  ["integrate", "exp(-x)", "--from", "0", "--to", "oo", "--steps"]],
}


def test_the_default_text_is_unicode_mathematics():
    assert DEFAULT_ASCII is False and ascii_mode() is False
    assert to_text(x**2 - 2 * x + sympy.sqrt(x) + sympy.exp(-x)) == "√x + x² − 2x + e⁻ˣ"
    assert to_text(sympy.log(x, 2) + sympy.atan(x)) == "log₂(x) + arctan(x)"
    assert to_text(sympy.Limit(25 / x, x, sympy.oo)) == "lim(x → ∞) (25/x)"
    assert to_text(sympy.Matrix([4, -6])) == "(4, −6)"


@pytest.mark.parametrize(("expr", "text", "ascii", "latex"), [
    (yhat - y, "ŷ − y", "yhat - y", r"\hat{y} - y"),
    (2 * (yhat - y), "2ŷ − 2y", "2*yhat - 2*y", r"2 \hat{y} - 2 y"),
    (2 * x * (yhat - y), "2x(ŷ − y)", "2*x*(yhat - y)", r"2 x \left(\hat{y} - y\right)"),
    ((yhat - y) ** 2, "(ŷ − y)²", "(yhat - y)^2", r"\left(\hat{y} - y\right)^{2}"),
    (sympy.Indexed("yhat", i) - sympy.Indexed("y", i), "ŷᵢ − yᵢ", "yhat[i] - y[i]", None),
])
def test_the_prediction_is_y_hat_and_the_residual_reads_y_hat_minus_y(expr, text, ascii, latex):
    """The course's C = (ŷ − y)² and ∂C/∂m = 2x(ŷ − y), whatever name the engine uses."""
    assert to_text(expr) == text
    assert to_text(expr, ascii=True) == ascii
    if latex is not None:
        assert to_latex(expr) == latex
        # both texts read back as the expression (parse makes real symbols, ŷ for yhat)
        real = {s: sympy.Symbol("ŷ" if s == yhat else s.name, real=True)
                for s in expr.free_symbols}
        assert parse(text) == parse(ascii) == expr.subs(real)


def test_the_learner_order_moves_only_terms_of_single_names():
    assert learner_order([-y, yhat]) == [yhat, -y]
    assert to_text(-x**2 + 2 * x) == "−x² + 2x"  # not reordered: a power is no single name
    assert to_text(1 - x) == "1 − x" and to_text(-x - y) == "−x − y"
    assert to_text(x - y) == "x − y"


@pytest.mark.parametrize(("expr", "text", "ascii"), [
    (sympy.Integral(x / 2, (x, 1, 2)), "∫₁² (x/2) dx", "int_1^2 (x/2) dx"),
    (sympy.Integral(2 * x, (x, 3, 4)), "∫₃⁴ (2x) dx", "int_3^4 (2*x) dx"),
    (sympy.Integral(x, (x, -1, 3)), "∫₋₁³ x dx", "int_(-1)^3 x dx"),
    (sympy.Integral(x, (x, 0, sympy.oo)), "∫_0^∞ x dx", "int_0^oo x dx"),
    (sympy.Sum(sympy.Indexed("y", i), (i, 1, n)), "Σᵢ₌₁ⁿ yᵢ", "sum_(i=1)^n y[i]"),
    (sympy.Rational(1, 2) * sympy.Integral(x, x), "(1/2)∫ x dx", "(1/2)*int x dx"),
    (-sympy.Rational(1, 2) * sympy.Integral(x, x), "−(1/2)∫ x dx", "-(1/2)*int x dx"),
    (2 * sympy.Integral(x, x), "2∫ x dx", "2*int x dx"),
    (2 / n * sympy.Sum(sympy.Indexed("yhat", i) - sympy.Indexed("y", i), (i, 1, n)),
     "(2/n)Σᵢ₌₁ⁿ (ŷᵢ − yᵢ)", "(2/n)*sum_(i=1)^n (yhat[i] - y[i])"),
])
def test_integrals_and_sums_read_as_in_a_textbook(expr, text, ascii):
    """Bounds lowered and raised where every character has a small form; a fraction in
    front of an integral or sum is bracketed, not written after it (∫ x dx/2 read as if
    the 2 were inside)."""
    assert to_text(expr) == text
    assert to_text(expr, ascii=True) == ascii


def test_ascii_text_of_a_partial_derivative_is_ascii():
    d = sympy.Derivative(x**2 * y, x, y)
    assert to_text(d) == "∂²/∂y∂x (x²y)"
    assert to_text(d, ascii=True) == "partial^2/(partial y partial x) (x^2*y)"
    assert to_text(sympy.Derivative(x**2 * y, x), ascii=True) == "partial/partial x (x^2*y)"


@pytest.mark.parametrize(("text", "ascii"), [
    ("d/dx (xⁿ) = n·x^(n − 1)", "d/dx (x^n) = n*x^(n - 1)"),
    ("∂z/∂x = 2x, x → ∞", "partial z/partial x = 2x, x -> oo"),
    ("∂²/∂y∂x (x²y)", "partial^2/(partial y partial x) (x^2 y)"),
    ("C = (ŷ − y)², δ₂ = ∂C/∂ŷ", "C = (yhat - y)^2, delta_2 = partial C/partial yhat"),
    ("ẏ = 3t², ÿ = 6t", "y' = 3t^2, y'' = 6t"),
    ("∫₁² (x/2) dx ≈ 0.75, Σᵢ₌₁ⁿ", "int_1^2 (x/2) dx ~ 0.75, sum_(i=1)^n"),
    ("⎡2y  2x⎤\n⎣2x  6y⎦", "[2y  2x]\n[2x  6y]"),
    ("θ = √2, Δx = 0.1, e⁻ˣ, log₂(x)", "theta = sqrt2, Delta x = 0.1, e^(-x), log_2(x)"),
])
def test_plain_ascii_spells_the_mathematics_of_the_words(text, ascii):
    assert plain_ascii(text) == ascii


def test_plain_ascii_leaves_nothing_outside_ascii():
    every = "".join(chr(c) for c in range(0x80, 0x2400))
    assert plain_ascii(every).isascii()


def test_a_table_in_ascii_mode_is_aligned_ascii():
    numbers = table("Slopes of x² − y², ∂/∂x", ["variable", "Δx → 0"],
                    [["∂/∂x", 4.0], ["∂/∂y", -6.0]], notes=["all agree ✓"])
    with ascii_text():
        text = numbers.to_text()
    assert text.isascii()
    lines = text.splitlines()
    assert lines[0] == "Slopes of x^2 - y^2, partial/partial x"
    assert lines[3].startswith("partial/partial x  ") and lines[3].endswith("4")
    assert len(lines[3]) == len(lines[4]) == len(lines[2])
    assert "∂/∂x" in numbers.to_text()


def test_every_command_with_ascii_has_a_case_here():
    """A new command with --ascii must join ASCII_RUNS, so that its output is checked."""
    taking = {info.name for info in app.registered_commands
              if "ascii" in inspect.signature(info.callback).parameters}
    assert taking == set(ASCII_RUNS)


@pytest.mark.parametrize("args", [run for runs in ASCII_RUNS.values() for run in runs],
                         ids=lambda args: " ".join(args[:2]))
def test_ascii_output_is_pure_ascii_and_unicode_output_is_textbook(calcml, args):
    code, text, err = calcml(*args, "--ascii")
    assert code == 0, err
    assert text.isascii(), sorted({c for c in text if not c.isascii()})
    code, unicode_text, err = calcml(*args)
    assert code == 0, err
    for engine_like in ("**", "sqrt(", "exp(", " oo", "yhat", "int_", "partial/", "->"):
        assert engine_like not in unicode_text, engine_like
    assert ascii_mode() is False  # --ascii ended with its command


def test_the_ascii_option_restores_the_streams_and_the_text_style(calcml):
    before = sys.stdout
    calcml("diff", "x^2", "--ascii")
    assert sys.stdout is before and to_text(x**2) == "x²"


def test_ascii_output_wraps_and_restores_stdout():
    before = sys.stdout
    with ascii_output():
        assert isinstance(sys.stdout, AsciiStream) and ascii_mode()
        assert to_text(sympy.Derivative(x * y, x)) == "partial/partial x (x*y)"
    assert sys.stdout is before and not ascii_mode()


@pytest.mark.parametrize(("encoding", "shows"), [("utf-8", True), ("UTF-16", True),
                                                 ("ascii", False), ("latin-1", False),
                                                 ("no-such-codec", False)])
def test_shows_unicode_asks_the_streams_encoding(encoding, shows):
    class Stream(io.StringIO):
        pass

    stream = Stream()
    Stream.encoding = encoding  # a stand-in for a terminal with this encoding
    assert shows_unicode(stream) is shows


def _calcml(*args: str, encoding: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "MPLBACKEND": "Agg"}
    env.pop("PYTHONUTF8", None)
    command = [sys.executable, "-c", "import sys; from calcml.cli import main; "
               "sys.argv[0] = 'calcml'; main()", *args]
    return subprocess.run(command, capture_output=True, env=env, cwd=ROOT, timeout=120,
                          check=False)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_show_unicode_gets_ascii(encoding):
    """PYTHONIOENCODING=ascii or a Latin-1 terminal: no crash (it used to raise
    UnicodeEncodeError on ∂), and every byte is ASCII, errors included."""
    done = _calcml("grad", "x^2 - y^2", "--at", "x=2,y=3", "--three-ways", encoding=encoding)
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii()
    out = done.stdout.decode()
    assert out.startswith("(partial/partial x (x^2 - y^2), partial/partial y (x^2 - y^2))")
    assert "(4, -6)" in out
    failed = _calcml("diff", "√", encoding=encoding)
    assert failed.returncode == 2 and failed.stderr.isascii()
    assert failed.stderr.decode().startswith("error:")


def test_a_unicode_terminal_gets_unicode():
    done = _calcml("partial", "x^2 - y^2", "--var", "y", encoding="utf-8")
    assert done.returncode == 0
    assert done.stdout.decode() == "∂/∂y (x² − y²) = −2y\n"


@pytest.mark.parametrize(("expr", "text"), [
    (sympy.Symbol("yhat_i") - sympy.Symbol("y_i"), "ŷᵢ − yᵢ"),
    (sympy.Symbol("m") * sympy.IndexedBase("x")[i], "mxᵢ"),
    (sympy.Symbol("theta_0"), "θ₀"),
    ((x + 2) * (x - 1), "(x − 1)(x + 2)"),
    (sympy.sqrt(sympy.pi), "√π"),
    (1 / sympy.sqrt(sympy.pi), "1/√π"),
])
def test_engine_names_and_products_read_as_in_a_textbook(expr, text):
    assert to_text(expr) == text


def test_a_rate_is_a_fraction_bracketed_only_inside_a_product():
    from calcml.steps.partials.multivar_chain import Rate

    z, t, c, b = sympy.symbols("z t C b", real=True)
    dz = Rate(z, t)
    dc = Rate(c, sympy.Symbol("yhat", real=True), partial=True)
    assert to_text(dz) == "dz/dt" and to_text(dc) == "∂C/∂ŷ"
    assert to_text(2 * dc * Rate(sympy.Symbol("yhat", real=True), b, partial=True)) == \
        "2(∂C/∂ŷ)·(∂ŷ/∂b)"
    assert to_text(sympy.Tuple(dc, dz)) == "(∂C/∂ŷ, dz/dt)"
    assert to_text(dc, ascii=True) == "partial C/partial yhat"
