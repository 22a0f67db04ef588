"""A realistic synthetic sales org, written as the canonical import CSV files."""

from pacesetter.synth.generate import generate_org

__all__ = ["generate_org"]
