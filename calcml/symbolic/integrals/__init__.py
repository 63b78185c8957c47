"""Antiderivatives and definite integrals with worked steps, checked independently."""
