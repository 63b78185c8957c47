"""The limit step family: one class per strategy, continuity, and its explanations."""
