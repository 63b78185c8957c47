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
# # Lesson 7: Gradients
#
# Lesson 5 trained a line with autodiff doing step 3. Here we do step 3 by hand, with
# partial derivatives, and check that every engine agrees. The model is
# $\hat{y} = m x + b$, the data the course's eight points, the start $m = 0.9$, $b = 0.1$.

# %%
# %matplotlib inline
import os

import ipywidgets as widgets
import numpy as np

import calcml
from calcml import plot
from calcml.autodiff import trace
from calcml.course.learning_rates import compare_learning_rates
from calcml.learn import MLP, SGD, Line, backprop, datasets, mse, train
from calcml.notebook import live, practice

xs, ys = datasets.course_regression()
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow: errors only, no notices

# %% [markdown]
# ## Single-point regression and the quadratic cost
#
# Take one point, $i = 7$: $x = 7$, $y = -1.37$. The model predicts
# $\hat{y} = 0.9 \cdot 7 + 0.1 = 6.4$, and the quadratic cost is
# $C = (\hat{y} - y)^2 = 7.77^2 \approx 60.37$.
#
# ## The partial derivatives of the quadratic cost
#
# By the chain rule through $\hat{y}$ (with $\frac{\partial \hat{y}}{\partial m} = x$ and
# $\frac{\partial \hat{y}}{\partial b} = 1$):
#
# $$\frac{\partial C}{\partial m} = 2x(\hat{y} - y) = 108.78, \qquad
#   \frac{\partial C}{\partial b} = 2(\hat{y} - y) = 15.54.$$

# %%
single = calcml.quadratic_cost_gradient(x=7, y=-1.37, m=0.9, b=0.1)
assert single.numbers == {"C": 60.3729, "yhat": 6.4, "dC/db": 15.54, "dC/dm": 108.78}
single

# %% [markdown]
# Autodiff, on the graph of the same cost, agrees:

# %%
point = trace(lambda m, b: (m * 7 + b - (-1.37)) ** 2, 0.9, 0.1, output="C")
assert round(float(point.gradients["m"]), 2) == 108.78
point

# %% [markdown]
# ## The gradient, and descending it
#
# The partial derivatives together form the **gradient**,
# $\nabla C = \left[\frac{\partial C}{\partial b}, \frac{\partial C}{\partial m}\right]^T$.
# It points uphill, the way $C$ grows fastest; a step against it,
# $\theta \leftarrow \theta - \text{lr} \cdot \nabla C$, goes downhill.
#
# ## Mean squared error over a batch
#
# With all $n = 8$ points the cost is $C = \frac{1}{n}\sum_i (\hat{y}_i - y_i)^2$, and
# the derivative moves inside the sum:
#
# $$\frac{\partial C}{\partial m} = \frac{2}{n}\sum_i (\hat{y}_i - y_i)\,x_i \approx 36.3,
#   \qquad \frac{\partial C}{\partial b} = \frac{2}{n}\sum_i (\hat{y}_i - y_i) \approx 6.26.$$

# %%
batch = calcml.mse_gradient(x=xs, y=ys, m=0.9, b=0.1)
C, dC_db, dC_dm = batch.numbers["C"], batch.numbers["dC/db"], batch.numbers["dC/dm"]
assert round(C, 2) == 19.68 and round(dC_dm, 1) == 36.3 and round(dC_db, 2) == 6.26
print(f"C = {C:.4f}, ∇C = [∂C/∂b, ∂C/∂m] = [{dC_db}, {dC_dm}]")

# %% [markdown]
# The same gradient from PyTorch, TensorFlow and JAX (each skipped if not installed):

# %%
try:
    import torch

    m, b = torch.tensor(0.9).requires_grad_(), torch.tensor(0.1).requires_grad_()
    cost = torch.mean((m * torch.tensor(xs) + b - torch.tensor(ys)) ** 2)
    cost.backward()
    print(f"PyTorch:    ∂C/∂b = {b.grad.item():.4f}, ∂C/∂m = {m.grad.item():.4f}")
    assert abs(m.grad.item() - dC_dm) < 1e-6 and abs(b.grad.item() - dC_db) < 1e-6
except ImportError:
    print("PyTorch is not installed: skipped (pip install 'calcml[torch]')")

# %%
try:
    import tensorflow as tf

    m, b = tf.Variable(0.9, dtype=tf.float64), tf.Variable(0.1, dtype=tf.float64)
    with tf.GradientTape() as tape:
        cost = tf.reduce_mean((m * xs + b - ys) ** 2)
    g_m, g_b = (float(g) for g in tape.gradient(cost, [m, b]))
    print(f"TensorFlow: ∂C/∂b = {g_b:.4f}, ∂C/∂m = {g_m:.4f}")
    assert abs(g_m - dC_dm) < 1e-6 and abs(g_b - dC_db) < 1e-6
except ImportError:
    print("TensorFlow is not installed: skipped (pip install 'calcml[tensorflow]')")

