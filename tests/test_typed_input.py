"""What the learner typed, kept: the typed form beside the evaluated one, and worked solutions
that start from it (issue 10 §5)."""

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import calcml
from calcml.errors import ParseError
from calcml.expr.parser import parse, parse_typed
from calcml.steps.explain import explain
from calcml.steps.typed import SimplifyAsTyped

x, y = sympy.symbols("x y", real=True)


def _typed_step(solution) -> SimplifyAsTyped:
    assert isinstance(solution.step, SimplifyAsTyped)
    return solution.step


def _no_false_claims(solution) -> None:
    report = solution.verify_steps()
    assert report.false == () and report.unchecked == ()


# The parser: the typed form is what was typed, the value what parse returns.

@pytest.mark.parametrize("text, args, value", [
    ("x*x", (x, x), x**2),
    ("x^2*x^3", (x**2, x**3), x**5),
    ("2*x*3", (2, x, 3), 6 * x),
    ("x + x", (x, x), 2 * x),
    ("x/x", (x, sympy.Pow(x, -1)), 1),
])
def test_the_typed_form_keeps_the_factors_and_terms_as_typed(text, args, value):
    parsed = parse_typed(text)
    assert parsed.value == value == parse(text)
    assert parsed.typed.args == args
    assert parsed.differs


@pytest.mark.parametrize("text", ["x^2 + 3x", "sin(x)/x", "(x^2-1)/(x-1)", "1/x", "x/4",
                                  "-x/2", "1/x^2", "x/(2y)", "3/(4x^2)", "-2x", "x*(-2)",
                                  "(2x)^2", "1/sqrt(x)", "e^(2x)", "x e^x", "2sin(pi/6)",
                                  "2(x+1)", "-(x+1)", "x^3/e^x", "exp(-(x^2 + y^2))",
                                  "-(x ln(y) + (1 - x) ln(1 - y))", "2(x y + y z + x z)"])
def test_a_typed_form_that_only_orders_or_nests_differently_is_not_worth_showing(text):
    # A number multiplied into a sum is how SymPy writes it, not a simplification.
    assert not parse_typed(text).differs


def test_terms_that_cancel_after_the_brackets_open_are_worth_showing():
    assert parse_typed("x - (x + 1)").differs and parse_typed("x - (x + 1)").value == -1
    quotient = parse_typed("((x + h)^2 + 2(x + h) + 2 - (x^2 + 2x + 2))/h")
    assert quotient.differs and quotient.cancelled == ()


def test_numbers_alone_are_evaluated_and_a_cancelled_factor_is_named():
    assert parse_typed("2*3 + x").typed.args == (6, x)
    assert parse_typed("x/x").cancelled == (x,)
    assert parse_typed("x^2/x").cancelled == (x,)
    assert parse_typed("x/(x y)").cancelled == (x,)
    assert parse_typed("(x+1)^2/(x+1)").cancelled == (x + 1,)
    assert parse_typed("x/x^2").cancelled == ()  # 1/x still divides by x


@pytest.mark.parametrize("text, message", [
    ("9^9^9^9", "digits"), ("1/0", "undefined"), ("x/(x-x)", "undefined"),
    ("1" * 101 + "x", "at most 100 digits"), ("(" * 61 + "x" + ")" * 61, "nested"),
    ("sqrt(-1) x", "not a real number"),
])
def test_every_guard_of_parse_holds_for_the_typed_reading(text, message):
    with pytest.raises(ParseError, match=message):
        parse_typed(text)


# The engines: the first line simplifies what was typed, then the rule.

def test_x_times_x_is_simplified_to_x_squared_then_the_power_rule():
    sol = calcml.derivative("x*x")
    step = _typed_step(sol)
    assert step.claim == (sympy.Mul(x, x, evaluate=False), x**2)
    assert step.substep.rule == "Power rule" and step.substep.claim == (
        sympy.Derivative(x**2, x), 2 * x)
    assert sol.problem == sympy.Derivative(sympy.Mul(x, x, evaluate=False), x)
    assert sol.result == 2 * x and sol.agreed
    _no_false_claims(sol)


def test_a_product_of_powers_adds_the_exponents_first():
    sol = calcml.derivative("x^2*x^3")
    assert _typed_step(sol).claim[1] == x**5
    assert sol.result == 5 * x**4 and sol.agreed
    _no_false_claims(sol)


def test_x_over_x_is_one_only_where_x_is_not_zero():
    sol = calcml.derivative("x/x")
    step = _typed_step(sol)
    assert step.claim[1] == 1 and step.cancelled == (x,) and step.limit is None
    assert explain(step).math["c0"] == x
    assert sol.result == 0
    _no_false_claims(sol)


def test_the_limit_of_x_over_x_at_zero_is_one_by_cancelling_a_factor_nonzero_near_it():
    sol = calcml.limit("x/x", "x", 0)
    step = _typed_step(sol)
    typed = parse_typed("x/x").typed
    assert step.cancelled == (x,)
    assert step.limit == sympy.Limit(typed, x, 0, "+-") == sol.problem
    assert step.equality == (sympy.Limit(typed, x, 0, "+-"), sympy.Limit(1, x, 0, "+-"))
    assert explain(step).math["p"] == 0
    assert sol.result == 1 and sol.agreed
    _no_false_claims(sol)


