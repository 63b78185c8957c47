"""Each server process computes the lessons' examples as it starts (``calcml serve`` asks
for it), so that the first learner to open a lesson in a process does not wait for them."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("pebble", reason="the web extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from calcml.web import pages  # noqa: E402
from calcml.web.app import WARM_ENV, create_app  # noqa: E402
from calcml.web.lessons import LESSONS  # noqa: E402

EXAMPLES = [(c.name, tuple(sorted(c.defaults().items())))
            for lesson in LESSONS.values() for c in lesson.calculators]


@pytest.fixture
def empty_cache(monkeypatch):
    monkeypatch.setattr(pages, "_cache", pages.ResultCache())
    return pages


def test_a_process_asked_to_warm_computes_every_lessons_example(monkeypatch, empty_cache,
                                                                tmp_path):
    monkeypatch.setenv(WARM_ENV, "1")
    app = create_app(workers=1, database=f"sqlite:///{tmp_path}/calcml.db")
    with TestClient(app) as client:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and any(
                empty_cache._cache.get(key) is None for key in EXAMPLES):
            time.sleep(0.2)
        assert all(empty_cache._cache.get(key) is not None for key in EXAMPLES)
        cached = {key: empty_cache._cache.get(key) for key in EXAMPLES}
        page = client.get("/lessons/3")
        assert page.status_code == 200
        # the page shows the cached results, not new ones
        assert all(empty_cache._cache.get(key) is cached[key] for key in EXAMPLES)


def test_a_process_not_asked_computes_nothing_until_a_learner_asks(monkeypatch, empty_cache,
                                                                   tmp_path):
    monkeypatch.delenv(WARM_ENV, raising=False)
    app = create_app(workers=1, database=f"sqlite:///{tmp_path}/calcml.db")
    with TestClient(app):
        time.sleep(1.0)
        assert not empty_cache._cache.items
