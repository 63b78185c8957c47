"""Worked solutions read forward, at the detail asked for, in the same order in every format.

The assertions are on structure (which rule comes where, which lines exist, what a format
contains), not on wording.
"""

import re

import grimp
import networkx as nx
import pytest

import calcml
from calcml.steps.outline import outline

FAMILIES = {
    "derivative": lambda: calcml.derivative("x^2 sin(x)"),
    "integral": lambda: calcml.integral("x*exp(x)"),
    "definite integral": lambda: calcml.integral("x^2", "x", 0, 1),
    "limit": lambda: calcml.limit("(x^2 - 1)/(x - 1)", "x", 1),
    "partial": lambda: calcml.partial("x^2*y + y", "x", at="x=1,y=2"),
    "gradient": lambda: calcml.gradient("x^2*y + sin(y)", at="x=1,y=0"),
    "hessian": lambda: calcml.hessian("x^2*y"),
    "chain rule": lambda: calcml.chain_rule("x^2 - y^2", {"x": "s*t", "y": "s + t"}, ["s"]),
    "cost gradient": lambda: calcml.quadratic_cost_gradient(x=7, y=-1.37, m=0.9, b=0.1),
    "continuity": lambda: calcml.continuity("(x^2 - 1)/(x - 1)", "x", at=1),
}


def _rules(lines) -> list[str]:
    """The rules of the top-level lines, in reading order."""
    return [line.step.rule for line in lines]


def _walk(entries):
    for entry in entries:
        yield entry
        yield from _walk(entry["substeps"])


@pytest.fixture(scope="module")
def solutions():
    return {name: make() for name, make in FAMILIES.items()}


@pytest.mark.parametrize(("family", "first", "last"), [
    ("derivative", "Product rule", "Simplify"),
    ("integral", "Integration by parts", "Add the constant of integration"),
    ("definite integral", "Power rule", "Signed area"),
    ("limit", "Indeterminate form", "Direct substitution"),
    ("partial", "Partial derivative", "Evaluate at the point"),
    ("gradient", "Gradient", "Evaluate at the point"),
    ("hessian", "Hessian", "Hessian"),
    ("chain rule", "Partial-derivative chain rule", "Partial-derivative chain rule"),
    ("cost gradient", "Chain rule for each variable", "Put in the numbers"),
    ("continuity", "Value at the point", "Continuity conditions"),
])
def test_the_method_comes_first_and_tidying_or_evaluation_last(solutions, family, first,
                                                                  last):
    rules = _rules(outline(solutions[family].step))
    assert rules[0] == first and rules[-1] == last


def test_no_root_line_is_a_tidy_up_with_the_method_buried_below(solutions):
    for name, sol in solutions.items():
        top = outline(sol.step, "full")
        assert not top[0].step.followed, name
        for i, line in enumerate(top):
            for done in line.step.followed:
                # what it follows was printed before it, at the same level
                assert done in [earlier.step for earlier in top[:i]], name


def test_each_tidy_line_starts_from_the_result_of_the_line_before():
    sol = calcml.derivative("x^2 sin(x)")
    method, tidy = outline(sol.step)
    assert tidy.equality[0] == method.equality[1]
    assert tidy.equality[1] == sol.result


def test_a_definite_integral_finds_the_antiderivative_before_evaluating_it():
    lines = outline(calcml.integral("x^2", "x", 0, 1).step)
    assert [line.step.rule for line in lines][:2] == ["Power rule",
                                                      "Fundamental theorem of calculus"]


def test_brief_has_no_reasons_normal_has_one_per_line_full_has_every_step(solutions):
    for name, sol in solutions.items():
        brief = list(_walk(sol.to_dict("brief")["steps"]))
        normal = list(_walk(sol.to_dict("normal")["steps"]))
        full = list(_walk(sol.to_dict("full")["steps"]))
        assert all(entry["explanation"] is None for entry in brief), name
        assert all(entry["explanation"] for entry in normal + full), name
        assert len(full) == sum(1 for _ in sol.step.walk()), name
        assert len(brief) <= len(normal) <= len(full), name


def test_normal_folds_plain_steps_into_their_parent():
    sol = calcml.derivative("sin(3x + 1)")
    full = [e["rule"] for e in _walk(sol.to_dict("full")["steps"])]
    normal = [e["rule"] for e in _walk(sol.to_dict("normal")["steps"])]
    assert {"Variable rule", "Constant rule", "Sum rule"} <= set(full)
    assert normal == ["Chain rule", "Trigonometric rule"]


