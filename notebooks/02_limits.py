# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 2: Limits
#
# A limit asks what value $f(x)$ heads for as $x$ gets close to a point $a$, whether or
# not $f(a)$ itself exists:
#
# $$\lim_{x \to a} f(x) = L.$$
#
# Limits are how calculus handles "infinitely close", and so the ground under every
# derivative.

# %%
# %matplotlib inline
import ipywidgets as widgets

import calcml
from calcml import plot
from calcml.notebook import live, practice

# %% [markdown]
# ## Continuous and discontinuous functions
#
# A function is **continuous** at $a$ when $f(a)$ exists, the limit exists, and the two are
# equal: you can draw it through $a$ without lifting the pen. $f(x) = \frac{x^2-1}{x-1}$ is
# not: at $x = 1$ it is $\frac{0}{0}$, a hole in the line $y = x + 1$.

# %%
calcml.continuity("(x^2-1)/(x-1)", "x", at=1)

# %% [markdown]
# ## Evaluating a limit by factoring
#
# Substituting $x = 1$ gives $\frac{0}{0}$, which decides nothing. Factor
# $x^2 - 1 = (x-1)(x+1)$ and cancel the common factor (it is not 0 while $x$ only
# approaches 1):
#
# $$\lim_{x \to 1} \frac{x^2-1}{x-1} = \lim_{x \to 1} (x + 1) = 2.$$

# %%
hole = calcml.limit("(x^2-1)/(x-1)", "x", 1)
assert hole.result == 2
hole

# %% [markdown]
# ## Evaluating a limit by approaching
#
# A table of values from both sides shows the same thing with numbers: as $x$ comes
# within $10^{-1}, 10^{-2}, \dots$ of $a$, $f(x)$ settles. Pick a limit and move the
# slider to come closer; the figure marks the limit on the curve.

# %%
LIMITS = {"(x^2-1)/(x-1) as x -> 1": ("(x^2-1)/(x-1)", 1),
          "sin(x)/x as x -> 0": ("sin(x)/x", 0),
          "(x^2-25)/(x+5) as x -> -5": ("(x^2-25)/(x+5)", -5),
          "(x^2-2x-8)/(x-4) as x -> 4": ("(x^2-2x-8)/(x-4)", 4),
          "25/x as x -> 0": ("25/x", 0)}


def approach(example, closeness):
    expr, a = example
    solution = calcml.limit(expr, "x", a)
    rows = [f"{float(x):>12.8g}   {'undefined' if fx is None else f'{float(fx):.8g}'}"
            for x, fx in solution.table if abs(float(x) - a) >= 10.0 ** -closeness]
    table = "\n".join([f"{'x':>12}   f(x)", *rows, f"limit: {solution.result}"])
    return table, plot.plot_limit(solution)


live(approach, example=widgets.Dropdown(options=LIMITS, description="limit"),
     closeness=widgets.IntSlider(value=3, min=1, max=6, description="within 10^-k"))

# %% [markdown]
# The course's second classic, $\lim_{x \to 0} \frac{\sin x}{x} = 1$, cannot be factored;
# calcml recognises the standard limit, and the numbers from both sides agree.

# %%
sinc = calcml.limit("sin(x)/x", "x", 0)
assert sinc.result == 1
print(sinc.table_text())

# %% [markdown]
# ## Limits at infinity
#
# As $x$ grows without bound, $\frac{25}{x}$ shrinks toward 0:
# $\lim_{x \to \infty} \frac{25}{x} = 0$ (and from the other end,
# $\lim_{x \to -\infty} \frac{25}{x} = 0$).

# %%
far = calcml.limit("25/x", "x", "oo")
assert far.result == 0 and calcml.limit("25/x", "x", "-oo").result == 0
far

# %%
plot.plot_limit(far)

# %% [markdown]
# ## One-sided limits, and limits that do not exist
#
# Near 0, $\frac{25}{x}$ runs to $-\infty$ from the left and to $+\infty$ from the right.
# The one-sided limits disagree, so the two-sided limit **does not exist** (DNE).

# %%
split = calcml.limit("25/x", "x", 0)
print(split.result, "| from the left:", split.left, "| from the right:", split.right)
assert str(split.result) == "DNE"
plot.plot_limit(split)

# %%
calcml.limit("25/x", "x", 0, direction="+")

# %% [markdown]
# ## Exercises
#
# Find each limit by hand first (factor, or reason about large $x$), then check it:
#
# 1. $\lim_{x \to 0} \frac{x^2-1}{x-1}$
# 2. $\lim_{x \to -5} \frac{x^2-25}{x+5}$
# 3. $\lim_{x \to 4} \frac{x^2-2x-8}{x-4}$
# 4. $\lim_{x \to -\infty} \frac{25}{x}$
# 5. $\lim_{x \to 0} \frac{25}{x}$
#
# The cell below checks all five; print any of them to read the worked solution.

# %%
answers = {("(x^2-1)/(x-1)", 0): 1, ("(x^2-25)/(x+5)", -5): -10,
           ("(x^2-2x-8)/(x-4)", 4): 6, ("25/x", "-oo"): 0, ("25/x", 0): "DNE"}
for (expr, a), expected in answers.items():
    found = calcml.limit(expr, "x", a).result
    assert str(found) == str(expected)
    print(f"lim x -> {a} of {expr} = {found}")

# %% [markdown]
# ## Practice
#
# A new exercise each time, checked by calcml. Type your answer (for example `2x + 1`,
# `3/4`, `(1, 2)` or `DNE`) and press **Check** for the verdict and, for a known slip,
# what went wrong; **Hint** gives one hint at a time, **Solution** the worked solution,
# **New exercise** another one. Choose the skill and the level (1 to 3) above.

# %%
practice(lesson=2)
