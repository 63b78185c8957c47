"""The derivative step family: one class per rule, and its explanations."""
