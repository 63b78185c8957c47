"""Helpers for the lesson notebooks (``notebooks/``): live views driven by widgets, and
the figures in the rich display of traces and training histories.

A front end like the command line: it reads widget values, calls an engine or a figure
function, and shows what comes back; it holds no mathematics. ipywidgets and IPython are
imported only when a helper is called (they come with ``pip install calcml[notebooks]``).

The engines display their own numbers in Jupyter (text, HTML tables, LaTeX) and never draw,
because drawing is :mod:`calcml.plot`'s, a layer above them. :func:`register_display` adds
the figures: the graph of a ``trace`` and the cost curve of a training ``History``. ``import
calcml`` calls it when it runs inside IPython (a Jupyter kernel), so a plain cell
``import calcml`` ... ``trace(...)`` shows the graph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ipywidgets
    from IPython.core.formatters import DisplayFormatter
    from matplotlib.figure import Figure

    from calcml.autodiff.trace import Trace
    from calcml.exercises.kinds.learning import LineWorked
    from calcml.learn.history import History


def live(update: Callable[..., Any], **controls: ipywidgets.ValueWidget) -> ipywidgets.VBox:
    """Controls above an output area that shows ``update(**values)``, redrawn on each change.

    ``update`` returns what to show: one object or a tuple of them (figures, tables,
    Solutions, text). It is called once at once with the controls' starting values, so a
    notebook run without a browser (in CI) shows them too.

    >>> import ipywidgets as widgets
    >>> box = live(lambda n: n * 2, n=widgets.IntSlider(value=3, min=1, max=5))
    6
    >>> box.children[0].children[0].value
    3
    """
    import ipywidgets as widgets

    out = widgets.Output()

    def redraw(change: Any = None) -> None:
        shown = update(**{name: w.value for name, w in controls.items()})
        refill(out, shown if isinstance(shown, tuple) else (shown,))

    for control in controls.values():
        control.style.description_width = "initial"  # "learning rate", not "learning r..."
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox(list(controls.values())), out])


def refill(out: ipywidgets.Output, items: tuple[Any, ...]) -> None:
    """Replace what the output area ``out`` shows by ``items`` (see :func:`show`); outside
    Jupyter (a script, a doctest), where there is no area to fill, print them instead.

    >>> import ipywidgets as widgets
    >>> refill(widgets.Output(), ("the slope is 6",))
    the slope is 6
    """
    from IPython import get_ipython
    from IPython.display import clear_output

    if get_ipython() is None:
        for item in items:
            print(getattr(item, "data", item))  # an HTML object prints its markup
        return
    with out:
        clear_output(wait=True)
        for item in items:
            show(item)


def show(item: Any) -> None:
    """Show one result in the notebook: a figure or a result with a rich display (a
    Solution, a trace, a History) as such, anything else (a table) as its text.

    >>> show("The slope is 6")
    The slope is 6
    """
    from IPython.display import display
    from matplotlib.figure import Figure

    rich = ("_repr_mimebundle_", "_repr_html_", "_repr_latex_", "_repr_png_")
    if isinstance(item, Figure) or any(hasattr(item, name) for name in rich):
        display(item)
    else:
        print(item)


def practice(lesson: int, seed: int = 0) -> ipywidgets.VBox:
    """Practice for one lesson: an exercise of one of its skills, an answer box, and
    buttons to check the answer (the verdict, the mistake named), to see the next hint,
    the worked solution, or a new exercise.

    The exercises come from :mod:`calcml.exercises`; each new one is first checked against
    its own answer, so a learner is never graded against an answer the checker rejects.

    >>> box = practice(3)
    <p>Type your answer and press Check.</p>
    >>> box.children[0].children[0].value
    'secant-slope'
    """
    from calcml.errors import InputError
    from calcml.exercises import skills

    chosen = [s for s in skills() if s.lesson == lesson]
    if not chosen:
        raise InputError(f"no skills to practise for lesson {lesson!r}; the lessons are 1 to 8")
    return _Practice([(s.title, s.id) for s in chosen], seed).box


class _Practice:
    """The widgets of :func:`practice` and what their buttons do."""

    def __init__(self, options: list[tuple[str, str]], seed: int) -> None:
        import ipywidgets as widgets

        wide = {"description_width": "initial"}
        self.skill = widgets.Dropdown(options=options, description="skill", style=wide,
                                      layout={"width": "60%"})
        self.level = widgets.ToggleButtons(options=[1, 2, 3], description="level",
                                           style={**wide, "button_width": "3em"})
        self.prompt = widgets.HTML()
        self.answer = widgets.Text(placeholder="your answer, e.g. 2x + 1", layout={
            "width": "40%"})
        buttons = {"Check": self.check, "Hint": self.hint, "Solution": self.solution,
                   "New exercise": self.new}
        row = [self.answer]
        for label, action in buttons.items():
            button = widgets.Button(description=label)
            button.on_click(action)
            row.append(button)
        self.out = widgets.Output()
        self.seed, self.hints = seed, 0
        self.skill.observe(self.fresh, names="value")
        self.level.observe(self.fresh, names="value")
        self.fresh()
        self.box = widgets.VBox([widgets.HBox([self.skill, self.level]), self.prompt,
                                 widgets.HBox(row), self.out])

    def fresh(self, change: Any = None) -> None:
        """Show the exercise of the current skill, level and seed."""
        from calcml.exercises import check, generate

        self.exercise = generate(self.skill.value, self.seed, self.level.value)
        self.prompt.value = self.exercise.prompt.html
        self.answer.value = ""
        self.hints = 0
        own = check(self.exercise.task, self.exercise.answer_text)
        self.say("Type your answer and press Check." if own.correct else
                 "This exercise cannot be checked (its own answer is refused: "
                 f"{own.message}); press New exercise.")

    def new(self, button: Any = None) -> None:
        """The next exercise of the same skill and level."""
        self.seed += 1
        self.fresh()

    def check(self, button: Any = None) -> None:
        """The verdict on the answer typed, with the mistake named when it is a known one."""
        from calcml.exercises import check

        feedback = check(self.exercise.task, self.answer.value)
        verdict = "✓ Correct." if feedback.correct else "✗ Not yet."
        lines = [f"<b>{verdict}</b> {_html(feedback.message)}"]
        if feedback.mistake:
            lines.append(f"The mistake: <i>{_html(feedback.mistake.replace('-', ' '))}</i>"
                         + (f", at the step {_html(feedback.step)}" if feedback.step else ""))
        self.say(*lines)

    def hint(self, button: Any = None) -> None:
        """One more hint, until there are no more."""
        self.hints = min(self.hints + 1, len(self.exercise.hints))
        shown = [f"Hint {k + 1}: {_html(h)}" for k, h in enumerate(self.exercise.hints[
            :self.hints])]
        self.say(*(shown or ["This exercise has no hints: try the solution."]))

    def solution(self, button: Any = None) -> None:
        """The worked solution."""
        self.say(f"The answer: <b>{_html(self.exercise.answer_text)}</b>. Worked solution:",
                 self.exercise.solution())

    def say(self, *items: Any) -> None:
        """Replace the feedback area with ``items``: HTML text and results."""
        from IPython.display import HTML

        refill(self.out, tuple(HTML(f"<p>{item}</p>") if isinstance(item, str) else item
                               for item in items))


def _html(text: str) -> str:
    from html import escape

    return escape(text).replace("\n", "<br>")


def register_display(formatter: DisplayFormatter) -> None:
    """Teach IPython's display ``formatter`` to show the figures of calcml's results: a
    ``Trace`` with its graph, a ``History`` with its cost curve (see :func:`trace_display`,
    :func:`history_display`). Nothing is imported until such a result is shown.

    >>> from IPython.core.formatters import DisplayFormatter
    >>> from calcml.autodiff import trace
    >>> formatter = DisplayFormatter()
    >>> register_display(formatter)
    >>> data, _ = formatter.format(trace(lambda x: x * x, 5.0, output="y"))
    >>> sorted(data)
    ['image/svg+xml', 'text/html', 'text/plain']
    """
    bundles = formatter.mimebundle_formatter
    bundles.for_type_by_name("calcml.autodiff.trace", "Trace", trace_display)
    bundles.for_type_by_name("calcml.learn.history", "History", history_display)
    bundles.for_type_by_name("calcml.exercises.kinds.learning", "LineWorked", _worked_display)


def trace_display(trace: Trace) -> dict[str, str]:
    """A trace as Jupyter shows it: its graph in SVG (values forward, adjoints back) above
    the trace's own table of values and adjoints and its backward pass.

    >>> from calcml.autodiff import trace
    >>> bundle = trace_display(trace(lambda x: x * x, 5.0, output="y"))
    >>> "y = 25" in bundle["image/svg+xml"], "dy/dx = 10" in bundle["image/svg+xml"]
    (True, True)
    """
    return _with_graph(trace._repr_mimebundle_(), trace)


def history_display(history: History) -> dict[str, str]:
    """A training run as Jupyter shows it: the cost curve (SVG, and PNG for viewers that
    show no SVG) above the run's own one-line summary; an empty run as its text.

    >>> from calcml.learn import History
    >>> bundle = history_display(History(cost=[19.68, 7.6, 3.2], lr=[0.01] * 3))
    >>> sorted(bundle)
    ['image/png', 'image/svg+xml', 'text/html', 'text/plain']
    """
    from base64 import b64encode
    from io import BytesIO

    from calcml.plot.learn import plot_cost_curve

    bundle = history._repr_mimebundle_()
    if not history.cost:
        return bundle
    figure = plot_cost_curve(history)
    svg, png = _svg(figure), BytesIO()
    figure.savefig(png, format="png", bbox_inches="tight")
    return {**bundle, "image/svg+xml": svg, "image/png": b64encode(png.getvalue()).decode(),
            "text/html": f'<div class="calcml-curve">{svg}{bundle["text/html"]}</div>'}


def _worked_display(worked: LineWorked) -> dict[str, str]:
    """The worked solution of an autodiff exercise (legend, table, backward pass), with the
    graph of its trace."""
    return _with_graph(worked._repr_mimebundle_(), worked.trace)


def _with_graph(bundle: dict[str, str], trace: Trace) -> dict[str, str]:
    """``bundle`` (text and HTML) with the graph of ``trace`` as SVG, also above the HTML."""
    from calcml.plot.graph import plot_graph

    svg = _svg(plot_graph(trace))
    return {**bundle, "image/svg+xml": svg,
            "text/html": f'<div class="calcml-graph">{svg}{bundle["text/html"]}</div>'}


def _svg(figure: Figure) -> str:
    """A figure as SVG markup from ``<svg`` on (no XML prologue, so it can sit in HTML),
    its text kept as text."""
    from io import StringIO

    from matplotlib import rc_context

    out = StringIO()
    with rc_context({"svg.fonttype": "none"}):
        figure.savefig(out, format="svg", bbox_inches="tight")
    svg = out.getvalue()
    return svg[svg.index("<svg"):]
