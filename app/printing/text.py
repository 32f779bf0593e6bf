"""How values read on paper: dates, times, counts, forms, escaped markup."""
from __future__ import annotations

from datetime import date, datetime
from xml.sax.saxutils import escape

from app.clock import to_local

# The catalog's material forms (app.models.catalog.MATERIAL_FORMS) in the
# words printed on Chinese documents; other text is printed as given.
FORM_TEXT = {
    "original": "原件",
    "copy": "复印件",
    "original_and_copy": "原件及复印件",
    "electronic": "电子材料",
}


def day(value: date | None, *, blank: str = "") -> str:
    """2026年11月22日 (no leading zeros, as Chinese documents are dated)."""
    if value is None:
        return blank
    return f"{value.year}年{value.month}月{value.day}日"


def moment(value: datetime | None, *, blank: str = "") -> str:
    """An aware time in the desk's local time: 2026年11月22日 09:05."""
    if value is None:
        return blank
    local = to_local(value)
    return f"{day(local.date())} {local:%H:%M}"


def local_day(value: datetime) -> str:
    return day(to_local(value).date())


def form_text(form: str) -> str:
    return FORM_TEXT.get(form, form)


def working_days(days: int) -> str:
    return "即办" if days <= 0 else f"{days}个工作日"


def reprint_mark(reprint_count: int) -> str:
    return f"补打（第{reprint_count}次）" if reprint_count > 0 else ""


def markup(text: str) -> str:
    """User text made safe for a reportlab paragraph; line breaks kept."""
    return escape(text).replace("\n", "<br/>")
