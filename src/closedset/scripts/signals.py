"""Signals other apps listen to. Sent inside the transaction of the change."""

from django.dispatch import Signal

# A part was cast or un-cast. Keyword arguments: actor, production, character (the Character).
casting_changed = Signal()
