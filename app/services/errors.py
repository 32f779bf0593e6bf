"""Errors meant for people: each names the field and what is expected.

Sentences raised from more than one place are named here once, as
:class:`~app.text.Text`, so that they read the same wherever they are raised
and follow the language chosen at start-up (``str()`` is taken when the error
is raised, never at import)."""
from __future__ import annotations

from app.text import Text


class DomainError(ValueError):
    """A rule of the work was broken; ``str(error)`` is a sentence for the
    worker in the desk's language, ``field`` names the input it is about (or "")."""

    def __init__(self, message: str | Text, *, field: str = "") -> None:
        super().__init__(str(message))
        self.field = field


class PermissionDenied(DomainError):
    """The logged-in staff member's role does not allow the action."""


class NotFound(DomainError):
    """A record the action needs does not exist (any more)."""


NAME_REQUIRED = Text("请填写姓名", "Enter the name")
USERNAME_RULE = Text("登录名应为 2–30 位字母、数字、下划线或点",
                     "The login name should be 2-30 letters, digits, underscores or dots")
CENTER_NOT_SET_UP = Text("本机尚未完成初始设置", "This computer has not been set up yet")
CASE_NOT_FOUND = Text("找不到该办件", "Case not found")
ITEM_NOT_FOUND = Text("找不到该服务事项", "Service item not found")
RESIDENT_NOT_FOUND = Text("找不到该群众的登记信息", "No registration found for this resident")
