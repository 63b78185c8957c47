"""Practice in the web app: an exercise, a wrong answer diagnosed, a right one, each saved
in the progress store (read back directly), an unreadable answer not counted, a form from
another site refused, and the mastery page showing what was saved."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("pebble", reason="the web extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from calcml.exercises import generate  # noqa: E402
from calcml.store import open_store  # noqa: E402
from calcml.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    return f"sqlite:///{tmp_path_factory.mktemp('web-practice')}/calcml.db"


@pytest.fixture(scope="module")
def client(url):
    with TestClient(create_app(database=url, learner="ada")) as test_client:
        yield test_client


def shown_exercise(page: str) -> dict[str, str]:
    return {k: re.search(f'name="{k}" value="([^"]*)"', page).group(1)
            for k in ("skill", "seed", "level")}


def test_an_exercise_page_asks_the_question_with_hints(client):
    page = client.get("/practice/limit-factoring")
    assert page.status_code == 200
    form = shown_exercise(page.text)
    exercise = generate(form["skill"], seed=int(form["seed"]), level=int(form["level"]))
    assert form["skill"] == "limit-factoring" and "<math" in page.text
    assert exercise.hints[0] in page.text.replace("&#39;", "'")


def test_wrong_then_right_is_diagnosed_saved_and_shown(client, url):
    form = shown_exercise(client.get("/practice/limit-factoring").text)
    exercise = generate(form["skill"], seed=int(form["seed"]), level=int(form["level"]))
    wrong = client.post("/practice/limit-factoring", data={**form, "answer": "DNE"})
    assert wrong.status_code == 200 and "Not yet." in wrong.text
    assert "Diagnosis:" in wrong.text
    assert 'value="DNE"' in wrong.text  # the answer stays in the box
    right = client.post("/practice/limit-factoring",
                        data={**form, "answer": exercise.answer_text})
    assert "Right." in right.text and "Saved." in right.text
    with open_store(url) as store:
        attempts = store.attempts("ada", "limit-factoring")
    assert [(a.answer, a.correct) for a in attempts][-2:] == [("DNE", False),
                                                              (exercise.answer_text, True)]
    assert attempts[-2].mistake == "removable-discontinuity-called-dne"
    mastery = client.get("/practice").text
    row = mastery[mastery.index("Limits by factoring"):]
    assert re.search(r"<td>(\d+) \((\d+)\)</td>", row).groups() == ("2", "1")


def test_an_unreadable_answer_shows_the_caret_and_is_not_counted(client, url):
    form = shown_exercise(client.get("/practice/derivative-power-rule").text)
    page = client.post("/practice/derivative-power-rule", data={**form, "answer": "3x^ +"})
    assert "cannot be read" in page.text and "^" in page.text
    with open_store(url) as store:
        assert store.attempts("ada", "derivative-power-rule") == []


def test_a_form_from_another_site_is_refused(client):
    form = shown_exercise(client.get("/practice/limit-factoring").text)
    response = client.post("/practice/limit-factoring", data={**form, "answer": "1"},
                           headers={"origin": "http://elsewhere.example"})
    assert response.status_code == 403


def test_script_in_an_answer_comes_back_inert(client):
    form = shown_exercise(client.get("/practice/limit-factoring").text)
    page = client.post("/practice/limit-factoring",
                       data={**form, "answer": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text


def test_home_shows_each_lessons_mastery(client):
    home = client.get("/").text
    assert re.search(r"0 of \d+ skills mastered · <a href=\"/practice/2\">", home)


def test_an_unknown_skill_lists_the_skills(client):
    page = client.get("/practice/nothing")
    assert page.status_code == 422 and "limit-factoring" in page.text
