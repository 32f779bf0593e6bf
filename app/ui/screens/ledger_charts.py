"""台账统计's charts: the monthly trend of intake and completion, cases by department, and the on-time
rate and 满意率 by worker (Qt Charts).

Imported only when the charts are first shown, so start-up never loads
QtCharts. The numbers come from app.services.ledger_documents.chart_data,
the same the printed month's report draws: a rate with nothing to count has
no bar, and its worker's label says "—".
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

if TYPE_CHECKING:
    from app.services.ledger_documents import Charts

NONE_SHOWN = "—"
INTAKE, DONE = QColor(69, 115, 178), QColor(140, 191, 115)
ON_TIME, SATISFIED = QColor(69, 115, 178), QColor(237, 158, 64)


class ChartsPanel(QWidget):
    """Three charts side by side (two above, one below)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        self.trend = self._view()
        self.departments = self._view()
        self.workers = self._view()
        layout.addWidget(self.trend, 0, 0)
        layout.addWidget(self.workers, 0, 1)
        layout.addWidget(self.departments, 1, 0, 1, 2)
        self.note = QLabel(self.tr("A dash (—) after a worker's name: a rate with nothing to count, drawn without "
                                   "a bar."))
        self.note.setWordWrap(True)
        layout.addWidget(self.note, 2, 0, 1, 2)

    @staticmethod
    def _view() -> QChartView:
        view = QChartView()
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(240)
        return view

    def show_charts(self, charts: Charts) -> None:
        self.trend.setChart(self._trend(charts))
        self.departments.setChart(self._departments(charts))
        # Every department's name needs a line: the chart grows, the page scrolls.
        self.departments.setMinimumHeight(max(240, 30 * len(charts.departments) + 110))
        self.workers.setChart(self._workers(charts))

    def _chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        return chart

    def _empty(self, chart: QChart) -> QChart:
        chart.setTitle(chart.title() + "  " + self.tr("(nothing to count in this period: —)"))
        return chart

    def _trend(self, charts: Charts) -> QChart:
        chart = self._chart(self.tr("Accepted and completed by month"))
        if not charts.trend:
            return self._empty(chart)
        accepted, completed = QBarSet(self.tr("Accepted")), QBarSet(self.tr("Completed"))
        accepted.setColor(INTAKE)
        completed.setColor(DONE)
        for point in charts.trend:
            accepted.append(point.accepted)
            completed.append(point.completed)
        series = QBarSeries()
        series.append(accepted)
        series.append(completed)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(series)
        chart.setTitle(f"{chart.title()} ({charts.trend[0].month} – {charts.trend[-1].month})")
        self._axes(chart, series, [self.tr("{month}/{year}").format(month=int(p.month[5:]), year=p.month[2:4])
                                   for p in charts.trend],
                   max(max(p.accepted, p.completed) for p in charts.trend), horizontal=False)
        return chart

    def _departments(self, charts: Charts) -> QChart:
        chart = self._chart(self.tr("Cases by department"))
        if not charts.departments:
            return self._empty(chart)
        accepted, completed = QBarSet(self.tr("Accepted")), QBarSet(self.tr("Completed"))
        accepted.setColor(INTAKE)
        completed.setColor(DONE)
        ordered = list(reversed(charts.departments))  # the biggest at the top
        for department in ordered:
            accepted.append(department.accepted)
            completed.append(department.completed)
        series = QHorizontalBarSeries()
        series.append(accepted)
        series.append(completed)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(series)
        self._axes(chart, series, [d.department for d in ordered],
                   max(max(d.accepted, d.completed) for d in ordered), horizontal=True)
        return chart

    def _workers(self, charts: Charts) -> QChart:
        chart = self._chart(self.tr("On-time rate and satisfaction (national) by worker, %"))
        if not charts.workers:
            return self._empty(chart)
        on_time, satisfied = QBarSet(self.tr("Completed on time")), QBarSet(self.tr("Satisfaction (national)"))
        on_time.setColor(ON_TIME)
        satisfied.setColor(SATISFIED)
        names = []
        for worker in charts.workers:
            # A rate with nothing to count: a bar of no height, and "—" under the worker's name.
            on_time.append(round(worker.on_time_share * 100, 1) if worker.on_time_share is not None else 0)
            satisfied.append(round(worker.satisfaction_share * 100, 1)
                             if worker.satisfaction_share is not None else 0)
            missing = [] if worker.on_time_share is not None else [self.tr("on time —")]
            missing += [] if worker.satisfaction_share is not None else [self.tr("satisfaction —")]
            names.append(worker.worker + (f"\n({', '.join(missing)})" if missing else ""))
        series = QBarSeries()
        series.append(on_time)
        series.append(satisfied)
        # No value labels here: a rate with nothing to count must not read "0" (the table gives the values).
        chart.addSeries(series)
        self._axes(chart, series, names, 100, horizontal=False, fixed_top=True)
        return chart

    @staticmethod
    def _axes(chart: QChart, series: QBarSeries | QHorizontalBarSeries, names: list[str], top: float, *,
              horizontal: bool, fixed_top: bool = False) -> None:
        categories = QBarCategoryAxis()
        categories.append(names)
        categories.setTruncateLabels(False)  # a department's or worker's name in full, not "…"
        values = QValueAxis()
        values.setRange(0, top if fixed_top else max(1.0, top * 1.15))
        values.setLabelFormat("%d")
        if horizontal:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
