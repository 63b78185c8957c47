"""The teaching layer's computations: what combines engines for a lesson (a gradient three
ways, the partial rates tables, the worked AUC example that trains a model)."""
