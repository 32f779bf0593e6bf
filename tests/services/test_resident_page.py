"""A resident's page: corrections with a reason, within the limits of the
columns and of what prints; the reveal of an ID number or phone audited."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.models import AuditEntry, OutboxEntry, Resident, ResidentNameGram
from app.models.vocabulary import IntakeOutcome
from app.services.documents import PrintTarget, prepare
from app.services.errors import DomainError
from app.services.identity import RESIDENT_ID, IdNumberError, fictional_id_number
from app.services.resident_page import resident_page, reveal
from app.services.residents import FIELD_LIMITS, ResidentCorrection, ResidentInput, correct_resident, register_resident
from app.services.search import lookup
from tests.services.desk import NOW, Desk

OTHER_ID = fictional_id_number(region_code="440111", birth_date=date(1951, 3, 4), sequence=33, gender="女")


def _correction(desk: Desk, **changes: str) -> ResidentCorrection:
    with desk.db.session_factory() as session:
        r = session.get(Resident, desk.resident_id)
        fields = {"name": r.name, "phone": r.phone, "address": r.address, "village_group": r.village_group,
                  "household_notes": r.household_notes, "reason": "群众本人要求更正"}
    return ResidentCorrection(**(fields | changes))


def _audit(desk: Desk, action: str) -> list[AuditEntry]:
    with desk.db.session_factory() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_a_correction_is_saved_audited_masked_and_queued_for_the_county(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        changed = correct_resident(session, desk.clerk, desk.resident_id, _correction(
            desk, name="张老汗", phone="13812345678", address="和平村三组 12 号", household_notes="独居，子女在外地"),
            now=NOW)
    assert changed == ("name", "phone", "address", "household_notes")
    with desk.db.session_factory() as session:
        r = session.get(Resident, desk.resident_id)
        assert (r.name, r.name_initials, r.phone_last4) == ("张老汗", "zlh", "5678")
        grams = set(session.scalars(select(ResidentNameGram.gram).where(ResidentNameGram.resident_id == r.id)))
        assert "汗" in grams
        assert lookup(session, "老汗").residents[0].id == r.id
        sent = session.scalars(select(OutboxEntry).where(OutboxEntry.entity == "resident",
                                                          OutboxEntry.entity_id == r.id)).all()[-1]
        assert sent.payload["name"] == "张老汗" and sent.payload["household_notes"] == "独居，子女在外地"
        assert "merged_into" not in sent.payload  # derived from the merges at every desk
    [entry] = _audit(desk, "correct")
    assert entry.staff_id == desk.clerk.staff_id
    assert "群众本人要求更正" in entry.summary
    changes = " ".join(entry.detail["changes"])
    assert "张老汉 -> 张老汗" in changes
    assert "13812345678" not in changes and "138****5678" in changes
    assert "独居" not in str(entry.detail)  # the notes are sensitive: only "changed"


def test_a_correction_needs_a_reason_and_nothing_changed_is_no_change(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as error:
        correct_resident(session, desk.clerk, desk.resident_id, _correction(desk, name="李四", reason=" "))
    assert error.value.field == "reason"
    with desk.db.session_factory.begin() as session:
        assert correct_resident(session, desk.clerk, desk.resident_id, _correction(desk)) == ()
    assert _audit(desk, "correct") == []


def test_a_mistyped_id_number_is_revalidated_and_refused_when_taken(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        other = register_resident(session, desk.clerk, ResidentInput(RESIDENT_ID, OTHER_ID, "李秀英")).resident_id
    with desk.db.session_factory.begin() as session, pytest.raises(IdNumberError):
        correct_resident(session, desk.clerk, desk.resident_id,
                         ResidentCorrection(**(vars(_correction(desk)) | {"id_number": OTHER_ID[:-1] + "0"})))
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as error:
        correct_resident(session, desk.clerk, desk.resident_id,
                         ResidentCorrection(**(vars(_correction(desk)) | {"id_number": OTHER_ID})))
    assert error.value.field == "id_number" and "李秀英" in str(error.value) and "合并" in str(error.value)
    fixed = fictional_id_number(region_code="440111", birth_date=date(1940, 5, 7), sequence=12, gender="男")
    with desk.db.session_factory.begin() as session:
        changed = correct_resident(session, desk.clerk, desk.resident_id,
                                   ResidentCorrection(**(vars(_correction(desk)) | {"id_number": fixed})))
    assert "id_number" in changed and "birth_date" in changed
    [entry] = _audit(desk, "correct")
    assert fixed not in str(entry.detail) and fixed not in entry.summary
    with desk.db.session_factory() as session:
        assert session.get(Resident, desk.resident_id).birth_date == date(1940, 5, 7)
        assert other != desk.resident_id


@pytest.mark.parametrize("field", ["name", "address", "village_group", "household_notes"])
def test_text_fields_refuse_what_they_cannot_hold_naming_field_and_limit(desk: Desk, field: str) -> None:
    label, limit = FIELD_LIMITS[field]
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as error:
        correct_resident(session, desk.clerk, desk.resident_id, _correction(desk, **{field: "长" * (limit + 1)}))
    assert error.value.field == field
    assert label.zh in str(error.value) and str(limit) in str(error.value)
    with desk.db.session_factory.begin() as session:  # exactly the limit is fine
        correct_resident(session, desk.clerk, desk.resident_id, _correction(desk, **{field: "长" * limit}))


def test_registration_refuses_the_4403_character_address(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as error:
        register_resident(session, desk.clerk, ResidentInput(RESIDENT_ID, OTHER_ID, "李秀英", address="村" * 4403))
    assert error.value.field == "address" and "200" in str(error.value)


def test_the_longest_name_and_address_allowed_still_print(desk: Desk) -> None:
    """The limits are what the documents print whole, not only what the columns hold."""
    with desk.db.session_factory.begin() as session:
        correct_resident(session, desk.clerk, desk.resident_id, _correction(
            desk, name="买" * FIELD_LIMITS["name"][1], address="和平村" * (FIELD_LIMITS["address"][1] // 3)))
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT))
    with desk.db.session_factory() as session:
        prepared = prepare(session, desk.clerk, PrintTarget("receipt", case_id=case_id))
    assert prepared.pdf.startswith(b"%PDF")


def test_the_page_masks_and_a_reveal_is_audited_with_the_screen(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        correct_resident(session, desk.clerk, desk.resident_id, _correction(
            desk, phone="13812345678", household_notes="低保边缘户"))
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT))
    with desk.db.session_factory() as session:
        page = resident_page(session, desk.resident_id)
        r = session.get(Resident, desk.resident_id)
        full_id = r.id_number
    assert full_id not in repr(page) and "13812345678" not in repr(page)
    assert page.phone_masked == "138****5678" and page.household_notes == "低保边缘户"
    assert [c.id for c in page.cases] == [case_id] and page.cases[0].item_name == "高龄津贴申报"
    with desk.db.session_factory.begin() as session:
        assert reveal(session, desk.clerk, desk.resident_id, "id_number", screen="群众档案") == full_id
        assert reveal(session, desk.clerk, desk.resident_id, "phone", screen="群众档案") == "13812345678"
    entries = _audit(desk, "reveal")
    assert [e.detail for e in entries] == [{"field": "id_number", "screen": "群众档案"},
                                           {"field": "phone", "screen": "群众档案"}]
    assert all(e.staff_id == desk.clerk.staff_id and e.occurred_at for e in entries)
    assert all(full_id not in e.summary and "13812345678" not in e.summary for e in entries)
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError):
        reveal(session, desk.clerk, desk.resident_id, "household_notes", screen="群众档案")
