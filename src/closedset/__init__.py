"""Closed Set: intimacy coordination for film and TV productions."""

__version__ = "0.1.0"
