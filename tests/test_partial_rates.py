"""Partial derivatives as rates of change: the course's z = x^2 - y^2 and cylinder, rates
converging to the exact partials, and the errors a user can meet."""

from __future__ import annotations

import json

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcml.course.partial_rates import cylinder_rates, function_at, partial_rates
from calcml.errors import InputError

Z = "x^2 - y^2"
x, y = sympy.symbols("x y", real=True)


@pytest.mark.parametrize(("point", "value", "slopes"), [
    ((3, 0), 9, (6, 0)),
    ((2, 3), -5, (4, -6)),
    ((-2, -3), -5, (-4, 6)),
    ((0, 0), 0, (0, 0)),
])
def test_course_slopes_of_the_saddle(point, value, slopes):
    rates = partial_rates(Z, dict(zip("xy", point, strict=True)))
    assert rates.value == value
    assert rates.slopes == dict(zip("xy", slopes, strict=True))
    assert rates.partials == {"x": 2 * x, "y": -2 * y}


def test_rates_are_exact_and_converge_to_the_partials():
    rates = partial_rates(Z, {"x": 2, "y": 3})
    # (f(x + Δ, y) - f(x, y)) / Δ = 2x + Δ and, along y, -2y - Δ: the error is ±Δ exactly.
    assert rates.rates["x"] == tuple(sympy.Rational(n, 1000) for n in (5000, 4100, 4010, 4001))
    assert rates.rates["y"] == (-7, sympy.Rational(-61, 10), sympy.Rational(-601, 100),
                                sympy.Rational(-6001, 1000))
    errors = [row["rate - partial"] for row in rates.to_rows()]
    assert errors == [1, 0.1, 0.01, 0.001, -1, -0.1, -0.01, -0.001]


def test_prediction_is_partial_times_step():
    rows = partial_rates(Z, {"x": 3, "y": 0}, deltas=(0.5,)).to_rows()
    assert rows[0]["prediction"] == 3.0 and rows[0]["change"] == 3.25
    assert rows[1]["prediction"] == 0 and rows[1]["change"] == -0.25


def test_cylinder_numbers_of_the_course():
    c = cylinder_rates()
    assert c.value == 45 * sympy.pi and float(c.value) == pytest.approx(141.37, abs=0.005)
    assert c.slopes == {"r": 30 * sympy.pi, "l": 9 * sympy.pi}
    assert float(c.slopes["l"]) == pytest.approx(28.27, abs=0.005)
    assert float(c.slopes["r"]) == pytest.approx(94.25, abs=0.005)
    # v is linear in l: every change in l gives the rate πr² exactly.
    assert set(c.rates["l"]) == {9 * sympy.pi}
    # along r the rate is 2πrl + πlΔ, so the error shrinks with Δ.
    errors = [float(rate - c.slopes["r"]) for rate in c.rates["r"]]
    assert errors == pytest.approx([5 * float(sympy.pi) * d for d in (1, 0.1, 0.01, 0.001)])


def test_cylinder_change_in_volume_against_the_partials():
    c = cylinder_rates(3, 5, deltas=(0.01,))
    rows = {row["variable"]: row for row in c.to_rows()}
    assert rows["r"]["change"] == pytest.approx(0.9440486, rel=1e-6)
    assert rows["r"]["prediction"] == pytest.approx(0.9424778, rel=1e-6)
    assert rows["l"]["change"] == pytest.approx(rows["l"]["prediction"])


def test_text_and_json():
    c = cylinder_rates(deltas=(0.1,))
    text = c.to_text()
    assert text.startswith("Rates of change of v = πlr² at P = (l = 5, r = 3): "
                           "v(P) = 45π ≈ 141.3716694")
    assert "∂v/∂r = 2πlr, at P = 30π ≈ 94.24777961" in text
    data = json.loads(json.dumps(c.to_dict()))
    assert data["columns"][0] == "variable" and len(data["rows"]) == 2


def test_chosen_variables_and_held_ones():
    rates = partial_rates("x*y*t", {"x": 1, "y": 2, "t": 3}, deltas=(1,), vars=("y",))
    assert rates.slopes == {"y": 3} and rates.rates == {"y": (3,)}
    assert partial_rates("x^2", {"x": 1, "y": 5}, vars=("x", "y")).slopes == {"x": 2, "y": 0}


def test_transcendental_values_stay_exact():
    rates = partial_rates("sin(x) y", {"x": 1, "y": 2}, deltas=(1e-6,))
    assert rates.slopes == {"x": 2 * sympy.cos(1), "y": sympy.sin(1)}
    assert float(rates.rates["y"][0]) == pytest.approx(float(sympy.sin(1)), rel=1e-12)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(a=st.integers(-5, 5), b=st.integers(-5, 5), c=st.integers(-5, 5),
       px=st.integers(-4, 4), py=st.integers(-4, 4))
def test_slopes_agree_with_sympy_and_rates_with_the_quotient(a, b, c, px, py):
    f = a * x**2 * y + b * y**3 + c * x * y
    point = {x: px, y: py}
    rates = partial_rates(f, {"x": px, "y": py}, vars=("x", "y"),
                          deltas=(sympy.Rational(1, 10), sympy.Rational(1, 1000)))
    for v in (x, y):
        assert rates.slopes[v.name] == sympy.diff(f, v).subs(point)
        for d, rate in zip((sympy.Rational(1, 10), sympy.Rational(1, 1000)),
                           rates.rates[v.name], strict=True):
            moved = {**point, v: point[v] + d}
            assert rate == (f.subs(moved) - f.subs(point)) / d
        first, last = (abs(r - rates.slopes[v.name]) for r in rates.rates[v.name])
        assert last <= first


def test_function_at_accepts_symbols_and_text_numbers():
    pf = function_at(Z, {x: "1/2", "y": 0})
    assert pf.value == sympy.Rational(1, 4) and pf.variables == (x, y)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: partial_rates(Z, {"x": 1}), "no value for y"),
    (lambda: partial_rates(Z, {"x": 1, "y": 2, "z": 3}), r"gives z, but f = x² − y²"),
    (lambda: partial_rates(Z, [1, 2]), "dict of coordinates"),
    (lambda: partial_rates("2", {"x": 1}), "f = 2 has no variables"),
    (lambda: partial_rates(Z, {"x": float("nan"), "y": 0}), "finite"),
    (lambda: partial_rates("log(x) + y", {"x": 0, "y": 1}), r"\(it is infinite\)"),
    (lambda: partial_rates("sqrt(x)", {"x": -1}), "it is not real: I"),
    (lambda: partial_rates("1/(x - 1)", {"x": 0}, deltas=(1,)), r"f\(x = 1\)"),
    (lambda: partial_rates(Z, {"x": 1, "y": 2}, deltas=()), "at least one"),
    (lambda: partial_rates(Z, {"x": 1, "y": 2}, deltas=(0,)), "0/0"),
    (lambda: partial_rates(Z, {"x": 1, "y": 2}, vars=("x", "x")), "twice"),
    (lambda: partial_rates(Z, {"1x": 1, "y": 2}), "name"),
    (lambda: cylinder_rates(0, 5), "radius r must be positive"),
    (lambda: cylinder_rates(3, -5), "length l must be positive"),
])
def test_bad_input_says_what_to_fix(call, message):
    with pytest.raises(InputError, match=message):
        call()
