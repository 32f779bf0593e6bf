"""月度统计报表 — the month's report the center head signs and sends to the town.

The figures of the period with the formula of each, three charts (the
monthly trend of intake and completion, cases by department, 按期办结率 and
满意率 by worker), the figures by worker, and the signature lines 制表人 /
审核人. The figures come already counted and formatted by
app.services.statistics: a figure with nothing to count is "—", and a chart
draws no bar for it (it writes "—" where the bar would be), never a 0 or a
100% that was not counted.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from app.printing.blocks import heading, para, space, title_block
from app.printing.data import Document
from app.printing.documents.ledger_sheet import period, signatures
from app.printing.sheet import Sheet
from app.printing.tables import grid_table
from app.printing.text import markup

TITLE = "月度统计报表"
NONE_SHOWN = "—"
MIN_SIZE = 8  # points: nothing on paper is set smaller
INTAKE = colors.Color(0.27, 0.45, 0.70)
DONE = colors.Color(0.55, 0.75, 0.45)
ON_TIME = colors.Color(0.27, 0.45, 0.70)
SATISFIED = colors.Color(0.93, 0.62, 0.25)


@dataclass(frozen=True)
class ReportFigure:
    """One figure of the whole center: its name, its value as shown ("—" when nothing to count), its formula."""

    label: str
    value: str
    formula: str


@dataclass(frozen=True)
class MonthPoint:
    month: str  # 2026-10
    accepted: int
    completed: int


@dataclass(frozen=True)
class DepartmentCount:
    department: str
    accepted: int
    completed: int


@dataclass(frozen=True)
class WorkerLine:
    """One worker's figures; the shares are fractions for the chart, None where there was nothing to count."""

    worker: str
    accepted: str
    completed: str
    on_time: str
    satisfaction: str
    on_time_share: float | None = None
    satisfaction_share: float | None = None


@dataclass(frozen=True, kw_only=True)
class MonthReportData(Document):
    date_from: date
    date_to: date
    figures: tuple[ReportFigure, ...] = ()
    trend: tuple[MonthPoint, ...] = ()
    departments: tuple[DepartmentCount, ...] = ()
    workers: tuple[WorkerLine, ...] = ()


def story(data: MonthReportData, sheet: Sheet) -> list[Flowable]:
    out: list[Flowable] = [*title_block(sheet, data, TITLE),
                           Paragraph(markup(period(data.date_from, data.date_to)), sheet.center_name),
                           space(sheet, 0.4)]
    out.append(heading(sheet, "一、主要指标"))
    rows = [[f.label, f.value, f.formula] for f in data.figures]
    out.append(grid_table(sheet, ["指标", "数值", "计算公式"], rows, [4.4, 1.4, 12], centered=(1,), fit=(1,),
                          split_rows=True))
    out.append(space(sheet, 0.6))
    months = f"{data.trend[0].month} 至 {data.trend[-1].month}" if data.trend else ""
    out.append(KeepTogether([heading(sheet, f"二、受理量与办结量月度趋势（{months}）" if months else
                                     "二、受理量与办结量月度趋势"),
                             trend_chart(sheet, data.trend) if data.trend else para(_nothing("办件"), sheet.body)]))
    out.append(KeepTogether([heading(sheet, "三、各部门办件量（统计期内）"),
                             department_chart(sheet, data.departments) if data.departments
                             else para(_nothing("办件"), sheet.body)]))
    worker_rows = [[w.worker, w.accepted, w.completed, w.on_time, w.satisfaction] for w in data.workers]
    out.append(KeepTogether([heading(sheet, "四、工作人员按期办结率与满意率"),
                             worker_chart(sheet, data.workers) if data.workers else para(_nothing("工作人员的办件"),
                                                                                         sheet.body)]))
    if worker_rows:
        out.append(space(sheet, 0.4))
        out.append(grid_table(sheet, ["工作人员", "受理量", "办结量", "按期办结率", "满意率（全国口径）"], worker_rows,
                              [3, 2, 2, 2.5, 3], centered=(1, 2, 3, 4), split_rows=True,
                              footer=["注：“—”表示统计期内没有可计算的数据（图中不画柱）；各率的计算公式见第一部分。",
                                      signatures(data.staff_name)], keep_last=2))
    else:
        out.append(space(sheet, 0.6))
        out.append(Paragraph(markup(signatures(data.staff_name)), sheet.signature))
    return out


def _nothing(what: str) -> str:
    return f"{NONE_SHOWN}（统计期内没有{what}）"


def _labels(chart: VerticalBarChart | HorizontalBarChart, font: str, size: float) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = size
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = size


