"""The time limit on symbolic work: in the main thread and in worker threads."""

import threading
import time

import pytest

from calcml.errors import InputError, TimeLimitError
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


@pytest.fixture
def caller_alarm():
    """A caller's own SIGALRM handler, as a test runner or an application would install:
    yields ``(fired, handler, arm)``; ``arm(seconds)`` starts the caller's timer. Both are
    undone after the test."""
    import signal

    fired = []

    def handler(signum, frame):
        fired.append(time.monotonic())
        raise KeyboardInterrupt("the caller's alarm")

    previous = signal.signal(signal.SIGALRM, handler)
    try:
        yield fired, handler, lambda seconds: signal.setitimer(signal.ITIMER_REAL, seconds)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _caller_left() -> float:
    import signal

    return signal.getitimer(signal.ITIMER_REAL)[0]


def test_a_callers_pending_alarm_survives_a_limited_call(caller_alarm):
    import signal

    fired, handler, arm = caller_alarm
    arm(30.0)
    assert run_limited(lambda: 1 + 1, 1.0, "addition") == 2
    assert 25 < _caller_left() <= 30
    assert signal.getsignal(signal.SIGALRM) is handler
    assert not fired


def test_a_callers_alarm_due_first_fires_at_its_own_time_inside_the_limited_work(caller_alarm):
    fired, _, arm = caller_alarm
    start = time.monotonic()
    arm(0.2)
    with pytest.raises(KeyboardInterrupt, match="the caller's alarm"):
        run_limited(lambda: _spin(5), 3.0, "the spin")
    assert time.monotonic() - start < 1.5
    assert len(fired) == 1


def test_our_limit_inside_a_longer_caller_alarm_leaves_the_caller_armed(caller_alarm):
    import signal

    fired, handler, arm = caller_alarm
    arm(20.0)
    with pytest.raises(TimeLimitError):
        run_limited(lambda: _spin(5), 0.2, "the spin")
    assert 15 < _caller_left() < 20
    assert signal.getsignal(signal.SIGALRM) is handler
    assert not fired


def test_calcml_derivative_keeps_a_callers_alarm(caller_alarm):
    import calcml

    fired, _, arm = caller_alarm
    arm(30.0)
    assert str(calcml.derivative("x^2").result) == "2*x"
    assert _caller_left() > 20
    assert not fired


@pytest.mark.parametrize("seconds", [0, -1, float("nan"), float("inf"), 1e400, 10**6])
def test_a_time_limit_no_timer_can_keep_is_refused_clearly(seconds):
    with pytest.raises(InputError, match="time limit must be a number of seconds"):
        run_limited(lambda: 1, seconds, "addition")


@pytest.mark.parametrize("text", ["1e400", "-1", "nan", "0"])
def test_the_cli_refuses_a_bad_timeout_with_exit_2(calcml, text):
    code, out, err = calcml("diff", "x^2", "--timeout", text)
    assert code == 2
    assert "time limit must be a number of seconds" in err
    assert "internal error" not in out + err
