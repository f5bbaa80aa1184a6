"""The one error the breakdown package raises for bad input."""

from __future__ import annotations


class ScriptError(ValueError):
    """The input cannot be read as a screenplay. The message is one line, meant for the user."""
