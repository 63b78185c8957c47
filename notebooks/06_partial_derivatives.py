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
# # Lesson 6: Partial derivatives
#
# A model's cost depends on many parameters at once. A **partial derivative** asks how the
# output changes when *one* input moves and all the others are held still. Our example is
# the saddle
#
# $$z = x^2 - y^2.$$

# %%
# %matplotlib inline
import ipywidgets as widgets

import calcml
from calcml import plot
from calcml.notebook import live, practice

Z = "x^2 - y^2"

# %% [markdown]
# ## Multivariate functions and their slices
#
# Holding $y$ still turns $z$ into a function of $x$ alone, a slice through the surface;
# its slope is the partial derivative $\frac{\partial z}{\partial x}$. Treat $y$ as a
# constant and differentiate as before: $\frac{\partial z}{\partial x} = 2x$, and in the
# same way $\frac{\partial z}{\partial y} = -2y$.

# %%
dz_dx = calcml.partial(Z, "x")
assert str(dz_dx.result) == "2*x"
dz_dx

# %%
dz_dy = calcml.partial(Z, "y")
assert str(dz_dy.result) == "-2*y"
dz_dy

# %% [markdown]
# Move the point: the two slices through it, their tangent lines and slopes are drawn
# from calcml's partial derivatives. At $(2, 3)$: $z = -5$,
# $\frac{\partial z}{\partial x} = 4$, $\frac{\partial z}{\partial y} = -6$.

# %%
def slices(x, y):
    at = {"x": x, "y": y}
    slopes = f"at ({x}, {y}): ∂z/∂x = {calcml.partial(Z, 'x', at=at).result}, " \
             f"∂z/∂y = {calcml.partial(Z, 'y', at=at).result}"
    return slopes, plot.plot_slices(calcml.gradient(Z, at=at))


live(slices, x=widgets.IntSlider(value=2, min=-3, max=3, description="x"),
     y=widgets.IntSlider(value=3, min=-3, max=3, description="y"))

# %%
for (x, y), expected in {(3, 0): (6, 0), (2, 3): (4, -6), (-2, -3): (-4, 6),
                         (0, 0): (0, 0)}.items():
    at = {"x": x, "y": y}
    found = (calcml.partial(Z, "x", at=at).result, calcml.partial(Z, "y", at=at).result)
    assert found == expected
    dx, dy = (int(v) for v in found)
    print(f"({x:>2}, {y:>2}): z = {x**2 - y**2:>2}, ∂z/∂x = {dx:>2}, ∂z/∂y = {dy:>2}")

# %%
plot.plot_surface(calcml.gradient(Z, at={"x": 2, "y": 3}))

# %% [markdown]
# ## A geometric example: the volume of a cylinder
#
# $v = \pi r^2 l$. At $r = 3$, $l = 5$: $v = 45\pi \approx 141.37$. Lengthening the
# cylinder adds volume at the rate $\frac{\partial v}{\partial l} = \pi r^2 \approx 28.27$
# per unit; widening it, at $\frac{\partial v}{\partial r} = 2\pi r l \approx 94.25$.

# %%
point = {"r": 3, "l": 5}
dv_dl = calcml.partial("pi r^2 l", "l", at=point)
dv_dr = calcml.partial("pi r^2 l", "r", at=point)
assert round(float(dv_dl.result), 2) == 28.27 and round(float(dv_dr.result), 2) == 94.25
dv_dr

# %%
plot.plot_cylinder_rates(3, 5)

# %% [markdown]
# ## Notation
#
# $\frac{\partial z}{\partial x}$ (Leibniz, with the "curly d" that says *partial*),
# $z_x$ or $f_x$ (subscripts), and $\partial_x z$ (the operator) all mean the same. The
# **gradient** collects every partial derivative in a vector:
# $\nabla z = \left[\frac{\partial z}{\partial x}, \frac{\partial z}{\partial y}\right]^T$.

# %%
calcml.gradient(Z, at={"x": 2, "y": 3})

# %% [markdown]
# ## The partial-derivative chain rule
#
# When $x$ and $y$ both depend on $t$, a change in $t$ reaches $z$ along two paths, and
# the chain rule adds them:
#
# $$\frac{dz}{dt} = \frac{\partial z}{\partial x}\frac{dx}{dt} +
#   \frac{\partial z}{\partial y}\frac{dy}{dt}.$$
#
# With $x = \cos t$, $y = \sin t$: $\frac{dz}{dt} = 2x(-\sin t) - 2y\cos t
# = -4\sin t\cos t$.

# %%
chain = calcml.chain_rule(Z, {"x": "cos(t)", "y": "sin(t)"}, "t")
assert (chain.result - calcml.parse("-4 sin(t) cos(t)")).simplify() == 0
chain

# %%
plot.plot_chain_tree(chain)

# %% [markdown]
# ## Exercises
#
# 1. For $z = x^2 - y^2$, find $z$ and both partial derivatives at $(-2, -3)$.
# 2. For $v = \pi r^2 l$, which grows the volume faster at $r = 3$, $l = 5$: one more unit
#    of radius or of length? By how much?
# 3. For $z = x^3 y + 2y^2$, find $\frac{\partial z}{\partial x}$ and
#    $\frac{\partial z}{\partial y}$.
#
# *Solutions:* 1. $z = -5$, $\frac{\partial z}{\partial x} = -4$,
# $\frac{\partial z}{\partial y} = 6$. 2. Radius: $94.25$ against $28.27$ per unit, about
# 3.3 times as fast. 3. $3x^2 y$ and $x^3 + 4y$.

# %%
assert str(calcml.partial("x^3 y + 2y^2", "x").result) == "3*x**2*y"
assert str(calcml.partial("x^3 y + 2y^2", "y").result) == "x**3 + 4*y"

# %% [markdown]
# ## Practice
#
# A new exercise each time, checked by calcml. Type your answer (for example `2x + 1`,
# `3/4`, `(1, 2)` or `DNE`) and press **Check** for the verdict and, for a known slip,
# what went wrong; **Hint** gives one hint at a time, **Solution** the worked solution,
# **New exercise** another one. Choose the skill and the level (1 to 3) above.

# %%
practice(lesson=6)
