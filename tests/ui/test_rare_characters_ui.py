"""The screens show rare name characters (CJK Ext A–G) as the paper does."""
from __future__ import annotations

from PySide6.QtGui import QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QLabel

from app.ui.i18n import RARE_CHARACTER_FAMILIES

RARE = "王𠈌䶮𪚥𰻝"


def test_the_ui_font_falls_back_to_the_rare_character_fonts(qapp: QApplication) -> None:
    font = qapp.font()
    assert set(RARE_CHARACTER_FAMILIES) & set(font.families()) or QFontMetrics(font).inFontUcs4(0x2020C)
    metrics = QFontMetrics(font)
    assert all(metrics.inFontUcs4(ord(char)) for char in RARE)


def test_a_label_draws_every_rare_character(qapp: QApplication) -> None:
    # Each character drawn alone must put ink on the label: a missing glyph
    # would draw nothing (or the same empty box for all of them).
    images = []
    for char in RARE:
        label = QLabel(char)
        label.resize(40, 40)
        image = label.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
        dark = sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixelColor(x, y).value() < 128)
        images.append(dark)
        label.deleteLater()
    assert all(dark > 10 for dark in images), images
