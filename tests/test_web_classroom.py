"""Classroom mode over HTTP (FastAPI's TestClient on the real app and a real SQLite store):
sign-up with a join code, sign-in and sign-out, the signed session cookie, CSRF tokens on
every POST, who may read what (403/404), escaping, POST /api/check recording the answer
for the signed-in learner, the instructor's report, rate limits, and several server
processes sharing one secret (any process serves any request)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("argon2", reason="the web extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from calcml.exercises import generate  # noqa: E402
from calcml.store import open_store  # noqa: E402
from calcml.store.classes import add_instructor, create_class  # noqa: E402
from calcml.store.passwords import hash_password  # noqa: E402
from calcml.web.app import create_app  # noqa: E402
from calcml.web.ratelimit import Limits  # noqa: E402

PASSWORD = "correct horse battery"
HOLE = "A hole in the graph taken for a limit that does not exist"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    return f"sqlite:///{tmp_path_factory.mktemp('classroom')}/calcml.db"


@pytest.fixture(scope="module")
def classes(url):
    """Two instructors; grace teaches "Calculus 1" and "Other", alan teaches "Alan's"."""
    with open_store(url) as store:
        grace = add_instructor(store, "grace", hash_password(PASSWORD))
        alan = add_instructor(store, "alan", hash_password(PASSWORD))
        return {"grace": grace, "calculus": create_class(store, grace, "Calculus 1"),
                "other": create_class(store, grace, "Other"),
                "alan": create_class(store, alan, "Alan's class")}


@pytest.fixture(scope="module")
def app(url, classes):
    return create_app(database=url, classroom=True)


def client_for(app) -> TestClient:
    return TestClient(app, follow_redirects=False)


@pytest.fixture(scope="module")
def running(app):
    with client_for(app) as started:  # starts the worker pool once for the module
        yield started


def token(client: TestClient, path: str = "/signin") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def signup(client: TestClient, name: str, code: str, password: str = PASSWORD):
    return client.post("/signup", data={"name": name, "password": password, "code": code,
                                        "csrf_token": token(client, "/signup")})


def signin(client: TestClient, name: str, password: str = PASSWORD):
    return client.post("/signin", data={"name": name, "password": password,
                                        "csrf_token": token(client)})


def learner(app, name: str, code: str) -> TestClient:
    client = client_for(app)
    assert signup(client, name, code).status_code == 303
    return client


def api(client: TestClient, command: str, body: dict):
    csrf = token(client, "/practice")
    return client.post(f"/api/{command}", json=body, headers={"X-CSRF-Token": csrf})


def test_local_mode_has_no_sign_in_and_sets_no_cookie(tmp_path):
    with TestClient(create_app(database=f"sqlite:///{tmp_path}/c.db", learner="ada")) as c:
        page = c.get("/practice")
        assert page.status_code == 200 and "set-cookie" not in page.headers
        assert "csrf" not in page.text and "Sign in" not in page.text
        assert c.get("/signin").status_code == 404
        answer = c.post("/api/diff", json={"expr": "x^2"})
        assert answer.status_code == 200 and answer.json()["problem"], answer.text


def test_everything_but_sign_in_and_sign_up_needs_a_session(running):
    page = running.get("/practice/3")
    assert page.status_code == 303 and page.headers["location"] == "/signin?next=/practice/3"
    assert running.get("/").headers["location"] == "/signin"
    refused = running.post("/api/diff", json={"expr": "x^2"}, headers={"X-CSRF-Token": "x"})
    assert refused.status_code == 401 and "sign in first" in refused.json()["error"]
    posted = running.post("/practice/3", data={"answer": "1"})
    assert posted.status_code == 303 and posted.headers["location"] == "/signin"


def test_sign_up_with_a_join_code_signs_the_learner_in(running, classes):
    client = client_for(running.app)
    typed = classes["calculus"].join_code.lower().replace("-", " ")
    done = signup(client, "ada", typed)
    assert done.status_code == 303 and done.headers["location"] == "/practice"
    cookie = done.headers["set-cookie"]
    assert cookie.startswith("calcml_session=") and "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower() and "Max-Age=604800" in cookie
    page = client.get("/practice")
    assert "Signed in as </span><strong>ada</strong>" in page.text
    assert "Your class: <strong>Calculus 1</strong>" in page.text


@pytest.mark.parametrize(("name", "code", "password", "words"), [
    ("bo", "ZZZZ-ZZZZ", PASSWORD, "there is no class with the join code"),
    ("bo", None, "short", "at least 8 characters"),
    ("   ", None, PASSWORD, "a name has 1 to 64"),
])
def test_a_bad_sign_up_says_what_to_fix(running, classes, name, code, password, words):
    client = client_for(running.app)
    answer = signup(client, name, code or classes["calculus"].join_code, password)
    assert answer.status_code == 422 and words in answer.text
    assert "set-cookie" not in answer.headers or "uid" not in answer.headers["set-cookie"]


def test_a_taken_name_is_refused(running, classes):
    learner(running.app, "cy", classes["calculus"].join_code)
    again = signup(client_for(running.app), "cy", classes["calculus"].join_code)
    assert again.status_code == 422 and "the name &#39;cy&#39; is taken" in again.text


def test_sign_in_sign_out_and_a_changed_password_ends_old_sessions(running, url):
    client = client_for(running.app)
    wrong = signin(client, "grace", "not the password")
    assert wrong.status_code == 401 and "do not match an account" in wrong.text
    right = signin(client, "grace")
    assert right.status_code == 303 and right.headers["location"] == "/teach"
    assert client.get("/teach").status_code == 200
    other = client_for(running.app)
    signin(other, "grace")
    out = client.post("/signout", data={"csrf_token": token(client, "/teach")})
    assert out.status_code == 303 and client.get("/teach").status_code == 303
    with open_store(url) as store:
        add_instructor(store, "grace", hash_password("a new long password"))
    assert other.get("/teach").status_code == 303  # signed in with the old password
    assert signin(other, "grace", "a new long password").status_code == 303
    with open_store(url) as store:
        add_instructor(store, "grace", hash_password(PASSWORD))


def test_every_post_needs_the_sessions_csrf_token(running, classes):
    client = learner(running.app, "dee", classes["calculus"].join_code)
    form = {"skill": "limit-factoring", "seed": "1", "level": "1", "answer": "2"}
    assert client.post("/practice/limit-factoring", data=form).status_code == 403
    other = client_for(running.app)
    stolen = token(other)  # a valid token, but of another session
    refused = client.post("/practice/limit-factoring", data={**form, "csrf_token": stolen})
    assert refused.status_code == 403 and "security token" in refused.text
    answered = client.post("/practice/limit-factoring",
                           data={**form, "csrf_token": token(client, "/practice")})
    assert answered.status_code == 200 and "Saved." in answered.text, answered.text[-3000:]
    assert client.post("/api/diff", json={"expr": "x^2"}).status_code == 403
    assert api(client, "diff", {"expr": "x^2"}).status_code == 200
    assert client.post("/signup", data={"name": "x", "password": PASSWORD,
                                         "code": "x"}).status_code == 403


def test_api_check_records_the_answer_for_the_signed_in_learner(running, classes, url):
    client = learner(running.app, "eve", classes["calculus"].join_code)
    exercise = generate("limit-factoring", seed=7, level=1)
    body = {"skill": "limit-factoring", "seed": 7, "level": 1, "task": exercise.task}
    wrong = api(client, "check", {**body, "answer": "DNE"})
    assert wrong.status_code == 200, wrong.text
    verdict = wrong.json()
    assert (verdict["correct"], verdict["recorded"]) == (False, True)
    assert verdict["mistake"] == "removable-discontinuity-called-dne"
    right = api(client, "check", {**body, "answer": exercise.answer_text}).json()
    assert right["correct"] and right["after"] > right["before"]
    with open_store(url) as store:
        attempts = store.attempts("eve")
    assert [(a.answer, a.correct, a.id) for a in attempts] == [
        ("DNE", False, verdict["attempt"]), (exercise.answer_text, True, right["attempt"])]
    made_up = api(client, "check", {**body, "task": {**exercise.task, "expr": "x"},
                                    "answer": "1"})
    assert made_up.status_code == 422 and "not the task of exercise" in made_up.json()["error"]


def test_a_learner_sees_only_their_own_progress_and_no_instructor_page(running, classes):
    room = classes["calculus"]
    fay = learner(running.app, "fay", room.join_code)
    api(fay, "check", {"skill": "limit-factoring", "seed": 1, "answer": "DNE"})
    gus = learner(running.app, "gus", room.join_code)
    row = r"Limits by factoring and cancelling</th>.*?<td>(\d+) \((\d+)\)</td>"
    assert re.search(row, gus.get("/practice").text, re.S).groups() == ("0", "0")
    assert re.search(row, fay.get("/practice").text, re.S).groups() == ("1", "0")
    for path in ("/teach", f"/teach/classes/{room.id}",
                 f"/teach/classes/{room.id}/learners/{classes['grace'].id}"):
        page = gus.get(path)
        assert page.status_code == 403 and "only an instructor" in page.text


def test_an_instructor_sees_only_their_own_classes_and_learners(running, classes):
    grace = client_for(running.app)
    signin(grace, "grace")
    alan = client_for(running.app)
    signin(alan, "alan")
    ours, theirs = classes["calculus"], classes["alan"]
    assert alan.get(f"/teach/classes/{ours.id}").status_code == 404
    assert grace.get(f"/teach/classes/{theirs.id}").status_code == 404
    hal = learner(running.app, "hal", classes["other"].join_code)
    hal_id = int(re.search(r"/learners/(\d+)", grace.get(
        f"/teach/classes/{classes['other'].id}").text).group(1))
    assert hal.get("/practice").status_code == 200
    assert grace.get(f"/teach/classes/{ours.id}/learners/{hal_id}").status_code == 404
    assert grace.get(f"/teach/classes/{classes['other'].id}/learners/{hal_id}"
                     ).status_code == 200
    assert "Alan" not in grace.get("/teach").text


def test_the_dashboard_shows_mastery_and_frequent_mistakes_by_name(running, classes):
    room = classes["calculus"]
    ivy = learner(running.app, "ivy", room.join_code)
    for seed in (2, 3):
        api(ivy, "check", {"skill": "limit-factoring", "seed": seed, "answer": "DNE"})
    grace = client_for(running.app)
    signin(grace, "grace")
    dashboard = grace.get("/teach").text
    assert room.join_code in dashboard and "Calculus 1" in dashboard
    page = grace.get(f"/teach/classes/{room.id}").text
    row = re.search(r"<tr>\s*<th scope=\"row\"><a [^>]*>ivy</a></th>(.*?)</tr>", page, re.S)
    assert f"{HOLE} ×2" in row.group(1)
    assert "Limits by factoring and cancelling" in page
    assert re.search(rf"<strong>{HOLE}</strong>: \d+ times?,\s+\d+ learners?\.", page)
    ivy_id = re.search(r'/learners/(\d+)">ivy<', page).group(1)
    answers = grace.get(f"/teach/classes/{room.id}/learners/{ivy_id}").text
    assert answers.count("<code>DNE</code>") == 2 and HOLE in answers


def test_a_learners_text_comes_back_inert(running, classes):
    room = classes["calculus"]
    client = learner(running.app, SCRIPT, room.join_code)
    form = {"skill": "limit-factoring", "seed": "1", "level": "1", "answer": SCRIPT,
            "csrf_token": token(client, "/practice")}
    page = client.post("/practice/limit-factoring", data=form).text
    assert SCRIPT not in page and 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    assert "Signed in as </span><strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>" in page
    grace = client_for(running.app)
    signin(grace, "grace")
    made = grace.post("/teach/classes", data={"name": SCRIPT,
                                               "csrf_token": token(grace, "/teach")})
    for path in (f"/teach/classes/{room.id}", made.headers["location"], "/teach"):
        shown = grace.get(path).text
        assert SCRIPT not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


def test_sign_in_and_computations_are_rate_limited_with_retry_after(url, classes):
    tight = Limits(sign_in=(3, 300.0), address=(100, 300.0), compute=(2, 60.0))
    with client_for(create_app(database=url, classroom=True, limits=tight)) as client:
        for _ in range(3):  # a name no other test signs in with (the counts are stored)
            assert signin(client, "mallory", "wrong guess").status_code == 401
        blocked = signin(client, "mallory")
        assert blocked.status_code == 429 and "Too many requests" in blocked.text
        assert 0 < int(blocked.headers["retry-after"]) <= 300
        assert "wait" in blocked.text
        signup(client, "jo", classes["calculus"].join_code)
        assert [api(client, "diff", {"expr": "x^2"}).status_code for _ in range(2)] == [200,
                                                                                       200]
        third = api(client, "diff", {"expr": "x^2"})
        assert third.status_code == 429 and int(third.headers["retry-after"]) <= 60
        assert third.json()["error"].startswith("too many computations in a short time")
        slider = client.get("/lessons/3/delta/result?expr=x%5E2&at=2&dx=0.5")
        assert slider.status_code == 429 and "Too many requests" in slider.text
        assert "<html" not in slider.text  # a fragment, shown in the calculator's box


def test_any_server_process_serves_any_session(url, classes, running):
    """Two apps on one database (as two `--workers`): the second reads the first's
    cookie, because the key that signs it is made once and kept in the database."""
    client = learner(running.app, "kit", classes["calculus"].join_code)
    with TestClient(create_app(database=url, classroom=True), follow_redirects=False) as b:
        b.cookies.update(client.cookies)
        page = b.get("/practice")
        assert page.status_code == 200 and "Signed in as </span><strong>kit</strong>" in page.text


def test_the_secret_key_can_come_from_the_environment(url, classes, monkeypatch):
    monkeypatch.setenv("CALCML_SECRET_KEY", "k" * 40)
    with TestClient(create_app(database=url, classroom=True), follow_redirects=False) as a:
        signin(a, "grace")
        assert a.get("/teach").status_code == 200
    monkeypatch.delenv("CALCML_SECRET_KEY")
    with TestClient(create_app(database=url, classroom=True), follow_redirects=False) as b:
        b.cookies.update(a.cookies)
        assert b.get("/teach").status_code == 303  # signed with another key: not accepted


def test_calcml_instructor_add_asks_for_the_password_twice(tmp_path):
    from typer.testing import CliRunner

    from calcml.cli import app as cli

    database = f"sqlite:///{tmp_path}/c.db"
    runner = CliRunner()
    made = runner.invoke(cli, ["instructor", "add", "grace", "--database", database],
                         input=f"{PASSWORD}\n{PASSWORD}\n")
    assert made.exit_code == 0 and "instructor 'grace' can now sign in" in made.output
    again = runner.invoke(cli, ["instructor", "add", "grace", "--database", database],
                          input="a new long password\na new long password\n")
    assert "instructor 'grace' has a new password" in again.output
    listed = runner.invoke(cli, ["instructor", "list", "--database", database])
    assert listed.output.splitlines() == ["grace"]
    with TestClient(create_app(database=database, classroom=True),
                    follow_redirects=False) as client:
        assert signin(client, "grace", "a new long password").headers["location"] == "/teach"


def test_a_csv_upload_form_carries_its_token_and_computes(running, classes):
    client = learner(running.app, "lou", classes["calculus"].join_code)
    lesson = client.get("/lessons/8").text
    form = lesson[lesson.index('action="/lessons/8/roc#roc"'):]
    sent = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    data = {"label": "y", "score": "p", "threshold": "0.65", "csv": "a,b\n"}
    upload = {"upload": ("hotdog.csv", "y,p\n0,0.3\n1,0.6\n0,0.7\n1,0.9\n", "text/csv")}
    page = client.post("/lessons/8/roc", files=upload, data={**data, "csrf_token": sent})
    assert page.status_code == 200 and "AUC by the trapezoid rule" in page.text
    assert client.post("/lessons/8/roc", files=upload, data=data).status_code == 403
