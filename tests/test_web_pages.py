"""The web app's pages: every lesson renders its calculators with MathML and SVG from the
package alone; a submitted form shows its result with the input kept, bad input shows the
CLI's message in the page, and a learner's text is never markup."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("pebble", reason="the web extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from calcml.web.app import create_app  # noqa: E402
from calcml.web.lessons import LESSONS  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('web-pages')}/calcml.db"
    with TestClient(create_app(workers=2, hard_limit=60, database=url)) as test_client:
        yield test_client


def test_home_lists_the_eight_lessons_with_their_topics(client):
    page = client.get("/")
    assert page.status_code == 200
    for number, lesson in LESSONS.items():
        assert f'href="/lessons/{number}"' in page.text and lesson.title in page.text
    assert "The method of exhaustion: areas by ever finer shapes" in page.text


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_each_lesson_page_shows_its_calculators_offline(client, number):
    page = client.get(f"/lessons/{number}")
    assert page.status_code == 200
    for calculator in LESSONS[number].calculators:
        assert f'id="{calculator.name}"' in page.text
    assert page.text.count("<svg") >= len(LESSONS[number].calculators) - 1
    assert 'class="error"' not in page.text
    # Everything a page loads comes from the app itself: no CDN, no web fonts.
    loads = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', page.text)
    assert loads and all(url.startswith("/static/") for url in loads)


def test_the_lesson_pages_carry_the_course_numbers(client):
    assert "P = (2, 10), Q = (5, 37): the slope of PQ is 9" in client.get("/lessons/3").text
    assert "y = 0.9 × 7 + 0.1 = 6.4" in client.get("/lessons/5").text
    descent = client.get("/lessons/7").text
    assert "m = -0.4681, b = 1.754, cost C = 0.01948" in descent
    assert "<td>0.75</td>" in client.get("/lessons/8").text


def test_a_submitted_form_shows_the_steps_and_keeps_the_input(client):
    page = client.get("/lessons/4", params={"calc": "diff", "expr": "x^3 sin(x)"})
    assert page.status_code == 200
    assert "Product rule" in page.text
    assert 'value="x^3 sin(x)"' in page.text


def test_bad_input_shows_the_cli_message_in_the_page_and_keeps_the_input(client):
    page = client.get("/lessons/2", params={"calc": "limit", "expr": "(x^2 - 1/(x - 1)",
                                            "at": "1", "dir": "+-"})
    assert page.status_code == 422
    assert 'role="alert"' in page.text and "^" in page.text
    assert 'value="(x^2 - 1/(x - 1)"' in page.text


@pytest.mark.parametrize(("path", "params", "words"), [
    ("/lessons/3/diff/result", {"expr": "x^2", "order": "100000"}, "from 1 to 50"),
    ("/lessons/5/autodiff/result", {"m": "nan"}, "m must be a finite number"),
    ("/lessons/7/descent/result", {"epochs": "10000000"}, "epochs from 1 to 5000"),
    ("/lessons/8/numeric/result", {"n": "100000"}, "from 1 to 256"),
])
def test_a_calculators_bounds_are_clear_errors(client, path, params, words):
    fragment = client.get(path, params=params)
    assert fragment.status_code == 422 and words in fragment.text


def test_the_slider_fragment_moves_q_toward_p(client):
    far = client.get("/lessons/3/delta/result", params={"expr": "x^2 + 2x + 2", "at": "2",
                                                         "dx": "1"})
    near = client.get("/lessons/3/delta/result", params={"expr": "x^2 + 2x + 2", "at": "2",
                                                          "dx": "0.1"})
    assert "the slope of PQ is 7" in far.text
    assert "the slope of PQ is 6.1" in near.text


def test_an_uploaded_csv_gives_the_roc_page_and_stays_in_the_box(client):
    data = "y,p\n0,0.3\n1,0.6\n0,0.7\n1,0.9\n"
    page = client.post("/lessons/8/roc", files={"upload": ("hotdog.csv", data, "text/csv")},
                       data={"label": "y", "score": "p", "threshold": "0.65", "csv": "a,b\n"})
    assert page.status_code == 200
    assert "AUC by the trapezoid rule" in page.text
    assert "y,p\n0,0.3" in page.text


def test_a_learners_text_in_a_figure_is_not_markup(client):
    hostile = "--><script>alert(1)</script>"
    data = f"{hostile},score\n0,0.3\n1,0.6\n0,0.7\n1,0.9\n"
    page = client.post("/lessons/8/roc/result", data={"csv": data, "label": hostile,
                                                      "score": "score", "threshold": "0.5"})
    assert page.status_code == 200
    assert "<script>" not in page.text


def test_unknown_lessons_and_calculators_are_404(client):
    assert client.get("/lessons/9").status_code == 404
    assert client.get("/lessons/3/nothing/result").status_code == 404


def test_static_assets_are_served_from_the_package(client):
    css = client.get("/static/style.css")
    js = client.get("/static/app.js")
    assert css.status_code == js.status_code == 200
    assert "http" not in css.text and "@import" not in css.text
    assert "/api/preview" in js.text


@pytest.mark.parametrize(("args", "words"), [
    (["--port", "70000"], "--port takes a port number from 1 to 65535"),
    (["--workers", "0"], "--workers takes 1 to 64"),
    (["--host", "nohost.invalid"], "is not an address of this computer"),
])
def test_calcml_serve_refuses_bad_options_clearly(args, words):
    from typer.testing import CliRunner

    from calcml.cli import app

    result = CliRunner().invoke(app, ["serve", *args])
    assert result.exit_code != 0 and words in str(result.exception)


def test_calcml_serve_refuses_a_port_in_use():
    import socket

    from typer.testing import CliRunner

    from calcml.cli import app

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code != 0
    assert f"cannot listen on 127.0.0.1 port {port}" in str(result.exception)
