"""Printing speed: a full 受理回执 against a bare reportlab page.

Both are measured in the same process, warm (font registered, one warm-up
each), alternating, so machine noise falls on both alike:

* receipt: ``app.printing.render`` of a receipt with nine materials, its
  stub and the progress QR code, on A4;
* bare page: a reportlab canvas on A4 with the same embedded font, a few
  lines of the same text and a QR image of the same payload made with the
  ``qrcode`` library (PIL image) — about the least a receipt could cost.

Targets: receipt median <= 2x the bare page and <= 50 ms. The last line is JSON.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import qrcode
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.printing import render
from app.printing.fonts import font_name
from app.services.identity import mask_id_number
from tests.printing.samples import receipt

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
TARGET_RATIO = 2.0
TARGET_MS = 50.0


def bare_page(font: str, lines: list[str], payload: str) -> bytes:
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont(font, 18)
    canvas.drawCentredString(A4[0] / 2, A4[1] - 30 * mm, "受理回执")
    canvas.setFont(font, 10.5)
    y = A4[1] - 45 * mm
    for line in lines:
        canvas.drawString(20 * mm, y, line)
        y -= 6 * mm
    image = qrcode.make(payload, error_correction=qrcode.constants.ERROR_CORRECT_M)
    canvas.drawImage(ImageReader(image.get_image()), A4[0] - 50 * mm, 40 * mm, 30 * mm, 30 * mm)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def spread(seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return f"median {statistics.median(ms):.1f} ms (min {min(ms):.1f}, max {max(ms):.1f})"


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    data = receipt()
    font = font_name()
    lines = [
        data.center.name, f"办件编号：{data.case_number}", f"申请人：{data.applicant.name}",
        f"证件号码：{mask_id_number(data.applicant.id_number)}", f"申请事项：{data.item_name}",
        *(f"{n}. {m.name}" for n, m in enumerate(data.materials, start=1)),
        f"查询码：{data.verification_code}", f"经办人：{data.staff_name}",
    ]
    payload = data.status_url
    assert bare_page(font, lines, payload).startswith(b"%PDF")  # warm-up
    assert render(data, "A4").startswith(b"%PDF")
    bare, full = [], []
    for _ in range(RUNS):
        bare.append(timed(lambda: bare_page(font, lines, payload)))
        full.append(timed(lambda: render(data, "A4")))
    bare_ms, full_ms = statistics.median(bare) * 1000, statistics.median(full) * 1000
    ratio = full_ms / bare_ms
    ok = ratio <= TARGET_RATIO and full_ms <= TARGET_MS
    print(f"bare reportlab page + QR image:       {spread(bare)}")
    print(f"受理回执 (A4, 9 materials, stub, QR): {spread(full)}")
    print(f"ratio {ratio:.2f} (target <= {TARGET_RATIO}), receipt {full_ms:.1f} ms (target <= {TARGET_MS:.0f})  "
          f"{'OK' if ok else 'OVER TARGET'}")
    print(json.dumps({
        "bench": "receipt", "runs": RUNS, "receipt_median_ms": round(full_ms, 2), "bare_median_ms": round(bare_ms, 2),
        "ratio": round(ratio, 3), "target_ratio": TARGET_RATIO, "target_ms": TARGET_MS, "ok": ok,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