def test_a_quotient_typed_in_lowest_form_keeps_todays_solution():
    for make in (calcml.derivative, lambda f: calcml.limit(f, "x", 1),
                 lambda f: calcml.integral(f, "x", 2, 3)):
        typed, sympys = make("(x^2-1)/(x-1)"), make((x**2 - 1) / (x - 1))
        assert not isinstance(typed.step, SimplifyAsTyped)
        assert typed.to_dict() == sympys.to_dict()
    assert calcml.limit("(x^2-1)/(x-1)", "x", 1).result == 2


def test_numbers_typed_apart_are_multiplied_then_the_constant_multiple_rule():
    sol = calcml.derivative("2*x*3")
    assert _typed_step(sol).claim == (sympy.Mul(2, x, 3, evaluate=False), 6 * x)
    assert sol.result == 6
    _no_false_claims(sol)


def test_like_terms_are_collected_first():
    sol = calcml.integral("x + x")
    assert _typed_step(sol).claim == (sympy.Add(x, x, evaluate=False), 2 * x)
    assert sol.result == x**2
    _no_false_claims(sol)


def test_the_gradient_and_the_hessian_start_from_the_typed_form():
    grad = calcml.gradient("x*x*y")
    assert _typed_step(grad).claim[1] == x**2 * y
    assert grad.result == sympy.ImmutableMatrix([2 * x * y, x**2])
    hess = calcml.hessian("x*x*y", at="x=1, y=2")
    assert _typed_step(hess).claim[1] == x**2 * y
    assert hess.result.tolist() == [[4, 2], [2, 0]]
    part = calcml.partial("x y/x", "y")
    assert _typed_step(part).cancelled == (x,) and part.result == 1
    for sol in (grad, hess, part):
        _no_false_claims(sol)


@pytest.mark.parametrize("text", ["x^2 + 3x", "sin(x)/x", "x e^x", "ln(x)/x", "3x^2 - 2x + 1"])
def test_ordinary_input_gives_the_same_solution_as_the_sympy_expression(text):
    f = parse(text)
    assert calcml.derivative(text).to_dict() == calcml.derivative(f).to_dict()
    assert calcml.limit(text, "x", 1).to_dict() == calcml.limit(f, "x", 1).to_dict()
    assert calcml.integral(text).to_dict() == calcml.integral(f).to_dict()


def test_every_format_shows_the_typed_line_first():
    sol = calcml.limit("x/x", "x", 0)
    assert sol.to_dict()["steps"][0]["rule"] == SimplifyAsTyped.rule
    assert sol.to_latex().count(r"\frac{x}{x}") >= 2
    assert "<math" in sol.to_html()


# Random typed products and quotients.

_FACTORS = ["x", "x^2", "x^3", "(x+1)", "(x-2)", "2", "3", "sin(x)", "e^x", "(x^2+1)"]
products = st.lists(st.tuples(st.sampled_from(["*", "/"]), st.sampled_from(_FACTORS)),
                    min_size=1, max_size=4).map(
    lambda ops: "x" + "".join(op + factor for op, factor in ops))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(products)
def test_a_random_typed_product_equals_its_value_and_the_derivative_is_sympys(text):
    parsed = parse_typed(text)
    for point in (sympy.Rational(7, 10), sympy.Rational(-13, 10), sympy.Rational(31, 10)):
        typed = complex(parsed.typed.xreplace({x: point}).evalf(30))
        value = complex(parsed.value.xreplace({x: point}).evalf(30))
        assert typed == pytest.approx(value, rel=1e-12)
    sol = calcml.derivative(text)
    assert sympy.simplify(sol.result - sympy.diff(parsed.value, x)) == 0
    assert sol.agreed and sol.verify_steps().false == ()
    assert isinstance(sol.step, SimplifyAsTyped) == parsed.differs


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(products)
def test_a_factor_typed_above_and_below_cancels_and_the_limit_is_sympys(text):
    typed = f"(x-1)*{text}/(x-1)"
    sol = calcml.limit(typed, "x", 1)
    step = _typed_step(sol)
    assert x - 1 in step.cancelled and step.limit == sol.problem
    assert sol.result == sympy.limit(parse(text), x, 1) and sol.agreed


_LEAVES = st.sampled_from(["x", "y", "2", "3", "0.5", "pi", "e", "x^2"])


def _combined(parts):
    binary = st.tuples(parts, st.sampled_from([" + ", " - ", "*", "/", " ", "^"]), parts).map(
        lambda t: f"({t[0]}){t[1]}({t[2]})" if t[1] != "^" else f"({t[0]})^2")
    unary = st.tuples(st.sampled_from(["-", "sin", "exp", "sqrt", "abs", "ln", ""]), parts).map(
        lambda t: f"{t[0]}({t[1]})")
    return binary | unary


texts = st.recursive(_LEAVES, _combined, max_leaves=6)


def _number(expr: sympy.Basic, values: dict) -> complex | None:
    try:
        value = complex(expr.xreplace(values).evalf(30))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return value if abs(value) < 1e12 and value == value else None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_reads_the_same_value_typed_or_evaluated(text):
    try:
        value = parse(text)
    except ParseError as refused:
        with pytest.raises(ParseError, match=str(refused.args[0]).split(" at column")[0]):
            parse_typed(text)
        return
    parsed = parse_typed(text)
    assert parsed.value == value
    for point in ({x: sympy.Rational(7, 10), y: sympy.Rational(13, 10)},
                  {x: sympy.Rational(-21, 10), y: sympy.Rational(3, 10)}):
        typed, evaluated = _number(parsed.typed, point), _number(parsed.value, point)
        if typed is not None and evaluated is not None:
            assert typed == pytest.approx(evaluated, rel=1e-9, abs=1e-12)
    if not parsed.differs:
        assert parsed.cancelled == ()
