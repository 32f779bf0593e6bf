"""人员管理 at the desk: the head adds, re-roles, deactivates and resets; anyone
changes their own password. Offline, audited, queued for the county."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.db import Database
from app.models import AuditEntry, OutboxEntry, Staff
from app.models.vocabulary import StaffRole
from app.services.context import Actor
from app.services.errors import DomainError, PermissionDenied
from app.services.passwords import verify_password
from app.services.setup import set_up_center
from app.services.staff import (
    ACCOUNT_DISABLED,
    LOGIN_FAILED,
    actor_for,
    add_staff,
    change_own_password,
    change_role,
    check_login,
    list_staff,
    login,
    new_temporary_password,
    reset_password,
    set_active,
)
from tests.services.test_setup_staff import GOOD

WORKER_PASSWORD = "lina2026x"


@pytest.fixture
def head(db: Database) -> Actor:
    with db.session_factory.begin() as session:
        return set_up_center(session, GOOD)


def _add(db: Database, head: Actor, username: str = "lina", role: str = StaffRole.WINDOW, **extra) -> Actor:
    with db.session_factory.begin() as session:
        staff = add_staff(session, head, username=username, display_name="李娜", password=WORKER_PASSWORD,
                          role=role, **extra)
        return actor_for(session, staff)


def _outbox(db: Database) -> list[OutboxEntry]:
    with db.session_factory() as session:
        return list(session.scalars(select(OutboxEntry).where(OutboxEntry.entity == "staff").order_by(OutboxEntry.seq)))


def _audit(db: Database) -> list[AuditEntry]:
    with db.session_factory() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == "staff").order_by(AuditEntry.occurred_at)))


def test_on_a_desk_that_never_saw_the_county_the_head_adds_a_worker_who_logs_in(db: Database, head: Actor) -> None:
    """The setup wizard's head is the only login; the worker added here logs in at once, offline."""
    worker = _add(db, head, must_change_password=True)
    with db.session_factory.begin() as session:
        result = login(session, "lina", WORKER_PASSWORD)
    assert result.actor is not None and result.actor.staff_id == worker.staff_id
    assert result.must_change_password
    with db.session_factory.begin() as session:
        change_own_password(session, result.actor, old_password=WORKER_PASSWORD, new_password="Lina2027new")
    with db.session_factory.begin() as session:
        again = login(session, "lina", "Lina2027new")
        assert again.actor is not None and not again.must_change_password
        assert check_login(session, "lina", WORKER_PASSWORD) is None
    # Queued for the county in the same units of work, with the hash only.
    entries = _outbox(db)
    assert [e.op for e in entries] == ["upsert", "upsert"] and {e.entity_id for e in entries} == {worker.staff_id}
    for entry in entries:
        text = json.dumps(entry.payload, ensure_ascii=False)
        assert WORKER_PASSWORD not in text and "Lina2027new" not in text
        assert entry.payload["password_hash"].startswith("scrypt$")
        assert "last_login_at" not in entry.payload and "role_pending" not in entry.payload
    assert entries[0].payload["must_change_password"] is True and entries[1].payload["must_change_password"] is False


def test_a_proxy_agent_works_like_a_window_worker_but_manages_nothing(db: Database, head: Actor) -> None:
    proxy = _add(db, head, "daiban", StaffRole.PROXY)
    assert proxy.role == StaffRole.PROXY and not proxy.is_head
    with pytest.raises(PermissionDenied), db.session_factory.begin() as session:
        add_staff(session, proxy, username="x2", display_name="某", password=WORKER_PASSWORD)
    with pytest.raises(PermissionDenied), db.session_factory.begin() as session:
        reset_password(session, proxy, head.staff_id)
    with db.session_factory() as session:
        (row,) = [s for s in list_staff(session) if s.username == "daiban"]
    assert row.role_label == "代办员"


def test_roles_change_and_the_last_active_head_stays(db: Database, head: Actor) -> None:
    worker = _add(db, head)
    with db.session_factory.begin() as session:
        assert change_role(session, head, worker.staff_id, StaffRole.HEAD).role == StaffRole.HEAD
    with db.session_factory.begin() as session:
        assert change_role(session, head, worker.staff_id, StaffRole.PROXY).role == StaffRole.PROXY
    # The only active head: neither demoted nor deactivated, by anyone.
    deputy = _add(db, head, "fuzhuren", StaffRole.HEAD)
    with db.session_factory.begin() as session:
        set_active(session, head, deputy.staff_id, False)
    with pytest.raises(DomainError) as raised, db.session_factory.begin() as session:
        change_role(session, deputy, head.staff_id, StaffRole.WINDOW)  # a deactivated head's actor, say from a stale login
    assert "唯一" in str(raised.value) and raised.value.field == "role"
    with pytest.raises(DomainError) as raised, db.session_factory.begin() as session:
        set_active(session, head, head.staff_id, False)
    assert raised.value.field == "active"
    with pytest.raises(DomainError), db.session_factory.begin() as session:
        change_role(session, head, head.staff_id, StaffRole.WINDOW)
    with pytest.raises(DomainError) as raised, db.session_factory.begin() as session:
        change_role(session, head, worker.staff_id, "admin")
    assert raised.value.field == "role"
    # With a second active head, the first may be made a window worker by the second.
    with db.session_factory.begin() as session:
        set_active(session, head, deputy.staff_id, True)
    with db.session_factory.begin() as session:
        change_role(session, deputy, head.staff_id, StaffRole.WINDOW)
    with db.session_factory() as session:
        assert session.get(Staff, head.staff_id).role == StaffRole.WINDOW


