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
# # Lesson 5: Automatic differentiation
#
# Rules by hand (lessons 3 and 4) do not scale to a model with millions of parameters.
# **Automatic differentiation** (autodiff) records each operation a program performs, then
# runs the chain rule backwards through that record, giving exact derivatives (not
# estimates) at the cost of about one more pass. This is what PyTorch, TensorFlow and JAX
# do; calcml has a small engine of its own that shows every step. Every engine must give
# the same answer: for $y = x^2$ at $x = 5$, $\frac{dy}{dx} = 2x = 10$.

# %%
# %matplotlib inline
from calcml import plot
from calcml.autodiff import Tensor, grad, trace
from calcml.learn import SGD, Line, datasets, four_steps, mse, train
from calcml.notebook import practice

# %% [markdown]
# ## Autodiff in PyTorch
#
# Mark $x$ as needing a gradient, compute $y$, call `backward()`, read `x.grad`.

# %%
try:
    import torch

    x = torch.tensor(5.0).requires_grad_()
    y = x**2
    y.backward()
    print("PyTorch: dy/dx =", x.grad.item())
    assert x.grad.item() == 10
except ImportError:
    print("PyTorch is not installed: skipped (pip install 'calcml[torch]')")

# %% [markdown]
# ## Autodiff in TensorFlow 2
#
# TensorFlow records operations on a `GradientTape` while they run.

# %%
try:
    import tensorflow as tf

    x = tf.Variable(5.0)
    with tf.GradientTape() as tape:
        y = x**2
    dy_dx = tape.gradient(y, x)
    print("TensorFlow: dy/dx =", float(dy_dx))
    assert float(dy_dx) == 10
except ImportError:
    print("TensorFlow is not installed: skipped (pip install 'calcml[tensorflow]')")

# %% [markdown]
# ## Autodiff in JAX
#
# JAX transforms the function itself: `jax.grad(f)` is the derivative function.

# %%
try:
    import jax

    dy_dx = jax.grad(lambda x: x**2)(5.0)
    print("JAX: dy/dx =", float(dy_dx))
    assert float(dy_dx) == 10
except ImportError:
    print("JAX is not installed: skipped (pip install 'calcml[jax]')")

# %% [markdown]
# ## The same in calcml
#
# calcml's `Tensor` works like PyTorch's, and `grad` like JAX's.

# %%
x = Tensor(5.0, requires_grad=True, name="x")
y = x**2
y.backward()
assert x.grad.item() == 10 and grad(lambda x: x**2)(5.0) == 10
x

# %% [markdown]
# ## A line as a graph
#
# $y = mx + b$ is two operations: a product $v = m \cdot x$ and a sum $y = v + b$. Drawn
# as a directed acyclic graph (DAG), values flow forward along the edges. Going backward,
# each edge multiplies the gradient by its local derivative (the chain rule):
# $\frac{\partial y}{\partial m} = x$, $\frac{\partial y}{\partial x} = m$,
# $\frac{\partial y}{\partial b} = 1$. At $m = 0.9$, $x = 7$, $b = 0.1$: $y = 6.4$.

# %%
line = trace(lambda m, x, b: m * x + b, 0.9, 7.0, 0.1, output="y")
assert round(line.value, 6) == 6.4 and float(line.gradients["m"]) == 7
line

# %% [markdown]
# ## Fitting a line to data by machine learning
#
# The course's data: eight points drawn from $y = -0.5x + 2$ plus noise. We start from a
# poor guess, $m = 0.9$, $b = 0.1$, and repeat the **four steps**:
#
# 1. forward pass: $\hat{y} = m x + b$;
# 2. compare $\hat{y}$ with $y$ through a **cost** (loss) function, here the mean squared
#    error $C = \frac{1}{n} \sum_i (\hat{y}_i - y_i)^2$;
# 3. the gradient $\frac{\partial C}{\partial m}$, $\frac{\partial C}{\partial b}$ by
#    autodiff;
# 4. a step downhill: $\theta \leftarrow \theta - \text{lr} \cdot
#    \frac{\partial C}{\partial \theta}$.

