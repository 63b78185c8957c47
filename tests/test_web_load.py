"""The web app under load (``benchmarks/load.py``): learners, hostile requests and a
SIGKILL of the server, against the goals of issue 12; and the pool's quick lane that keeps
practice fast while calculators are busy.

The load run (a few learners for a few seconds on SQLite, the hostile requests, the kill
and the restart) is marked slow: it starts ``calcml serve`` twice and warms it up
(about a minute on two cores). Run it with ``pytest -m slow tests/test_web_load.py``.
"""

from __future__ import annotations

import math
import threading
import time

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("pebble", reason="the web extra is not installed")
pytest.importorskip("httpx", reason="httpx is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from benchmarks import load  # noqa: E402
from benchmarks.load_report import Report, percentile, stats  # noqa: E402
from benchmarks.load_traffic import Sample, hostile_requests, upload_chunks  # noqa: E402
from calcml.web.app import create_app  # noqa: E402


def test_percentiles_are_nearest_rank():
    values = [i / 100 for i in range(1, 101)]  # 0.01 .. 1.00
    assert percentile(values, 50) == 0.50
    assert percentile(values, 95) == 0.95
    assert percentile([0.3], 95) == 0.3
    assert math.isnan(percentile([], 95))


def test_a_report_misses_its_goals_when_a_request_is_slow_lost_or_5xx():
    fast = [Sample(kind, t / 10, 0.02, 200) for t in range(100)
            for kind in ("page", "answer", "calculator")]
    good = Report(workers=1, learners=1, seconds=10, think=2, kinds=stats(fast),
                  window=(3, 6), samples=fast, hostile=[("1 MB body", 413, 0.1)],
                  acknowledged=5, stored=5, lost=0)
    assert good.missed() == []
    assert "Goals: all met." in good.markdown()
    slow = fast + [Sample("answer", 4, 0.9, 200)] * 10 + [Sample("page", 1, 0.01, 502)]
    bad = Report(workers=1, learners=1, seconds=10, think=2, kinds=stats(slow),
                 window=(3, 6), samples=slow, hostile=[("1 MB body", 0, 2.5)],
                 acknowledged=5, stored=4, lost=1)
    misses = " | ".join(bad.missed())
    assert "p95 of answer requests is 900 ms" in misses
    assert "raised the p95 of answer requests from 20 to 900 ms" in misses
    assert "5xx" in misses and "hostile 1 MB body: [0]" in misses
    assert "1 acknowledged answers are not in the database" in misses


def test_the_upload_streams_200_mb_in_one_reused_chunk():
    sizes = {len(piece) for piece in upload_chunks(200_000_000)}
    assert sizes == {1 << 20, 200_000_000 % (1 << 20)}
    assert [name for name, _ in hostile_requests()][:4] == [
        "9^9^9^9", "10,000-deep brackets", "10,000-deep JSON", "1 MB body"]


def test_practice_is_served_while_every_calculator_worker_is_busy(tmp_path):
    app = create_app(workers=1, hard_limit=4.0, database=f"sqlite:///{tmp_path}/calcml.db")
    with TestClient(app) as client:
        assert client.get("/practice").status_code == 200  # both lanes are up
        busy = {}

        def runaway() -> None:
            busy["response"] = client.post("/api/integrate", json={
                "expr": "1/(x^12 + x^5 + 3)", "timeout": 10})

        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(0.5)
        started = time.monotonic()
        page = client.get("/practice/limit-factoring")
        waited = time.monotonic() - started
        thread.join(timeout=30)
        assert page.status_code == 200 and 'name="seed"' in page.text
        assert busy["response"].status_code in (408, 422)
        assert waited < 2.5, f"the practice page waited {waited:.1f} s behind a calculator"


@pytest.mark.slow
def test_a_short_load_keeps_every_acknowledged_answer_through_a_sigkill():
    report = load.run("sqlite", workers=1, learners=5, seconds=6, think=1.0,
                      kill_seconds=4, budget=400)
    print(report.markdown())
    # no 5xx but the 503s of a full queue (a designed answer, with Retry-After)
    assert sum(k.server_errors - k.busy for k in report.kinds.values()) == 0
    assert report.kinds["answer"].count > 0 and report.acknowledged > 0
    assert report.lost == 0 and report.stored >= report.acknowledged
    statuses = {status for _, status, _ in report.hostile}
    assert statuses and all(400 <= status < 500 for status in statuses), statuses
    # the 2 s goal is the benchmark's; a test on a busy machine allows some slack
    assert max(seconds for _, _, seconds in report.hostile) < 5.0
    assert {name for name, _, _ in report.hostile} == {name for name, _ in hostile_requests()}
    assert report.kill is not None and report.kill.status_after == 200
    assert report.kill.lost == 0
