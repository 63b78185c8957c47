"""Lesson calculators on numbers and data: exhaustion, numeric integration, the autodiff
graph of y = mx + b, gradient descent on the course's data, and ROC from a CSV file."""

from __future__ import annotations

from calcml.errors import InputError
from calcml.expr.tables import format_number
from calcml.frontend import data
from calcml.web.files import csv_file
from calcml.web.views import View, new_view, number, svg, table, view

MAX_STRIPS = 256
MAX_PAGE_EPOCHS = 5000


def strips(options: dict[str, str]) -> int:
    """The number of strips, 1 to MAX_STRIPS.

    >>> strips({"n": "8"})
    8
    """
    n = number(options, "n", "The number of strips", int)
    if not 1 <= n <= MAX_STRIPS:
        raise InputError(f"the number of strips must be from 1 to {MAX_STRIPS}, got {n}")
    return n


@view("exhaustion")
def exhaustion_view(options: dict[str, str]) -> View:
    from calcml.numeric.exhaustion import area_by_rectangles
    from calcml.plot.exhaustion import plot_rectangles

    expr, a, b, n = options["expr"], options["from"], options["to"], strips(options)
    counts = sorted({n, *(k for k in (1, 2, 4, 8, 16, 32, 64, 128) if k < n)})[-5:]
    bracket = area_by_rectangles(expr, a, b, strips=counts)
    out = new_view()
    out["summary"] = (f"With {n} strips: {format_number(bracket.lower[-1])} ≤ area ≤ "
                      f"{format_number(bracket.upper[-1])}")
    out["tables"].append(table(bracket))
    out["figures"].append(svg(plot_rectangles(bracket, strips=(n,)),
                              "Rectangles under and over the curve"))
    return out


@view("numeric")
def numeric_view(options: dict[str, str]) -> View:
    from calcml.numeric import integrate, with_exact
    from calcml.plot.integrals import plot_rule

    expr, a, b, n = options["expr"], options["from"], options["to"], strips(options)
    method = options.get("method") or "midpoint"
    estimate = integrate(expr, a, b, method=method, n=n)
    out = new_view()
    out["summary"] = estimate.to_text().splitlines()[0]
    out["notes"] = estimate.to_text().splitlines()[1:]
    out["figures"].append(svg(plot_rule(with_exact(estimate)),
                              f"The {method} rule with n = {n}"))
    return out


@view("autodiff")
def autodiff_view(options: dict[str, str]) -> View:
    from calcml.autodiff.trace import trace
    from calcml.plot.graph import plot_graph

    m, x, b = (number(options, k, k) for k in ("m", "x", "b"))
    graph = trace(lambda m, x, b: m * x + b, m, x, b, output="y")
    out = new_view()
    out["summary"] = (f"y = {format_number(m)} × {format_number(x)} + {format_number(b)} = "
                      f"{format_number(graph.value)}")
    rows = [[n.label, n.kind if n.op is None else n.expression,
             format_number(n.value.item()), format_number(n.adjoint.item())]
            for n in graph.nodes]
    out["tables"].append({"title": "Forward values and adjoints", "rows": rows,
                          "columns": ["node", "operation", "value", "adjoint dy/d(node)"],
                          "notes": []})
    out["notes"] = graph.backward_text().splitlines()
    out["figures"].append(svg(plot_graph(graph), "The graph: values forward, gradients back"))
    return out


@view("descent")
def descent_view(options: dict[str, str]) -> View:
    from calcml.learn import GD, Line, TrainingDiverged, mse, train
    from calcml.learn.datasets import course_regression
    from calcml.plot.learn import plot_cost_curve, plot_regression

    lr = number(options, "lr", "The learning rate")
    epochs = number(options, "epochs", "Epochs", int)
    if not (0 < lr <= 10 and 1 <= epochs <= MAX_PAGE_EPOCHS):
        raise InputError(f"the learning rate must be in (0, 10] and the epochs from 1 to "
                         f"{MAX_PAGE_EPOCHS}; got lr = {lr:g}, {epochs} epochs")
    x, y = course_regression()
    line = Line(m=0.9, b=0.1)
    try:
        history = train(line, x, y, cost=mse, optimizer=GD(line.parameters(), lr=lr),
                        epochs=epochs, quiet=True)
    except TrainingDiverged as err:
        raise InputError(str(err)) from None
    m, b = (float(v.numpy().ravel()[0]) for v in (line.m, line.b))
    out = new_view()
    out["summary"] = (f"After {epochs} epochs at learning rate {lr:g}: m = {m:.4g}, "
                      f"b = {b:.4g}, cost C = {history.final_cost:.4g}")
    out["figures"].append(svg(plot_cost_curve(history), "The cost at every epoch"))
    out["figures"].append(svg(plot_regression(history, x, y), "The line as it fits"))
    return out


@view("roc")
def roc_view(options: dict[str, str]) -> View:
    from calcml.plot.roc import plot_confusion_matrix, plot_roc

    threshold = number(options, "threshold", "The threshold")
    label, score = options["label"], options["score"]
    with csv_file(options.get("name") or "data.csv", options["csv"]) as name:
        report = data.roc(name, label, score, threshold)
    out = new_view()
    out["html"].append(report._repr_mimebundle_()["text/html"])
    out["tables"].append(table(report.table))
    out["figures"].append(svg(plot_roc(report, title=f"ROC curve: {score} against {label}"),
                              "The ROC curve and the point at the threshold"))
    out["figures"].append(svg(plot_confusion_matrix(report.confusion),
                              "The confusion matrix at the threshold"))
    return out