def test_brief_drops_a_line_that_only_repeats_the_one_above_it():
    sol = calcml.partial("x^2*y + sin(y)", "x")
    normal = [(e["rule"], e["expression"], e["result"]) for e in _walk(sol.to_dict()["steps"])]
    brief = [(e["rule"], e["expression"], e["result"])
             for e in _walk(sol.to_dict("brief")["steps"])]
    assert [rule for rule, *_ in normal][:2] == ["Partial derivative", "Sum rule"]
    assert normal[0][1:] == normal[1][1:]  # the sum rule repeats the partial's equality
    assert [rule for rule, *_ in brief][:2] == ["Partial derivative", "Constant multiple rule"]
    assert all(line in normal for line in brief)


def test_a_plain_problem_still_shows_its_one_line():
    sol = calcml.derivative("x")
    assert [e["rule"] for e in sol.to_dict("brief")["steps"]] == ["Variable rule"]


def _text_rules(text: str) -> list[str]:
    return re.findall(r"^\s*[\d.]+\. ([^:]+):", text, flags=re.M)


def _latex_rules(latex: str) -> list[str]:
    return re.findall(r"\\textbf\{[\d.]+\. \}\\text\{([^:]+): \}", latex)


def _html_rules(html: str) -> list[str]:
    return re.findall(r"<strong>([^<]+)</strong>", html)


@pytest.mark.parametrize("detail", ["brief", "normal", "full"])
def test_text_latex_html_and_json_keep_one_order(solutions, detail):
    for name, sol in solutions.items():
        json_rules = [e["rule"] for e in _walk(sol.to_dict(detail)["steps"])]
        assert _text_rules(sol.to_text(detail=detail)) == json_rules, name
        assert _latex_rules(sol.to_latex(detail=detail)) == json_rules, name
        assert _html_rules(sol.to_html(detail=detail)) == json_rules, name


def test_reasons_appear_in_every_format_only_above_brief():
    sol = calcml.derivative("x^2 sin(x)")
    for detail, shown in (("brief", False), ("normal", True)):
        assert ("<p>" in sol.to_html(detail=detail).split("</p>", 1)[1]) is shown
        assert (r"\qquad" in sol.to_latex(detail=detail)) is shown
        lines = sol.to_text(detail=detail).splitlines()
        assert any(not re.match(r"\s*[\d.]+\. ", ln) and ln.startswith("   ")
                   for ln in lines) is shown


def test_latex_renders_in_mathjax_and_a_document_and_keeps_the_checks(solutions):
    for name, sol in solutions.items():
        latex = sol.to_latex(detail="full")
        assert "enumerate" not in latex and "itemize" not in latex and r"\item" not in latex
        assert latex.startswith("\\[\n\\begin{array}{l}") and latex.endswith("\\end{array}\n\\]")
        assert latex.count("Check (") == len(sol.checks) > 0, name
        assert "$" not in latex.replace(r"\$", ""), name  # no inline math inside \text
        for words in re.findall(r"\\text\{([^{}]*)\}", latex):
            assert not set(words) & set("_^%&#$\\<>|~"), (name, words)
        depth = 0
        for ch in latex.replace(r"\{", "").replace(r"\}", ""):
            depth += {"{": 1, "}": -1}.get(ch, 0)
            assert depth >= 0, name
        assert depth == 0, name


def test_an_unknown_detail_is_a_clear_error():
    with pytest.raises(calcml.InputError, match="unknown detail 'some'.*brief, normal, full"):
        calcml.derivative("x^2").to_text(detail="some")


def test_there_is_no_import_cycle_among_the_step_modules_counting_function_level_imports():
    graph = grimp.build_graph("calcml", exclude_type_checking_imports=True, cache_dir=None)
    steps = {m for m in graph.modules if m == "calcml.steps" or m.startswith("calcml.steps.")}
    edges = nx.DiGraph()
    for module in steps:
        for imported in graph.find_modules_directly_imported_by(module) & steps:
            edges.add_edge(module, imported)
    assert edges.number_of_edges() > 30
    assert list(nx.simple_cycles(edges)) == []
    assert not graph.find_modules_directly_imported_by("calcml.steps.base") & steps
