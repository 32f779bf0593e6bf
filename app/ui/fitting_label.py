"""A status-bar label that fits the room it is given (imported before the first
window: no Qt namespace at module level, see tests/ui/test_startup_imports.py)."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QStyle, QWidget


class FittingLabel(QLabel):
    """A one-line label of parts joined by " · " that never shows a word cut off.

    Given less room than its text needs, it leaves out the parts named as
    spare, then shortens the first part with "…" so the others stay whole, and
    only when even they do not fit cuts the end with "…". ``text()`` stays the
    whole text; the caller puts it in the tooltip.
    """

    SEPARATOR = " · "

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parts: tuple[str, ...] = ()
        self._spare: frozenset[int] = frozenset()

    def set_parts(self, parts: Sequence[str], *, spare: Sequence[int] = ()) -> None:
        """Show ``parts``; those at the ``spare`` indexes are the first left out when they do not all fit."""
        self._parts, self._spare = tuple(parts), frozenset(spare)
        self.setText(self.SEPARATOR.join(parts))
        self.update()

    def shown_text(self) -> str:
        """What fits the label's width now."""
        from PySide6.QtCore import Qt

        text, room, metrics = self.text(), self.contentsRect().width(), self.fontMetrics()
        if not text or metrics.horizontalAdvance(text) <= room:
            return text
        whole = self._parts if self.SEPARATOR.join(self._parts) == text else (text,)
        parts = [part for i, part in enumerate(whole) if i not in self._spare] or list(whole)
        kept = self.SEPARATOR.join(parts)
        if metrics.horizontalAdvance(kept) <= room:
            return kept
        rest = "".join(self.SEPARATOR + part for part in parts[1:])
        first_room = room - metrics.horizontalAdvance(rest)
        if rest and first_room >= metrics.horizontalAdvance("MMMM…"):
            return metrics.elidedText(parts[0], Qt.TextElideMode.ElideRight, first_room) + rest
        return metrics.elidedText(kept, Qt.TextElideMode.ElideRight, room)

    def minimumSizeHint(self) -> QSize:
        # A whole line is what it likes (sizeHint); it can make do with far less.
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("M" * 10)), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self.shown_text()
        if shown == self.text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(),
                                  QStyle.visualAlignment(self.layoutDirection(), self.alignment()),
                                  self.palette(), self.isEnabled(), shown, self.foregroundRole())
