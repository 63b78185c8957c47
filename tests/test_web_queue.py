"""The web app when it is busy or attacked (issue 12 §5): each lane of the worker pool has
a bounded queue, and a request that finds it full is answered 503 with Retry-After at once
(in the page, the input kept); a queued job whose client has left is dropped; hostile
requests are refused with a 4xx before they take a worker, even when every worker is busy;
the practice page shows each attempt's ID, which is the ID in the store; and the rate
limits of classroom mode are shared by every app process on one database.

Real services throughout: the app's own worker pool, SQLite files and the PostgreSQL
server of ``tests/postgres.py``; a worker is kept busy by a real computation (an integral
that runs until the pool's hard limit) or by a real lock on the SQLite file.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("pebble", reason="the web extra is not installed")
httpx = pytest.importorskip("httpx", reason="httpx is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from benchmarks.load_traffic import upload_chunks  # noqa: E402
from calcml.expr.parser import parse  # noqa: E402
from calcml.store import open_store  # noqa: E402
from calcml.store.classes import add_instructor, create_class  # noqa: E402
from calcml.store.ratelimits import hit  # noqa: E402
from calcml.web.app import create_app, pool_settings  # noqa: E402
from calcml.web.ratelimit import Limits  # noqa: E402

SLOW = {"expr": "x^3*exp(sin(x))*log(x)^4", "timeout": 10}  # runs until the hard limit
HARD_LIMIT = 4.0


def wait_until(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition did not hold in time"
        time.sleep(0.02)


@pytest.fixture
def busy_calculator(tmp_path):
    """An app with one calculator worker and no room to wait, that worker computing a
    slow integral (in a thread) until the hard limit stops it."""
    app = create_app(workers=1, queue=0, hard_limit=HARD_LIMIT,
                     database=f"sqlite:///{tmp_path}/calcml.db")
    with TestClient(app) as client:
        assert client.post("/api/diff", json={"expr": "x"}).status_code == 200  # warm
        lane = app.state.pool.calculators
        slow = threading.Thread(target=client.post, args=("/api/integrate",),
                                kwargs={"json": SLOW})
        slow.start()
        wait_until(lane.free.locked)
        yield client
        slow.join(timeout=30)


def test_a_full_calculator_queue_is_a_503_with_retry_after_at_once(busy_calculator):
    started = time.monotonic()
    refused = busy_calculator.post("/api/diff", json={"expr": "x^3"})
    assert time.monotonic() - started < 1.0
    assert refused.status_code == 503
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["error"].startswith("the server is busy")


def test_a_busy_lesson_page_says_so_in_the_page_and_keeps_the_input(busy_calculator):
    typed = "x^7 + 3x"
    page = busy_calculator.post("/lessons/3/diff", data={"expr": typed, "at": "2"})
    assert page.status_code == 503 and int(page.headers["retry-after"]) >= 1
    assert "The server is busy" in page.text and f'value="{typed}"' in page.text
    fragment = busy_calculator.get("/lessons/3/diff/result", params={"expr": typed})
    assert fragment.status_code == 503 and "The server is busy" in fragment.text
    assert "<html" not in fragment.text


def test_the_queue_takes_work_again_once_the_worker_is_free(busy_calculator):
    lane = busy_calculator.app.state.pool.calculators
    wait_until(lambda: not lane.free.locked(), HARD_LIMIT + 15)
    answer = busy_calculator.post("/api/diff", json={"expr": "x^3"})
    assert answer.status_code == 200
    assert parse(answer.json()["result"]) == parse("3*x^2")  # whichever the text printer


HOSTILE = [
    ("9^9^9^9", lambda c: c.post("/api/diff", json={"expr": "9^9^9^9"}), 422),
    ("10,000-deep brackets", lambda c: c.post("/lessons/3/diff/result", data={
        "expr": "(" * 10_000 + "x" + ")" * 10_000}), 422),
    ("10,000-deep JSON", lambda c: c.post("/api/diff", content=b"[" * 10_000 + b"]" * 10_000,
                                          headers={"content-type": "application/json"}), 422),
    ("1 MB body", lambda c: c.post("/api/diff", json={"expr": "x+" * 500_000 + "x"}), 413),
    ("200 MB upload", lambda c: c.post(
        "/api/roc", content=upload_chunks(200_000_000),
        headers={"content-type": "multipart/form-data; boundary=b",
                 "content-length": "200000000"}), 413),
]


@pytest.mark.parametrize("name, send, status", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_requests_are_refused_before_they_take_a_worker(busy_calculator, name, send,
                                                                status):
    """The only calculator worker is busy and nothing may wait: a request that reached
    the queue would be a 503. A 4xx in well under 2 s means it was refused before."""
    started = time.monotonic()
    answer = send(busy_calculator)
    assert answer.status_code == status, answer.text[:300]
    assert time.monotonic() - started < 2.0
    assert busy_calculator.app.state.pool.calculators.waiting == 0


def test_a_queued_job_whose_client_left_is_dropped(tmp_path):
    """A real server (uvicorn) and real disconnections: the client of a queued job gives
    up; the job is dropped, never computed, and the running one finishes as usual."""
    import uvicorn

    app = create_app(workers=1, queue=4, hard_limit=HARD_LIMIT,
                     database=f"sqlite:///{tmp_path}/calcml.db")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error"))
    thread = threading.Thread(target=server.run)
    thread.start()
    try:
        wait_until(lambda: server.started)
        port = server.servers[0].sockets[0].getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        assert httpx.post(base + "/api/diff", json={"expr": "x"}, timeout=60).status_code == 200
        lane = app.state.pool.calculators
        with ThreadPoolExecutor(max_workers=1) as pool:
            running = pool.submit(httpx.post, base + "/api/integrate", json=SLOW, timeout=60)
            wait_until(lane.free.locked)
            with pytest.raises(httpx.TimeoutException):
                httpx.post(base + "/api/diff", json={"expr": "x^5"}, timeout=0.5)
            wait_until(lambda: lane.dropped == 1, 5)
            assert lane.waiting == 0
            assert running.result().status_code == 408  # stopped at the hard limit
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def test_a_full_practice_queue_keeps_the_answer_in_the_box(tmp_path):
    """The one practice worker waits for the database (a real write lock held on the
    SQLite file); the next answer finds no room and gets the busy message, its text kept."""
    path = tmp_path / "calcml.db"
    app = create_app(workers=1, queue=0, database=f"sqlite:///{path}", learner="ada")
    with TestClient(app) as client:
        form = exercise_form(client)
        lock = sqlite3.connect(path, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        try:
            first = threading.Thread(target=client.post, args=("/practice/limit-factoring",),
                                     kwargs={"data": {**form, "answer": "DNE"}})
            first.start()
            wait_until(app.state.pool.quick.free.locked)
            page = client.post("/practice/limit-factoring", data={**form, "answer": "17/4"})
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        first.join(timeout=60)
        assert page.status_code == 503 and int(page.headers["retry-after"]) >= 1
        assert "The server is busy: your answer was not checked or saved" in page.text
        assert 'value="17/4"' in page.text
    with open_store(f"sqlite:///{path}") as store:
        assert [a.answer for a in store.attempts("ada")] == ["DNE"]


def exercise_form(client: TestClient) -> dict[str, str]:
    page = client.get("/practice/limit-factoring").text
    return {k: re.search(f'name="{k}" value="([^"]*)"', page).group(1)
            for k in ("skill", "seed", "level")}


def test_the_practice_page_shows_the_attempt_id_the_store_holds(tmp_path):
    url = f"sqlite:///{tmp_path}/calcml.db"
    with TestClient(create_app(workers=1, database=url, learner="ada")) as client:
        form = exercise_form(client)
        shown = []
        for answer in ("DNE", "12345"):
            page = client.post("/practice/limit-factoring", data={**form, "answer": answer})
            assert page.status_code == 200 and "Saved." in page.text
            shown.append(int(re.search(r'data-attempt="(\d+)"', page.text).group(1)))
    with open_store(url) as store:
        stored = {a.id: (a.skill, a.seed, a.level, a.answer) for a in store.attempts("ada")}
    key = (form["skill"], int(form["seed"]), int(form["level"]))
    assert stored == {shown[0]: (*key, "DNE"), shown[1]: (*key, "12345")}
    assert shown[0] != shown[1]


def test_pool_settings_share_the_cpus_among_the_server_processes(monkeypatch):
    monkeypatch.delenv("CALCML_POOL_WORKERS", raising=False)
    monkeypatch.delenv("CALCML_POOL_QUEUE", raising=False)
    monkeypatch.setenv("CALCML_SERVER_PROCESSES", "64")
    assert pool_settings() == (1, None)
    monkeypatch.setenv("CALCML_POOL_WORKERS", "3")
    monkeypatch.setenv("CALCML_POOL_QUEUE", "5")
    assert pool_settings() == (3, 5)
    assert pool_settings(2, 0) == (2, 0)


def test_calcml_serve_checks_its_pool_size():
    from typer.testing import CliRunner

    from calcml.cli import app as cli

    refused = CliRunner().invoke(cli, ["serve", "--pool-workers", "0"])
    assert refused.exit_code != 0  # calcml's main prints the InputError's message
    assert "--pool-workers takes 1 to 64 worker processes, got 0" in str(refused.exception)


def test_a_rate_limit_admits_exactly_its_count_under_concurrent_processes(db_url):
    """Twenty requests at once from threads (each its own connection): five pass."""
    with open_store(db_url) as store:
        with ThreadPoolExecutor(max_workers=8) as pool:
            waits = list(pool.map(lambda _: hit(store, "compute", "learner:1", 5, 60.0),
                                  range(20)))
        assert waits.count(0) == 5
        assert all(1 <= w <= 60 for w in waits if w)
        assert hit(store, "compute", "learner:2", 5, 60.0) == 0  # another key's own count


def test_two_app_processes_on_one_database_share_the_rate_limit(db_url):
    with open_store(db_url) as store:
        grace = add_instructor(store, "grace", "not-a-real-hash")
        code = create_class(store, grace, "Calculus 1").join_code
    tight = Limits(compute=(3, 60.0))
    with TestClient(create_app(workers=1, database=db_url, classroom=True, limits=tight),
                    follow_redirects=False) as a, \
            TestClient(create_app(workers=1, database=db_url, classroom=True, limits=tight),
                       follow_redirects=False) as b:
        signup = a.get("/signup").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', signup).group(1)
        made = a.post("/signup", data={"name": "jo", "password": "correct horse battery",
                                       "code": code, "csrf_token": token})
        assert made.status_code == 303
        b.cookies.update(a.cookies)
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', a.get("/practice").text)
        headers = {"X-CSRF-Token": csrf.group(1)}
        statuses = [client.post("/api/diff", json={"expr": "x^2"}, headers=headers)
                    for client in (a, b, a, b)]
        assert [s.status_code for s in statuses] == [200, 200, 200, 429]
        assert 1 <= int(statuses[-1].headers["retry-after"]) <= 60
