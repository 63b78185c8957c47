"""The course's eight lessons as the web app shows them: topics and calculators.

This is page data only (titles, form fields, the course's examples as defaults); the
computation behind each calculator is in :mod:`calcml.web.views`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    """One input of a calculator's form. ``kind``: expr (math text with live preview),
    text, number, range (a slider), select, checkbox or csv (text area and upload)."""

    name: str
    label: str
    default: str = ""
    kind: str = "text"
    help: str = ""
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    step: float | None = None


@dataclass(frozen=True)
class Calculator:
    """A calculator on a lesson page: its form and what it shows."""

    name: str
    title: str
    intro: str
    fields: tuple[Field, ...]
    method: str = "get"

    def defaults(self) -> dict[str, str]:
        """The course's example, as the form starts.

        >>> LESSONS[2].calculators[0].defaults()["expr"]
        '(x^2 - 1)/(x - 1)'
        """
        return {f.name: f.default for f in self.fields}


@dataclass(frozen=True)
class Lesson:
    number: int
    title: str
    topics: tuple[str, ...]
    calculators: tuple[Calculator, ...] = field(default=())

    def calculator(self, name: str) -> Calculator | None:
        """The calculator called ``name`` on this page, or None."""
        return next((c for c in self.calculators if c.name == name), None)


def expr(default: str, label: str = "f(x) =") -> Field:
    return Field("expr", label, default, "expr", "Math text, e.g. x^2 + 2x + 2 or sin(x)/x.")


def var(default: str = "x") -> Field:
    return Field("var", "Variable", default, "text")


def at(default: str, label: str = "At", help_text: str = "") -> Field:
    return Field("at", label, default, "text", help_text)


CSV_HOTDOG = "label,score\n0,0.3\n1,0.6\n0,0.7\n1,0.9\n"
METHODS = ("left", "right", "midpoint", "trapezoid", "simpson", "gauss-legendre")

ORIENTATION = Lesson(1, "Orientation to calculus", (
    "Differential calculus: the slope of distance over time is speed",
    "Integral calculus: the area under speed over time is distance",
    "A short history, up to machine learning",
    "The method of exhaustion: areas by ever finer shapes",
), (Calculator("exhaustion", "The method of exhaustion",
               "Rectangles under the curve and over it squeeze the area between them; "
               "more strips, a tighter squeeze.",
               (expr("x^2"), Field("from", "From", "0"), Field("to", "To", "1"),
                Field("n", "Strips", "8", "range", low=1, high=64, step=1))),))

LIMITS = Lesson(2, "Limits", (
    "Continuous and discontinuous functions",
    "Limits by factoring and by approaching from both sides",
    "Limits at infinity", "One-sided limits and limits that do not exist",
), (Calculator("limit", "A limit, worked",
               "The limit with the rules that find it, the table of values approaching the "
               "point from both sides, and the graph.",
               (expr("(x^2 - 1)/(x - 1)"), at("1", "x approaches", "A number, pi/2, oo or -oo."),
                Field("dir", "From", "+-", "select", choices=("+-", "+", "-"),
                      help="+- both sides, + from the right, - from the left."), var())),
    Calculator("continuity", "Continuity",
               "Continuous at a point (defined, has a limit, and the two agree), or the "
               "discontinuities on an interval.",
               (expr("1/x"), at("", "At (leave empty to search an interval)"),
                Field("on", "Interval a,b", "-10,10"), var()))))

DERIVATIVES = Lesson(3, "Differentiation", (
    "The delta method: the slope between P and Q as Q approaches P",
    "dy/dx = lim (f(x + Δx) - f(x))/Δx as Δx → 0", "Leibniz, Lagrange and Newton notation",
    "Constant, power, constant-multiple and sum rules",
), (Calculator("delta", "The delta method",
               "Move Q toward P: the secant's slope approaches the tangent's.",
               (expr("x^2 + 2x + 2"), at("2", "P at x ="),
                Field("dx", "Δx", "3", "range", "The distance from P to Q.", low=0.001,
                      high=3, step=0.001))),
    Calculator("diff", "A derivative, worked",
               "The derivative with every rule that produces it, and the curve's secants "
               "closing in on the tangent.",
               (expr("x^2 + 2x + 2"), var(), Field("order", "Order", "1", "number", low=1,
                                                   high=10, step=1),
                Field("notation", "Notation", "leibniz", "select",
                      choices=("operator", "leibniz", "lagrange", "newton")),
                at("2", "Tangent at")))))

ADVANCED = Lesson(4, "Advanced differentiation rules", (
    "The product rule", "The quotient rule", "The chain rule",
    "The general power rule for chained functions",
), (Calculator("diff", "A derivative, worked",
               "Product, quotient and chain rules, each step named and explained.",
               (expr("(2x^2 + 5)^3 sin(x)"), var(),
                Field("order", "Order", "1", "number", low=1, high=10, step=1),
                Field("notation", "Notation", "leibniz", "select",
                      choices=("operator", "leibniz", "lagrange", "newton")),
                at("1", "Tangent at"))),
    Calculator("tangent", "The tangent line",
               "The slope at a point and the line y = mx + b that touches the curve there.",
               (expr("x/(x^2 + 1)"), at("1", "At x ="), var()))))

AUTODIFF = Lesson(5, "Automatic differentiation", (
    "Autodiff in PyTorch and TensorFlow 2", "A line y = mx + b as a graph (a DAG)",
    "Fitting a line to data by machine learning", "Cost (loss) functions",
    "Differentiable programming",
), (Calculator("autodiff", "y = mx + b as a graph",
               "Values flow forward through the graph; the adjoints (dy/d node) flow back, "
               "one chain-rule product per edge.",
               (Field("m", "m", "0.9", "number", step=0.1),
                Field("x", "x", "7", "number", step=0.1),
                Field("b", "b", "0.1", "number", step=0.1))),))

PARTIALS = Lesson(6, "Partial derivatives", (
    "Multivariate functions", "Slices of z = x² − y²; the volume of a cylinder",
    "Partial-derivative notation", "The partial-derivative chain rule",
), (Calculator("partial", "A partial derivative",
               "The other variables are held constant; the slices through the point show "
               "each slope.",
               (expr("x^2 - y^2", "z ="), var(), at("x=3, y=0", "At",
                                                     "A value for every variable."))),
    Calculator("chain", "The chain rule, as a tree",
               "dz/dt = ∂z/∂x dx/dt + ∂z/∂y dy/dt: one product per path through the tree.",
               (expr("x^2 - y^2", "z ="), Field("with", "With", "x=cos(t), y=sin(t)"),
                var("t"), at("", "At (optional)", "e.g. t=1")))))

GRADIENTS = Lesson(7, "Gradients", (
    "Single-point regression and quadratic cost", "The gradient ∇C",
    "Descending the gradient", "Mean squared error for batches", "Backpropagation",
    "Higher-order partial derivatives",
), (Calculator("grad", "A gradient, worked",
               "The column of partial derivatives, compared with autodiff and finite "
               "differences, and the arrows of the field.",
               (expr("x^2 - y^2", "f ="), Field("vars", "Variables in order", ""),
                at("x=2, y=3", "At"))),
    Calculator("descent", "Gradient descent on the course's data",
               "y = mx + b fitted to the course's eight points by full-batch gradient "
               "descent from m = 0.9, b = 0.1.",
               (Field("lr", "Learning rate", "0.01", "number", low=0.0001, high=1,
                      step=0.0001),
                Field("epochs", "Epochs", "1000", "range", low=1, high=5000, step=1)))))

INTEGRALS = Lesson(8, "Integrals", (
    "Binary classification and the confusion matrix", "The ROC curve",
    "Indefinite and definite integrals", "Numeric integration",
    "The area under the ROC curve",
), (Calculator("integrate", "An integral, worked",
               "An antiderivative with its rules, or a definite integral with its shaded "
               "area.",
               (expr("x/2"), var(), Field("from", "From", "1"), Field("to", "To", "2"))),
    Calculator("numeric", "Numeric integration",
               "A rule adds up simple shapes; more strips, a better estimate.",
               (expr("x/2"), Field("from", "From", "1"), Field("to", "To", "2"),
                Field("method", "Rule", "midpoint", "select", choices=METHODS),
                Field("n", "Strips n", "6", "range", low=1, high=64, step=1))),
    Calculator("roc", "ROC curve and AUC from a CSV file",
               "Upload a CSV file with true classes and scores (or edit the data); the "
               "threshold picks the point on the curve and the confusion matrix.",
               (Field("csv", "CSV data", CSV_HOTDOG, "csv"),
                Field("label", "Class column", "label"),
                Field("score", "Score column", "score"),
                Field("threshold", "Threshold", "0.5", "range", low=0, high=1, step=0.01)),
               method="post")))

LESSONS: dict[int, Lesson] = {lesson.number: lesson for lesson in (
    ORIENTATION, LIMITS, DERIVATIVES, ADVANCED, AUTODIFF, PARTIALS, GRADIENTS, INTEGRALS)}
