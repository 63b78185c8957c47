"""The rule search is bounded by its work (sub-integrals tried), not by the clock: the same
integrand gets the same steps on an idle and on a busy machine, a search past its budget of
sub-integrals hands over to SymPy's integrate the same way every time, and the wall clock,
the outer guard, ends in a TimeLimitError, never in a different method."""

import itertools
import threading

import pytest
import sympy

from calcml.errors import TimeLimitError
from calcml.steps.integrals.definite import SearchStop, SympyIntegrate
from calcml.symbolic.integrals import search
from calcml.symbolic.integrals.integral import integral
from calcml.symbolic.integrals.rules import WorkLimitError, rule_tree
from calcml.symbolic.integrals.search import Budget, clear_cache, find_antiderivative

x = sympy.Symbol("x", real=True)
TEXTBOOK = ["x^2 sin(x)", "1/(x*(x + 1))", "e^x sin(x)", "x^3 ln(x)^2", "tan(x)^5 sec(x)^3"]


def steps_of(text: str, **limits):
    clear_cache()
    return integral(text, **limits).step


class BusyMachine:
    """Two Python threads spinning while the integral is worked: they take the interpreter
    from it as other processes take a shared CPU."""

    def __enter__(self):
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._spin) for _ in range(2)]
        for thread in self.threads:
            thread.start()

    def _spin(self):
        while not self.stop.is_set():
            sum(range(1000))

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()


@pytest.mark.parametrize("text", TEXTBOOK)
def test_the_same_integrand_gets_the_same_steps_on_a_busy_machine(text):
    idle = steps_of(text, timeout=None)
    with BusyMachine():
        busy = steps_of(text, timeout=120.0)
    assert busy == idle
    assert not isinstance(idle.substep, SympyIntegrate)


def test_the_same_steps_when_the_clock_says_little_time_is_left(monkeypatch):
    """A clock that runs 10,000 times fast leaves each attempt a sliver of wall-clock time;
    the method and the steps are those found with no limit at all."""
    idle = steps_of("x^2 sin(x)", timeout=None)
    ticks = itertools.count()
    monkeypatch.setattr(search, "_clock", lambda: next(ticks) * 0.5)
    assert steps_of("x^2 sin(x)", timeout=100.0) == idle


def test_the_clock_running_out_is_an_error_not_another_method(monkeypatch):
    ticks = itertools.count()
    monkeypatch.setattr(search, "_clock", lambda: next(ticks) * 2.0)
    clear_cache()
    with pytest.raises(TimeLimitError, match="time limit of 5 s"):
        integral("1/(x*(x + 1))", timeout=5.0)


def test_the_real_alarm_is_an_error_too():
    clear_cache()
    with pytest.raises(TimeLimitError, match="the integral took longer"):
        integral("x e^x sin(x)^3 / (1 + cos(x))", timeout=0.05)


def test_a_search_past_its_nodes_stops_and_says_how_many_it_tried():
    with pytest.raises(WorkLimitError, match="tried 3 sub-integrals"):
        rule_tree(1 / (x * (x + 1)), x, nodes=3)
    rule = rule_tree(1 / (x * (x + 1)), x)
    assert not rule.contains_dont_know()


def test_a_search_past_its_nodes_hands_over_to_integrate_the_same_way_each_time():
    found = []
    for _ in range(2):
        clear_cache()
        found.append(find_antiderivative(1 / (x * (x + 1)), x, Budget(None, nodes=3)))
    assert found[0] == found[1]
    assert isinstance(found[0], SympyIntegrate)
    assert found[0].search is SearchStop.WORK_LIMIT and found[0].sub_integrals == 3
    derivative = sympy.diff(found[0].result, x)
    for point in (-2.5, -0.5, 0.7, 3.0):
        assert float(derivative.subs(x, point)) == pytest.approx(1 / (point * (point + 1)))
