"""Rich display in Jupyter: each result's mime bundle has the right keys and real content.

The bundles are passed through IPython's own display formatter, which is what a notebook
calls, so a bundle that IPython would reject (a non-string value, a bad key) fails. The
formatter is set up as ``import calcml`` sets up a kernel's (calcml.notebook adds the
figures of traces and histories, which the engines do not draw); the last tests check that
set-up itself, in a real IPython shell, and that the engines display without calcml.plot.
"""

from __future__ import annotations

import base64
import re
import subprocess
import sys
import textwrap

import pytest
from IPython.core.formatters import DisplayFormatter

import calcml
from calcml.autodiff import Tensor, trace
from calcml.exercises import generate
from calcml.learn import SGD, History, Line, datasets, mse, train
from calcml.metrics import roc_report
from calcml.metrics.worked import HOTDOG
from calcml.notebook import register_display
from calcml.numeric import integrate
from calcml.steps import Solution


def shown(obj: object) -> dict:
    """What Jupyter receives when ``obj`` ends a cell."""
    formatter = DisplayFormatter()
    register_display(formatter)
    data, _ = formatter.format(obj)
    return data


def svg_texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)<", svg)


def test_solution_has_text_latex_and_html_with_the_derivative():
    data = shown(calcml.derivative("x^2 + 2x + 2"))
    assert {"text/plain", "text/latex", "text/html"} <= set(data)
    assert "2 x + 2" in data["text/latex"]
    assert "\\frac{d}{d x}" in data["text/latex"]
    assert "<math" in data["text/html"] and "Power rule" in data["text/html"]
    assert data["text/plain"].splitlines()[0] == "d/dx (x² + 2x + 2) = 2x + 2"


@pytest.mark.parametrize(("notation", "mark"), [("leibniz", "\\frac{dy}{dx}"),
                                                ("lagrange", "f'")])
def test_solution_notation_is_chosen_on_the_class(monkeypatch, notation, mark):
    monkeypatch.setattr(Solution, "display_notation", notation)
    assert mark in shown(calcml.derivative("x^2 + 2x + 2"))["text/latex"]


def test_limit_solution_shows_its_value():
    data = shown(calcml.limit("(x^2-1)/(x-1)", "x", 1))
    assert "= 2" in data["text/plain"].splitlines()[0]
    assert "\\lim" in data["text/latex"]


def test_tensor_shows_value_and_gradient_in_latex():
    x = Tensor(5.0, requires_grad=True, name="x")
    (x ** 2).backward()
    data = shown(x)
    assert data["text/plain"] == "Tensor(5., requires_grad=True, name='x')"
    assert data["text/latex"].startswith("$x = 5")
    assert "grad } = 10" in data["text/latex"]


def test_tensor_matrix_is_a_bmatrix_and_a_large_one_only_text():
    data = shown(Tensor([[1.0, 2.0], [3.0, 4.0]]))
    assert data["text/latex"] == "$\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$"
    assert set(shown(Tensor([0.0] * 100))) == {"text/plain"}


def test_trace_svg_holds_the_values_and_the_adjoints():
    data = shown(trace(lambda m, x, b: m * x + b, 0.9, 7.0, 0.1, output="y"))
    assert {"text/plain", "text/html", "image/svg+xml"} <= set(data)
    texts = svg_texts(data["image/svg+xml"])
    # forward values of the inputs, the product m*x = 6.3 and the output 6.4 ...
    for value in ("0.9", "7", "0.1", "6.3", "y = 6.4"):
        assert value in texts
    # ... and the gradients sent back: dy/dm = x = 7, dy/dx = m = 0.9, dy/db = 1
    for adjoint in ("dy/dm = 7", "dy/dx = 0.9", "dy/db = 1"):
        assert adjoint in texts
    assert data["image/svg+xml"] in data["text/html"]
    assert "Backward pass of y" in data["text/plain"]


def test_trace_alone_shows_its_table_and_backward_pass():
    data = trace(lambda m, x, b: m * x + b, 0.9, 7.0, 0.1, output="y")._repr_mimebundle_()
    assert set(data) == {"text/plain", "text/html"}
    # m*x = 6.3 with adjoint dy/d(mx) = 1; the output y = mx + b = 6.4; dy/dm = x = 7
    assert "<td>v3</td><td>m * x</td><td>6.3</td><td>1</td>" in data["text/html"]
    assert "<td>y</td><td>v3 + b</td><td>6.4</td><td>1</td>" in data["text/html"]
    assert "<td>m</td><td>input</td><td>0.9</td><td>7</td>" in data["text/html"]
    assert "Result: dy/dm = 7, dy/dx = 0.9, dy/db = 1." in data["text/plain"]


