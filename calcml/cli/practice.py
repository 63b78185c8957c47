"""calcml practice [SKILL|LESSON] and calcml progress: practice in the terminal, with
answers checked and progress kept (see calcml.exercises.practice and calcml.store)."""

from __future__ import annotations

import getpass
import json
import random
import textwrap
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.console import Console
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from calcml.cli.app import Fmt, Format, _table_format, app
from calcml.errors import CalcmlError

if TYPE_CHECKING:  # the store, SQLAlchemy and fsrs load when a command runs, not for --help
    from calcml.exercises import Exercise, Skill
    from calcml.exercises.mastery import Choice, SkillProgress
    from calcml.exercises.practice import Outcome, Practice
    from calcml.store import Store

ScopeArg = Annotated[str | None, typer.Argument(
    metavar="SKILL|LESSON", help="A skill id (e.g. integral-by-parts) or a lesson number "
    "(1-8); all skills when left out.")]
LearnerOpt = Annotated[str | None, typer.Option(
    "--learner", "-l", help="Whose progress (default: your login name).")]
DatabaseOpt = Annotated[str | None, typer.Option(
    "--database", help="Database URL (default: CALCML_DATABASE_URL, else a SQLite file "
    "in your data directory), e.g. postgresql://user@host/calcml.")]
HELP = "Type your answer and press Enter.  ? a hint   s the worked solution   q quit"
REASONS = {"review": "review: due again", "learn": "practise", "ahead": "review ahead"}


def default_learner() -> str:
    """The login name, or ``learner`` when there is none.

    >>> bool(default_learner())
    True
    """
    try:
        return getpass.getuser() or "learner"
    except (KeyError, OSError):
        return "learner"


def percent(p: float) -> str:
    """A mastery probability as a bar and a percentage.

    >>> percent(0.6)
    '██████░░░░  60%'
    """
    filled = round(p * 10)
    return f"{'█' * filled}{'░' * (10 - filled)} {round(p * 100):3d}%"


def _date(when: datetime) -> str:
    return f"{when.day} {when:%b %Y}"


@app.command("practice")
def practice_cmd(scope: ScopeArg = None,
                 learner: LearnerOpt = None, database: DatabaseOpt = None,
                 seed: Annotated[int | None, typer.Option(
                     help="Draw the exercises from this seed: the same seed and answers "
                     "give the same exercises (a class can share them).")] = None) -> None:
    """Practise: exercises chosen by your mastery, answers checked, progress saved."""
    from calcml.exercises.practice import Practice, scope_skills
    from calcml.store import open_store

    scope_skills(scope)
    console = Console(highlight=False)
    with open_store(database) as store:
        session = Practice(store, learner or default_learner(), rng=random.Random(seed))
        console.print(f"Practising as [bold]{session.learner.name}[/]; every answer is "
                      f"saved in {store.url}.")
        console.print(HELP, style="dim")
        answered = right = 0
        try:
            while True:
                outcome = _exercise(console, session, session.next_exercise(scope))
                if outcome is not None:
                    answered, right = answered + 1, right + outcome.feedback.correct
        except (EOFError, KeyboardInterrupt, _Quit):
            console.print()
        _goodbye(console, session.learner.name, answered, right)


class _Quit(Exception):
    """The learner typed q."""


def _exercise(console: Console, session: Practice, exercise: Exercise) -> Outcome | None:
    """Show one exercise and read answers until one is recorded (or the solution is
    asked for: then nothing is recorded and ``None`` comes back)."""
    _show(console, session.choice, exercise, session)
    hints = iter(enumerate(exercise.hints, 1))
    while True:
        text = console.input("[bold]answer>[/] ").strip()
        if text.lower() in ("q", "quit", "exit"):
            raise _Quit
        if text == "?":
            number, hint = next(hints, (0, ""))
            console.print(Text(f"Hint {number} of {len(exercise.hints)}: {hint}" if number
                               else "No more hints: type s to see the worked solution.",
                               style="cyan"))
        elif text.lower() == "s":
            _solution(console, exercise)
            console.print("This exercise is not counted: here is a new one.", style="dim")
            return None
        elif not text:
            console.print(HELP, style="dim")
        else:
            try:
                outcome = session.answer(exercise, text)
            except CalcmlError as err:
                _say(console, f"That answer could not be checked: {err}", "yellow")
                continue
            if outcome.recorded:
                _verdict(console, exercise, outcome)
                return outcome
            _say(console, outcome.feedback.message, "yellow")
            console.print("That answer was not judged, so it does not count; "
                          "try again.", style="dim")


def _show(console: Console, choice: Choice | None, exercise: Exercise,
          session: Practice) -> None:
    skill = choice.skill if choice else None
    states = session.states()
    p = states[exercise.skill].p_mastery if exercise.skill in states else session.bkt.p_init
    reason = REASONS.get(choice.reason, "") if choice else ""
    title = (f"Lesson {skill.lesson} · {skill.title}" if skill else exercise.skill)
    console.print(Rule(style="dim"))
    console.print(Panel(Text(exercise.prompt.text), title=title, title_align="left",
                        subtitle=f"{reason} · level {exercise.level} · mastery "
                        f"{round(p * 100)}%", subtitle_align="right", expand=False))


