"""GB/T 39046-2020 export: every row follows the field lists (county_server.services.gbt39046.TABLES),
codes mapped as the standard's appendix has them, no personal data beyond a surname."""
from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from sqlalchemy import func, select

from app.models.vocabulary import AppealDecision
from county_server.models import Case, Complaint, Rating, RatingFollowUp, Resident
from county_server.services import gbt39046
from county_server.services.county_stats import period_bounds
from tests.county.harness import County
from tests.county.stats_data import ZONE, populate

START, END, TODAY = date(2026, 3, 1), date(2026, 3, 31), date(2026, 4, 10)


@pytest.fixture
def county_db(county: County) -> County:
    with county.session() as session:
        populate(session, start=START)
    return county


def test_the_export_follows_the_field_lists_and_counts_the_periods_records(county_db: County) -> None:
    lo, hi = period_bounds(START, END, ZONE)
    with county_db.db() as session:
        data = gbt39046.export(session, start=START, end=END, zone=ZONE, today=TODAY)
        cases = session.scalar(select(func.count()).select_from(Case).where(
            Case.received_at >= lo, Case.received_at < hi, Case.accepted_on.is_not(None)))
        voided = select(RatingFollowUp.rating_id).where(RatingFollowUp.appeal_decision == AppealDecision.VOIDED.value)
        ratings = session.scalar(select(func.count()).select_from(Rating).where(
            Rating.rated_at >= lo, Rating.rated_at < hi, Rating.id.not_in(voided)))
        complaint_count = session.scalar(select(func.count()).select_from(Complaint).where(
            Complaint.received_at >= lo, Complaint.received_at < hi))
        names = set(session.scalars(select(Resident.name)))
    assert gbt39046.problems(data) == []
    assert (len(data.tables["办件"]), len(data.tables["评价"]), len(data.tables["投诉"])) == (
        cases, ratings, complaint_count)
    assert cases and ratings and complaint_count
    assert {row["办件类型"] for row in data.tables["办件"]} == {"1", "2"}
    assert {row["评价渠道"] for row in data.tables["评价"]} <= {"3", "4", "6"}
    for row in data.tables["评价"]:  # appendix A.8: 1 = 非常满意 … 5 = 非常不满意
        assert {"非常满意": "1", "满意": "2", "基本满意": "3", "不满意": "4", "非常不满意": "5"}[row["满意度"]] == \
            row["满意度代码"]
    assert not names & {row["申请人"] for row in data.tables["办件"]}  # masked: 张*
    assert {row["投诉人"] for row in data.tables["投诉"]} <= {"赵*", "匿名"}


def test_a_broken_row_is_named(county_db: County) -> None:
    with county_db.db() as session:
        data = gbt39046.export(session, start=START, end=END, zone=ZONE, today=TODAY)
    row = dict(data.tables["评价"][0]) | {"满意度代码": "9"}
    case = dict(data.tables["办件"][0]) | {"办件编号": ""}
    broken = gbt39046.Export(START, END, {"评价": (row,), "办件": (case,), "投诉": ()})
    assert gbt39046.problems(broken) == ["办件 第 1 行「办件编号」必填", "评价 第 1 行「满意度代码」代码 9 不在标准代码中"]


def test_the_download_is_a_workbook_of_the_three_tables(county_db: County) -> None:
    from openpyxl import load_workbook

    county_db.login()
    response = county_db.client.get("/admin/exports/gbt39046", params={"start": START, "end": END})
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["办件", "评价", "投诉", "说明"]
    for table, items in gbt39046.TABLES.items():
        assert [c.value for c in book[table][1]] == [item.name for item in items]
        assert book[table].max_row > 1
