"""Partial derivatives, gradients, Jacobians, Hessians, the multivariable chain rule and the
course's cost gradients."""
