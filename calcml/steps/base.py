"""The worked-solution model: a tree of frozen step dataclasses inside a Solution."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import sympy

if TYPE_CHECKING:
    from calcml.steps.verify import VerifyReport

F = TypeVar("F", bound=Callable[..., Any])

_SERVICES: dict[str, Callable[..., Any]] = {}

PROVIDERS = {"render": "calcml.steps.render", "verify_steps": "calcml.steps.verify"}
"""The module that provides each service, loaded (by name) the first time it is called."""


def provides(name: str) -> Callable[[F], F]:
    """Register the decorated function as the service ``name`` of every Solution.

    The renderers (:mod:`calcml.steps.render`) provide ``"render"`` and the step checker
    (:mod:`calcml.steps.verify`) ``"verify_steps"``; both import this module, never the
    other way round. ``import calcml.steps`` loads the renderers; the step checker loads
    when a solution's steps are first checked (see ``PROVIDERS``). A second provider is
    refused.

    >>> _service("verify_steps").__module__
    'calcml.steps.verify'
    """
    def register(function: F) -> F:
        if name in _SERVICES:
            raise ValueError(f"the Solution service {name!r} is provided already")
        _SERVICES[name] = function
        return function

    return register


def _service(name: str) -> Callable[..., Any]:
    if name not in _SERVICES and name in PROVIDERS:
        importlib.import_module(PROVIDERS[name])
    try:
        return _SERVICES[name]
    except KeyError:
        raise RuntimeError(f"no module provides the Solution service {name!r}") from None


@dataclass(frozen=True)
class Step:
    """One rule applied in a worked solution.

    Subclasses are frozen dataclasses, one per rule, with fields named for their
    mathematical role. ``eval()`` returns the expression the step yields (derived from
    the fields and substeps, never printed); ``expression`` is what the step works on.
    """

    rule: ClassVar[str] = "step"
    follows: ClassVar[str | tuple[str, ...] | None] = None
    """The field (or fields) holding the step this one follows: the lines of that step come
    first in a worked solution, then this step's own line (a tidy-up, "+ C", an evaluation,
    a verdict on what came before)."""

    @property
    def followed(self) -> tuple[Step, ...]:
        """The steps this one follows (see ``follows``), in order."""
        names = (self.follows,) if isinstance(self.follows, str) else self.follows or ()
        return tuple(getattr(self, name) for name in names)
    relation: ClassVar[str] = "="
    """How the two sides of the step's line are related: "=" for an equality, "→" for a line
    that says what an expression tends to (the indeterminate form substitution gives)."""
    leads: ClassVar[str | None] = None
    """The field holding the step that carries on from this one: its lines come right after
    this step's line, at the same level (a rewrite, then the work on the rewritten form)."""

    @property
    def trivial(self) -> bool:
        """True for a step too plain to show as a line of its own at the normal and brief
        detail (the variable rule, the constant rule, a sum of two plain terms): its parent's
        line already says it."""
        return False

    @property
    def equality(self) -> tuple[sympy.Basic, sympy.Basic]:
        """The equality the step's line shows, ``(left, right)``: by default
        ``(expression, result)``; a step whose line starts from the line before (a tidy-up,
        a rewrite) shows what it does; a step that leads into another shows the form it hands
        on (lim f = lim g, then the next line finds lim g)."""
        led = getattr(self, self.leads) if self.leads is not None else None
        if led is not None and led.expression != self.expression:
            return self.expression, led.expression
        return self.expression, self.result

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


class Outcome(Enum):
    """How an independent check ended."""

    AGREES = "agrees"
    """It ran to the end and agrees with the result."""
    DISAGREES = "disagrees"
    """It ran to the end and does not agree."""
    UNFINISHED = "unfinished"
    """It could not finish (the time ran out, or it could not run): it says nothing either
    way."""


@dataclass(frozen=True)
class Check:
    """An independent check of a result: which method, what it gave, whether it agreed.
    A check that did not finish (``finished`` False) did not agree, and did not disagree
    either: its ``outcome`` says so."""

    method: str
    agreed: bool
    value: Any = None
    detail: str = ""
    finished: bool = True

    @classmethod
    def unfinished(cls, method: str, detail: str = "") -> Check:
        """A check by ``method`` that could not finish; ``detail`` says what is missing.

        >>> Check.unfinished("sympy.limit").outcome
        <Outcome.UNFINISHED: 'unfinished'>
        """
        return cls(method, False, detail=detail, finished=False)

    @property
    def outcome(self) -> Outcome:
        """Agrees, disagrees, or unfinished."""
        if not self.finished:
            return Outcome.UNFINISHED
        return Outcome.AGREES if self.agreed else Outcome.DISAGREES


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

    @property
    def shown_result(self) -> Any:
        """The answer as the problem's line shows it (an indefinite integral's has ``+ C``)."""
        return self.result

    def extra_data(self) -> dict[str, Any]:
        """What a kind of solution adds to its JSON-ready dict beside the worked steps
        (variables, values at a point, a dependency tree...); none by default."""
        return {}

    def verify_steps(self, seconds: float = 30.0) -> VerifyReport:
        """Re-check every step's claim by an independent numeric method within ``seconds``;
        see :func:`calcml.steps.verify.verify_steps`.

        >>> from calcml.symbolic.derivatives.derivative import derivative
        >>> derivative("x^3").verify_steps().ok
        True
        """
        return _service("verify_steps")(self, seconds=seconds)

    def render(self, fmt: str = "text", notation: str = "operator", detail: str = "normal",
               ascii: bool = False) -> str | dict:
        """Render as ``"text"``, ``"latex"``, ``"html"`` or ``"json"`` (a dict); see
        :func:`calcml.steps.render.render`.

        ``notation`` picks how a derivative problem is written: ``"operator"``
        (d/dx f), ``"leibniz"`` (dy/dx) or ``"lagrange"`` (f'(x)). ``detail`` is
        ``"brief"`` (the equalities, each naming its rule), ``"normal"`` (with the reason
        for each rule, plain steps folded into their parent) or ``"full"`` (every step).
        ``ascii`` keeps plain text to ASCII characters.

        >>> from calcml import derivative
        >>> for line in derivative("3x^2").render(detail="brief", ascii=True).splitlines()[:5]:
        ...     print(line)
        d/dx (3*x^2) = 6*x
        <BLANKLINE>
        Steps:
        1. Constant multiple rule: d/dx (3*x^2) = 6*x
           1.1. Power rule: d/dx (x^2) = 2*x
        """
        return _service("render")(self, fmt, notation=notation, detail=detail, ascii=ascii)

    def to_text(self, notation: str = "operator", detail: str = "normal",
                ascii: bool = False) -> str:
        """Plain text; see :meth:`render`."""
        return self.render("text", notation, detail, ascii)

    def to_latex(self, notation: str = "operator", detail: str = "normal") -> str:
        """LaTeX that MathJax, KaTeX and a LaTeX document all render; see :meth:`render`."""
        return self.render("latex", notation, detail)

    def to_html(self, notation: str = "operator", detail: str = "normal") -> str:
        """HTML with MathML; see :meth:`render`."""
        return self.render("html", notation, detail)

    def to_dict(self, detail: str = "normal") -> dict:
        """A JSON-ready dict: the problem, the result, the worked steps in reading order,
        the checks, and what :meth:`extra_data` adds."""
        return self.render("json", detail=detail)

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
