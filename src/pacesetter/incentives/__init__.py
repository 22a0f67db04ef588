"""Reward rules on goals and what people earn under them (docs/incentives.md)."""
