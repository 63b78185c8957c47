"""The time limit on symbolic work: in the main thread and in worker threads."""

import threading
import time

import pytest

from calcml.errors import TimeLimitError
from calcml.timelimit import run_limited, time_limited


def _spin(seconds: float) -> str:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass
    return "done"


def test_fast_work_returns_its_value():
    assert run_limited(lambda: 42, 1.0, "work") == 42


def test_slow_work_in_the_main_thread_is_interrupted():
    start = time.perf_counter()
    with pytest.raises(TimeLimitError, match="the spin took longer than the time limit of 0.2 s"):
        run_limited(lambda: _spin(5), 0.2, "the spin")
    assert time.perf_counter() - start < 2


def test_slow_work_in_a_worker_thread_is_abandoned():
    errors = []

    def worker():
        try:
            run_limited(lambda: _spin(1.0), 0.1, "the spin")
        except TimeLimitError as err:
            errors.append(err)

    t = threading.Thread(target=worker)
    t.start()
    t.join(5)
    assert len(errors) == 1


def test_decorator_adds_a_timeout_keyword_and_none_means_no_limit():
    @time_limited("the job")
    def job(seconds):
        return _spin(seconds)

    with pytest.raises(TimeLimitError, match="timeout="):
        job(2, timeout=0.1)
    assert job(0.01, timeout=None) == "done"


def test_nested_limits_share_the_outer_one():
    assert run_limited(lambda: run_limited(lambda: 7, 0.001, "inner"), 2.0, "outer") == 7
