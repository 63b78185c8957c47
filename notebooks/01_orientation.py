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
# # Lesson 1: Orientation to calculus
#
# Calculus is the mathematics of change. It has two halves, and one example shows both:
#
# - **Differential calculus** finds rates of change: the *slope* of distance over time is
#   the speed.
# - **Integral calculus** adds up small pieces: the *area* under speed over time is the
#   distance travelled.
#
# Machine learning uses both: derivatives (gradients) to train models, integrals to
# measure them (the area under the ROC curve, lesson 8). Every cell below is computed by
# **calcml**, which shows its work and checks itself by an independent method.

# %%
# %matplotlib inline
import ipywidgets as widgets

import calcml
from calcml import plot
from calcml.notebook import live, practice
from calcml.numeric import archimedes_pi, area_by_rectangles, signed_area

# %% [markdown]
# ## Slope and area: two sides of one coin
#
# A car starts from rest and speeds up so that its distance after $t$ seconds is
# $d(t) = 5t^2$ metres. Its speed is the slope of the distance curve,
# $v(t) = \frac{d}{dt}\,5t^2 = 10t$ metres per second.

# %%
speed = calcml.derivative("5t^2", "t")
speed

# %% [markdown]
# Going the other way, the distance covered in the first 3 seconds is the area under the
# speed curve: $\int_0^3 10t\,dt = 45$ metres, which is $d(3) = 5 \cdot 3^2$.

# %%
distance = calcml.integral("10t", "t", lower=0, upper=3)
assert distance.result == 45
distance

# %%
plot.plot_area(signed_area("10t", 0, 3, var="t"))

# %% [markdown]
# ## A short history
#
# Around 250 BC Archimedes squeezed areas between shapes he could measure (the *method of
# exhaustion*). In the 1600s Newton and Leibniz turned slopes and areas into one calculus
# and showed they undo each other (the *fundamental theorem of calculus*). In the 1800s
# Cauchy and Weierstrass made limits precise; in the 20th century computers began to
# differentiate programs automatically, and in the 2010s that automatic differentiation
# became the engine of deep learning (PyTorch, TensorFlow, JAX).

# %% [markdown]
# ## The method of exhaustion: pi between two polygons
#
# A circle of radius 1 has half-perimeter $\pi$. A regular $n$-gon inside it has
# half-perimeter $n \sin(\pi/n)$, one outside $n \tan(\pi/n)$, and $\pi$ lies between.
# Doubling the sides squeezes the gap; at 96 sides Archimedes had
# $\frac{223}{71} < \pi < \frac{22}{7}$.

# %%
bracket = archimedes_pi(4)
print(bracket)
assert round(bracket.lower[-1], 4) == 3.1410 and round(bracket.upper[-1], 4) == 3.1427

# %%
plot.plot_polygons(archimedes_pi(2))

# %% [markdown]
# The same idea finds an area: strips below and above the curve $y = x^2$ on $[0, 1]$
# squeeze the area $\frac{1}{3}$ between a lower and an upper sum. Move the slider to
# use more strips: the gap between the sums halves each time the strips double.

# %%
def strips(n):
    bracket = area_by_rectangles("x^2", 0, 1, strips=(n,))
    return bracket, plot.plot_rectangles(bracket)


live(strips, n=widgets.IntSlider(value=8, min=2, max=64, description="strips n"))

# %%
squeeze = area_by_rectangles("x^2", 0, 1)
print(squeeze)

# %% [markdown]
# ## Exercises
#
# 1. A ball's height is $h(t) = 20t - 5t^2$ metres. Find its speed $h'(t)$ with
#    `calcml.derivative("20t - 5t^2", "t")`. When is the speed 0, and what happens then?
# 2. Find the distance travelled in the first 2 seconds by a car whose speed is
#    $v(t) = 3t^2$, as an integral. Check it against the distance function $t^3$.
# 3. How many sides must Archimedes' polygons have for the gap to be below 0.001? Use
#    `archimedes_pi(doublings)` and read the `gap` column.
#
# *Solutions:* 1. $h'(t) = 20 - 10t$, zero at $t = 2$ s, the top of the flight.
# 2. $\int_0^2 3t^2\,dt = 8 = 2^3$. 3. 192 sides (`archimedes_pi(5)`: gap ≈ 0.00042).

# %% [markdown]
# ## Practice
#
# A new exercise each time, checked by calcml. Type your answer (for example `2x + 1`,
# `3/4`, `(1, 2)` or `DNE`) and press **Check** for the verdict and, for a known slip,
# what went wrong; **Hint** gives one hint at a time, **Solution** the worked solution,
# **New exercise** another one. Choose the skill and the level (1 to 3) above.

# %%
practice(lesson=1)
