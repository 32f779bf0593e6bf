"""台账统计 at the county: the SQL tallies give the figures the desk's facts
give, towns and the county add up, and centers without data rank last."""
from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from app.services import statistics as st
from county_server.services import county_stats as cs
from tests.county.harness import County
from tests.county.stats_data import ZONE, populate

START, END, TODAY = date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 20)


@pytest.fixture
def county_db(county: County) -> County:
    with county.session() as session:
        populate(session, start=START)
    return county


@pytest.mark.parametrize("today", [TODAY, date(2026, 4, 15)])
def test_the_sql_tallies_give_the_figures_of_the_desks_own_computation(county_db: County, today: date) -> None:
    with county_db.db() as session:
        seen = cs.overview(session, start=START, end=END, today=today, zone=ZONE)
        calendar = cs.work_calendar(session)
        facts = cs.load_facts(session, start=START, end=END, zone=ZONE)
    assert len(seen.centers) == 4
    everything = st.Facts()
    for center in seen.centers:
        own = facts.get(center.center_id, st.Facts())
        expected = st.compute(own, start=START, end=END, today=today, calendar=calendar).total.values
        assert center.row.values == expected, center.code
        everything = st.Facts(*(getattr(everything, f.name) + getattr(own, f.name) for f in fields(st.Facts)))
    whole = st.compute(everything, start=START, end=END, today=today, calendar=calendar).total.values
    assert seen.total.values == whole
    assert seen.total.values["accepted"] and seen.total.values["satisfaction"] is not None
    # 上门/巡回, 代办 and 帮办网办 as stats_data made them: a visit of three cases (01:00 local the day before
    # in UTC), the next home, a colleague's visit, the next day; a stop of three, the next stop; two
    # errands (not the one from before the period, nor a proxy's event without a mandate); five helped
    # online on one day and one later, two approved (not the one at 23:00 the day before the period).
    away = ("home_visits", "home_cases", "tour_visits", "tour_cases", "proxy_errands", "online_assists",
            "online_done")
    assert [seen.centers[0].row.values[key] for key in away] == [4, 6, 2, 4, 2, 6, 2]
    assert [whole[key] for key in away] == [12, 18, 6, 12, 6, 18, 6]  # three centers with records


def test_towns_roll_up_their_centers(county_db: County) -> None:
    with county_db.db() as session:
        seen = cs.overview(session, start=START, end=END, today=TODAY, zone=ZONE)
    towns = {row.label: row.values for row in seen.towns}
    assert set(towns) == {"东镇", "西镇", cs.NO_TOWN}
    for key in ("accepted", "completed", "overdue", "ratings", "complaints", "inquiries"):
        assert sum(int(v[key] or 0) for v in towns.values()) == seen.total.values[key]
        east = [c for c in seen.centers if c.town == "东镇"]
        assert towns["东镇"][key] == sum(int(c.row.values[key] or 0) for c in east)


def test_a_center_without_data_shows_dashes_and_ranks_last(county_db: County) -> None:
    with county_db.db() as session:
        seen = cs.overview(session, start=START, end=END, today=TODAY, zone=ZONE)
    empty = seen.centers[-1]
    assert not empty.has_data
    assert empty.row.shown("on_time_rate") == "—" and empty.row.shown("satisfaction") == "—"
    for key, higher in cs.RANKABLE.items():
        ranked = cs.rank(seen.centers, key)
        assert ranked[-1].center is empty and ranked[-1].rank is None, key
        values = [r.value for r in ranked if r.rank is not None]
        assert values == sorted(values, reverse=higher), key  # type: ignore[type-var]


def test_a_centers_drill_down_is_the_desks_computation(county_db: County) -> None:
    with county_db.db() as session:
        seen = cs.overview(session, start=START, end=END, today=TODAY, zone=ZONE)
        first = seen.centers[0]
        for group in (st.Group.ITEM, st.Group.DEPARTMENT, st.Group.WORKER, st.Group.MONTH):
            stats = cs.center_statistics(session, first.center_id, start=START, end=END, today=TODAY, zone=ZONE,
                                         group=group)
            assert stats.total.values == first.row.values
            assert stats.rows, group
        assert {r.label for r in cs.center_statistics(session, first.center_id, start=START, end=END, today=TODAY,
                                                      zone=ZONE, group=st.Group.DEPARTMENT).rows} <= {"民政", "人社", "—"}


