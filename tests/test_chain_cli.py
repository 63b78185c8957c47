"""``calcml chain`` on real and on bad input: answers, formats, the figure, clear errors.

One test runs the command in a fresh process; the others call the same entry point in
this process (a fresh interpreter per case costs seconds on a busy machine).
"""

import json
import subprocess
import sys
from types import SimpleNamespace

import pytest

from calcml.cli import main


@pytest.fixture
def calcml(capsys, monkeypatch):
    def run(*args: str) -> SimpleNamespace:
        monkeypatch.setattr(sys, "argv", ["calcml", *args])
        with pytest.raises(SystemExit) as exit_:
            main()
        out = capsys.readouterr()
        return SimpleNamespace(returncode=exit_.value.code, stdout=out.out, stderr=out.err)

    return run


def test_the_command_runs_in_a_fresh_process():
    out = subprocess.run([sys.executable, "-c", "from calcml.cli import main; main()", "chain",
                          "x^2 - y^2", "--with", "x=cos(t), y=sin(t)", "--var", "t"],
                         capture_output=True, text=True, timeout=120,
                         env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout == "dz/dt = −4sin(t)·cos(t)\n"  # LANG unset: Unicode all the same


def test_the_course_example_with_steps_and_at_a_point(calcml):
    out = calcml("chain", "x^2 - y^2", "--with", "x=cos(t), y=sin(t)", "--var", "t", "--steps")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("dz/dt = −4sin(t)·cos(t)")
    assert "Chain rule formula: dz/dt = (∂z/∂x)·(dx/dt) + (∂z/∂y)·(dy/dt)" in out.stdout
    assert "Check (substitute first, then sympy.diff by t) agrees" in out.stdout
    at = calcml("chain", "x^2 - y^2", "--with", "x=cos(t), y=sin(t)", "--at", "t=pi/4")
    assert at.stdout.splitlines() == ["dz/dt at t = π/4 = −2", "about -2"]


def test_several_variables_json_and_commas_inside_brackets(calcml):
    out = calcml("chain", "x^2 - y^2", "-w", "x=log(s, 2) t, y=s + t", "-v", "s, t",
                 "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["problem"] == "(∂z/∂s, ∂z/∂t)"
    assert {(e["from"], e["to"]) for e in data["tree"]["edges"]} == {
        ("z", "x"), ("z", "y"), ("x", "s"), ("x", "t"), ("y", "s"), ("y", "t")}
    assert all(c["agreed"] for c in data["checks"])


def test_latex_output_and_the_tree_figure(calcml, tmp_path):
    path = tmp_path / "tree.png"
    out = calcml("chain", "x y", "--with", "x=u^2, y=u + t, u=sin(t)", "--format", "latex",
                 "--plot", str(path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("\\[\n\\begin{array}{l}\n\\displaystyle \\frac{dz}{dt} = ")
    assert path.stat().st_size > 20_000 and "figure saved" in out.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("x + y", "--with", "x=y, y=x + t"), "cycle: x depends on y depends on x"),
    (("x", "--with", "x=t", "--var", "q"), "nothing depends on q"),
    (("x", "--with", "x=t, w=t"), "z does not depend on w"),
    (("x", "--with", "x cos(t)"), "not name=expression"),
    (("x", "--with", ""), "--with is empty"),
    (("x", "--with", "x=t,"), "empty item"),
    (("", "--with", "x=t"), "empty"),
    (("x", "--with", "x=cos(t"), "in the definition of x"),
    (("x", "--with", "x=t", "--var", "1s"), "--var takes variable names"),
    (("x", "--with", "x=t", "--at", "t="), "no value"),
    (("x", "--with", "x=t", "--at", "x=1"), "not one of the variables"),
    (("x", "--with", "x=t", "--format", "html", "--plot", "f.txt"), "cannot save"),
    (("x",), "Missing option '--with'"),
])
def test_bad_input_exits_2_with_a_clear_message(calcml, args, message):
    out = calcml("chain", *args)
    assert out.returncode == 2, out.stdout + out.stderr
    assert message in out.stderr
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr


def test_three_ways_prints_the_comparison_table(calcml):
    out = calcml("three-ways", "x^2 - y^2", "--at", "x=2, y=3")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "Gradient of x² − y² at x = 2, y = 3, three ways"
    assert lines[3].split()[:3] == ["∂/∂x", "4", "4"] and lines[4].split()[:3] == [
        "∂/∂y", "-6", "-6"]
    assert lines[-1] == "All 3 ways agree within 1e-08 + 1e-06 * |value|."
    data = json.loads(calcml("three-ways", "pi r^2 l", "-a", "r=3, l=5", "--vars", "r, l",
                             "-f", "json").stdout)
    assert data["variables"] == ["r", "l"] and data["agreed"] is True


@pytest.mark.parametrize(("args", "message"), [
    (("pi r^2 l", "--at", "x=2, y=3"), "not one of the variables"),
    (("x^2", "--at", "x=1", "--format", "latex"), "prints a table"),
    (("x^2 + a", "--at", "x=1", "--vars", "x"), "also uses a"),
])
def test_three_ways_bad_input_exits_2(calcml, args, message):
    out = calcml("three-ways", *args)
    assert out.returncode == 2 and message in out.stderr
