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
# # Lesson 8: Integrals and the area under the ROC curve
#
# Integral calculus adds up infinitely many thin pieces. In machine learning one integral
# turns up everywhere: the **area under the ROC curve** (ROC AUC), the standard score of a
# binary classifier. We build up to it: classification, the confusion matrix, the ROC
# curve, the rules of integration, numeric integration, and finally the AUC.

# %%
# %matplotlib inline
import ipywidgets as widgets
from scipy import integrate as scipy_integrate
from sklearn import metrics as sk_metrics

import calcml
from calcml import plot
from calcml.course.auc import breast_cancer_scores
from calcml.metrics import auc, auc_two_ways, rates, roc_curve, roc_report, trapezoids
from calcml.metrics.worked import HOTDOG
from calcml.notebook import live, practice
from calcml.numeric import compare_with_quad, integrate, with_exact, worked_rule

# %% [markdown]
# ## Binary classification and the confusion matrix
#
# A classifier scores each photo: how likely it shows a hot dog (1) rather than not (0).
# Calling "hot dog" every score at or above a **threshold** sorts the photos into four
# cells: true positives (TP), false positives (FP), true negatives (TN), false negatives
# (FN). Two rates matter for the ROC curve:
#
# $$\text{TPR} = \frac{TP}{TP + FN}, \qquad \text{FPR} = \frac{FP}{FP + TN}.$$

# %%
labels, scores = HOTDOG
print("labels:", labels, " scores:", scores)
at_half = rates(labels, scores >= 0.5)
assert (at_half.tpr, at_half.fpr) == (1.0, 0.5)
print(at_half)

# %% [markdown]
# ## The ROC curve
#
# Sweep the threshold from high to low and plot (FPR, TPR) at each: the **receiver
# operating characteristic** curve. For the four hot-dog photos it runs through
# $(0, 0), (0, 0.5), (0.5, 0.5), (0.5, 1), (1, 1)$.

# %%
fpr, tpr, thresholds = roc_curve(labels, scores)
assert fpr.tolist() == [0, 0, 0.5, 0.5, 1] and tpr.tolist() == [0, 0.5, 0.5, 1, 1]
plot.plot_roc(roc_report(labels, scores, threshold=0.65))

# %% [markdown]
# A real classifier: logistic regression trained by calcml on scikit-learn's
# breast-cancer data, scored on 143 held-out cases. Move the threshold: the confusion
# matrix changes, and its point slides along the ROC curve.

# %%
y_test, p_benign = breast_cancer_scores()


def threshold_view(threshold):
    report = roc_report(y_test, p_benign, threshold=threshold)
    return report, plot.plot_roc(report)


live(threshold_view, threshold=widgets.FloatSlider(value=0.5, min=0.01, max=0.99,
                                                   step=0.01, description="threshold"))

# %% [markdown]
# ## The rules of integration
#
# Integration undoes differentiation. The **indefinite** integral $\int f(x)\,dx$ is a
# family of antiderivatives $F(x) + C$; the rules mirror lesson 3's:
#
# | rule | formula |
# |---|---|
# | power ($n \ne -1$) | $\int x^n\,dx = \frac{x^{n+1}}{n+1} + C$ |
# | constant multiple | $\int c f(x)\,dx = c \int f(x)\,dx$ |
# | sum | $\int (f + g)\,dx = \int f\,dx + \int g\,dx$ |

# %%
calcml.integral("x^2 + 3x")

# %% [markdown]
# A **definite** integral is a number, the signed area between $a$ and $b$; by the
# fundamental theorem of calculus it is $F(b) - F(a)$:
#
# $$\int_1^2 \frac{x}{2}\,dx = \frac{2^2}{4} - \frac{1^2}{4} = \frac{3}{4}, \qquad
#   \int_3^4 2x\,dx = 4^2 - 3^2 = 7.$$

# %%
three_quarters = calcml.integral("x/2", lower=1, upper=2)
assert str(three_quarters.result) == "3/4"
assert calcml.integral("2x", lower=3, upper=4).result == 7
three_quarters

# %% [markdown]
# ## Numeric integration in Python
#
# When no antiderivative is at hand, add up thin strips. The course uses SciPy's
# `integrate.quad`; calcml's `integrate` gives the same value with an error estimate
# and its cost in function evaluations.

