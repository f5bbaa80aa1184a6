"""Signals other apps listen to. Sent inside the transaction of the change, so a receiver's
writes (voiding an approval, say) commit or roll back with it."""

from django.dispatch import Signal

# A performer's answers for a scene changed (an edit or a withdrawal). Keyword arguments:
# actor, production, scene (the Scene), member (the Membership), withdrawal (bool).
consent_changed = Signal()
