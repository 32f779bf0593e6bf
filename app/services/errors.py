"""Errors meant for people: each names the field and what is expected."""
from __future__ import annotations


class DomainError(ValueError):
    """A rule of the work was broken; ``str(error)`` is a Chinese sentence for
    the worker, ``field`` names the input it is about (or "")."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class PermissionDenied(DomainError):
    """The logged-in staff member's role does not allow the action."""


class NotFound(DomainError):
    """A record the action needs does not exist (any more)."""