# %%
value, error = scipy_integrate.quad(lambda x: x / 2, 1, 2)
assert value == 0.75
integrate("x/2", 1, 2)

# %%
print(compare_with_quad("exp(-x^2)", 0, 1))

# %% [markdown]
# Choose a rule and the number of strips $n$: the figure shows the shapes, the table their
# sum. The trapezoid rule is exact for a straight line, so $\int_1^2 \frac{x}{2}\,dx$ comes
# out exact for any $n$; for a curve such as $e^{-x^2}$ the error shrinks as $n$ grows.

# %%
def strips(function, method, n):
    figure = plot.plot_rule(with_exact(integrate(function, 0, 2, method, n)))
    return worked_rule(function, 0, 2, method, n), figure


live(strips, function=widgets.Dropdown(options=["exp(-x^2)", "x/2", "sin(x) + 1"],
                                        description="f(x) on [0, 2]"),
     method=widgets.Dropdown(options=["left", "midpoint", "trapezoid", "simpson"],
                             value="trapezoid", description="rule"),
     n=widgets.IntSlider(value=4, min=2, max=32, step=2, description="strips n"))

# %% [markdown]
# ## The area under the ROC curve
#
# The AUC is $\int_0^1 \text{TPR}\;d(\text{FPR})$, computed by the trapezoid rule on the
# curve's points. For the hot-dog curve it is 0.75. It is also a probability: the chance
# that a random positive scores above a random negative (ties count half), and the two
# ways agree.

# %%
area = auc(fpr, tpr)
assert area == 0.75 and sk_metrics.auc(fpr, tpr) == 0.75
print(auc_two_ways(labels, scores))

# %%
plot.plot_auc_trapezoids(trapezoids(fpr, tpr))

# %%
bc_auc = auc_two_ways(y_test, p_benign)
assert abs(bc_auc.trapezoid - sk_metrics.roc_auc_score(y_test, p_benign)) < 1e-12
print(f"breast cancer: AUC = {bc_auc.trapezoid:.4f} (scikit-learn agrees)")

# %% [markdown]
# ## Exercises
#
# 1. Find $\int_0^3 x^2\,dx$ by the power rule, then check it with `calcml.integral`.
# 2. Integrate $e^{-x^2}$ from 0 to 1 with the trapezoid rule and $n = 4$, then $n = 8$.
#    By about what factor does the error shrink?
# 3. A classifier scores negatives 0.1, 0.4 and positives 0.35, 0.8. Sketch its ROC curve
#    and find its AUC by trapezoids and by counting pairs.
#
# *Solutions:* 1. $\frac{3^3}{3} = 9$. 2. About 4 (the trapezoid rule's error falls as
# $1/n^2$). 3. AUC = 0.75: of the four (positive, negative) pairs, three are ordered
# correctly.

# %%
assert calcml.integral("x^2", lower=0, upper=3).result == 9
assert auc_two_ways([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).rank == 0.75

# %% [markdown]
# ## Practice
#
# A new exercise each time, checked by calcml. Type your answer (for example `2x + 1`,
# `3/4`, `(1, 2)` or `DNE`) and press **Check** for the verdict and, for a known slip,
# what went wrong; **Hint** gives one hint at a time, **Solution** the worked solution,
# **New exercise** another one. Choose the skill and the level (1 to 3) above.

# %%
practice(lesson=8)

# %% [markdown]
# ## Resources for further study
#
# - *Mathematics for Machine Learning* by Deisenroth, Faisal and Ong (free online):
#   vector calculus, gradients and backpropagation in chapter 5.
# - *Deep Learning* by Goodfellow, Bengio and Courville: numerical computation and
#   gradient-based optimisation (chapter 4), back-propagation (chapter 6.5).
# - *Calculus* by Gilbert Strang (MIT OpenCourseWare, free): the whole of single- and
#   multivariable calculus, with exercises.
# - 3Blue1Brown, *Essence of Calculus*: a visual course in twelve short videos.
# - The autodiff engines themselves: the PyTorch autograd tutorial, JAX's "autodiff
#   cookbook", TensorFlow's `GradientTape` guide.
# - Next steps in the curriculum: probability and statistics (the sampling behind the
#   ROC curve), then optimisation (momentum, Adam, learning-rate schedules:
#   `calcml.learn` has them).
# - calcml's own pages: `docs/learn.md`, `docs/integrals.md`, `docs/metrics.md`.
