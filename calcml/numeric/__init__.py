"""Numeric calculus that shows its work: the delta method, finite differences, the method
of exhaustion, numeric integration; every result is a table (or a result with its error
estimate) that prints itself and converts to plain data."""

from calcml.expr.tables import Table
from calcml.numeric.delta import DeltaTable, Line, Secant, delta_table, kink, secant
from calcml.numeric.exhaustion import (
    AreaBracket,
    Bracket,
    archimedes_pi,
    area_by_rectangles,
    strip_heights,
)
from calcml.numeric.finite_diff import (
    FINE_STEPS,
    ErrorTable,
    Richardson,
    backward_difference,
    best_step,
    central_difference,
    complex_step,
    default_step,
    derivative,
    derivative_error_table,
    forward_difference,
    richardson,
    richardson_table,
    theory_step,
)
from calcml.numeric.functions import NumericFunction, as_function
from calcml.numeric.quad_rules import simpson, trapezoid
from calcml.numeric.quad_tables import (
    ConvergenceStudy,
    ConvergenceTable,
    QuadComparison,
    compare_with_quad,
    convergence_study,
    convergence_table,
    with_exact,
)
from calcml.numeric.quad_worked import WorkedRule, worked_rule
from calcml.numeric.quadrature import METHODS, Quadrature, integrate
from calcml.numeric.signed_area import SignedArea, signed_area

__all__ = ["AreaBracket", "Bracket", "ConvergenceStudy", "ConvergenceTable", "DeltaTable",
           "ErrorTable", "FINE_STEPS", "Line", "METHODS", "NumericFunction", "QuadComparison",
           "Quadrature", "Richardson", "Secant", "SignedArea", "Table", "WorkedRule",
           "archimedes_pi", "area_by_rectangles", "as_function", "backward_difference",
           "best_step", "central_difference", "compare_with_quad", "complex_step",
           "convergence_study", "convergence_table", "default_step", "delta_table", "derivative",
           "derivative_error_table", "forward_difference", "integrate", "kink", "richardson",
           "richardson_table", "secant", "signed_area", "simpson", "strip_heights", "theory_step",
           "trapezoid", "with_exact", "worked_rule"]
