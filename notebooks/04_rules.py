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
# # Lesson 4: Advanced differentiation rules
#
# Lesson 3's rules handle sums of powers. Products, quotients and functions inside
# functions need three more: the **product**, **quotient** and **chain** rules. Machine
# learning leans hardest on the last one: backpropagation is the chain rule, applied
# layer after layer.

# %%
# %matplotlib inline
import ipywidgets as widgets

import calcml
from calcml import plot
from calcml.notebook import live, practice

# %% [markdown]
# ## The product rule
#
# $$\frac{d}{dx}\big(f(x)\,g(x)\big) = f'(x)\,g(x) + f(x)\,g'(x)$$
#
# For $y = (4x^2)(x + 1)$: $f = 4x^2$, $g = x + 1$, so
# $y' = 8x(x + 1) + 4x^2 = 12x^2 + 8x$.

# %%
product = calcml.derivative("(4x^2)(x + 1)")
assert product.result.expand() == calcml.parse("12x^2 + 8x")
product

# %% [markdown]
# ## The quotient rule
#
# $$\frac{d}{dx}\frac{f(x)}{g(x)} = \frac{f'(x)\,g(x) - f(x)\,g'(x)}{g(x)^2}$$
#
# For $y = \frac{4x^2}{x + 1}$: $y' = \frac{8x(x+1) - 4x^2}{(x+1)^2} = \frac{4x^2 + 8x}{(x+1)^2}$.

# %%
quotient = calcml.derivative("4x^2/(x + 1)")
quotient

# %% [markdown]
# ## The chain rule
#
# When $y = g(u)$ and $u = f(x)$, a small change in $x$ moves $u$, which moves $y$:
#
# $$\frac{dy}{dx} = \frac{dy}{du}\,\frac{du}{dx}.$$
#
# For $y = (5x + 25)^3$: the outer function is $u^3$, the inner $u = 5x + 25$, so
# $\frac{dy}{dx} = 3(5x+25)^2 \cdot 5 = 15(5x + 25)^2$.

# %%
chain = calcml.derivative("(5x + 25)^3")
assert (chain.result - calcml.parse("15(5x + 25)^2")).expand() == 0
chain

# %% [markdown]
# ## The general power rule
#
# The chain rule applied to a power of a function is the *general power rule*:
#
# $$\frac{d}{dx} f(x)^n = n\,f(x)^{n-1}\,f'(x).$$
#
# Choose a function to see which rules calcml uses, in what order, and the curve with
# its tangent at $x = 1$, whose slope is $f'(1)$.

# %%
EXAMPLES = ["(2x^2 + 8)^3", "(4x^2)(x + 1)", "4x^2/(x + 1)", "sin(3x + 1)^2",
            "x e^(-x^2)", "sqrt(x^2 + 1)"]


def rules(expression, notation):
    solution = calcml.derivative(expression)
    return solution.to_text(notation), plot.plot_secants(calcml.tangent(expression, 1),
                                                       deltas=(1, 0.1))


live(rules, expression=widgets.Dropdown(options=EXAMPLES, description="f(x)"),
     notation=widgets.ToggleButtons(options=["leibniz", "lagrange", "operator"],
                                    description="notation"))

# %%
general = calcml.derivative("(2x^2 + 8)^3")
assert (general.result - calcml.parse("12x*(2x^2 + 8)^2")).expand() == 0
calcml.Solution.display_notation = "leibniz"
general

# %%
calcml.Solution.display_notation = "operator"
calcml.tangent("(2x^2 + 8)^3", at=1).line

# %% [markdown]
# ## Exercises
#
# Decide which rules apply, differentiate by hand, then check:
#
# 1. $y = 6x(2x + 1)$ (product rule, or expand first)
# 2. $y = \frac{x}{x^2 + 1}$ (quotient rule)
# 3. $y = (x^2 + 3x)^5$ (general power rule)
# 4. $y = \sin(x^2)$ (chain rule)

# %%
checks = {"6x*(2x + 1)": "24x + 6", "x/(x^2 + 1)": "(1 - x^2)/(x^2 + 1)^2",
          "(x^2 + 3x)^5": "5(x^2 + 3x)^4*(2x + 3)", "sin(x^2)": "2x cos(x^2)"}
for f, expected in checks.items():
    found = calcml.derivative(f).result
    assert (found - calcml.parse(expected)).simplify() == 0
    print(f"d/dx {f} = {found}")

# %% [markdown]
# ## Practice
#
# A new exercise each time, checked by calcml. Type your answer (for example `2x + 1`,
# `3/4`, `(1, 2)` or `DNE`) and press **Check** for the verdict and, for a known slip,
# what went wrong; **Hint** gives one hint at a time, **Solution** the worked solution,
# **New exercise** another one. Choose the skill and the level (1 to 3) above.

# %%
practice(lesson=4)