# %%
xs, ys = datasets.course_regression()
model = Line(m=0.9, b=0.1)
steps = four_steps(model, xs, ys, cost=mse, optimizer=SGD(model.parameters(), lr=0.01))
for record in steps.epoch():
    print(record, end="\n\n")

# %% [markdown]
# The starting cost is $C \approx 19.68$. A thousand rounds of the four steps with
# learning rate 0.01 bring it to about 0.0195, with $m \approx -0.468$ and
# $b \approx 1.754$ (close to the least-squares line $m \approx -0.469$, $b = 1.76$).

# %%
model = Line(m=0.9, b=0.1)
history = train(model, xs, ys, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
                epochs=1000, quiet=True)
assert round(history.cost[0], 2) == 19.68
assert (round(model.m.item(), 3), round(model.b.item(), 3)) == (-0.468, 1.754)
history

# %%
plot.plot_regression(history, xs, ys)

# %% [markdown]
# The course does the same in PyTorch, with `torch.optim.SGD`. Same data, same start,
# same learning rate: the same line.

# %%
try:
    import torch

    m = torch.tensor([0.9]).requires_grad_()
    b = torch.tensor([0.1]).requires_grad_()
    optimizer = torch.optim.SGD([m, b], lr=0.01)
    x_t, y_t = torch.tensor(xs), torch.tensor(ys)
    for _ in range(1000):
        optimizer.zero_grad()
        cost = torch.mean((m * x_t + b - y_t) ** 2)
        cost.backward()
        optimizer.step()
    print(f"PyTorch: m = {m.item():.3f}, b = {b.item():.3f}")
    assert abs(m.item() - model.m.item()) < 1e-4 and abs(b.item() - model.b.item()) < 1e-4
except ImportError:
    print("PyTorch is not installed: skipped (pip install 'calcml[torch]')")

# %% [markdown]
# ## Differentiable programming
#
# Autodiff differentiates *programs*, not formulas: loops, branches and function calls
# included. The engine records the operations that actually ran, so its graph is the
# path this input took. Below, the loop runs three times; for $x = 3$ the branch
# multiplies twice ($3 \to 9 \to 27$) and then adds ($27 + 3 = 30$). The trace holds
# exactly those operations, so the derivative is that of $y = x^3 + x$ near 3:
# $3x^2 + 1 = 28$. A different $x$ can take a different path, and get the derivative of a
# different formula: this is what "differentiable programming" means, and why a neural
# network can be any program built from differentiable pieces.

# %%
def program(x):
    y = x
    for _ in range(3):
        y = y * x if y.item() < 10 else y + x
    return y


path = trace(program, 3.0, output="y")
assert path.value == 30 and float(path.gradients["x"]) == 28
print(path.to_text())
print()
print(path.backward_text())

# %% [markdown]
# ## Exercises
#
# 1. With PyTorch (or calcml's `Tensor`), find $\frac{dy}{dx}$ for $y = x^3 - 4x$ at
#    $x = 2$. Check by the power rule.
# 2. Trace $y = m x + b$ at $m = -0.5$, $x = 4$, $b = 2$. What are $y$ and the three
#    gradients? Why does $\frac{\partial y}{\partial b}$ never change?
# 3. Train the line with learning rate 0.001 for 1000 epochs. Is the cost lower or higher
#    than with 0.01, and why?
#
# *Solutions:* 1. $3x^2 - 4 = 8$. 2. $y = 0$; $\frac{\partial y}{\partial m} = 4$,
# $\frac{\partial y}{\partial x} = -0.5$, $\frac{\partial y}{\partial b} = 1$ (b is
# added: its local derivative is always 1). 3. Higher: smaller steps cover less ground
# in the same number of epochs.

# %%
assert grad(lambda x: x**3 - 4 * x)(2.0) == 8
print(trace(lambda m, x, b: m * x + b, -0.5, 4.0, 2.0, output="y").backward_text())

# %% [markdown]
# ## Practice
#
# A new exercise each time, checked by calcml. Type your answer (for example `2x + 1`,
# `3/4`, `(1, 2)` or `DNE`) and press **Check** for the verdict and, for a known slip,
# what went wrong; **Hint** gives one hint at a time, **Solution** the worked solution,
# **New exercise** another one. Choose the skill and the level (1 to 3) above.

# %%
practice(lesson=5)
