"""calcml exercise and calcml check: an exercise in each format, its solution, verdicts as
JSON, and clear one-line errors for unknown skills and malformed tasks."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from calcml.cli import app
from calcml.errors import InputError

runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def test_an_exercise_as_text_with_hints_and_the_task_to_check() -> None:
    result = run("exercise", "limit-factoring", "--seed", 3, "--level", 2)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Limits by factoring and cancelling (lesson 2, level 2")
    assert "Find lim(x → " in result.output and "Hints:" in result.output
    assert "calcml check --task '{\"kind\": \"limit\"" in result.output
    assert "Answer:" not in result.output


def test_the_same_seed_prints_the_same_exercise() -> None:
    first = run("exercise", "derivative-chain-rule", "--seed", 5)
    assert first.output == run("exercise", "derivative-chain-rule", "--seed", 5).output
    assert first.output != run("exercise", "derivative-chain-rule", "--seed", 6).output


def test_latex_and_the_worked_solution() -> None:
    result = run("exercise", "derivative-product-rule", "--format", "latex", "--solution")
    assert result.exit_code == 0, result.output
    assert "Differentiate $f(x) = " in result.output
    assert "Answer:" in result.output and "Worked solution:" in result.output
    assert "\\frac{d}{d x}" in result.output


def test_json_round_trips_into_check() -> None:
    result = run("exercise", "tangent-line", "--seed", 4, "--format", "json", "--solution")
    data = json.loads(result.output)
    assert set(data) >= {"skill", "seed", "level", "prompt", "task", "hints", "answer",
                         "solution"}
    verdict = run("check", "--task", json.dumps(data["task"]), "--answer", data["answer"])
    assert verdict.exit_code == 0
    assert json.loads(verdict.output)["correct"] is True


def test_json_without_solution_hides_the_answer() -> None:
    data = json.loads(run("exercise", "secant-slope", "--format", "json").output)
    assert "answer" not in data and data["task"]["problem"] == "secant-slope"


def test_check_names_a_mistake_and_exits_0() -> None:
    task = json.dumps({"kind": "derivative", "expr": "x^2 sin(x)", "var": "x"})
    result = run("check", "--task", task, "--answer", "2x cos(x)")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["correct"] is False
    assert data["mistake"] == "product-rule-as-product-of-derivatives"
    assert data["parsed"] == "2*x*cos(x)"


def test_check_an_unreadable_answer_points_at_the_column() -> None:
    task = json.dumps({"kind": "limit", "expr": "25/x", "point": "oo"})
    data = json.loads(run("check", "--task", task, "--answer", "2 +* 3").output)
    assert data["correct"] is False and data["parsed"] is None
    assert "^" in data["message"] and "column" in data["message"]


def test_an_unknown_skill_lists_the_skills() -> None:
    result = run("exercise", "limits")
    assert isinstance(result.exception, InputError)
    assert "limit-factoring" in str(result.exception)


def test_malformed_tasks_are_input_errors() -> None:
    for task in ['{"kind": "limit", ', '[1, 2]', '{"kind": "nope"}', '{"expr": "x"}']:
        result = run("check", "--task", task, "--answer", "1")
        assert isinstance(result.exception, InputError), (task, result.output)


def test_the_installed_command_exits_2_with_one_line() -> None:
    done = subprocess.run([sys.executable, "-c", "from calcml.cli import main; main()",
                           "check", "--task", "{bad", "--answer", "1"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.startswith("error: --task is not valid JSON")
    assert len(done.stderr.strip().splitlines()) == 1
