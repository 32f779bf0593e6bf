"""Draws the app icon (packaging/onewindow.png and packaging/windows/onewindow.ico).

Run once after changing the design; both files are committed, so a build
needs no font for the icon. ``QT_QPA_PLATFORM=offscreen python tools/make_icon.py``
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

ROOT = Path(__file__).resolve().parents[1]


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = size * 0.04
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#c62828"))  # the red of the service centers' signs
    painter.drawRoundedRect(box, size * 0.18, size * 0.18)
    # A window: a white frame with the character 窗 in it.
    painter.setBrush(QColor("#ffffff"))
    inner = box.adjusted(size * 0.14, size * 0.14, -size * 0.14, -size * 0.14)
    painter.drawRoundedRect(inner, size * 0.06, size * 0.06)
    font = QFont()
    font.setFamilies(["WenQuanYi Micro Hei", "Microsoft YaHei", "Noto Sans CJK SC"])
    font.setPixelSize(int(inner.height() * 0.72))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#c62828"))
    painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, "窗")
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    del app
    png = ROOT / "packaging" / "onewindow.png"
    ico = ROOT / "packaging" / "windows" / "onewindow.ico"
    ico.parent.mkdir(parents=True, exist_ok=True)
    if not draw(256).save(str(png), "PNG"):
        raise SystemExit(f"cannot write {png}")
    if not draw(256).scaled(256, 256).save(str(ico), "ICO"):
        raise SystemExit(f"cannot write {ico}")
    print(png, ico)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
