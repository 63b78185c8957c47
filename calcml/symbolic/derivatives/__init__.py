"""Derivatives worked by rules (and the tangent line), checked against sympy.diff."""
