"""calcml practice and calcml progress as a learner uses them: typed answers, hints, the
worked solution, quitting (q or end of input), progress tables, and clear errors."""

from __future__ import annotations

import json
import random
import sys

import pytest
from typer.testing import CliRunner

from calcml.cli import app, main
from calcml.exercises.practice import Practice
from calcml.store import open_store

SKILL = "integral-basic-rules"


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path}/progress.db"


def practise(db: str, typed: str, *args: str):
    return CliRunner().invoke(app, ["practice", *args, "--learner", "ada", "--database", db,
                                    "--seed", "5"], input=typed, env={"COLUMNS": "200"})


def shadow(tmp_path, answers: list[str | None], scope: str = SKILL) -> list:
    """The exercises a --seed 5 session shows for these answers (None: asks for the
    solution), from the same session run on a second database."""
    exercises = []
    with open_store(f"sqlite:///{tmp_path}/shadow.db") as store:
        session = Practice(store, "ada", rng=random.Random(5))
        for answer in answers:
            exercises.append(session.next_exercise(scope))
            if answer is not None:
                session.answer(exercises[-1], answer or exercises[-1].answer_text)
    return exercises


def test_a_session_right_then_wrong_then_q_is_shown_and_saved(db, tmp_path) -> None:
    first, second = shadow(tmp_path, ["", "0 + C"])
    result = practise(db, f"?\n{first.answer_text}\n0 + C\nq\n", SKILL)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Practising as ada; every answer is saved in sqlite:///" in out
    assert first.prompt.text in out and second.prompt.text in out
    assert f"Hint 1 of {len(first.hints)}: {first.hints[0]}" in out.replace("\n", " ")
    assert "✓ Correct" in out
    assert "Mastery of antiderivatives by the basic rules: 20% → 60%" in out
    assert "✗ " in out and f"The right answer: {second.answer_text}" in out
    assert "Worked solution" in out
    assert "Mastery of antiderivatives by the basic rules: 60% →" in out
    assert out.rstrip().endswith("Saved: 2 answers this session, 1 right.\nSee your "
                                 "progress with: calcml progress --learner ada")
    with open_store(db) as store:
        attempts = store.attempts("ada")
    assert [(a.answer, a.correct, a.seed) for a in attempts] == [
        (first.answer_text, True, first.seed), ("0 + C", False, second.seed)]


def test_the_end_of_input_quits_cleanly_and_keeps_what_was_answered(db, tmp_path) -> None:
    [first, _] = shadow(tmp_path, ["", None])
    result = practise(db, f"{first.answer_text}\n", SKILL)
    assert result.exit_code == 0 and result.exception is None
    assert "Saved: 1 answer this session, 1 right." in result.output
    with open_store(db) as store:
        assert len(store.attempts("ada")) == 1


def test_an_unreadable_answer_points_at_the_spot_and_is_not_counted(db) -> None:
    result = practise(db, "x^^2\ns\nq\n", SKILL)
    out = result.output
    assert "  x^^2\n    ^" in out and "was not judged, so it does not count" in out
    assert "Worked solution" in out and "This exercise is not counted" in out
    assert "Saved: 0 answers this session, 0 right." in out
    with open_store(db) as store:
        assert store.attempts("ada") == []


def test_progress_as_a_table_and_as_json(db, tmp_path) -> None:
    [first, _] = shadow(tmp_path, ["", None])
    practise(db, f"{first.answer_text}\nq\n", SKILL)
    table = CliRunner().invoke(app, ["progress", "8", "--learner", "ada", "--database", db])
    assert table.exit_code == 0
    line = next(x for x in table.output.splitlines() if SKILL in x)
    assert line.split() == ["8", SKILL, "██████░░░░", "60%", "1/1", "learning"]
    data = json.loads(CliRunner().invoke(app, ["progress", "--learner", "ada", "--database",
                                               db, "--format", "json"]).output)
    row = next(r for r in data["skills"] if r["skill"] == SKILL)
    assert (row["p_mastery"], row["attempts"], row["correct"], row["status"]) == (
        0.6, 1, 1, "learning")
    assert {r["skill"] for r in data["skills"]} >= {SKILL, "integral-by-parts"}


def test_progress_of_someone_new_says_how_to_start(db) -> None:
    result = CliRunner().invoke(app, ["progress", "8", "--learner", "grace", "--database", db])
    assert "No answers from grace yet: start with  calcml practice --learner grace" in (
        result.output)
    with open_store(db) as store:
        assert store.find_learner("grace") is None


def calcml(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """The command as a user runs it (errors handled by main), in this process."""
    monkeypatch.setattr(sys, "argv", ["calcml", *args])
    with pytest.raises(SystemExit) as done:
        main()
    out = capsys.readouterr()
    return done.value.code or 0, out.out, out.err


@pytest.mark.parametrize("args, words", [
    (("practice", "integration"), "unknown skill 'integration'; the skills are: "),
    (("practice", "12"), "lesson 12 has no exercises; the lessons with exercises are 1,"),
    (("practice", "--database", "postgresql://ada:pw@127.0.0.1:1/calcml"),
     "cannot reach the database at postgresql+psycopg://ada:***@127.0.0.1:1/calcml: "),
    (("progress", "--database", "mysql://db/calcml"),
     "calcml stores progress in SQLite or PostgreSQL"),
])
def test_bad_input_is_one_clear_error_and_exit_2(monkeypatch, capsys, args,
                                                words: str) -> None:
    code, out, err = calcml(monkeypatch, capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and words in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_three_right_answers_master_the_skill_and_schedule_its_review(db, tmp_path) -> None:
    exercises = shadow(tmp_path, ["", "", ""])
    typed = "".join(f"{e.answer_text}\n" for e in exercises)
    result = practise(db, typed, SKILL)
    assert [e.level for e in exercises] == [1, 2, 3]
    assert "89% → 98%  ██████████  Mastered! First review on " in result.output
    table = CliRunner().invoke(app, ["progress", SKILL, "--learner", "ada", "--database", db],
                               env={"COLUMNS": "120"})
    assert "3/3   mastered, review " in table.output