def _two_series(chart: VerticalBarChart | HorizontalBarChart, font: str, size: float, *,
                data: list[list[float | None]], names: list[str], fills: tuple[colors.Color, colors.Color],
                label_format: str, nudge: float) -> None:
    """What every chart of the report shares: two series of bars, their colours and labelled values."""
    chart.data = data
    chart.categoryAxis.categoryNames = names
    chart.bars[0].fillColor, chart.bars[1].fillColor = fills
    chart.barLabelFormat = label_format
    chart.barLabels.nudge = nudge
    _labels(chart, font, size)


def _legend(font: str, size: float, x: float, y: float, pairs: Sequence[tuple[colors.Color, str]]) -> Legend:
    legend = Legend()
    legend.fontName = font
    legend.fontSize = size
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 60
    legend.dx = legend.dy = 7
    legend.colorNamePairs = list(pairs)
    return legend


def trend_chart(sheet: Sheet, trend: Sequence[MonthPoint]) -> Drawing:
    """Grouped bars per month: 受理量 and 办结量, with their counts."""
    size = max(sheet.small.fontSize, MIN_SIZE)
    width, height = sheet.width, 62 * mm
    drawing = _drawing(sheet, width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 10 * mm
    chart.width, chart.height = width - 16 * mm, height - 20 * mm
    _two_series(chart, sheet.font, size, data=[[p.accepted for p in trend], [p.completed for p in trend]],
                names=[p.month[2:].replace("-", ".") for p in trend],  # 26.10
                fills=(INTAKE, DONE), label_format="%d", nudge=5)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = True
    chart.groupSpacing = 6
    drawing.add(chart)
    drawing.add(_legend(sheet.font, size, 12 * mm, height - 3 * mm, [(INTAKE, "受理量"), (DONE, "办结量")]))
    return drawing


def department_chart(sheet: Sheet, departments: Sequence[DepartmentCount]) -> Drawing:
    """Horizontal bars per department: 受理量 and 办结量 in the period."""
    size = max(sheet.small.fontSize, MIN_SIZE)
    longest = max(len(d.department) for d in departments)
    left = min(60 * mm, (longest + 1) * size)
    bar_room = 9 * mm
    width, height = sheet.width, len(departments) * bar_room + 20 * mm
    drawing = _drawing(sheet, width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = left, 10 * mm
    chart.width, chart.height = width - left - 10 * mm, height - 20 * mm
    ordered = list(reversed(departments))  # the first at the top
    _two_series(chart, sheet.font, size, data=[[d.accepted for d in ordered], [d.completed for d in ordered]],
                names=[d.department for d in ordered], fills=(INTAKE, DONE), label_format="%d", nudge=6)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = True
    drawing.add(chart)
    drawing.add(_legend(sheet.font, size, left, height - 3 * mm, [(INTAKE, "受理量"), (DONE, "办结量")]))
    return drawing


def worker_chart(sheet: Sheet, workers: Sequence[WorkerLine]) -> Drawing:
    """Grouped bars per worker: 按期办结率 and 满意率 in percent; "—" where a rate had nothing to count."""
    size = max(sheet.small.fontSize, MIN_SIZE)
    width, height = sheet.width, 62 * mm
    drawing = _drawing(sheet, width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 10 * mm
    chart.width, chart.height = width - 16 * mm, height - 20 * mm
    # reportlab draws no bar for None; the axis is fixed at 0-100%
    series = [[_percent(w.on_time_share) for w in workers], [_percent(w.satisfaction_share) for w in workers]]
    _two_series(chart, sheet.font, size, data=series, names=[w.worker for w in workers],
                fills=(ON_TIME, SATISFIED), label_format="%.1f%%", nudge=5)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.groupSpacing = 8
    drawing.add(chart)
    # "—" where a bar would stand: the share had nothing to count.
    step = chart.width / max(len(workers), 1)
    for i, worker in enumerate(workers):
        for j, share in enumerate((worker.on_time_share, worker.satisfaction_share)):
            if share is None:
                x = chart.x + step * i + step * (j + 1) / 3
                drawing.add(String(x, chart.y + 2, NONE_SHOWN, fontName=sheet.font, fontSize=size,
                                   textAnchor="middle"))
    drawing.add(_legend(sheet.font, size, 12 * mm, height - 3 * mm, [(ON_TIME, "按期办结率"),
                                                                      (SATISFIED, "满意率（全国口径）")]))
    return drawing


def _drawing(sheet: Sheet, width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    # The drawing's starting font is Times-Roman unless told: it would be named in the PDF, not embedded.
    drawing.initialFontName = sheet.font
    return drawing


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 2)
