"""HTML for a worked solution: MathML for the math, the lines as nested ordered lists.

Each line carries its number as the text writes it (1, 1.1, 1.1.1), so the lists are
drawn without the browser's own markers, which would restart at 1 on every level.
"""

from __future__ import annotations

import html

import sympy

from calcml.expr.printing import to_mathml
from calcml.steps.base import Solution
from calcml.steps.outline import Line, outline
from calcml.steps.render_base import Renderer, check_text

_PLAIN_LIST = ' style="list-style: none"'


class HtmlRenderer(Renderer):
    """An HTML fragment with MathML, steps as nested numbered lists, the checks last."""

    def math(self, expr) -> str:
        if isinstance(expr, sympy.Basic):
            return to_mathml(expr)
        return html.escape(str(expr))

    def words(self, template: str) -> str:
        return html.escape(template.replace(" - ", " − "), quote=False)

    def sign(self, relation: str) -> str:
        return relation

    def render_solution(self, solution: Solution, detail: str = "normal") -> str:
        checks = "".join(f"<li>{html.escape(check_text(c))}</li>" for c in solution.checks)
        lines = outline(solution.step, detail)
        steps = "".join(self.render_line(line, str(i)) for i, line in enumerate(lines, 1))
        return (f'<div class="calcml-solution" data-detail="{detail}">'
                f"<p>{self.problem(solution)}</p>"
                f'<ol class="steps"{_PLAIN_LIST}>{steps}</ol>'
                f'<ul class="checks">{checks}</ul></div>')

    def render_line(self, line: Line, number: str = "1") -> str:
        """The line numbered ``number`` (as "1.2"), the lines under it numbered on from it."""
        children = "".join(self.render_line(child, f"{number}.{i}")
                           for i, child in enumerate(line.children, 1))
        nested = f"<ol{_PLAIN_LIST}>{children}</ol>" if children else ""
        reason = f"<p>{self.explanation(line.step)}</p>" if line.reason else ""
        return (f'<li><span class="step-number">{number}.</span> '
                f"<strong>{html.escape(line.step.rule)}</strong>: "
                f"{self.equation(*line.equality, line.step.relation)}{reason}{nested}</li>")
