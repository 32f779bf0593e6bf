"""A resident's correction and a merge of two records of one person, through
a live county: one operation each, applied by the county and every desk, in
whatever order the desks' work arrives."""
from __future__ import annotations

import uuid

from sqlalchemy import select

from app.models import OutboxEntry, Resident
from app.services.residents import ResidentCorrection, correct_resident
from county_server.models import Case as CountyCase
from county_server.models import CenterRecord
from tests.sync.live import CountyProcess, DeskPC


def county_owners(county: CountyProcess, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    with county.db() as session:
        rows = session.scalars(select(CountyCase).where(CountyCase.id.in_(case_ids)))
        for row in rows:
            assert row.data["resident_id"] == str(row.resident_id)  # what other desks receive says the same
        return {row.id: row.resident_id for row in session.scalars(select(CountyCase).where(CountyCase.id.in_(case_ids)))}


def desk_owners(desk: DeskPC, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    return {case_id: desk.case(case_id).resident_id for case_id in case_ids}


def test_a_merge_reaches_the_county_and_the_other_desk_and_takes_late_cases_along(county: CountyProcess,
                                                                                  new_desk) -> None:
    one, two = new_desk(1), new_desk(2)
    one.enroll(county)
    two.enroll(county)
    assert one.sync().ok
    kept, typo = one.register("张老汉"), one.register("张老汉")
    first = one.take_in(typo)
    assert one.sync().ok and two.sync().ok
    late = two.take_in(typo)  # offline at desk 2, before it learns of the merge
    merge_id = one.merge(kept, typo, reason="登记时证件号码录错")
    with one.factory() as session:
        ops = session.scalars(select(OutboxEntry).where(OutboxEntry.status == "pending")).all()
        assert [(op.entity, op.payload["status"]) for op in ops] == [("resident_merge", "confirmed")]  # one op
    assert one.sync().ok
    assert two.sync().ok  # pushes its late case (the county files it under the kept record), pulls the merge
    assert one.sync().ok
    cases = [first, late]
    assert county_owners(county, cases) == {first: kept, late: kept}
    assert desk_owners(one, cases) == desk_owners(two, cases) == {first: kept, late: kept}
    assert one.merged() == two.merged() == {typo: kept}
    with county.db() as session:
        record = session.get(CenterRecord, merge_id)
        assert record.entity == "resident_merge" and record.data["status"] == "confirmed"
    assert two.sync().ok  # applying it again (a new pull) changes nothing
    assert two.merged() == {typo: kept}


def test_a_correction_reaches_the_other_desk_with_its_search_keys(county: CountyProcess, new_desk) -> None:
    one, two = new_desk(1), new_desk(2)
    one.enroll(county)
    two.enroll(county)
    person = one.register("张老汉")
    assert one.sync().ok and two.sync().ok
    with one.factory.begin() as session:
        r = session.get(Resident, person)
        correct_resident(session, one.actor, person, ResidentCorrection(
            name="章老汉", phone="13812345678", address="和平村三组", village_group="三组",
            household_notes="独居", reason="群众本人要求更正"))
        assert r.name == "章老汉"
    assert one.sync().ok and two.sync().ok
    with two.factory() as session:
        r = session.get(Resident, person)
        assert (r.name, r.name_initials, r.phone_last4, r.address, r.household_notes) == (
            "章老汉", "zlh", "5678", "和平村三组", "独居")
        from app.services.search import lookup

        assert [hit.id for hit in lookup(session, "章老").residents] == [person]
