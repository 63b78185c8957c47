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
# # Lesson 3: Differentiation
#
# The derivative of $f$ at $x$ is the slope of its curve there. A curve has no "rise over
# run" of its own, so we take the slope of a line through two points $P$ and $Q$ on it,
# and let $Q$ slide into $P$. That is the **delta method**. Throughout, the course's
# function is
#
# $$f(x) = x^2 + 2x + 2.$$

# %%
# %matplotlib inline
import ipywidgets as widgets

import calcml
from calcml import plot
from calcml.notebook import live, practice
from calcml.numeric import delta_table, secant

F = "x^2 + 2x + 2"

# %% [markdown]
# ## The slope between two points
#
# $P = (2, 10)$ and $Q = (5, 37)$ lie on the curve. The line through them (a *secant*)
# has slope $m = \frac{37 - 10}{5 - 2} = 9$ and intercept $b = 10 - 9 \cdot 2 = -8$.

# %%
pq = secant(F, 2, 5)
assert (pq.slope, pq.intercept) == (9, -8)
print(pq)

# %% [markdown]
# ## Q approaches P
#
# Write $Q$'s position as $x + \Delta x$. The slope of $PQ$ is
#
# $$\frac{\Delta y}{\Delta x} = \frac{f(x + \Delta x) - f(x)}{\Delta x}.$$
#
# Move the slider to shrink $\Delta x$ and watch the secant turn into the tangent; pick
# $P$ at $x = -1$ to see the slope of the minimum, 0.

# %%
def delta(x_p, dx):
    return secant(F, x_p, x_p + dx), plot.plot_secants(calcml.tangent(F, x_p), deltas=(dx,))


live(delta, x_p=widgets.Dropdown(options={"P = (2, 10)": 2, "P = (-1, 1)": -1},
                                  description="point P"),
     dx=widgets.FloatLogSlider(value=0.1, base=10, min=-6, max=0.5, step=0.5,
                               description="Δx"))

# %% [markdown]
# At $\Delta x = 0.1$, $Q = (2.1, 10.61)$ and the slope is 6.1. The table runs
# $\Delta x = 1, 0.1, \dots, 10^{-6}$: the slopes close in on 6.

# %%
table = delta_table(F, 2)
assert table.estimate == 6.000001
print(table)

# %%
print(delta_table(F, -1))
plot.plot_secants(calcml.tangent(F, 2))

# %% [markdown]
# ## The differentiation equation
#
# Letting $\Delta x$ go to 0 *is* a limit, the limit of lesson 2:
#
# $$\frac{dy}{dx} = \lim_{\Delta x \to 0} \frac{f(x + \Delta x) - f(x)}{\Delta x}.$$
#
# For our $f$ the algebra gives $\frac{f(x+\Delta x) - f(x)}{\Delta x} = 2x + \Delta x + 2$,
# whose limit is $2x + 2$: at $x = 2$ that is 6, at $x = -1$ it is 0.

# %%
quotient = calcml.limit("((x + h)^2 + 2(x + h) + 2 - (x^2 + 2x + 2))/h", "h", 0)
assert str(quotient.result) == "2*x + 2"
quotient

# %% [markdown]
# ## Notation
#
# The same derivative has four common names: Leibniz $\frac{dy}{dx}$, Lagrange $f'(x)$,
# Newton $\dot{y}$ (for time derivatives) and the operator $\frac{d}{dx} f(x)$. calcml
# writes its worked solutions in the operator, Leibniz or Lagrange notation.

# %%
derivative = calcml.derivative(F)
for notation in ("operator", "leibniz", "lagrange"):
    print(f"{notation:>9}:", derivative.to_text(notation).splitlines()[0])

# %% [markdown]
# ## The first rules
#
# Nobody takes limits every time. Four rules cover every polynomial:
#
# | rule | formula |
# |---|---|
# | constant | $\frac{d}{dx} c = 0$ |
# | power | $\frac{d}{dx} x^n = n x^{n-1}$ |
# | constant multiple | $\frac{d}{dx} c f(x) = c f'(x)$ |
# | sum | $\frac{d}{dx} (f + g) = f' + g'$ |
#
# calcml names each rule as it applies it, and checks the result with SymPy:

# %%
assert str(derivative.result) == "2*x + 2"
derivative

# %%
tangent = calcml.tangent(F, at=2)
assert str(tangent.line) == "6*x - 2"
print(tangent)

# %% [markdown]
# ## Exercises
#
# Differentiate by the rules, then check with `calcml.derivative(...)`:
#
# 1. $y = x^4$
# 2. $y = 7x^3 - 5x + 12$
# 3. $y = \frac{1}{x^2}$ (write it as $x^{-2}$)
# 4. The slope of $f(x) = x^2 + 2x + 2$ at $x = 3$, by the delta method
#    (`delta_table(F, 3)`) and by the rules.

# %%
assert str(calcml.derivative("x^4").result) == "4*x**3"
assert str(calcml.derivative("7x^3 - 5x + 12").result) == "21*x**2 - 5"
assert str(calcml.derivative("1/x^2").result) == "-2/x**3"
print(delta_table(F, 3))

# %% [markdown]
# ## Practice
#
# A new exercise each time, checked by calcml. Type your answer (for example `2x + 1`,
# `3/4`, `(1, 2)` or `DNE`) and press **Check** for the verdict and, for a known slip,
# what went wrong; **Hint** gives one hint at a time, **Solution** the worked solution,
# **New exercise** another one. Choose the skill and the level (1 to 3) above.

# %%
practice(lesson=3)