def test_worked_autodiff_exercise_shows_legend_graph_and_table():
    exercise = generate("autodiff-by-hand", 0, 1)
    data = shown(exercise.solution())
    assert data["text/plain"].startswith("In the trace, ")
    assert "adjoint dC/d(node)" in data["text/html"]
    assert "C = " in " ".join(svg_texts(data["image/svg+xml"]))


def course_history(epochs: int = 20) -> History:
    x, y = datasets.course_regression()
    model = Line(m=0.9, b=0.1)
    return train(model, x, y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
                 epochs=epochs, quiet=True)


def test_history_shows_the_cost_curve():
    data = shown(course_history())
    assert {"text/plain", "text/html", "image/svg+xml", "image/png"} <= set(data)
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    texts = svg_texts(data["image/svg+xml"])
    assert "Cost per epoch (20 epochs)" in texts
    assert "start: C = 19.68" in texts  # the course's starting cost
    assert "20 epochs: cost 19.6755 at the start" in data["text/html"]


def test_history_alone_shows_its_summary():
    data = course_history(3)._repr_mimebundle_()
    assert set(data) == {"text/plain", "text/html"}
    assert data["text/plain"].startswith("<History of 3 epochs, final cost ")
    assert "3 epochs: cost 19.6755 at the start" in data["text/html"]


def test_empty_history_is_text_only():
    assert set(shown(History())) == {"text/plain"}


def test_quadrature_shows_the_integral_and_its_work():
    data = shown(integrate("x/2", 1, 2))
    assert data["text/latex"] == "$$\\int_{1}^{2} \\frac{x}{2}\\, dx \\approx 0.75$$"
    assert "<th>estimate</th><td>0.75</td>" in data["text/html"]
    assert "<th>evaluations of f</th><td>21</td>" in data["text/html"]
    assert data["text/plain"].startswith("integral of x/2 from 1 to 2 ~ 0.75")


def test_quadrature_of_a_python_function_keeps_its_name():
    def g(t):
        return t * t

    assert "\\text{g(x)}" in shown(integrate(g, 0, 3))["text/latex"]


def test_roc_report_shows_matrix_rates_and_auc():
    data = shown(roc_report(*HOTDOG, threshold=0.65))
    html = data["text/html"]
    assert "<th>actual 1</th><td>1</td><td>1</td>" in html  # FN = 1, TP = 1 at 0.65
    assert "<th>AUC by the trapezoid rule</th><td>0.75</td>" in html
    assert "<th>AUC as P(positive outscores negative)</th><td>0.75</td>" in html
    assert "Confusion matrix" in data["text/plain"]


def run_python(code: str) -> str:
    """Run ``code`` in a new Python (nothing imported yet); its printed output."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=120, check=True)
    return done.stdout


def test_import_calcml_in_ipython_shows_the_graph():
    """A plain ``import calcml`` in an IPython shell is enough for the figures."""
    out = run_python("""
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance()
        import calcml
        from calcml.autodiff import trace
        data, _ = shell.display_formatter.format(trace(lambda x: x * x, 5.0, output="y"))
        print(sorted(data), "dy/dx = 10" in data["image/svg+xml"])
        """)
    assert out.strip() == "['image/svg+xml', 'text/html', 'text/plain'] True"


def test_engines_display_without_the_figures_layer():
    """Outside IPython nothing is registered, and every engine's display works without
    calcml.plot or calcml.notebook ever being imported."""
    out = run_python("""
        import sys
        import calcml
        from calcml.autodiff import Tensor, trace
        from calcml.learn import History
        from calcml.metrics import roc_report
        from calcml.numeric import integrate
        for result in (trace(lambda x: x * x, 5.0), History(cost=[2.0, 1.0], lr=[0.1] * 2),
                       Tensor(5.0), calcml.derivative("x^2"), integrate("x/2", 1, 2),
                       roc_report([0, 1], [0.2, 0.8], threshold=0.5)):
            bundle = result._repr_mimebundle_()
            assert {"text/html", "text/latex"} & set(bundle), bundle
        print([m for m in sys.modules if m.startswith(("calcml.plot", "calcml.notebook"))])
        """)
    assert out.strip() == "[]"
