"""Format renderers for solutions: plain text, LaTeX, HTML, and a JSON-ready dict.

Each lays out the step tree and prints math in its own format; the words of each step
come from the Explainer, which dispatches on the step's class.
"""

from __future__ import annotations

import html

import sympy

from calcml.errors import InputError
from calcml.expr.printing import to_latex, to_mathml, to_text
from calcml.steps.base import Solution, Step
from calcml.steps.words import explain

NOTATIONS = ("operator", "leibniz", "lagrange")


class Renderer:
    """Shared layout; subclasses say how math and lines are written."""

    def __init__(self, notation: str = "operator") -> None:
        if notation not in NOTATIONS:
            raise InputError(f"unknown notation {notation!r}; use one of {', '.join(NOTATIONS)}")
        self.notation = notation

    def math(self, expr) -> str:
        raise NotImplementedError

    def explanation(self, step: Step) -> str:
        words = explain(step)
        return words.template.format(**{k: self.math(v) for k, v in words.math.items()})

    def equation(self, left, right) -> str:
        return f"{self.math(left)} = {self.math(right)}"

    def problem(self, solution: Solution) -> str:
        """The problem and its answer, a derivative in the chosen notation."""
        p = solution.problem
        if isinstance(p, sympy.Derivative) and self.notation != "operator":
            given, name = self.derivative_names(p)
            return f"{given}, {name} = {self.math(solution.result)}"
        return self.equation(p, solution.result)

    def derivative_names(self, p: sympy.Derivative) -> tuple[str, str]:
        (var, n), = p.variable_count
        v = self.math(var)
        if self.notation == "leibniz":
            order = "" if n == 1 else self.superscript(n)
            return (f"y = {self.math(p.expr)}", self.fraction(f"d{order}y", f"d{v}{order}"))
        primes = "'" * n if n <= 3 else f"({n})"
        return f"f({v}) = {self.math(p.expr)}", f"f{primes}({v})"

    def superscript(self, n: int) -> str:
        return f"^{n}"

    def fraction(self, top: str, bottom: str) -> str:
        return f"{top}/{bottom}"


class TextRenderer(Renderer):
    """Plain text, numbered steps indented by depth; a matrix as a list of rows."""

    def math(self, expr) -> str:
        if isinstance(expr, sympy.MatrixBase):
            return "[" + ", ".join("[" + ", ".join(map(to_text, row)) + "]"
                                   for row in expr.tolist()) + "]"
        return to_text(expr) if isinstance(expr, sympy.Basic) else str(expr)

    def render_solution(self, solution: Solution) -> str:
        lines = [self.problem(solution), "", "Steps:"]
        lines += self.render_step(solution.step, "1", 1)
        lines += [""] + [self.check(c) for c in solution.checks]
        return "\n".join(lines)

    def render_step(self, step: Step, number: str, depth: int) -> list[str]:
        pad = "   " * (depth - 1)
        lines = [f"{pad}{number}. {step.rule}: {self.equation(step.expression, step.result)}"]
        words = self.explanation(step)
        if words:
            lines.append(f"{pad}   {words}")
        for i, child in enumerate(step.substeps, 1):
            lines += self.render_step(child, f"{number}.{i}", depth + 1)
        return lines

    def check(self, check) -> str:
        verdict = "agrees" if check.agreed else "DISAGREES"
        detail = f": {check.detail}" if check.detail else ""
        return f"Check ({check.method}) {verdict}{detail}"


class LatexRenderer(Renderer):
    """A LaTeX fragment: the problem as a display equation, steps as nested itemize."""

    def math(self, expr) -> str:
        return to_latex(expr) if isinstance(expr, sympy.Basic) else str(expr)

    def explanation(self, step: Step) -> str:
        words = explain(step)
        return words.template.format(**{k: f"${self.math(v)}$" for k, v in words.math.items()})

    def superscript(self, n: int) -> str:
        return f"^{{{n}}}"

    def fraction(self, top: str, bottom: str) -> str:
        return rf"\frac{{{top}}}{{{bottom}}}"

    def render_solution(self, solution: Solution) -> str:
        out = [rf"\[ {self.problem(solution)} \]", r"\begin{enumerate}"]
        out += self.render_step(solution.step)
        out.append(r"\end{enumerate}")
        return "\n".join(out)

    def render_step(self, step: Step) -> list[str]:
        out = [rf"\item \textbf{{{step.rule}}}: "
               rf"${self.equation(step.expression, step.result)}$. {self.explanation(step)}"]
        if step.substeps:
            out.append(r"\begin{enumerate}")
            for child in step.substeps:
                out += self.render_step(child)
            out.append(r"\end{enumerate}")
        return out


class HtmlRenderer(Renderer):
    """An HTML fragment with MathML, steps as nested ordered lists."""

    def math(self, expr) -> str:
        if isinstance(expr, sympy.Basic):
            return to_mathml(expr)
        return html.escape(str(expr))

    def equation(self, left, right) -> str:
        return f"{self.math(left)} = {self.math(right)}"

    def explanation(self, step: Step) -> str:
        words = explain(step)
        template = html.escape(words.template, quote=False)
        return template.format(**{k: self.math(v) for k, v in words.math.items()})

    def render_solution(self, solution: Solution) -> str:
        checks = "".join(f"<li>{html.escape(TextRenderer().check(c))}</li>"
                         for c in solution.checks)
        return (f'<div class="calcml-solution"><p>{self.problem(solution)}</p>'
                f"<ol>{self.render_step(solution.step)}</ol>"
                f'<ul class="checks">{checks}</ul></div>')

    def render_step(self, step: Step) -> str:
        children = "".join(self.render_step(c) for c in step.substeps)
        nested = f"<ol>{children}</ol>" if children else ""
        return (f"<li><strong>{html.escape(step.rule)}</strong>: "
                f"{self.equation(step.expression, step.result)}"
                f"<p>{self.explanation(step)}</p>{nested}</li>")


class DictRenderer(Renderer):
    """A JSON-ready dict with stable keys: rule, expression, result, explanation, claim,
    substeps."""

    text = TextRenderer()

    def math(self, expr) -> str:
        return self.text.math(expr)

    def render_solution(self, solution: Solution) -> dict:
        return {
            "problem": self.math(solution.problem),
            "result": self.math(solution.result),
            "result_latex": to_latex(solution.result)
            if isinstance(solution.result, sympy.Basic) else str(solution.result),
            "step": self.render_step(solution.step),
            "checks": [{"method": c.method, "agreed": c.agreed,
                        "value": self.math(c.value) if c.value is not None else None,
                        "detail": c.detail} for c in solution.checks],
        }

    def render_step(self, step: Step) -> dict:
        return {
            "rule": step.rule,
            "expression": self.math(step.expression),
            "result": self.math(step.result),
            "explanation": self.text.explanation(step),
            "claim": claim_dict(step),
            "substeps": [self.render_step(c) for c in step.substeps],
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


def renderer_for(fmt: str, notation: str = "operator") -> Renderer:
    """The renderer for ``fmt`` (text, latex, html, json)."""
    try:
        return _RENDERERS[fmt](notation)
    except KeyError:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(_RENDERERS)}") from None
