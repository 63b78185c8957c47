"""calcml partial, grad and hessian on real and on bad input: answers, formats, clear
errors with exit code 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def test_partial_at_a_course_point(calcml):
    code, out, _ = calcml("partial", "x^2 - y^2", "--var", "y", "--at", "x=2,y=3")
    assert code == 0
    assert out.splitlines() == ["∂/∂y (x² − y²) at (x, y) = (2, 3) = −6",
                                "  about -6; the function's value there is -5"]


def test_partial_with_steps_holds_the_other_variable_constant(calcml):
    code, out, _ = calcml("partial", "x^2 - y^2", "--var", "x", "--steps")
    assert code == 0 and out.startswith("∂/∂x (x² − y²) = 2x")
    assert "Hold y constant" in out and "Check (sympy.diff) agrees" in out


def test_grad_of_the_cylinder(calcml):
    code, out, _ = calcml("grad", "pi r^2 l", "--vars", "r,l", "--at", "r=3,l=5")
    assert code == 0
    first, second = out.splitlines()
    assert first.endswith("at (r, l) = (3, 5) = (30π, 9π)")
    assert second == "  about (94.2478, 28.2743); the function's value there is 141.372"


def test_grad_json_and_latex(calcml):
    code, out, _ = calcml("grad", "x^2 - y^2", "--at", "x=-2,y=-3", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["result"] == "[[−4], [6]]" and data["function_value"] == "−5"
    assert data["value_float"] == [[-4.0], [6.0]]
    code, out, _ = calcml("grad", "x^2 - y^2", "--format", "latex")
    assert code == 0 and r"\frac{\partial}{\partial y}" in out


def test_hessian_text_and_steps(calcml):
    code, out, _ = calcml("hessian", "x^3 y", "--vars", "x,y")
    # the matrix on two lines, the sides of the equation next to each other
    assert code == 0 and out.splitlines()[0].endswith("= ⎡6xy  3x²⎤")
    assert out.splitlines()[1].endswith("⎣3x²    0⎦")
    code, out, _ = calcml("hessian", "x^3 y", "--steps")
    assert "Symmetry of mixed partials" in out
    assert "Check (Clairaut symmetry of the mixed partials) agrees" in out


@pytest.mark.parametrize(("args", "message"), [
    (("grad", ""), "the text is empty"),
    (("hessian", "x^2 +* y"), "unexpected '*' at column 6"),
    (("partial", "x y", "--var", "w"), "w is not a variable of xy (its variables: x, y)"),
    (("grad", "x y", "--vars", "x,x"), "x is listed twice"),
    (("grad", "x y", "--vars", ""), "the variable list is empty"),
    (("grad", "x y", "--at", "x=1"), "y is missing"),
    (("hessian", "x y", "--at", "x=1,y=2,z=3"), "z, which is not one of"),
    (("partial", "x y", "--at", "x=1;y=2"), "error:"),
    (("partial", "x y", "--plot", "f.png"), "add --at"),
    (("grad", "x y", "--three-ways"), "add --at"),
    (("partial", "1/x + y", "--at", "x=0,y=1"), "not defined at (x, y) = (0, 1)"),
])
def test_bad_input_is_a_clear_error_with_exit_code_2(calcml, args, message):
    code, out, err = calcml(*args)
    assert code == 2 and out == ""
    assert err.startswith("error:") and message in err
    assert "Traceback" not in err


def test_the_installed_entry_point_reports_errors_without_a_traceback():
    done = subprocess.run([sys.executable, "-c", "from calcml.cli import main; main()",
                           "grad", "x y", "--vars", "x,x"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "listed twice" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [
    ("partial", "x^2 - y^2", "--var", "x", "--at", "x=2,y=3"),
    ("grad", "x^2 - y^2"),
    ("grad", "x^2 - y^2", "--at", "x=2,y=3"),
    ("hessian", "x^2 - y^2", "--at", "x=2,y=3"),
    ("grad", "x*y + z^2", "--vars", "y,z", "--at", "x=1,y=2,z=1"),
])
def test_plot_writes_a_png(calcml, tmp_path, args):
    path = tmp_path / "figure.png"
    code, _, err = calcml(*args, "--plot", str(path))
    assert code == 0, err
    assert path.read_bytes()[:4] == b"\x89PNG" and path.stat().st_size > 10_000


def test_three_ways_agree_at_a_point(calcml):
    code, out, _ = calcml("grad", "x^2 - y^2", "--at", "x=2,y=3", "--three-ways")
    assert code == 0 and out.startswith("(∂/∂x (x² − y²), ∂/∂y (x² − y²))")
    code, out, _ = calcml("grad", "x^2 - y^2", "--at", "x=2,y=3", "--three-ways", "-f", "json")
    data = json.loads(out)
    assert data["three_ways"]["agreed"] is True and data["value_float"] == [[4.0], [-6.0]]


def test_three_ways_keeps_the_point_exact(calcml):
    code, out, _ = calcml("grad", "x^2*y", "--at", "x=pi/3,y=1", "--three-ways")
    assert code == 0
    assert "Gradient of x²y at x = π/3, y = 1, three ways" in out.splitlines()
