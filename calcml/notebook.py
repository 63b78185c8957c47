"""Helpers for the lesson notebooks (``notebooks/``): live views driven by widgets.

A front end like the command line: it reads widget values, calls an engine or a figure
function, and shows what comes back; it holds no mathematics. ipywidgets and IPython are
imported only when a helper is called (they come with ``pip install calcml[notebooks]``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ipywidgets


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
    from IPython.display import clear_output

    out = widgets.Output()

    def redraw(change: Any = None) -> None:
        shown = update(**{name: w.value for name, w in controls.items()})
        with out:
            clear_output(wait=True)
            for item in shown if isinstance(shown, tuple) else (shown,):
                show(item)

    for control in controls.values():
        control.style.description_width = "initial"  # "learning rate", not "learning r..."
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox(list(controls.values())), out])


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
