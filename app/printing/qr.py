"""The progress QR code, drawn as vector squares (no raster image, no PIL).

Vector modules print sharp at any resolution and keep the PDF small; each
row's dark runs are one rectangle, so a symbol is a few hundred path
operators.
"""
from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.platypus import Flowable

QUIET_MODULES = 4  # the quiet zone ISO/IEC 18004 asks for


def qr_matrix(payload: str) -> list[list[bool]]:
    """The symbol's modules, row by row, without the quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    return matrix


class QRCode(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """A QR code whose symbol is ``size`` wide, with its quiet zone around it."""

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload = payload
        self.matrix = qr_matrix(payload)
        self.module = size / len(self.matrix)
        self.quiet = QUIET_MODULES * self.module
        self.width = self.height = size + 2 * self.quiet
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        count = len(self.matrix)
        canvas.saveState()
        canvas.setFillGray(1)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.setFillGray(0)
        # Work in module units: every rectangle is then whole numbers, written
        # straight into the page (formatting ~400 rectangles of floats through
        # the path API costs more than the rest of the receipt's tables).
        canvas.translate(self.quiet, self.quiet)
        canvas.scale(self.module, self.module)
        runs = []
        for row_index, row in enumerate(self.matrix):
            y = count - 1 - row_index
            start = None
            for column, dark in enumerate([*row, False]):
                if dark and start is None:
                    start = column
                elif not dark and start is not None:
                    runs.append(f"{start} {y} {column - start} 1 re")
                    start = None
        canvas.addLiteral("\n".join(runs) + "\nf")
        canvas.restoreState()
