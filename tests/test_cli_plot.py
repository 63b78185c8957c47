"""--plot on every command that draws, at the hard places: a limit (or an integral) that does
not exist, a kink, an infinite value and a symbolic point (or bound) such as pi/3. Each
either saves a figure of what it printed, or refuses with a clear error before printing
anything (never an answer followed by a failure on the figure, as `tangent relu(x) --at 0
--plot` and `limit abs(x)/x --at 0 --plot` once did)."""

from __future__ import annotations

import pytest
from PIL import Image


def saved(path) -> tuple[int, int]:
    """The size of a saved PNG (it opens as an image)."""
    with Image.open(path) as image:
        return image.size


DRAWN = [
    # (command line, words the answer prints)
    (["limit", "abs(x)/x", "--at", "0"], "DNE"),
    (["limit", "1/x", "--at", "0"], "from the left"),
    (["limit", "1/x^2", "--at", "0"], "lim"),
    (["limit", "sin(x)/x", "--at", "pi/3"], "lim"),
    (["limit", "25/x", "--at", "oo"], "= 0"),
    (["limit", "sqrt(x)", "--at", "0"], "= 0"),
    (["limit", "1/x", "--at", "0", "--dir", "+"], "lim"),
    (["continuity", "abs(x)/x", "--at", "0"], "False"),
    (["continuity", "1/x", "--at", "0"], "False"),
    (["continuity", "sin(x)", "--at", "pi/3"], "True"),
    (["slope", "relu(x)", "--at", "0"], "kink"),
    (["slope", "sin(x)", "--at", "pi/3", "--deltas", "1,0.5"], "slope of PQ"),
    (["diff", "relu(x)", "--at", "0"], "heaviside"),
    (["diff", "abs(x)", "--at", "0"], "sign"),
    (["diff", "sin(x)", "--at", "pi/3"], "cos"),
    (["tangent", "sin(x)", "--at", "pi/3"], "Line: y ="),
    (["tangent", "x^2 + 2x + 2", "--at", "2"], "Line: y ="),
    (["partial", "x^2 - y^2", "--var", "x", "--at", "x=pi/3,y=2"], "about 2.0944"),
    (["partial", "abs(x) + y", "--var", "y", "--at", "x=0,y=1"], "1"),
    (["grad", "x^2 - y^2", "--at", "x=pi/3,y=2"], "about (2.0944, −4)"),
    (["grad", "x^2 - y^2"], "= (2x, −2y)"),
    (["grad", "1/(x*y)", "--at", "x=1,y=1"], "about (−1, −1)"),
    (["hessian", "x^2 y + y^3", "--at", "x=pi/3,y=1"], "2.0944       6"),
    (["integrate", "abs(x)", "--from", "-1", "--to", "2"], "5/2"),
    (["integrate", "abs(x)", "--from", "-1", "--to", "2", "--numeric", "trapezoid", "--n",
      "6"], "numeric (trapezoid, n = 6): 2.5"),
    (["integrate", "sin(x)", "--from", "0", "--to", "pi/3"], "1/2"),
    (["integrate", "sin(x)", "--from", "0", "--to", "pi/3", "--numeric", "simpson", "--n",
      "4"], "numeric (simpson, n = 4)"),
    (["integrate", "1/sqrt(x)", "--from", "0", "--to", "1"], "= 2"),
    (["integrate", "exp(x)", "--from", "0", "--to", "1", "--numeric", "romberg", "--n", "8"],
     "numeric (romberg, n = 8)"),
]


@pytest.mark.parametrize(("args", "words"), DRAWN, ids=[" ".join(a) for a, _ in DRAWN])
def test_plot_saves_the_figure_of_what_was_printed(calcml, tmp_path, args, words):
    path = tmp_path / "figure.png"
    code, out, err = calcml(*args, "--plot", str(path), "--timeout", "60")
    assert code == 0, err
    assert words in out
    assert f"figure saved to {path}" in err and "Traceback" not in err
    width, height = saved(path)
    assert width > 400 and height > 300


REFUSED = [
    # (command line, words of the error); nothing is printed before it
    (["tangent", "relu(x)", "--at", "0"], "slope just left of it is 0 and just right of it is 1"),
    (["tangent", "abs(x)", "--at", "0"], "kink at x = 0"),
    (["tangent", "1/x", "--at", "0"], "not defined or not finite"),
    (["tangent", "sqrt(x)", "--at", "0"], "not defined or not finite"),
    (["diff", "1/x", "--at", "0"], "at x = 0"),
    (["slope", "1/x", "--at", "0"], "at x = 0"),
    (["partial", "log(x) + y", "--var", "x", "--at", "x=0,y=1"], "not defined at"),
    (["grad", "1/(x*y)", "--at", "x=0,y=1"], "not defined"),
    (["hessian", "x^2 y"], "--plot draws the surface"),
    (["integrate", "1/x", "--from", "0", "--to", "1"], "the area is infinite"),
    (["integrate", "sin(x)", "--from", "0", "--to", "oo"], "diverges by oscillation"),
    (["integrate", "exp(-x)", "--from", "0", "--to", "oo"], "a bound is infinite"),
    (["integrate", "x^2", "--from", "1", "--to", "0"], "put the lower bound first"),
    (["integrate", "x^2"], "give both bounds (--from and --to)"),
    (["integrate", "1/sqrt(x)", "--from", "0", "--to", "1", "--numeric", "left", "--n", "4"],
     "not finite at x = 0"),
]


@pytest.mark.parametrize(("args", "words"), REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_plot_refuses_before_printing_an_answer(calcml, tmp_path, args, words):
    path = tmp_path / "figure.png"
    code, out, err = calcml(*args, "--plot", str(path), "--timeout", "60")
    assert code != 0 and out == ""
    assert words in err and "Traceback" not in err
    assert not path.exists()


def test_the_tangent_and_the_slope_table_agree_on_relu(calcml, tmp_path):
    """One rule for kinks: at 0 the tangent command refuses and the slope table says why
    (slope 0 from the left, 1 from the right); at 1 both give slope 1."""
    _, out, _ = calcml("slope", "relu(x)", "--at", "0", "--deltas", "1,-1")
    assert "the slope just left of it is 0 and just right of it is 1" in out
    _, err = calcml("tangent", "relu(x)", "--at", "0")[1:]
    assert "the slope just left of it is 0 and just right of it is 1" in err
    code, out, _ = calcml("tangent", "relu(x)", "--at", "1")
    assert code == 0 and "m = f'(1) = 1" in out
    code, out, _ = calcml("slope", "relu(x)", "--at", "1", "--deltas", "0.5")
    assert code == 0 and "exact derivative f'(1) = 1" in out
