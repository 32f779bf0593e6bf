"""Accounts made at a desk, end to end through a live county: offline first,
then up to the county and over to the center's other desk; the county's
head-approval rule, without any desk losing its own head login."""
from __future__ import annotations

from sqlalchemy import select

from app.models import Staff, SyncAttention
from app.services.staff import add_staff, change_role, check_login, login, reset_password, set_active
from county_server.models import Staff as CountyStaff
from county_server.services import desk_staff
from tests.sync.live import CountyProcess, DeskPC


def _add(desk: DeskPC, username: str, role: str = "window") -> None:
    with desk.factory.begin() as session:
        add_staff(session, desk.actor, username=username, display_name="李娜", password="Lina2026a", role=role)


def _role(desk: DeskPC, username: str) -> tuple[str, str, bool] | None:
    with desk.factory() as session:
        row = session.scalar(select(Staff).where(Staff.username == username))
        return (row.role, row.role_pending, row.active) if row else None


def test_a_worker_added_offline_goes_up_and_logs_in_at_the_other_desk(county: CountyProcess, new_desk) -> None:
    one, two = new_desk(1), new_desk(2)
    _add(one, "lina")  # before this desk ever saw the county
    with one.factory.begin() as session:
        assert check_login(session, "lina", "Lina2026a") is not None
    one.enroll(county)
    two.enroll(county)
    assert one.sync().ok and two.sync().ok
    with two.factory.begin() as session:
        actor = check_login(session, "lina", "Lina2026a")
        assert actor is not None and actor.role == "window"
    with one.factory() as session:
        assert session.scalar(select(Staff.sync_state).where(Staff.username == "lina")) == "synced"
    # Changes made at desk 2 come back to desk 1: deactivated, then a reset password.
    with two.factory.begin() as session:
        lina = session.scalar(select(Staff.id).where(Staff.username == "lina"))
        set_active(session, two.actor, lina, False)
    assert two.sync().ok and one.sync().ok
    with one.factory.begin() as session:
        assert not login(session, "lina", "Lina2026a").actor  # deactivated everywhere
    with two.factory.begin() as session:
        set_active(session, two.actor, lina, True)
        temporary = reset_password(session, two.actor, lina)
    assert two.sync().ok and one.sync().ok
    with one.factory.begin() as session:
        result = login(session, "lina", temporary)
        assert result.actor is not None and result.must_change_password


def test_a_head_made_at_a_desk_waits_for_the_county_and_no_desk_loses_its_head(county: CountyProcess,
                                                                              new_desk) -> None:
    one, two = new_desk(1), new_desk(2)
    one.enroll(county)
    two.enroll(county)
    _add(one, "fuzhuren", role="head")
    assert one.sync().ok and two.sync().ok
    assert _role(one, "fuzhuren") == ("head", "head", True)  # this desk keeps the head it made
    assert _role(two, "fuzhuren") == ("window", "head", True)  # the other desk: what the county allows
    with one.factory() as session:
        notices = [a.reason_code for a in session.scalars(select(SyncAttention))]
    assert "role_pending" in notices
    # Each desk's own setup head was adopted at enrollment under the same rule; it stays a head at home.
    assert _role(one, one.actor.username)[0] == "head" and _role(two, two.actor.username)[0] == "head"
    assert _role(two, one.actor.username)[0] == "window"
    with county.db.begin() as session:
        row = session.scalar(select(CountyStaff).where(CountyStaff.username == "fuzhuren"))
        assert (row.role, row.requested_role) == ("window", "head")
        desk_staff.approve_role(session, row)
    assert one.sync().ok and two.sync().ok
    assert _role(one, "fuzhuren") == ("head", "", True) and _role(two, "fuzhuren") == ("head", "", True)
    # A desk demotes it again: everyone follows.
    with two.factory.begin() as session:
        change_role(session, two.actor, session.scalar(select(Staff.id).where(Staff.username == "fuzhuren")), "proxy")
    assert two.sync().ok and one.sync().ok
    assert _role(one, "fuzhuren") == ("proxy", "", True)
