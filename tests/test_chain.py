"""The partial-derivative chain rule: the course example, x(s, t), nesting, bad input,
the dependency tree, and random compositions against substituting first."""

import json

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcml.errors import InputError
from calcml.steps.partials.multivar_chain import (
    ChainRuleFormula,
    EdgePartial,
    Rate,
    SubstituteBack,
)
from calcml.symbolic.partials.dependency_tree import read_assignments
from calcml.symbolic.partials.multivar_chain import chain_rule

s, t, x, y, u = sympy.symbols("s t x y u", real=True)


def test_course_example_gives_minus_four_sin_cos():
    sol = chain_rule("x^2 - y^2", {"x": "cos(t)", "y": "sin(t)"}, "t")
    assert sol.result == -4 * sympy.sin(t) * sympy.cos(t)
    assert sympy.simplify(sol.result + 2 * sympy.sin(2 * t)) == 0
    assert sol.agreed and "sympy.diff" in sol.checks[0].method
    formula = sol.step.formula
    assert isinstance(formula, ChainRuleFormula)
    assert formula.result == (Rate(sympy.Symbol("z", real=True), x, True)
                              * Rate(x, t) + Rate(sympy.Symbol("z", real=True), y, True)
                              * Rate(y, t))
    partials = {e.rate.name: e.result for e in sol.step.edges}
    assert partials == {"∂z/∂x": 2 * x, "∂z/∂y": -2 * y, "dx/dt": -sympy.sin(t),
                        "dy/dt": sympy.cos(t)}
    assert sol.step.products.result == -2 * x * sympy.sin(t) - 2 * y * sympy.cos(t)


def test_course_example_renders_in_every_format():
    sol = chain_rule("x^2 - y^2", {"x": "cos(t)", "y": "sin(t)"}, "t")
    text = sol.to_text()
    assert text.startswith("dz/dt = −4sin(t)·cos(t)")
    assert "Chain rule formula: dz/dt = (∂z/∂x)·(dx/dt) + (∂z/∂y)·(dy/dt)" in text
    assert "Substitute back" in text and "Check (substitute first" in text
    latex = sol.to_latex()
    assert r"\frac{\partial z}{\partial x} \frac{dx}{dt}" in latex
    assert "<mfrac>" in sol.to_html()
    data = json.loads(json.dumps(sol.to_dict()))
    assert data["result"] == "−4sin(t)·cos(t)" and data["tree"]["edges"]


def test_a_point_gives_the_exact_value_and_a_float():
    sol = chain_rule("x^2 - y^2", {"x": "cos(t)", "y": "sin(t)"}, "t", at="t=pi/4")
    assert sol.result == -2 and sol.derivatives == (-4 * sympy.sin(t) * sympy.cos(t),)
    assert sol.to_dict()["value_float"] == [-2.0]
    assert sol.to_text().startswith("dz/dt at t = π/4 = −2")
    assert chain_rule("x^2", {"x": "3t"}, "t", at={"t": 1}).result == 18


def test_x_and_y_functions_of_s_and_t():
    sol = chain_rule("x^2 - y^2", {"x": "s*t", "y": "s + t"}, ["s", "t"])
    composed = (s * t) ** 2 - (s + t) ** 2
    assert sympy.expand(sol.result[0] - sympy.diff(composed, s)) == 0
    assert sympy.expand(sol.result[1] - sympy.diff(composed, t)) == 0
    assert [str(d.expression) for d in sol.step.derivations] == ["∂z/∂s", "∂z/∂t"]
    assert sol.agreed and len(sol.checks) == 2
    at = chain_rule("x^2 - y^2", {"x": "s*t", "y": "s + t"}, ["s", "t"], at="s=1, t=2")
    assert at.result == sympy.Tuple(2, -2)