def test_a_deactivated_account_cannot_log_in_and_is_told_so(db: Database, head: Actor) -> None:
    worker = _add(db, head)
    with db.session_factory.begin() as session:
        set_active(session, head, worker.staff_id, False)
    with db.session_factory.begin() as session:
        refused = login(session, "lina", WORKER_PASSWORD)
    assert refused.actor is None and refused.refusal == str(ACCOUNT_DISABLED)
    with db.session_factory.begin() as session:
        guessed = login(session, "lina", "wrong-pass1")  # a guesser learns nothing
    assert guessed.refusal == str(LOGIN_FAILED)
    with db.session_factory.begin() as session:
        set_active(session, head, worker.staff_id, True)
    with db.session_factory.begin() as session:
        assert check_login(session, "lina", WORKER_PASSWORD) is not None
    with db.session_factory() as session:
        everyone = {s.username: s.active for s in list_staff(session, active_only=False)}
    assert everyone == {"zhuren": True, "lina": True}


def test_a_reset_password_is_returned_once_and_must_be_changed(db: Database, head: Actor) -> None:
    worker = _add(db, head)
    with db.session_factory.begin() as session:
        temporary = reset_password(session, head, worker.staff_id)
    assert len(temporary) == 8 and not set(temporary) & set("0O1lI")
    with db.session_factory.begin() as session:
        result = login(session, "lina", temporary)
        assert result.actor is not None and result.must_change_password
        assert check_login(session, "lina", WORKER_PASSWORD) is None
        row = session.get(Staff, worker.staff_id)
        assert verify_password(temporary, row.password_hash) and temporary not in row.password_hash
    # Nowhere in the records: not the audit, not the outbox.
    stored = json.dumps([(a.summary, a.detail) for a in _audit(db)] + [e.payload for e in _outbox(db)],
                        ensure_ascii=False)
    assert temporary not in stored and WORKER_PASSWORD not in stored


def test_changing_ones_own_password_needs_the_old_one(db: Database, head: Actor) -> None:
    worker = _add(db, head)
    cases = [("wrong-pass1", "Newpass2027", "old_password"), (WORKER_PASSWORD, WORKER_PASSWORD, "new_password"),
             (WORKER_PASSWORD, "short1", "new_password")]
    for old, new, field in cases:
        with pytest.raises(DomainError) as raised, db.session_factory.begin() as session:
            change_own_password(session, worker, old_password=old, new_password=new)
        assert raised.value.field == field
    with db.session_factory.begin() as session:
        assert check_login(session, "lina", WORKER_PASSWORD) is not None


def test_every_change_is_audited_with_who_did_what_to_whom(db: Database, head: Actor) -> None:
    worker = _add(db, head)
    with db.session_factory.begin() as session:
        change_role(session, head, worker.staff_id, StaffRole.PROXY)
        set_active(session, head, worker.staff_id, False)
        set_active(session, head, worker.staff_id, True)
        temporary = reset_password(session, head, worker.staff_id)
    with db.session_factory.begin() as session:
        change_own_password(session, worker, old_password=temporary, new_password="Other2027x")
    entries = [(a.action, a.staff_id, a.entity_id) for a in _audit(db) if a.action not in ("login", "login_failed")]
    by_head = (head.staff_id, str(worker.staff_id))
    assert entries == [("create", *by_head), ("change_role", *by_head), ("deactivate", *by_head),
                       ("activate", *by_head), ("reset_password", *by_head),
                       ("change_password", worker.staff_id, str(worker.staff_id))]
    assert len(_outbox(db)) == 6  # each change goes to the county


def test_only_the_head_manages(db: Database, head: Actor) -> None:
    worker = _add(db, head)
    for call in (lambda s: change_role(s, worker, head.staff_id, StaffRole.WINDOW),
                 lambda s: set_active(s, worker, head.staff_id, False),
                 lambda s: reset_password(s, worker, head.staff_id)):
        with pytest.raises(PermissionDenied), db.session_factory.begin() as session:
            call(session)


def test_temporary_passwords_pass_the_password_rule() -> None:
    from app.services.passwords import password_problem

    assert all(password_problem(new_temporary_password()) is None for _ in range(50))
