"""Format renderers for solutions: plain text, LaTeX, HTML, and a JSON-ready dict.

Each prints the same outline (:mod:`calcml.steps.outline`: the lines in reading order at
the chosen detail) with math in its own format; the words of each step come from the
registry of explanations (:mod:`calcml.steps.explain`). :func:`render` is the one entry
point; ``Solution.render`` and its ``to_*`` methods call it.
"""

from __future__ import annotations

import sympy

from calcml.errors import InputError
from calcml.expr.asciify import plain_ascii
from calcml.expr.printing import ascii_mode, hang, to_latex, to_text
from calcml.steps.base import Solution, Step, provides
from calcml.steps.outline import Line, check_detail, numbered, outline
from calcml.steps.render_base import NOTATIONS, Renderer, check_text
from calcml.steps.render_html import HtmlRenderer
from calcml.steps.render_latex import LatexRenderer

__all__ = ["NOTATIONS", "DictRenderer", "HtmlRenderer", "LatexRenderer", "Renderer",
           "TextRenderer", "claim_dict", "render", "renderer_for"]


class TextRenderer(Renderer):
    """Plain text, numbered steps indented by depth; a matrix as a list of rows."""

    def math(self, expr) -> str:
        if not isinstance(expr, sympy.Basic):
            return str(expr)
        return to_text(expr, ascii=True) if self.ascii else to_text(expr)

    def words(self, template: str) -> str:
        """The words; in Unicode text a minus between two pieces is the true minus sign."""
        return template if self.ascii or ascii_mode() else template.replace(" - ", " − ")

    def equation(self, left, right, relation: str = "=") -> str:
        """``left = right``; a matrix on several lines, the sides next to each other."""
        return beside(self.math(left), f" {self.sign(relation)} ", self.math(right))

    def render_solution(self, solution: Solution, detail: str = "normal") -> str:
        lines = [self.problem(solution), "", "Steps:"]
        for number, depth, line in numbered(outline(solution.step, detail)):
            lines += self.render_line(line, number, depth)
        lines += [""] + [check_text(c) for c in solution.checks]
        text = "\n".join(lines)
        return plain_ascii(text) if self.ascii else text  # the words too, in ASCII

    def render_line(self, line: Line, number: str, depth: int) -> list[str]:
        pad = "   " * (depth - 1)
        out = [hang(f"{pad}{number}. {line.step.rule}: ",
                    self.equation(*line.equality, line.step.relation))]
        if line.reason:
            out.append(f"{pad}   {self.explanation(line.step)}")
        return out


class DictRenderer(Renderer):
    """A JSON-ready dict with stable keys; ``steps`` holds the lines in reading order, each
    with rule, expression and result (the two sides of its equality), explanation (None
    at the brief detail), claim and substeps."""

    def __init__(self, notation: str = "operator", ascii: bool = False) -> None:
        super().__init__(notation, ascii)
        self.text = TextRenderer(notation, ascii)

    def math(self, expr) -> str:
        """Text, except that a matrix is a list of rows on one line, for programs."""
        from calcml.steps.partials.rules import AtPoint  # here: only JSON needs the partials

        if isinstance(expr, AtPoint):
            return expr.described(self.math)
        if isinstance(expr, sympy.MatrixBase):
            return "[" + ", ".join("[" + ", ".join(self.math(e) for e in row) + "]"
                                   for row in expr.tolist()) + "]"
        return self.text.math(expr)

    def render_solution(self, solution: Solution, detail: str = "normal") -> dict:
        result = solution.shown_result
        return {
            "problem": self.math(solution.problem),
            "result": self.math(result),
            "result_latex": to_latex(result) if isinstance(result, sympy.Basic) else str(result),
            "detail": detail,
            "steps": [self.render_line(line) for line in outline(solution.step, detail)],
            "checks": [{"method": c.method, "agreed": c.agreed, "outcome": c.outcome.value,
                        "value": self.math(c.value) if c.value is not None else None,
                        "detail": c.detail} for c in solution.checks],
            **solution.extra_data(),
        }

    def render_line(self, line: Line) -> dict:
        left, right = line.equality
        return {
            "rule": line.step.rule,
            "expression": self.math(left),
            "relation": line.step.relation,
            "result": self.math(right),
            "explanation": self.text.explanation(line.step) if line.reason else None,
            "claim": claim_dict(line.step),
            "substeps": [self.render_line(child) for child in line.children],
        }


