"""calcml exercise SKILL and calcml check: one generated exercise, and the verdict on one
answer (for graders and scripts: JSON out, exit 0 whatever the verdict)."""

import json
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from calcml.cli.app import Fmt, Format, app
from calcml.errors import InputError
from calcml.frontend import to_json

if TYPE_CHECKING:  # the exercises load when a command runs, not for --help
    from calcml.exercises import Exercise


def _solution_text(worked: Any, fmt: Format) -> str:
    if fmt in (Format.latex, Format.html) and hasattr(worked, "render"):
        return worked.render(fmt.value)
    return worked.to_text()


def _as_text(ex: "Exercise", fmt: Format, with_solution: bool) -> str:
    from calcml.exercises import get_skill

    skill = get_skill(ex.skill)
    question = {Format.text: ex.prompt.text, Format.latex: ex.prompt.latex,
                Format.html: ex.prompt.html}[fmt]
    lines = [f"{skill.title} (lesson {skill.lesson}, level {ex.level}, seed {ex.seed})",
             "", question, "", "Hints:"]
    lines += [f"  {i}. {hint}" for i, hint in enumerate(ex.hints, 1)]
    lines += ["", "Check an answer with:",
              f"  calcml check --task '{json.dumps(ex.task)}' --answer '...'"]
    if with_solution:
        lines += ["", f"Answer: {ex.answer_text}", "", "Worked solution:",
                  _solution_text(ex.solution(), fmt)]
    return "\n".join(lines)


@app.command("exercise")
def exercise_cmd(skill: Annotated[str, typer.Argument(
                     help="A skill id, e.g. limit-factoring (an unknown one lists them).")],
                 seed: Annotated[int, typer.Option(
                     "--seed", help="The same seed gives the same exercise.")] = 0,
                 level: Annotated[int, typer.Option(
                     "--level", "-L", help="Difficulty, 1 to 3.")] = 1,
                 fmt: Fmt = Format.text,
                 solution: Annotated[bool, typer.Option(
                     "--solution", help="Also print the answer and the worked solution.")
                 ] = False) -> None:
    """Print one generated exercise: the question, hints, and the task to check."""
    from calcml.frontend.exercises import exercise

    shown = exercise(skill, seed=seed, level=level, solution=solution)
    if fmt is Format.json:
        typer.echo(json.dumps(to_json(shown), indent=2, ensure_ascii=False))
    else:
        typer.echo(_as_text(shown.exercise, fmt, solution))


def _task(text: str) -> dict[str, Any]:
    text = sys.stdin.read(100_000) if text == "-" else text
    try:
        task = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"--task is not valid JSON ({err.msg} at column {err.colno}); "
                         'write it like {"kind": "derivative", "expr": "x^2"}') from None
    except RecursionError:
        raise InputError("--task is nested too deeply to read; a task is one flat JSON "
                         'object like {"kind": "derivative", "expr": "x^2"}') from None
    if not isinstance(task, dict):
        raise InputError('--task must be a JSON object, e.g. {"kind": "derivative", '
                         '"expr": "x^2"}')
    return task


@app.command("check")
def check_cmd(task: Annotated[str, typer.Option(
                  "--task", "-t", help="The task as JSON (as calcml exercise prints it); "
                  "'-' reads stdin.")],
              answer: Annotated[str, typer.Option("--answer", "-a", help="The answer text.")],
              seconds: Annotated[float, typer.Option(
                  help="Seconds allowed for the check.")] = 2.0) -> None:
    """Check one answer to a task; prints the verdict as JSON (exit 0 right or wrong)."""
    from calcml.exercises import check

    feedback = check(_task(task), answer, seconds=seconds)
    typer.echo(json.dumps(feedback.to_dict(), indent=2, ensure_ascii=False))