def test_two_level_nesting_sums_over_paths():
    sol = chain_rule("x*y", {"x": "u^2", "y": "u + t", "u": "sin(t)"}, "t")
    paths = [[r.name for r in p] for p in sol.step.formula.paths]
    assert paths == [["∂z/∂x", "dx/du", "du/dt"], ["∂z/∂y", "∂y/∂t"],
                     ["∂z/∂y", "∂y/∂u", "du/dt"]]
    composed = sympy.sin(t) ** 2 * (sympy.sin(t) + t)
    assert sympy.simplify(sol.result - sympy.diff(composed, t)) == 0
    assert sol.agreed
    substitution = sol.step.substitution
    assert isinstance(substitution, SubstituteBack) and not substitution.result.has(x, y, u)


def test_quadratic_cost_through_the_prediction():
    m, b, yhat = sympy.symbols("m b yhat", real=True)
    sol = chain_rule((yhat - y) ** 2, {yhat: m * x + b}, ["m", "b"], output="C")
    assert sympy.expand(sol.step.derivations[0].products.result - 2 * x * (yhat - y)) == 0
    assert sympy.expand(sol.result[0] - 2 * x * (m * x + b - y)) == 0
    assert sympy.expand(sol.result[1] - 2 * (m * x + b - y)) == 0


def test_the_dependency_tree_has_labelled_edges_in_levels():
    sol = chain_rule("x*y", {"x": "u^2", "y": "u + t", "u": "sin(t)"}, "t")
    z = sympy.Symbol("z", real=True)
    tree = sol.tree
    assert set(tree.edges) == {(z, x), (z, y), (x, u), (y, u), (y, t), (u, t)}
    assert tree.edges[z, x]["rate"].name == "∂z/∂x" and tree.edges[z, x]["derivative"] == y
    assert tree.edges[u, t]["derivative"] == sympy.cos(t)
    levels = {str(v): d["level"] for v, d in tree.nodes(data=True)}
    assert levels == {"z": 0, "x": 1, "y": 1, "u": 2, "t": 3}
    data = sol.tree_dict()
    assert {"from": "z", "to": "x", "rate": "∂z/∂x", "derivative": "y",
            "rate_latex": r"\frac{\partial z}{\partial x}", "derivative_latex": "y"} \
        in data["edges"]
    kinds = {n["name"]: n["kind"] for n in data["nodes"]}
    assert kinds == {"z": "output", "x": "intermediate", "y": "intermediate",
                     "u": "intermediate", "t": "variable"}


def test_every_edge_step_differentiates_its_own_expression():
    sol = chain_rule("exp(x) * y", {"x": "t^2", "y": "log(t)"}, "t")
    for edge in sol.step.edges:
        assert isinstance(edge, EdgePartial)
        assert edge.result == sympy.diff(edge.function, edge.rate.bottom)


@pytest.mark.parametrize(("outer", "inner", "var", "message"), [
    ("x + y", {"x": "y + t", "y": "x"}, "t", "cycle: x depends on y depends on x"),
    ("x", {"x": "x + t"}, "t", "x is defined in terms of itself"),
    ("x", {"x": "t", "w": "t"}, "t", "z does not depend on w"),
    ("x", {"x": "cos(t)"}, "s", "nothing depends on s"),
    ("x", {"x": "cos(t)"}, "x", "x is defined in terms of other variables"),
    ("x", {}, "t", "mapping of names"),
    ("x", {"2x": "t"}, "t", "must be a variable name"),
    ("x", {"x": "cos(t"}, "t", "column"),
    ("x", {"x": "t"}, [], "list of names"),
    ("z + x", {"x": "t"}, "t", "z is defined in terms of itself"),
    ("x", {"x": None}, "t", "expected math text"),
    ("x", {"x": "t"}, 5, "list of names"),
    ("x", {"x": "t"}, ["t", 3], "must be a variable name"),
    ("x", {3: "t"}, "t", "must be a variable name"),
    ("x", {"x": "t < 1"}, "t", "in the definition of x: unexpected"),
])
def test_bad_input_is_refused_clearly(outer, inner, var, message):
    with pytest.raises(InputError, match=message):
        chain_rule(outer, inner, var)


