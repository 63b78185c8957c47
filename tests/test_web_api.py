"""The JSON API against the CLI: every command's answer is what `calcml <command> ...
--format json` prints in the same run; bad input is a 422 with the message and column;
bodies over their limit are a 413; a runaway computation is killed at the hard limit
while other requests go on."""

from __future__ import annotations

import json
import threading
import time

import pytest
from typer.testing import CliRunner

from calcml.cli import app as cli

fastapi = pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("pebble", reason="the web extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from calcml.web.app import create_app  # noqa: E402

HOTDOG = "label,score\n0,0.3\n1,0.6\n0,0.7\n1,0.9\n"
COURSE = ("x,y\n0,1.86\n1,1.31\n2,0.62\n3,0.33\n4,0.09\n5,-0.67\n6,-1.23\n7,-1.37\n")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('web-api')}/calcml.db"
    with TestClient(create_app(workers=2, hard_limit=30, database=url)) as test_client:
        yield test_client


def cli_json(*args: str) -> object:
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# (CLI arguments, the same options as an API body)
CASES = [
    (["diff", "x^2 + 2x + 2"], {"expr": "x^2 + 2x + 2"}),
    (["diff", "sin(x) x^3", "--order", "2", "--var", "x"],
     {"expr": "sin(x) x^3", "order": 2, "var": "x"}),
    (["tangent", "x^2 + 2x + 2", "--at", "2"], {"expr": "x^2 + 2x + 2", "at": "2"}),
    (["slope", "x^2 + 2x + 2", "--at", "-1", "--deltas", "1,0.1,0.01"],
     {"expr": "x^2 + 2x + 2", "at": "-1", "deltas": "1,0.1,0.01"}),
    (["limit", "(x^2 - 1)/(x - 1)", "--at", "1"], {"expr": "(x^2 - 1)/(x - 1)", "at": "1"}),
    (["limit", "25/x", "--at", "0", "--dir", "-"], {"expr": "25/x", "at": "0", "dir": "-"}),
    (["continuity", "(x^2-1)/(x-1)", "--at", "1"], {"expr": "(x^2-1)/(x-1)", "at": "1"}),
    (["continuity", "1/(x^2 - 1)", "--on", "-5,5"], {"expr": "1/(x^2 - 1)", "on": "-5,5"}),
    (["partial", "x^2 - y^2", "--var", "y", "--at", "x=2,y=3"],
     {"expr": "x^2 - y^2", "var": "y", "at": "x=2,y=3"}),
    (["grad", "x^2 - y^2", "--at", "x=2,y=3", "--three-ways"],
     {"expr": "x^2 - y^2", "at": "x=2,y=3", "three-ways": True}),
    (["hessian", "x^2 y + y^3", "--vars", "y,x"], {"expr": "x^2 y + y^3", "vars": "y,x"}),
    (["chain", "x^2 - y^2", "--with", "x=cos(t), y=sin(t)", "--at", "t=1"],
     {"expr": "x^2 - y^2", "with": "x=cos(t), y=sin(t)", "at": "t=1"}),
    (["three-ways", "pi r^2 l", "--at", "r=3, l=5", "--vars", "r, l"],
     {"expr": "pi r^2 l", "at": "r=3, l=5", "vars": "r, l"}),
    (["integrate", "x/2", "--from", "1", "--to", "2", "--numeric", "simpson", "--n", "4"],
     {"expr": "x/2", "from": "1", "to": "2", "numeric": "simpson", "n": 4}),
    (["integrate", "x e^x"], {"expr": "x e^x"}),
    (["exercise", "limit-factoring", "--seed", "3", "--level", "2", "--solution"],
     {"skill": "limit-factoring", "seed": 3, "level": 2, "solution": True}),
    (["exercise", "derivative-chain-rule"], {"skill": "derivative-chain-rule"}),
]


@pytest.mark.parametrize(("args", "body"), CASES, ids=[" ".join(a[:2]) for a, _ in CASES])
def test_each_command_answers_what_the_cli_prints(client, args, body):
    response = client.post(f"/api/{args[0]}", json=body)
    assert response.status_code == 200, response.text
    assert response.json() == cli_json(*args)


