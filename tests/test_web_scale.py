"""`calcml serve --workers 4` on one PostgreSQL server (started by the fixture): the app
keeps no state of its own, so any of the four server processes serves any request; many
practice answers sent at once all come back, none 5xx, and every acknowledged attempt is
in the database afterwards.

Marked slow (about a minute on two cores: four server processes, each with its own
worker pool, and a PostgreSQL server); run it with ``pytest -m slow tests/test_web_scale.py``.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("psycopg", reason="the postgres extra is not installed")
httpx = pytest.importorskip("httpx", reason="httpx is not installed")

from calcml.exercises import generate  # noqa: E402
from calcml.store import open_store  # noqa: E402
from calcml.web.practice_pages import local_learner  # noqa: E402

SESSIONS = 12


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def four_workers(postgres_url):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from calcml.cli import main; main()", "serve", "--port",
         str(port), "--workers", "4", "--database", postgres_url],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ,
                                                               "MPLBACKEND": "Agg"})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/practice/limit-factoring", timeout=60).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("calcml serve --workers 4 did not answer within 90 s")
    yield base, postgres_url
    process.terminate()
    process.wait(timeout=20)


def practise(base: str) -> list[tuple[str, bool, int]]:
    """One learner's visit: an exercise, a wrong answer, the right one."""
    with httpx.Client(base_url=base, timeout=60) as client:
        page = client.get("/practice/limit-factoring").text
        form = {k: re.search(f'name="{k}" value="([^"]*)"', page).group(1)
                for k in ("skill", "seed", "level")}
        right = generate(form["skill"], seed=int(form["seed"]), level=int(form["level"]))
        sent = []
        for answer in ("DNE", right.answer_text):
            response = client.post("/practice/limit-factoring", data={**form, "answer": answer})
            sent.append((answer, "Saved." in response.text, response.status_code))
        return sent


@pytest.mark.slow
def test_four_server_processes_on_postgresql_keep_every_acknowledged_attempt(four_workers):
    base, url = four_workers
    generate("limit-factoring", seed=0)  # the registry loads on first read, in one thread
    with ThreadPoolExecutor(max_workers=6) as pool:
        visits = list(pool.map(practise, [base] * SESSIONS))
    answers = [a for visit in visits for a in visit]
    assert all(status == 200 for _, _, status in answers)
    acknowledged = sum(saved for _, saved, _ in answers)
    assert acknowledged == 2 * SESSIONS
    with open_store(url) as store:
        stored = store.attempts(local_learner(), "limit-factoring")
    assert len(stored) == acknowledged
    assert sorted((a.answer == "DNE", a.correct) for a in stored) == \
        [(False, True)] * SESSIONS + [(True, False)] * SESSIONS