def test_the_pages_show_every_figure_with_its_formula_and_rank_empty_centers_last(county_db: County) -> None:
    county_db.login()
    page = county_db.client.get("/admin/stats", params={"start": START, "end": END, "sort": "satisfaction"})
    assert page.status_code == 200, page.text
    html = page.text
    for spec in st.FIGURES:
        assert f'title="{spec.formula.zh}"' in html  # on hover
        assert spec.formula.zh in html.split('id="formulas"')[1]  # and in the footnotes
    assert "中心排名（按满意率（全国口径））" in html and "乡镇汇总" in html and "东镇" in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr")
    assert 'class="nodata"' in rows[-2] and "ST03" in rows[-2]  # the center without data, just above 合计
    first = county_db.client.get("/admin/stats", params={"start": START, "end": END})
    assert first.status_code == 200
    center_link = first.text.split('/admin/stats/centers/')[1].split('"')[0].replace("&amp;", "&")
    drill = county_db.client.get(f"/admin/stats/centers/{center_link}&group=worker")
    assert drill.status_code == 200 and "工作人员" in drill.text and "合计" in drill.text


def test_a_bad_period_is_named_in_chinese(county_db: County) -> None:
    county_db.login()
    page = county_db.client.get("/admin/stats", params={"start": "2026-13-01", "end": END})
    assert page.status_code == 422 and "开始日期格式有误" in page.text
    page = county_db.client.get("/admin/stats", params={"start": END, "end": START})
    assert page.status_code == 422 and "结束日期不能早于开始日期" in page.text


def test_the_excel_export_is_the_desks_workbook_with_centers_towns_and_ranking(county_db: County) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    county_db.login()
    response = county_db.client.get("/admin/stats.xlsx", params={"start": START, "end": END, "sort": "accepted"})
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["统计", "乡镇汇总", "中心排名（按受理量）", "计算公式"]
    stats = book["统计"]
    assert stats.cell(2, 1).value == "中心" and stats.freeze_panes == "A3"
    assert stats.page_setup.orientation == "landscape" and stats.page_setup.paperSize == 9
    labels = [stats.cell(r, 1).value for r in range(3, 8)]
    assert labels[:4] == ["ST00 第1村党群服务中心", "ST01 第2村党群服务中心", "ST02 第3村党群服务中心",
                          "ST03 第4村党群服务中心"] and labels[4] == "合计"
    with county_db.db() as session:
        seen = cs.overview(session, start=START, end=END, today=date.today(), zone=ZONE)
    accepted_col = 1 + [s.key for s in st.FIGURES].index("accepted") + 1
    assert stats.cell(7, accepted_col).value == seen.total.values["accepted"]
    titles = [spec.label.zh for spec in st.FIGURES]  # every figure, 上门户次 … 网办已办结 included
    assert [c.value for c in stats[2]][1:] == titles and [c.value for c in book["乡镇汇总"][2]][1:] == titles
    assert [c.value for c in book["中心排名（按受理量）"][2]][3:] == titles
    away = [1 + [s.key for s in st.FIGURES].index(key) + 1 for key in ("home_visits", "proxy_errands", "online_done")]
    assert [stats.cell(7, col).value for col in away] == [12, 6, 6]
    ranking = book["中心排名（按受理量）"]
    assert ranking.cell(2, 1).value == "名次" and ranking.cell(6, 1).value == "—"
    formulas = book["计算公式"]
    assert [formulas.cell(r, 3).value for r in range(3, 3 + len(st.FIGURES))] == [s.formula.zh for s in st.FIGURES]
    center = seen.centers[0].center_id
    one = county_db.client.get(f"/admin/stats/centers/{center}/stats.xlsx",
                               params={"start": START, "end": END, "group": "month"})
    assert one.status_code == 200
    assert load_workbook(BytesIO(one.content))["统计"].cell(2, 1).value == "月份"
