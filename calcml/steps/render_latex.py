"""LaTeX for a worked solution that MathJax, KaTeX and a LaTeX document all render.

MathJax and KaTeX typeset math only (no ``enumerate``), so the whole solution is one
display: an ``array`` of rows, words in ``\\text{...}`` between pieces of math, each line
numbered in bold and indented by its depth, the checks last. A character that is special
in text (``_ % & # $ { } ^ ~ \\ < > |``) is written in math mode, where all three read it
the same way; long words wrap onto further rows.
"""

from __future__ import annotations

from collections.abc import Iterator

import sympy

from calcml.expr.printing import dot_notation, to_latex, to_text
from calcml.steps.base import Solution, Step
from calcml.steps.explain_base import Explanation
from calcml.steps.outline import numbered, outline
from calcml.steps.render_base import Renderer, check_text, split_slots
from calcml.steps.words import explain

ROW_WIDTH = 90
"""About how many characters of words and math one row holds before it wraps."""

_IN_MATH = {"\\": r"\backslash ", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
            "#": r"\#", "^": r"\hat{}", "_": r"\_", "%": r"\%", "~": r"\sim ", "<": "<",
            ">": ">", "|": r"\vert "}


def text(words: str) -> str:
    r"""Words as LaTeX math-mode material: ``\text{...}`` runs, special characters as math.

    >>> text("50% of x_1")
    '\\text{50}\\%\\text{ of x}\\_\\text{1}'
    """
    out, run = [], []
    for ch in words:
        if ch in _IN_MATH:
            if run:
                out.append(r"\text{" + "".join(run) + "}")
                run = []
            out.append(_IN_MATH[ch])
        else:
            run.append(ch)
    if run:
        out.append(r"\text{" + "".join(run) + "}")
    return "".join(out)


class LatexRenderer(Renderer):
    """The solution as one ``\\[ \\begin{array}{l} ... \\end{array} \\]`` display."""

    def math(self, expr) -> str:
        return to_latex(expr) if isinstance(expr, sympy.Basic) else text(str(expr))

    def words(self, template: str) -> str:
        return text(template)

    def superscript(self, n: int) -> str:
        return f"^{{{n}}}"

    def dots(self, name: str, n: int) -> str:
        return dot_notation(name, n, "latex")

    def sign(self, relation: str) -> str:
        return r"\to" if relation == "→" else relation

    def fraction(self, top: str, bottom: str) -> str:
        return rf"\frac{{{top}}}{{{bottom}}}"

    def render_solution(self, solution: Solution, detail: str = "normal") -> str:
        rows = [rf"\displaystyle {self.problem(solution)}", r"\textbf{Steps:}"]
        for number, depth, line in numbered(outline(solution.step, detail)):
            indent = r"\quad " * (depth - 1)
            rows.append(rf"{indent}\textbf{{{number}. }}{text(line.step.rule + ': ')}"
                        rf"\displaystyle {self.equation(*line.equality, line.step.relation)}")
            if line.reason:
                rows += [rf"{indent}\qquad {row}" for row in self.wrapped(line.step)]
        rows += [text(check_text(c)) for c in solution.checks]
        body = " \\\\\n".join(rows)
        return "\\[\n\\begin{array}{l}\n" + body + "\n\\end{array}\n\\]"

    def wrapped(self, step: Step) -> list[str]:
        """The step's words as rows of about ``ROW_WIDTH`` characters, math kept whole."""
        rows: list[list[tuple[bool, str]]] = [[]]
        width = 0
        for is_math, piece, size in self._pieces(explain(step)):
            if width + size > ROW_WIDTH and rows[-1]:
                rows.append([])
                width = 0
            rows[-1].append((is_math, piece))
            width += size
        return [self._row(row) for row in rows if row]

    def _row(self, row: list[tuple[bool, str]]) -> str:
        """One row: runs of words joined into one ``\\text``, math as it is."""
        out, words = [], ""
        for is_math, piece in row:
            if is_math:
                out.append(text(words) + piece)
                words = ""
            else:
                words += piece.lstrip() if not out and not words else piece
        return "".join(out) + text(words.rstrip())

    def _pieces(self, found: Explanation) -> Iterator[tuple[bool, str, int]]:
        """The words cut at spaces and the math slots: (is math, piece, width)."""
        for words, name in split_slots(found.template):
            if name is not None:
                value = found.math[name]
                shown = to_text(value) if isinstance(value, sympy.Basic) else str(value)
                yield True, self.math(value), len(shown)
                continue
            for i, word in enumerate(words.split(" ")):
                piece = word if i == 0 else " " + word
                if piece:
                    yield False, piece, len(piece)
