"""The calcml command on real and on bad input: answers, formats, clear errors, no traceback."""

import json
import subprocess
import sys

import pytest


def calcml(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from calcml.cli import main; main()", *args],
                          input=stdin, capture_output=True, text=True, timeout=120,
                          env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})


def test_diff_with_steps_shows_the_rules_and_the_check():
    out = calcml("diff", "x^2 + 2x + 2", "--steps")
    assert out.returncode == 0
    assert out.stdout.startswith("d/dx (x² + 2x + 2) = 2x + 2")
    assert "Sum rule" in out.stdout and "Check (sympy.diff) agrees" in out.stdout


def test_tangent_slope_limit_and_continuity_give_the_course_numbers():
    assert "Line: y = 6x − 2" in calcml("tangent", "x^2 + 2x + 2", "--at", "2").stdout
    assert "6.000001" in calcml("slope", "x^2 + 2x + 2", "--at", "2").stdout
    assert calcml("limit", "(x^2-1)/(x-1)", "--at", "1").stdout.strip().endswith("= 2")
    assert "= False" in calcml("continuity", "(x^2-1)/(x-1)", "--at", "1").stdout


def test_json_format_and_stdin_input():
    data = json.loads(calcml("diff", "-", "--format", "json", stdin="x^3").stdout)
    assert data["result"] == "3x²"
    assert set(data["steps"][0]) == {"rule", "expression", "relation", "result",
                                     "explanation", "claim", "substeps"}


@pytest.mark.parametrize("args", [
    ("diff", "x^2"), ("tangent", "x^2 + 2x + 2", "--at", "2"), ("limit", "25/x", "--at", "0"),
    ("slope", "x^2", "--at", "1"), ("continuity", "1/x", "--at", "0"),
])
def test_every_single_variable_command_prints_json(args):
    out = calcml(*args, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)


def test_tangent_json_gives_exact_values_and_floats():
    data = json.loads(calcml("tangent", "x^2 + 2x + 2", "--at", "2", "-f", "json").stdout)
    assert (data["slope"], data["intercept"], data["line"]) == ("6", "−2", "6x − 2")
    assert data["point_float"] == [2.0, 10.0]


def test_continuity_plots_the_graph_near_the_point(tmp_path):
    path = tmp_path / "hole.png"
    out = calcml("continuity", "(x^2-1)/(x-1)", "--at", "1", "--plot", str(path))
    assert out.returncode == 0 and path.stat().st_size > 10_000
    refused = calcml("continuity", "1/x", "--plot", str(path))
    assert refused.returncode == 2 and "add --at" in refused.stderr


def test_a_limit_that_does_not_exist_names_both_sides_on_one_line():
    out = calcml("limit", "25/x", "--at", "0").stdout.splitlines()
    assert out == ["lim(x → 0) (25/x) = DNE", "  from the left: −∞, from the right: ∞"]


@pytest.mark.parametrize(("args", "message"), [
    (("diff", "2x +* 3"), "unexpected '*' at column 5"),
    (("diff", ""), "the text is empty"),
    (("diff", "__import__('os')"), "error:"),
    (("diff", "x^2", "--order", "0"), "error:"),
    (("slope", "x^2", "--at", "1", "--format", "latex"), "use --format text or json"),
    (("continuity", "x", "--on", "1"), "two numbers"),
])
def test_bad_input_is_a_clear_error_with_exit_code_2(args, message):
    out = calcml(*args)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_plot_writes_a_png(tmp_path):
    path = tmp_path / "secants.png"
    out = calcml("tangent", "x^2 + 2x + 2", "--at", "2", "--plot", str(path))
    assert out.returncode == 0 and path.stat().st_size > 10_000