def claim_dict(step: Step) -> dict | None:
    """The step's claim with both sides in SymPy's ``srepr`` form, or None.

    >>> from calcml.steps.derivatives.rules import PowerRule
    >>> x = sympy.Symbol("x")
    >>> claim = claim_dict(PowerRule(function=x**3, var=x, exponent=sympy.Integer(3)))
    >>> claim["lhs"]
    "Derivative(Pow(Symbol('x'), Integer(3)), Tuple(Symbol('x'), Integer(1)))"
    >>> claim["rhs"]
    "Mul(Integer(3), Pow(Symbol('x'), Integer(2)))"
    """
    claim = step.claim
    if claim is None:
        return None
    lhs, rhs = claim
    return {"lhs": sympy.srepr(lhs), "rhs": sympy.srepr(rhs)}


_RENDERERS = {"text": TextRenderer, "latex": LatexRenderer, "html": HtmlRenderer,
              "json": DictRenderer}


def renderer_for(fmt: str, notation: str = "operator", ascii: bool = False) -> Renderer:
    """The renderer for ``fmt`` (text, latex, html, json).

    >>> renderer_for("text", ascii=True).math(sympy.Symbol("x") ** 2)
    'x^2'
    """
    try:
        return _RENDERERS[fmt](notation, ascii)
    except KeyError:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(_RENDERERS)}") from None


@provides("render")
def render(solution: Solution, fmt: str = "text", notation: str = "operator",
           detail: str = "normal", ascii: bool = False) -> str | dict:
    """``solution`` as ``"text"``, ``"latex"``, ``"html"`` or ``"json"`` (a dict), its
    steps in reading order at ``detail`` (``"brief"``, ``"normal"`` or ``"full"``).

    >>> from calcml import integral
    >>> text = render(integral("2x"), detail="brief", ascii=True)
    >>> for line in text.splitlines()[:6]:
    ...     print(line)
    int (2*x) dx = x^2 + C
    <BLANKLINE>
    Steps:
    1. Constant multiple rule: int (2*x) dx = x^2
       1.1. Power rule: int x dx = x^2/2
    2. Add the constant of integration: int (2*x) dx = x^2 + C
    """
    renderer = renderer_for(fmt, notation, ascii)
    return renderer.render_solution(solution, check_detail(detail))


def beside(left: str, middle: str, right: str) -> str:
    """Two blocks of text lines side by side, ``middle`` on the middle line between them
    (a matrix equation in plain text).

    >>> print(beside("[1  0]\\n[0  1]", " = ", "I"))
    [1  0] = I
    [0  1]
    """
    lefts, rights = left.split("\n"), right.split("\n")
    height = max(len(lefts), len(rights))
    if height == 1:
        return f"{left}{middle}{right}"
    row = (height - 1) // 2
    width = max(len(line) for line in lefts)
    lines = []
    for k in range(height):
        a = _row(lefts, k, height).ljust(width)
        b = _row(rights, k, height)
        lines.append((a + (middle if k == row else " " * len(middle)) + b).rstrip())
    return "\n".join(lines)


def _row(lines: list[str], k: int, height: int) -> str:
    """Line ``k`` of a block centred vertically in ``height`` lines ("" above and below)."""
    top = (height - len(lines)) // 2
    return lines[k - top] if top <= k < top + len(lines) else ""
