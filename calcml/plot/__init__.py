"""Figures of every lesson, each a colour Matplotlib figure with labels and a legend.

Every function returns a :class:`matplotlib.figure.Figure`; save it with
:func:`calcml.plot.save` (or ``fig.savefig``). A figure draws what an engine found and
computes no mathematics of its own: :func:`plot_secants` and :func:`plot_zoom` take a
:class:`calcml.Tangent` (or the delta method's table), :func:`plot_limit` a worked limit,
:func:`plot_slices`, :func:`plot_surface` and :func:`plot_gradient_field` a worked partial
derivative, gradient or Hessian at its exact point, :func:`plot_learning_rates` the runs of
:func:`calcml.course.learning_rates.compare_learning_rates`; the integral figures a
:class:`calcml.numeric.SignedArea`, a :class:`calcml.numeric.Quadrature` (with its exact
value from :func:`calcml.numeric.with_exact`) or a :class:`calcml.numeric.ConvergenceStudy`,
:func:`plot_rectangles` an :class:`calcml.numeric.AreaBracket` and
:func:`plot_derivative_error` a :class:`calcml.numeric.ErrorTable`.

>>> import calcml
>>> from calcml.plot import plot_slices
>>> fig = plot_slices(calcml.gradient("x^2 - y^2", at={"x": 2, "y": 3}))
"""

from calcml.plot.delta import plot_secants, plot_zoom
from calcml.plot.exhaustion import plot_polygons, plot_rectangles
from calcml.plot.finite_diff import plot_derivative_error
from calcml.plot.graph import plot_graph
from calcml.plot.integrals import plot_area, plot_convergence, plot_integral, plot_rule
from calcml.plot.learn import plot_accuracy, plot_cost_curve, plot_regression
from calcml.plot.learn_surface import plot_cost_surface, plot_learning_rates
from calcml.plot.limits import plot_limit
from calcml.plot.multivar import plot_cylinder_rates, plot_slices
from calcml.plot.multivar_chain import plot_chain_tree
from calcml.plot.multivar_surface import plot_gradient_field, plot_surface
from calcml.plot.roc import plot_auc_trapezoids, plot_confusion_matrix, plot_roc
from calcml.plot.style import save

__all__ = ["plot_accuracy", "plot_area", "plot_auc_trapezoids", "plot_chain_tree",
           "plot_confusion_matrix", "plot_convergence", "plot_cost_curve", "plot_cost_surface",
           "plot_cylinder_rates", "plot_derivative_error", "plot_gradient_field", "plot_graph",
           "plot_integral", "plot_learning_rates", "plot_limit", "plot_polygons",
           "plot_rectangles", "plot_regression", "plot_roc", "plot_rule", "plot_secants",
           "plot_slices", "plot_surface", "plot_zoom", "save"]
