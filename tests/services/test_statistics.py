"""Each figure of 台账统计 computed by hand on a small set of facts."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest

from app.models.vocabulary import AppointmentStatus, CaseStatus, HandlingMode, IntakeOutcome, RatingLevel
from app.services import statistics as st
from app.services.calendar import WorkCalendar

CAL = WorkCalendar.official()
START, END, TODAY = date(2026, 3, 1), date(2026, 3, 31), date(2026, 4, 10)


def case(n: int, *, accepted: date | None, completed: date | None = None, due: date | None = None,
         outcome: str = IntakeOutcome.ACCEPT, mode: str = HandlingMode.COMMITTED, status: str | None = None,
         worker: str = "张三", item: str = "高龄补贴申报", department: str = "民政") -> st.CaseFact:
    return st.CaseFact(
        case_id=uuid.UUID(int=n), item=item, department=department, worker=worker,
        received_on=accepted or date(2026, 3, 2), accepted_on=accepted, outcome=outcome, handling_mode=mode,
        status=status or (CaseStatus.COMPLETED if completed else CaseStatus.IN_PROGRESS),
        committed_due=due, completed_on=completed)


CASES = (
    # 1: done on the spot (即办), 2 March
    case(1, accepted=date(2026, 3, 2), completed=date(2026, 3, 2), outcome=IntakeOutcome.DONE_ON_THE_SPOT,
         mode=HandlingMode.ON_THE_SPOT),
    # 2: committed, accepted Mon 2 March, done Thu 5 March (3 working days), due 9 March: on time
    case(2, accepted=date(2026, 3, 2), completed=date(2026, 3, 5), due=date(2026, 3, 9)),
    # 3: committed, accepted Mon 9 March, done Mon 16 March (5 working days), due 11 March: late
    case(3, accepted=date(2026, 3, 9), completed=date(2026, 3, 16), due=date(2026, 3, 11), worker="李四",
         item="低保申请", department="民政"),
    # 4: open, due 20 March: overdue at the period's end
    case(4, accepted=date(2026, 3, 10), due=date(2026, 3, 20), worker="李四", item="低保申请"),
    # 5: open, due 3 April: not yet overdue at 31 March
    case(5, accepted=date(2026, 3, 20), due=date(2026, 4, 3), mode=HandlingMode.FORWARDED,
         outcome=IntakeOutcome.FORWARD, department="人社", item="退休办理"),
    # 6: waiting for supplements: not accepted, counts nowhere
    case(6, accepted=None, outcome=IntakeOutcome.SUPPLEMENT, status=CaseStatus.NEEDS_SUPPLEMENT),
    # 7: accepted in February, completed 3 March on time (due 4 March): completed in March, accepted before
    case(7, accepted=date(2026, 2, 24), completed=date(2026, 3, 3), due=date(2026, 3, 4)),
)

RATINGS = (
    st.RatingFact(uuid.UUID(int=1), "高龄补贴申报", "民政", "张三", date(2026, 3, 2), RatingLevel.VERY_SATISFIED),
    st.RatingFact(uuid.UUID(int=2), "高龄补贴申报", "民政", "张三", date(2026, 3, 5), RatingLevel.FAIRLY_SATISFIED),
    # a bad rating, rectified by its date
    st.RatingFact(uuid.UUID(int=3), "低保申请", "民政", "李四", date(2026, 3, 16), RatingLevel.DISSATISFIED,
                  rectify_due=date(2026, 3, 23), rectified_on=date(2026, 3, 20)),
    # a bad rating not rectified, its date passed
    st.RatingFact(None, "低保申请", "民政", "李四", date(2026, 3, 17), RatingLevel.VERY_DISSATISFIED,
                  rectify_due=date(2026, 3, 24)),
    # voided on appeal: counts nowhere
    st.RatingFact(uuid.UUID(int=7), "高龄补贴申报", "民政", "张三", date(2026, 3, 3), RatingLevel.VERY_DISSATISFIED,
                  voided=True, rectify_due=date(2026, 3, 10)),
)

INQUIRIES = (
    st.InquiryFact("高龄补贴申报", "民政", "张三", date(2026, 3, 2), "answered"),
    st.InquiryFact("", "", "张三", date(2026, 3, 3), "referred"),
    st.InquiryFact("低保申请", "民政", "李四", date(2026, 3, 9), "converted"),
    st.InquiryFact("", "", "李四", date(2026, 3, 10), "open"),
    st.InquiryFact("", "", "李四", date(2026, 4, 1), "answered"),  # outside the period
)

COMPLAINTS = (
    st.ComplaintFact("张三", date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 6)),  # on time
    st.ComplaintFact("张三", date(2026, 3, 10), date(2026, 3, 17), date(2026, 3, 18)),  # late
    st.ComplaintFact("李四", date(2026, 3, 30), date(2026, 4, 20), None),  # not yet due: not counted
)

APPOINTMENTS = (
    st.AppointmentFact("高龄补贴申报", "民政", "张三", date(2026, 3, 2), AppointmentStatus.DONE),
    st.AppointmentFact("高龄补贴申报", "民政", "张三", date(2026, 3, 3), AppointmentStatus.CHECKED_IN),
    st.AppointmentFact("低保申请", "民政", "李四", date(2026, 3, 4), AppointmentStatus.NO_SHOW),
    st.AppointmentFact("低保申请", "民政", "李四", date(2026, 3, 5), AppointmentStatus.CANCELLED),
)

FACTS = st.Facts(CASES, INQUIRIES, RATINGS, COMPLAINTS, APPOINTMENTS)


def test_every_figure_of_the_whole_by_hand() -> None:
    total = st.compute(FACTS, start=START, end=END, today=TODAY, calendar=CAL).total.values
    # accepted in March: 1 2 3 4 5 (6 never accepted, 7 accepted in February)
    assert total["accepted"] == 5
    # completed in March: 1 2 3 7
    assert total["completed"] == 4
    assert total["immediate"] == 1 and total["promised"] == 4
    assert total["on_spot_rate"] == Decimal("0.2000")  # 1 ÷ 5
    # on time: 1 (no date), 2, 7; late: 3
    assert total["on_time_rate"] == Decimal("0.7500")
    # overdue: 3 (late) + 4 (open past 20 March)
    assert total["overdue"] == 2
    # still open on 31 March: 4 and 5 (6 was never accepted)
    assert total["overdue_rate"] == Decimal("0.3333")  # 2 ÷ (4 completed + 2 open)
    # working days: 1 → 0, 2 → 3, 3 → 5, 7 → 24 Feb … 3 Mar = 25, 26, 27, 28 (a Saturday worked after
    # the Spring Festival), 2, 3 = 6
    assert CAL.is_working_day(date(2026, 2, 28))
    assert total["avg_days"] == Decimal("3.5")  # 14 ÷ 4
    assert (total["inquiries"], total["inq_answered"], total["inq_referred"], total["inq_converted"]) == (4, 1, 1, 1)
    # valid ratings: 4 (the voided one out); good: very satisfied + fairly satisfied = 2
    assert total["ratings"] == 4
    assert total["satisfaction"] == Decimal("0.5000")
    assert total["dongguan"] is False
    # rated among completed in March (1 2 3 7): 1 2 3 → 3 ÷ 4 (7's rating was voided)
    assert total["participation"] == Decimal("0.7500")
    # follow-ups due: two (both dates passed by 10 April); on time: one
    assert total["follow_up_on_time"] == Decimal("0.5000")
    assert total["complaints"] == 3
    assert total["complaint_on_time"] == Decimal("0.5000")  # 1 of the 2 due
    assert (total["appointments"], total["appt_kept"], total["appt_missed"]) == (4, 2, 1)
    assert total["appt_kept_rate"] == Decimal("0.6667")


def test_nothing_to_count_is_none_not_zero() -> None:
    values = st.compute(st.Facts(), start=START, end=END, today=TODAY, calendar=CAL).total.values
    for spec in st.FIGURES:
        if spec.kind is st.Kind.COUNT:
            assert values[spec.key] == 0, spec.key
        else:
            assert values[spec.key] is None, spec.key
            assert st.format_value(spec, values[spec.key]) == "—"


def test_by_worker_by_hand() -> None:
    rows = {r.label: r.values for r in st.compute(FACTS, start=START, end=END, today=TODAY, calendar=CAL,
                                                   group=st.Group.WORKER).rows}
    assert set(rows) == {"张三", "李四"}
    zhang, li = rows["张三"], rows["李四"]
    assert (zhang["accepted"], zhang["completed"], li["accepted"], li["completed"]) == (3, 3, 2, 1)
    assert zhang["satisfaction"] == Decimal("1.0000") and zhang["dongguan"] is True
    assert li["satisfaction"] == Decimal("0.0000") and li["dongguan"] is False
    assert zhang["follow_up_on_time"] is None  # its only follow-up was voided
    assert li["overdue"] == 2 and li["on_time_rate"] == Decimal("0.0000")
    assert li["overdue_rate"] == Decimal("1.0000")  # 3 late, 4 open past its date: 2 ÷ (1 + 1)
    assert li["appt_kept_rate"] == Decimal("0.0000") and zhang["appt_kept_rate"] == Decimal("1.0000")


def test_by_month_puts_a_case_where_it_happened() -> None:
    stats = st.compute(FACTS, start=date(2026, 2, 1), end=END, today=TODAY, calendar=CAL, group=st.Group.MONTH)
    rows = {r.label: r.values for r in stats.rows}
    assert rows["2026-02"]["accepted"] == 1 and rows["2026-02"]["completed"] == 0
    assert rows["2026-03"]["accepted"] == 5 and rows["2026-03"]["completed"] == 4


def test_by_department_and_item() -> None:
    rows = {r.label: r.values for r in st.compute(FACTS, start=START, end=END, today=TODAY, calendar=CAL,
                                                   group=st.Group.DEPARTMENT).rows}
    assert rows["人社"]["accepted"] == 1 and rows["民政"]["accepted"] == 4
    items = {r.label for r in st.compute(FACTS, start=START, end=END, today=TODAY, calendar=CAL,
                                         group=st.Group.ITEM).rows}
    assert {"高龄补贴申报", "低保申请", "退休办理"} <= items


def test_every_figure_names_its_formula_in_both_languages() -> None:
    for spec in st.FIGURES:
        assert spec.formula.zh and spec.formula.en and spec.label.zh
    assert st.SPECS["satisfaction"].formula is st.rating_figures.FORMULAS["satisfaction"]


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        st.compute(FACTS, start=END, end=START, today=TODAY, calendar=CAL)
