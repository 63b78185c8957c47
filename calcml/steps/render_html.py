"""HTML for a worked solution: MathML for the math, the lines as nested ordered lists."""

from __future__ import annotations

import html

import sympy

from calcml.expr.printing import to_mathml
from calcml.steps.base import Solution
from calcml.steps.outline import Line, outline
from calcml.steps.render_base import Renderer, check_text


class HtmlRenderer(Renderer):
    """An HTML fragment with MathML, steps as nested ordered lists, the checks last."""

    def math(self, expr) -> str:
        if isinstance(expr, sympy.Basic):
            return to_mathml(expr)
        return html.escape(str(expr))

    def words(self, template: str) -> str:
        return html.escape(template, quote=False)

    def render_solution(self, solution: Solution, detail: str = "normal") -> str:
        checks = "".join(f"<li>{html.escape(check_text(c))}</li>" for c in solution.checks)
        steps = "".join(self.render_line(line) for line in outline(solution.step, detail))
        return (f'<div class="calcml-solution" data-detail="{detail}">'
                f"<p>{self.problem(solution)}</p>"
                f'<ol class="steps">{steps}</ol><ul class="checks">{checks}</ul></div>')

    def render_line(self, line: Line) -> str:
        children = "".join(self.render_line(child) for child in line.children)
        nested = f"<ol>{children}</ol>" if children else ""
        reason = f"<p>{self.explanation(line.step)}</p>" if line.reason else ""
        return (f"<li><strong>{html.escape(line.step.rule)}</strong>: "
                f"{self.equation(*line.equality)}{reason}{nested}</li>")