@pytest.mark.parametrize(("at", "message"), [
    ("x=1", "not one of the variables"), ("t=y", "finite real number"),
    ({"s": 1}, "not one of"), ("", "empty"), ("t", "name=value"), (3, "text such as"),
])
def test_bad_points_are_refused_clearly(at, message):
    with pytest.raises(InputError, match=message):
        chain_rule("x^2 - y^2", {"x": "cos(t)", "y": "sin(t)"}, "t", at=at)


def test_a_point_must_give_every_variable_the_result_uses():
    with pytest.raises(InputError, match="s is missing"):
        chain_rule("x", {"x": "s*t"}, "t", at="t=1")
    with pytest.raises(InputError, match="not defined at t = 0"):
        chain_rule("1/x", {"x": "t"}, "t", at="t=0")


def test_assignments_split_on_top_level_commas_only():
    assert read_assignments("x=log(t, 2), y=sin(t)") == {"x": "log(t, 2)", "y": "sin(t)"}
    assert read_assignments(" x = cos(t) ,y=sin(t)") == {"x": "cos(t)", "y": "sin(t)"}
    for bad, message in [("x=t, x=s", "twice"), ("=t", "not name=expression"),
                         ("x=t,", "empty item"), ("x", "not name=expression"),
                         ("2x=t", "not a variable name"), ("  ", "empty")]:
        with pytest.raises(InputError, match=message):
            read_assignments(bad)


_LEAVES = [t, s, sympy.Integer(2)]
_UNARY = [sympy.sin, sympy.cos, sympy.exp, lambda e: e**2, lambda e: e**3 + e,
          lambda e: sympy.log(1 + e**2), sympy.tanh]


@st.composite
def expressions(draw, symbols, depth=2):
    """A random expression in ``symbols``: sums, products and unary functions."""
    if depth == 0 or draw(st.booleans()):
        return draw(st.sampled_from(symbols))
    kind = draw(st.sampled_from(["add", "mul", "unary"]))
    a = draw(expressions(symbols, depth - 1))
    if kind == "unary":
        return draw(st.sampled_from(_UNARY))(a)
    b = draw(expressions(symbols, depth - 1))
    return a + b if kind == "add" else a * b


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_chain_rule_agrees_with_substituting_first(data):
    """Two levels: z = f(x, y), y = g(x, t, s), x = h(t, s) + t (so t is always reached)."""
    outer = data.draw(expressions([x, y, x * y])) + x * y
    inner = {"x": data.draw(expressions(_LEAVES)) + t, "y": data.draw(expressions([x, t, s]))}
    sol = chain_rule(outer, inner, "t", timeout=None)
    composed = outer.xreplace({y: inner["y"]}).xreplace({x: inner["x"]})
    expected = sympy.diff(composed, t)
    point = {t: 0.37, s: -0.81}
    assert complex(sol.result.evalf(30, subs=point)) == pytest.approx(
        complex(expected.evalf(30, subs=point)), rel=1e-9, abs=1e-9)
    assert sol.agreed


def test_solutions_survive_pickling_and_copying():
    import copy
    import pickle

    sol = chain_rule("x^2 - y^2", {"x": "cos(t)", "y": "sin(t)"}, "t", at="t=1")
    again = pickle.loads(pickle.dumps(sol))
    assert again.to_text() == sol.to_text() and again.tree_dict() == sol.tree_dict()
    rate = sol.step.substep.formula.paths[0][0]
    assert copy.deepcopy(rate).partial and copy.deepcopy(rate) == rate


def test_a_direct_dependence_is_a_path_of_its_own():
    """z = x t with x = t^2: dz/dt (total) = ∂z/∂t (the direct path) + ∂z/∂x dx/dt."""
    sol = chain_rule("x t", {"x": "t^2"}, "t")
    assert [[r.name for r in p] for p in sol.step.formula.paths] == [["∂z/∂t"],
                                                                     ["∂z/∂x", "dx/dt"]]
    assert sol.step.formula.rate.name == "dz/dt" and sol.result == 3 * t**2
