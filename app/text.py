"""Words the Qt-free core shows to people, in the language the desk runs in.

The interface itself is translated by Qt (``app/ui/i18n.py``); the core cannot
use Qt, so each sentence it raises or labels it returns is written once here
in both languages, Chinese first::

    raise DomainError(tr("请填写姓名", "Enter the name"), field="name")
    STATUS = {CaseStatus.ACCEPTED: Text("已受理", "Accepted")}

The language is chosen once, at start-up, before any worker thread runs
(``set_language``); Simplified Chinese is the default, and the county server
never changes it. Printed documents are always Chinese: they use ``Text.zh``.
"""
from __future__ import annotations

from dataclasses import dataclass

ZH_CN = "zh_CN"
EN = "en"
LANGUAGES = (ZH_CN, EN)

_language = ZH_CN


def set_language(lang: str) -> None:
    """Choose the language of the core's words (start-up only)."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    _language = lang


def language() -> str:
    return _language


def tr(zh: str, en: str) -> str:
    """The sentence in the chosen language."""
    return en if _language == EN else zh


@dataclass(frozen=True)
class Text:
    """A label in both languages; ``str()`` gives the chosen one."""

    zh: str
    en: str

    def __str__(self) -> str:
        return tr(self.zh, self.en)
