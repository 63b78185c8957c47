"""calcml integrate on real and on bad input: answers, formats, --numeric, clear errors."""

import io
import json
import subprocess
import sys
from dataclasses import dataclass

import pytest

from calcml.cli import main


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def calcml(capsys, monkeypatch):
    """Run the command in this process (as main() does for a user), capturing its output."""
    def run(*args: str, stdin: str = "") -> Run:
        monkeypatch.setattr(sys, "argv", ["calcml", *args])
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = 0
        try:
            main()
        except SystemExit as done:
            code = done.code or 0
        out = capsys.readouterr()
        return Run(code, out.out, out.err)
    return run


def test_a_real_process_exits_2_without_a_traceback():
    out = subprocess.run([sys.executable, "-c", "from calcml.cli import main; main()",
                          "integrate", "1/x", "--from", "1"], capture_output=True, text=True,
                         timeout=120, env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2 and out.stderr.startswith("error: a definite integral")


def test_the_course_integrals(calcml):
    assert calcml("integrate", "x/2", "--from", "1", "--to", "2").stdout.strip() == \
        "∫₁² (x/2) dx = 3/4"
    assert calcml("integrate", "2x", "--from", "3", "--to", "4").stdout.strip() == \
        "∫₃⁴ (2x) dx = 7"


def test_an_antiderivative_with_steps_shows_plus_c_and_the_checks(calcml):
    out = calcml("integrate", "x e^x", "--steps")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("∫ (xeˣ) dx = xeˣ − eˣ + C")
    assert "Integration by parts" in out.stdout and "LIATE" in out.stdout
    assert "Check (differentiate back) agrees" in out.stdout


def test_formats_and_stdin(calcml):
    data = json.loads(calcml("integrate", "-", "--format", "json", stdin="1/x").stdout)
    assert data["result"] == "ln(|x|) + C"
    assert data["steps"][-1]["rule"] == "Add the constant of integration"
    latex = calcml("integrate", "x^2", "--format", "latex").stdout
    assert r"\frac{x^{3}}{3} + C" in latex
    assert "<math" in calcml("integrate", "x^2", "--format", "html").stdout


def test_numeric_beside_the_exact_value(calcml):
    out = calcml("integrate", "x^2", "--from", "0", "--to", "3", "--numeric", "simpson",
                 "--n", "4")
    assert out.returncode == 0, out.stderr
    assert "= 9" in out.stdout and "numeric (simpson, n = 4): 9" in out.stdout
    data = json.loads(calcml("integrate", "e^(-x^2)", "--from", "-oo", "--to", "oo",
                             "--numeric", "adaptive", "-f", "json").stdout)
    assert data["result"] == "√π"
    assert data["numeric"]["estimate"] == pytest.approx(1.7724538509055159, rel=1e-9)


def test_improper_and_no_antiderivative_definite(calcml):
    assert calcml("integrate", "1/x^2", "--from", "1", "--to", "oo").stdout.strip().endswith(
        "= 1")
    out = calcml("integrate", "sqrt(tan(x))", "--from", "0", "--to", "1", "--steps")
    assert "Numeric value" in out.stdout and "mpmath.quad" in out.stdout


@pytest.mark.parametrize("args, message", [
    (("",), "empty"),
    (("x^",), "column"),
    (("x", "--from", "1"), "both bounds"),
    (("x", "--to", "1"), "both bounds"),
    (("x", "--from", "a", "--to", "2"), "lower bound"),
    (("x", "--from", "0", "--to", "1)"), "upper bound"),
    (("1/x", "--from", "1", "--to", "oo"), "diverges"),
    (("sin(x)", "--from", "0", "--to", "oo"), "diverges"),
    (("x", "--numeric", "simpson"), "--from and --to"),
    (("x", "--from", "0", "--to", "1", "--n", "4"), "--numeric"),
    (("x", "--from", "0", "--to", "1", "--numeric", "magic"), "unknown method"),
    (("sqrt(x)", "--from", "-1", "--to", "1"), "not a real number"),
    (("sqrt(tan(x))",), "no antiderivative"),
])
def test_bad_input_exits_2_with_a_clear_message(calcml, args, message):
    out = calcml("integrate", *args)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert out.stderr.startswith("error:") and message in out.stderr
    assert "Traceback" not in out.stderr