def _verdict(console: Console, exercise: Exercise, outcome: Outcome) -> None:
    feedback = outcome.feedback
    if feedback.correct:
        _say(console, f"✓ {feedback.message}", "bold green")
    else:
        _say(console, f"✗ {feedback.message}", "bold red")
        if feedback.mistake:
            from calcml.exercises import catalogue

            titles = {m.id: m.title for m in catalogue()}
            _say(console, f"  The mistake: {titles.get(feedback.mistake, '')} "
                 f"({feedback.mistake}).", "red")
        if feedback.step:
            _say(console, f"  Where it goes wrong: {feedback.step}", "red")
        _say(console, f"  The right answer: {exercise.answer_text}")
        _solution(console, exercise)
    console.print(_mastery_line(outcome))


def _say(console: Console, text: str, style: str = "") -> None:
    """Print ``text`` wrapped to the terminal, continuing under its own indent."""
    console.print(Text(_wrap(text, console.width), style=style, no_wrap=True))


def _mastery_line(outcome: Outcome) -> Text:
    line = Text(f"Mastery of {outcome.skill.title[0].lower()}{outcome.skill.title[1:]}: "
                f"{round(outcome.before * 100)}% → {round(outcome.after * 100)}%  "
                f"{percent(outcome.after)[:10]}")
    if outcome.newly_mastered and outcome.due:
        line.append(f"  Mastered! First review on {_date(outcome.due)}.", style="bold green")
    elif outcome.mastered and outcome.due:
        line.append(f"  Mastered; next review on {_date(outcome.due)}.", style="green")
    return line


def _solution(console: Console, exercise: Exercise) -> None:
    try:
        solution = exercise.solution()
    except CalcmlError as err:
        console.print(Text(f"The worked solution could not be built: {err}", style="yellow"))
        return
    text = solution.to_text() if hasattr(solution, "to_text") else str(solution)
    console.print(Panel(Text(_wrap(text, min(console.width, 100) - 4), no_wrap=True),
                        title="Worked solution", title_align="left", border_style="blue"))


def _wrap(text: str, width: int) -> str:
    """Wrap each line to ``width``, continuing under its own indent (steps stay nested)."""
    lines = []
    for line in text.splitlines():
        indent = " " * (len(line) - len(line.lstrip()))
        lines.append(textwrap.fill(line, width=width, subsequent_indent=indent,
                                   break_on_hyphens=False) if line.strip() else "")
    return "\n".join(lines)


def _goodbye(console: Console, name: str, answered: int, right: int) -> None:
    console.print(f"Saved: {answered} answer{'s' * (answered != 1)} this session, "
                  f"{right} right.\nSee your progress with: calcml progress --learner {name}")


@app.command("progress")
def progress_cmd(scope: ScopeArg = None,
                 learner: LearnerOpt = None, database: DatabaseOpt = None,
                 fmt: Fmt = Format.text) -> None:
    """Mastery per skill, with the answers given and when each review is due."""
    from calcml.exercises.practice import scope_skills
    from calcml.store import open_store
    from calcml.store.models import utcnow

    _table_format(fmt)
    chosen = scope_skills(scope)
    name = learner or default_learner()
    with open_store(database) as store:
        rows, found = _rows(store, name, chosen)
    now = utcnow()
    if fmt is Format.json:
        typer.echo(json.dumps({"learner": name, "database": store.url,
                               "skills": [r.to_dict(now) for r in rows]}, indent=2))
        return
    console = Console(highlight=False)
    console.print(_table(rows, now, f"Progress of {name}"))
    if not found:
        console.print(f"No answers from {name} yet: start with  calcml practice "
                      f"--learner {name}")


def _rows(store: Store, name: str, chosen: list[Skill]) -> tuple[list[SkillProgress], bool]:
    from calcml.exercises.mastery import progress

    learner = store.find_learner(name)
    states = {} if learner is None else {s.skill: s for s in store.mastery(learner)}
    return progress(chosen, states), learner is not None


def _table(rows: list[SkillProgress], now: datetime, title: str) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for column, justify in (("Lesson", "right"), ("Skill", "left"), ("Mastery", "left"),
                            ("Right", "right"), ("Status", "left")):
        table.add_column(column, justify=justify, no_wrap=column != "Status")
    for row in rows:
        status = row.status(now)
        if status == "mastered" and row.due is not None:
            status = f"mastered, review {_date(row.due)}"
        table.add_row(str(row.skill.lesson), row.skill.id,
                      percent(row.p_mastery) if row.attempts else "           –",
                      f"{row.correct}/{row.attempts}", status)
    return table
