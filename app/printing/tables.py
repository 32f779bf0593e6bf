"""Ruled tables: label/value grids and list tables, plus borderless layout tables.

A cell whose text fits on one line is handed to the table as a bare string
(set without paragraph layout, which is most of what keeps printing quick);
longer text becomes a paragraph that wraps. Every table names the font, so
reportlab never falls back to a built-in font that is not embedded.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from app.printing.marks import INK
from app.printing.sheet import Sheet
from app.printing.text import markup

LABEL_FILL = Color(0.92, 0.92, 0.92)
#: One TableStyle command, e.g. ("SPAN", (0, 1), (3, 1)): reportlab's own loose tuple.
StyleCommand = tuple[Any, ...]
PAD_X = 3
_PAD_TOP = 2.5
_PAD_BOTTOM = 3


@dataclass(frozen=True)
class Field:
    """A label and its value; ``wide`` fields take a whole row of the grid."""

    label: str
    value: str
    wide: bool = False


def layout_table(
    sheet: Sheet, rows: Sequence[Sequence[object]], widths: Sequence[float], *commands: StyleCommand
) -> Table:
    """A borderless table that only places things side by side."""
    table = Table(rows, colWidths=list(widths))
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), sheet.font, sheet.paper.table_size),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        *commands,
    ]))
    return table


def _grid_style(sheet: Sheet, *extra: StyleCommand) -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), sheet.font, sheet.paper.table_size, sheet.cell.leading),
        ("GRID", (0, 0), (-1, -1), 0.6, INK),
        ("BOX", (0, 0), (-1, -1), 1.0, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), _PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_BOTTOM),
        *extra,
    ])


def _fits(sheet: Sheet, text: str, width: float) -> bool:
    return "\n" not in text and stringWidth(text, sheet.font, sheet.paper.table_size) <= width - 2 * PAD_X - 0.5


def _cell(sheet: Sheet, text: str, width: float, *, centered: bool = False) -> str | Paragraph:
    if _fits(sheet, text, width):
        return text
    return Paragraph(markup(text), sheet.cell_center if centered else sheet.cell)


def _header(sheet: Sheet, text: str, width: float) -> str | Paragraph:
    """A column heading; one too wide for its column breaks in the middle
    (应交/份数) rather than leaving one character on a line."""
    if _fits(sheet, text, width):
        return text
    half = (len(text) + 1) // 2
    return Paragraph(f"{markup(text[:half])}<br/>{markup(text[half:])}", sheet.cell_center)


def field_grid(sheet: Sheet, fields: Sequence[Field]) -> Table:
    """Label / value pairs in a ruled grid: two pairs a row where the paper
    is wide enough, one where it is not or the value is long (a wide field
    takes its row; short fields around it pair up)."""
    label_width = sheet.paper.table_size * 6.2
    if sheet.narrow:
        value_width = sheet.width - label_width
        lines = [[_cell(sheet, f.label, label_width), _cell(sheet, f.value, value_width)] for f in fields]
        table = Table(lines, colWidths=[label_width, value_width])
        table.setStyle(_grid_style(sheet, ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL),
                                   ("ALIGN", (0, 0), (0, -1), "CENTER")))
        return table
    half = sheet.width / 2 - label_width
    whole = sheet.width - label_width
    rows: list[list[object]] = []
    commands: list[StyleCommand] = []

    def add(first: Field, second: Field | None) -> None:
        r = len(rows)
        commands.append(("BACKGROUND", (0, r), (0, r), LABEL_FILL))
        if second is None:
            rows.append([_cell(sheet, first.label, label_width), _cell(sheet, first.value, whole), "", ""])
            commands.append(("SPAN", (1, r), (3, r)))
        else:
            rows.append([_cell(sheet, first.label, label_width), _cell(sheet, first.value, half),
                         _cell(sheet, second.label, label_width), _cell(sheet, second.value, half)])
            commands.append(("BACKGROUND", (2, r), (2, r), LABEL_FILL))

    queue = [replace(f, wide=True) if _too_long(sheet, f.value, half) else f for f in fields]
    while queue:
        field = queue.pop(0)
        if field.wide:
            add(field, None)
            continue
        # Pair with the next short field, even past a wide one, so that a
        # short field is left alone on a row only at the very end.
        partner = next((f for f in queue if not f.wide), None)
        if partner is not None:
            queue.remove(partner)
        add(field, partner)
    table = Table(rows, colWidths=[label_width, half, label_width, half])
    table.setStyle(_grid_style(sheet, ("ALIGN", (0, 0), (0, -1), "CENTER"), ("ALIGN", (2, 0), (2, -1), "CENTER"),
                               *commands))
    return table


def _too_long(sheet: Sheet, text: str, width: float) -> bool:
    """More than two lines in half a row: better given a whole row."""
    text_width: float = stringWidth(text, sheet.font, sheet.paper.table_size)
    return text_width > 2 * (width - 2 * PAD_X)


def grid_table(
    sheet: Sheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    centered: Sequence[int] = (),
    fit: Sequence[int] = (),
    footer: str | Sequence[str] | None = None,
    optional: Sequence[int] = (),
    keep_last: int = 0,
    split_rows: bool = False,
) -> Table:
    """A ruled table with a shaded header row repeated on every page.

    ``widths`` are shares of the text width; ``centered`` the columns whose
    cells are centred (numbers, dates); ``fit`` the columns made as wide as
    their widest cell or heading (numbers, codes and dates that read badly
    when broken), the others sharing what is left; ``footer`` a totals line
    across the table (or several: totals, then who made it); ``optional``
    the columns left out when every cell of theirs is empty (an empty 备注
    column only takes room from the names); ``keep_last`` rows go to the
    next page with the footer rather than leave it alone there;
    ``split_rows`` lets a row taller than a page (an 800-character question
    in a ledger) break inside itself rather than stop the document.
    """
    dropped = {i for i in optional if all(not row[i] for row in rows)}
    if dropped:
        keep = [i for i in range(len(headers)) if i not in dropped]
        new = {old: n for n, old in enumerate(keep)}
        headers = [headers[i] for i in keep]
        rows = [[row[i] for i in keep] for row in rows]
        widths = [widths[i] for i in keep]
        centered = [new[i] for i in centered if i in new]
        fit = [new[i] for i in fit if i in new]
    col_widths = _column_widths(sheet, headers, rows, widths, fit)
    data: list[list[object]] = [
        [_header(sheet, h, w) for h, w in zip(headers, col_widths)],
        *(
            [_cell(sheet, value, w, centered=i in centered) for i, (value, w) in enumerate(zip(row, col_widths))]
            for row in rows
        ),
    ]
    commands: list[StyleCommand] = [("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL), ("ALIGN", (0, 0), (-1, 0), "CENTER")]
    commands += [("ALIGN", (i, 1), (i, -1), "CENTER") for i in centered]
    footers = [footer] if isinstance(footer, str) else list(footer or ())
    for n, text in enumerate(footers):
        row = len(data)
        data.append([Paragraph(markup(text), sheet.cell)] + [""] * (len(headers) - 1))
        commands.append(("SPAN", (0, row), (-1, row)))
        if n == 0:
            commands.append(("BACKGROUND", (0, row), (-1, row), LABEL_FILL))
    table = Table(data, colWidths=col_widths, repeatRows=1)
    table.setStyle(_grid_style(sheet, *commands))
    if split_rows:
        # Only a row that could never fit a page is split; the others move whole.
        table.wrap(sheet.width, sheet.page_height)
        table.splitInRow = int(max(table._rowHeights) > sheet.page_height * 0.6)
    if keep_last and footers:
        # The footer takes as many of the last rows along as fit in half a page
        # (tall rows of long text may leave it only one).
        table.wrap(sheet.width, sheet.page_height)
        heights = table._rowHeights
        kept, total = 0, sum(heights[len(data) - len(footers):])
        while kept < keep_last and len(data) - len(footers) - kept > 1:
            row = len(data) - len(footers) - kept - 1
            if total + heights[row] > sheet.page_height / 2:
                break
            total += heights[row]
            kept += 1
        first = len(data) - len(footers) - kept
        table.setStyle(TableStyle([("NOSPLIT", (0, first), (-1, -1))]))
    return table


def _column_widths(sheet: Sheet, headers: Sequence[str], rows: Sequence[Sequence[str]], shares: Sequence[float],
                   fit: Sequence[int]) -> list[float]:
    widths: list[float | None] = [None] * len(shares)
    for i in fit:
        texts = [headers[i], *(row[i] for row in rows)]
        widest = max(stringWidth(line, sheet.font, sheet.paper.table_size)
                     for text in texts for line in text.split("\n"))
        share = sheet.width * shares[i] / sum(shares)
        # Never narrower than its share, never more than a third of the page.
        # A cell of several lines is a paragraph, which keeps room on its right.
        hang = sheet.cell.rightIndent if any("\n" in text for text in texts) else 0
        widths[i] = min(max(widest + 2 * PAD_X + 1 + hang, share), sheet.width / 3)
    fitted = sum(w for w in widths if w is not None)
    # Fitted columns hold what must not break (numbers, dates); the columns
    # that wrap get what is left, and only below this do the fitted ones give way.
    floor = sheet.width * 0.2
    if free_count := sum(1 for w in widths if w is None):
        if sheet.width - fitted < floor:
            scale = (sheet.width - floor) / fitted
            widths = [w * scale if w is not None else None for w in widths]
    elif fitted > sheet.width:
        return [w * sheet.width / fitted for w in widths if w is not None]
    rest = sheet.width - sum(w for w in widths if w is not None)
    free = sum(s for s, w in zip(shares, widths) if w is None) if free_count else 1
    return [w if w is not None else rest * s / free for s, w in zip(shares, widths)]