def test_check_gives_the_cli_verdict_and_its_diagnosis(client):
    task = {"kind": "derivative", "expr": "-7*x^4", "var": "x"}
    for answer in ("-28x^3", "-28x^4", "-28x^"):
        expected = json.loads(CliRunner().invoke(cli, ["check", "--task", json.dumps(task),
                                                       "--answer", answer]).stdout)
        response = client.post("/api/check", json={"task": task, "answer": answer})
        assert response.status_code == 200 and response.json() == expected
    assert expected["parsed"] is None
    assert client.post("/api/check", json={"task": task, "answer": "-28x^4"}).json()[
        "mistake"] == "power-rule-exponent-not-reduced"


def test_the_course_numbers_come_through_the_api(client):
    assert client.post("/api/tangent", json={"expr": "x^2 + 2x + 2", "at": "2"}).json()[
        "slope"] == "6"
    limit = client.post("/api/limit", json={"expr": "(x^2-1)/(x-1)", "at": "1"}).json()
    assert limit["result"] == "2"
    assert client.post("/api/integrate", json={"expr": "2x", "from": "3", "to": "4"}).json()[
        "result"] == "7"


def test_roc_and_fit_from_inline_csv_and_from_an_upload(client, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hotdog.csv").write_text(HOTDOG)
    (tmp_path / "course.csv").write_text(COURSE)
    roc_cli = cli_json("roc", "hotdog.csv", "--label", "label", "--score", "score",
                       "--threshold", "0.65")
    inline = client.post("/api/roc", json={"path": "hotdog.csv", "csv": HOTDOG,
                                           "label": "label", "score": "score",
                                           "threshold": 0.65})
    upload = client.post("/api/roc", files={"path": ("hotdog.csv", HOTDOG, "text/csv")},
                         data={"label": "label", "score": "score", "threshold": "0.65"})
    assert inline.json() == upload.json() == roc_cli
    assert roc_cli["auc"]["trapezoid"] == 0.75
    fit_cli = cli_json("fit", "course.csv", "--x", "x", "--y", "y", "--start", "0.9,0.1")
    fit_web = client.post("/api/fit", files={"data": ("course.csv", COURSE, "text/csv")},
                          data={"x": "x", "y": "y", "start": "0.9,0.1"})
    assert fit_web.json() == fit_cli
    assert round(fit_cli["parameters"]["m"], 3) == -0.468
    assert round(fit_cli["parameters"]["b"], 3) == 1.754


def test_a_parse_error_is_a_422_with_the_cli_message_and_the_column(client):
    response = client.post("/api/diff", json={"expr": "x^2 + * 3"})
    assert response.status_code == 422
    body = response.json()
    assert body["column"] == 7
    assert body["error"].splitlines()[1:3] == ["  x^2 + * 3", "        ^"]


@pytest.mark.parametrize(("command", "body", "words"), [
    ("diff", {"expr": "x^2", "order": "two"}, 'option "order"'),
    ("diff", {"expr": "x^2", "colour": "red"}, 'option "colour": unknown option'),
    ("diff", {}, 'option "expr"'),
    ("limit", {"expr": "1/x", "at": "0", "dir": "up"}, 'option "dir"'),
    ("integrate", {"expr": "x", "from": "0"}, "needs both bounds"),
    ("grad", {"expr": "x^2", "three-ways": True}, "add --at"),
    ("roc", {"csv": HOTDOG, "label": "label", "score": "label"}, "different columns"),
    ("roc", {"csv": "label,score\n0,a\n1,0.5\n", "label": "label", "score": "score"},
     "'a'"),
    ("diff", {"expr": "x^2", "timeout": 1000}, 'option "timeout"'),
    ("exercise", {"skill": "limits"}, "limit-factoring"),
    ("exercise", {"skill": "limit-factoring", "level": 4}, 'option "level"'),
])
def test_bad_options_are_a_422_that_says_what_is_wrong(client, command, body, words):
    response = client.post(f"/api/{command}", json=body)
    assert response.status_code == 422
    assert words in response.json()["error"]


def test_a_body_that_is_not_json_is_a_422(client):
    response = client.post("/api/diff", content=b"expr=x^2",
                           headers={"content-type": "application/json"})
    assert response.status_code == 422 and "not valid JSON" in response.json()["error"]
    deep = client.post("/api/diff", content=b"[" * 10_000 + b"]" * 10_000,
                       headers={"content-type": "application/json"})
    assert deep.status_code == 422 and "nested too deeply" in deep.json()["error"]


def test_bodies_over_their_limits_are_a_413_with_the_limit(client):
    big = client.post("/api/diff", json={"expr": "x" + " + x" * 40_000})
    assert big.status_code == 413
    assert "at most 100,000 bytes" in big.json()["error"]
    upload = client.post("/api/roc", files={"path": ("big.csv", "0,0.5\n" * 1_000_000)},
                         data={"label": "label", "score": "score"})
    assert upload.status_code == 413
    assert "at most 5,000,000 bytes for an uploaded CSV file" in upload.json()["error"]


def test_the_engines_time_limit_is_a_408_or_422_naming_the_limit(client):
    # The integral engine turns its own timeout into "no antiderivative found in time"
    # (an input error); either way the answer names the limit, as the CLI does.
    response = client.post("/api/integrate", json={"expr": "x^3*exp(sin(x))*log(x)^4",
                                                   "timeout": 0.5})
    assert response.status_code in (408, 422)
    assert "time limit of 0.5 s" in response.json()["error"]


def test_the_live_preview_gives_mathml_or_the_caret(client):
    good = client.post("/api/preview", json={"expr": "x^2/2"})
    assert good.status_code == 200 and good.json()["text"] == "x²/2"
    assert good.json()["mathml"].startswith("<math")
    bad = client.post("/api/preview", json={"expr": "sin(x"})
    assert bad.status_code == 422 and bad.json()["column"] is not None
    assert "^" in bad.json()["error"]


def test_the_answer_preview_reads_as_the_checker_does(client):
    task = {"kind": "limit", "expr": "(x^2 - 1)/(x - 1)", "var": "x", "point": "1"}
    assert client.post("/api/preview", json={"expr": "DNE", "task": task}).json()[
        "text"] == "DNE"
    assert client.post("/api/preview", json={"expr": "DNE"}).json()["text"] == "DEN"  # D·E·N
    bad = client.post("/api/preview", json={"expr": "2", "task": "limit"})
    assert bad.status_code == 422 and 'option "task"' in bad.json()["error"]


def test_script_in_input_comes_back_inert(client):
    attack = "<script>alert(1)</script>"
    response = client.post("/api/diff", json={"expr": attack})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"
    page = client.get("/lessons/3", params={"calc": "diff", "expr": attack})
    assert page.status_code == 422
    assert attack not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_the_openapi_schema_is_served_and_the_cdn_pages_are_not(client):
    schema = client.get("/openapi.json").json()
    assert "/api/diff" in schema["paths"] and "/api/roc" in schema["paths"]
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_a_runaway_is_killed_at_the_hard_limit_while_another_request_succeeds():
    with TestClient(create_app(workers=2, hard_limit=2.0)) as fresh:
        fresh.post("/api/diff", json={"expr": "x"})  # the workers are up
        answers = {}

        def runaway():
            started = time.monotonic()
            answers["runaway"] = fresh.post("/api/integrate", json={
                "expr": "x^3*exp(sin(x))*log(x)^4", "timeout": 10})
            answers["seconds"] = time.monotonic() - started

        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(0.3)
        quick = fresh.post("/api/diff", json={"expr": "x^3"})
        thread.join(timeout=30)
        assert quick.status_code == 200 and quick.json()["result"] == "3x²"
        assert answers["runaway"].status_code == 408
        assert "hard time limit of 2 s" in answers["runaway"].json()["error"]
        assert answers["seconds"] < 6
        after = fresh.post("/api/diff", json={"expr": "x^4"})
        assert after.status_code == 200 and after.json()["result"] == "4x³"