# %%
try:
    import jax

    jax.config.update("jax_enable_x64", True)
    g_m, g_b = jax.grad(lambda m, b: ((m * xs + b - ys) ** 2).mean(), argnums=(0, 1))(0.9, 0.1)
    print(f"JAX:        ∂C/∂b = {float(g_b):.4f}, ∂C/∂m = {float(g_m):.4f}")
    assert abs(float(g_m) - dC_dm) < 1e-6 and abs(float(g_b) - dC_db) < 1e-6
except ImportError:
    print("JAX is not installed: skipped (pip install 'calcml[jax]')")

# %% [markdown]
# ## Gradient descent, live
#
# Choose the learning rate and the number of epochs (full-batch steps). With 0.01 and
# 1000 epochs the line ends at $m \approx -0.468$, $b \approx 1.754$, $C \approx 0.0195$.
# Try 0.001 (too timid) and 0.09 (it overshoots, back and forth).

# %%
def descend(lr, epochs):
    model = Line(m=0.9, b=0.1)
    history = train(model, xs, ys, cost=mse, optimizer=SGD(model.parameters(), lr=lr),
                    epochs=epochs, quiet=True)
    summary = f"lr = {lr}, {epochs} epochs: m = {model.m.item():.4f}, " \
              f"b = {model.b.item():.4f}, final cost C = {history.final_cost:.4g}"
    return summary, history, plot.plot_cost_surface(xs, ys, history)


live(descend, lr=widgets.FloatLogSlider(value=0.01, base=10, min=-3, max=-1.05, step=0.25,
                                        description="learning rate"),
     epochs=widgets.IntSlider(value=1000, min=10, max=2000, step=10, description="epochs"))

# %%
model = Line(m=0.9, b=0.1)
history = train(model, xs, ys, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
                epochs=1000, quiet=True)
assert (round(model.m.item(), 3), round(model.b.item(), 3)) == (-0.468, 1.754)
assert round(history.final_cost, 4) == 0.0195
least_squares = np.polyfit(xs, ys, 1)
print(f"least squares: m = {least_squares[0]:.3f}, b = {least_squares[1]:.2f}")

# %%
plot.plot_learning_rates(compare_learning_rates(xs, ys))

# %% [markdown]
# ## Backpropagation
#
# A neural network stacks layers: $z_1 = x W_1 + b_1$, $a_1 = \tanh(z_1)$,
# $\hat{y} = a_1 W_2 + b_2$. Backpropagation is the chain rule applied layer by layer,
# from the cost back to the input: each layer receives
# $\delta = \frac{\partial C}{\partial z}$ from the layer above, gives
# $\frac{\partial C}{\partial W} = a^T \delta$ and $\frac{\partial C}{\partial b} = \sum \delta$,
# and passes $\delta W^T \odot \tanh'(z)$ down. calcml's hand-written backward pass
# matches its autodiff exactly:

# %%
network = MLP([1, 3, 1], activation="tanh", seed=0)
record = backprop(network, xs.reshape(-1, 1), ys, cost=mse)
print(record)

# %% [markdown]
# ## Higher-order partial derivatives
#
# Differentiating a partial derivative again gives second-order partials, collected in
# the **Hessian** matrix. For $z = x^2 - y^2$: $\frac{\partial^2 z}{\partial x^2} = 2$,
# $\frac{\partial^2 z}{\partial y^2} = -2$, and the mixed partials are 0 (and equal, by
# Clairaut's theorem). Optimizers such as Newton's method use this curvature.

# %%
calcml.hessian("x^2 - y^2")

# %% [markdown]
# ## Exercises
#
# 1. For the single point $i = 0$ ($x = 0$, $y = 1.86$) at $m = 0.9$, $b = 0.1$, find
#    $C$, $\frac{\partial C}{\partial m}$ and $\frac{\partial C}{\partial b}$. Why is
#    $\frac{\partial C}{\partial m}$ zero?
# 2. After one full-batch step with lr = 0.01 from $m = 0.9$, $b = 0.1$, what are $m$
#    and $b$?
# 3. Find the Hessian of $C = (mx + b - y)^2$ with respect to $m$ and $b$.
#
# *Solutions:* 1. $\hat{y} = 0.1$, $C = 3.0976$, $\frac{\partial C}{\partial m} = 0$
# (it is $2x(\hat{y} - y)$ and $x = 0$), $\frac{\partial C}{\partial b} = -3.52$.
# 2. $m = 0.9 - 0.01 \cdot 36.305 = 0.53695$, $b = 0.1 - 0.01 \cdot 6.265 = 0.03735$.
# 3. $\begin{bmatrix} 2x^2 & 2x \\ 2x & 2 \end{bmatrix}$.

# %%
assert calcml.quadratic_cost_gradient(x=0, y=1.86, m=0.9, b=0.1).numbers["dC/dm"] == 0
calcml.hessian("(m x + b - y)^2", ["m", "b"])

# %% [markdown]
# ## Practice
#
# A new exercise each time, checked by calcml. Type your answer (for example `2x + 1`,
# `3/4`, `(1, 2)` or `DNE`) and press **Check** for the verdict and, for a known slip,
# what went wrong; **Hint** gives one hint at a time, **Solution** the worked solution,
# **New exercise** another one. Choose the skill and the level (1 to 3) above.

# %%
practice(lesson=7)
