"""Limits worked by strategies, continuity, and their independent checks."""
