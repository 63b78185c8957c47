"""The worked-solution model: a tree of frozen step dataclasses inside a Solution."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import sympy

if TYPE_CHECKING:
    from calcml.steps.verify import VerifyReport


@dataclass(frozen=True)
class Step:
    """One rule applied in a worked solution.

    Subclasses are frozen dataclasses, one per rule, with fields named for their
    mathematical role. ``eval()`` returns the expression the step yields (derived from
    the fields and substeps, never printed); ``expression`` is what the step works on.
    """

    rule: ClassVar[str] = "step"

    @property
    def expression(self) -> sympy.Basic:
        """What this step works on (e.g. ``Derivative(f, x)``)."""
        raise NotImplementedError(f"{type(self).__name__} does not name its expression")

    def eval(self) -> sympy.Basic:
        """The expression this step yields."""
        raise NotImplementedError(f"{type(self).__name__} has no eval()")

    @cached_property
    def result(self) -> sympy.Basic:
        """``eval()``, computed once."""
        return self.eval()

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic] | None:
        """The equality this step states, ``(lhs, rhs)``, or None when it states none.

        ``lhs`` is the unevaluated object the step starts from (a ``Derivative``, an
        ``Integral``, a ``Limit``, or a plain expression for a line of algebra) and ``rhs``
        what the step says it equals; an indefinite integral is equal up to a constant.
        By default the claim is ``(expression, result)``; a class whose line says something
        else overrides this.
        """
        return self.expression, self.result

    @property
    def substeps(self) -> tuple[Step, ...]:
        """The child steps, in field order."""
        children: list[Step] = []
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Step):
                children.append(value)
            elif isinstance(value, tuple):
                children.extend(v for v in value if isinstance(v, Step))
        return tuple(children)

    def walk(self):
        """This step and all below it, depth first."""
        yield self
        for child in self.substeps:
            yield from child.walk()


@dataclass(frozen=True)
class Check:
    """An independent check of a result: which method, what it gave, whether it agreed."""

    method: str
    agreed: bool
    value: Any = None
    detail: str = ""


@dataclass(frozen=True)
class Solution:
    """A problem, its result, the worked steps, and the independent checks made.

    Renders itself as text (``str``), LaTeX and HTML (also in Jupyter), and as a
    JSON-ready dict.
    """

    problem: sympy.Basic
    result: Any
    step: Step
    checks: tuple[Check, ...] = field(default=())

    @property
    def agreed(self) -> bool:
        """True when every independent check agreed with the result."""
        return all(c.agreed for c in self.checks)

    def verify_steps(self, seconds: float = 30.0) -> VerifyReport:
        """Re-check every step's claim by an independent numeric method within ``seconds``;
        see :func:`calcml.steps.verify.verify_steps`.

        >>> from calcml.symbolic.derivatives.derivative import derivative
        >>> derivative("x^3").verify_steps().ok
        True
        """
        from calcml.steps.verify import verify_steps

        return verify_steps(self, seconds=seconds)

    def render(self, fmt: str = "text", notation: str = "operator") -> str | dict:
        """Render as ``"text"``, ``"latex"``, ``"html"`` or ``"json"`` (a dict).

        ``notation`` picks how a derivative problem is written: ``"operator"``
        (d/dx f), ``"leibniz"`` (dy/dx) or ``"lagrange"`` (f'(x)).
        """
        from calcml.steps.render import renderer_for

        return renderer_for(fmt, notation).render_solution(self)

    def to_text(self, notation: str = "operator") -> str:
        return self.render("text", notation)

    def to_latex(self, notation: str = "operator") -> str:
        return self.render("latex", notation)

    def to_html(self, notation: str = "operator") -> str:
        return self.render("html", notation)

    def to_dict(self) -> dict:
        return self.render("json")

    def __str__(self) -> str:
        return self.to_text()

    # The derivative notation of the Jupyter display: "operator", "leibniz" or "lagrange".
    display_notation: ClassVar[str] = "operator"

    def _repr_latex_(self) -> str:
        return self.to_latex()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter's rich display: the worked solution as text, LaTeX and HTML (MathML),
        in the notation ``Solution.display_notation`` names (set it on the class).

        >>> from calcml import derivative
        >>> sorted(derivative("x^2")._repr_mimebundle_())
        ['text/html', 'text/latex', 'text/plain']
        """
        notation = type(self).display_notation
        return {"text/plain": self.to_text(notation), "text/latex": self.to_latex(notation),
                "text/html": self.to_html(notation)}

    def _repr_html_(self) -> str:
        return self.to_html()
