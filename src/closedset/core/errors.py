"""Errors that services raise and views/API translate into responses."""

from __future__ import annotations


class ServiceError(Exception):
    """A request that cannot be carried out; the message is for the user."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ServiceError):
    """The object does not exist, or the actor may not know that it does."""

    status = 404

    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(message)


class Forbidden(ServiceError):
    """The actor can see the object but may not do this."""

    status = 403


class Conflict(ServiceError):
    """The object changed since the actor read it, or the action clashes with its state."""

    status = 409


class ReauthenticationRequired(Forbidden):
    """The action needs a fresh password confirmation."""

    def __init__(self) -> None:
        super().__init__("Confirm your password to continue.")
