"""The integral step family: one class per rule or method, and its explanations."""
