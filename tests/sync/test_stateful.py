"""Three desks of one center and the county, driven by hypothesis: random
front-desk work, county actions on forwarded cases, syncs through a link that
drops, cuts and truncates at random. Once everything is quiet:

* every operation was applied exactly once (the county's applied ops are the
  desks' applied entries; its change log has no gap or double);
* nothing was lost (no entry left waiting; every record at the county);
* the desks equal the county (residents, cases, histories);
* case numbers are unique;
* cursors only moved forward (checked after every sync);
* every status history is legal (app.services.lifecycle), at the county and
  at each desk;
* the staff accounts the heads manage at the desks are the county's at every
  desk, a head role made at a desk waiting for the county's approval (the
  desk that holds it as a head keeps it so);
* ratings (window ballots, and QR ones through the status page) and their
  follow-ups (回访, outcomes, the county's appeal decisions) are the same at
  every desk and the county, and every bad rating has exactly one follow-up;
* hostile text (RTL marks, 4-byte characters) arrives unchanged, and text no
  record can hold (NUL, lone surrogates) is refused for its operation alone,
  once, never blocking the rest.

Runs on PostgreSQL (the first of COUNTY_TEST_BACKENDS, PostgreSQL unless told
otherwise), which refuses NUL in text.

Bounded for CI: ONEWINDOW_STATEFUL_EXAMPLES raises the number of examples
(and draws them at random instead of the fixed CI sequence).
"""
from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select

from app.models import Case, CaseEvent, OutboxEntry, Rating, RatingFollowUp, Resident, Staff, SyncCursor
from app.models.vocabulary import CaseEventKind, CaseStatus, IntakeOutcome, RatingLevel
from app.services import lifecycle, ratings
from app.services.errors import DomainError
from app.services.resident_merge import MergeEdge, merge_roots
from app.sync import attention, resolution
from county_server.models import AppliedOp, Center, CenterRecord, ChangeEntry
from county_server.models import Case as CountyCase
from county_server.models import CaseEvent as CountyEvent
from county_server.models import Device as CountyDevice
from county_server.models import Rating as CountyRating
from county_server.models import RatingFollowUp as CountyFollowUp
from county_server.models import Resident as CountyResident
from county_server.models import Staff as CountyStaff
from tests.sync.conftest import one_backend
from tests.sync.live import CountyProcess, DeskPC, make_desk
from tests.sync.proxy import FaultProxy

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("ONEWINDOW_STATEFUL_EXAMPLES", "6"))
PEOPLE = ("甲一", "乙二", "丙三", "丁四", "戊五")  # a small pool: desks register the same person
ITEMS = ("CM", "CN", "FW", "OS")
EVENTS_WITH = {CaseEventKind.WITHDRAW: {"note": "申请人撤回"}, CaseEventKind.SUSPEND: {"note": "缺材料"},
               CaseEventKind.COMPLETE: {"result": "approved"}, CaseEventKind.FORWARD: {"forwarded_to": "县民政局"},
               CaseEventKind.NOTE: {"note": "电话回访"}, CaseEventKind.REOPEN: {"note": "群众补充了情况，重新办理"},
               # new_due: 5 days past the case's own; §42: the approving head, a reason past the statutory date
               CaseEventKind.EXTEND: {"note": "需入户核查",
                                      "details": {"approved_by": "张主任", "past_statutory_reason": "需入户核查"}}}
SKIPPED: set[str] = set()
ROLES = ("window", "proxy", "head")
# Text a record holds unchanged: right-to-left marks and embeddings, zero-width
# joiners, characters beyond the BMP (4 bytes in UTF-8).
HOSTILE_PEOPLE = ("\u202b阿依古丽\u202c", "𠀀𪚥明", "李\u200d四\u200f")
# ... and a pasted NUL, which the desk refuses in words or the county for its op alone.
HOSTILE_NOTES = ("\u202e倒序的备注\u202c", "𠮷野家 𩸽", "粘贴\x00进来的备注", "制表\t换行\n")
# Queued by an older desk: the county refuses NUL, a lone surrogate cannot even go on the wire.
UNSTORABLE_NAMES = ("王\x00五", "李\ud800四", "\udfff")


def legal(history: list[tuple[str, str | None, str]]) -> bool:
    """A history (kind, from, to) in order is legal by the desk's own rules."""
    status: str | None = None
    for index, (kind, source, target) in enumerate(history):
        if index == 0:
            if source is not None or lifecycle.INTAKE_OUTCOMES.get(kind) != target:
                return False
        else:
            if source != status:
                return False
            try:
                step = lifecycle.apply(status, kind, is_head=True)
            except lifecycle.IllegalTransition:
                return False
            if kind != CaseEventKind.REOPEN and step.to_status != target:
                return False
        status = target
    return True


class CenterMachine(RuleBasedStateMachine):
    county: CountyProcess
    template_db: Path
    folder: Path

    def __init__(self) -> None:
        super().__init__()
        self.desks: list[DeskPC] = []
        self.proxy: FaultProxy | None = None
        self.cursors: dict[tuple[int, str], int] = {}
        self.officer = ""
        self.accounts = 0
        self.unstorable: list[tuple[int, int]] = []  # (desk, outbox seq) of text no record can hold

    @initialize(people=st.lists(st.tuples(st.integers(0, 2), st.integers(0, len(PEOPLE) - 1)), min_size=1, max_size=4))
    def open_center(self, people: list[tuple[int, int]]) -> None:
        self.center = self.county.make_center()
        self.proxy = FaultProxy(self.county.port, seed=len(self.center)).start()
        base = self.folder / self.center
        for number in (1, 2, 3):
            desk = make_desk(self.template_db, base / f"desk{number}", self.center, device_number=number,
                             batch_size=5, page_size=7)
            desk.enroll(self.county)
            with desk.factory.begin() as session:  # from now on, through the faulty link
                from app.services.setup import this_device

                this_device(session).server_url = self.proxy.base
            assert desk.sync().ok
            self.desks.append(desk)
        self.officer = self.county.county_token()
        for desk, person in people:  # the same people may walk up to several windows
            self.register(desk, person)

    def teardown(self) -> None:
        try:
            if self.desks and self.proxy is not None:
                self.settle()
                self.check_quiet()
                self.check_whereabouts_and_backups()
                self.check_online_assists()
                self.check_unstorable_refused_once()
        finally:
            if self.proxy is not None:
                self.proxy.stop()
            for desk in self.desks:
                desk.close()

    # -- work at the desks -------------------------------------------------------------

    def register(self, desk: int, person: int) -> None:
        self.desks[desk].register(PEOPLE[person], sequence=9000 + person)

    def take_in(self, desk: int, pick: int, item: str) -> None:
        pc = self.desks[desk]
        residents = sorted(pc.residents())
        if not residents:
            return
        outcome = {"FW": IntakeOutcome.FORWARD, "OS": IntakeOutcome.DONE_ON_THE_SPOT}.get(item, IntakeOutcome.ACCEPT)
        pc.take_in(residents[pick % len(residents)], code=item, outcome=outcome)

    def merge(self, desk: int, pick: int, choice: int) -> None:
        """The head merges two records as one person's (合并登记): both
        ways round at two desks offline, a record merged twice, and so on."""
        pc = self.desks[desk]
        standing = sorted(set(pc.residents()) - set(pc.merged()))
        if len(standing) < 2:
            return
        kept = standing[pick % len(standing)]
        merged = standing[(pick + 1 + choice) % len(standing)]
        if kept != merged:
            pc.merge(kept, merged)

    def case_event(self, desk: int, pick: int, choice: int) -> None:
        pc = self.desks[desk]
        with pc.factory() as session:
            cases = list(session.execute(select(Case.id, Case.status).order_by(Case.id)).all())
        if not cases:
            return
        case_id, status = cases[pick % len(cases)]
        events = [e for e in lifecycle.allowed_events(status, is_head=True) if e not in SKIPPED]
        if not events:
            return
        event = events[choice % len(events)]
        extra = dict(EVENTS_WITH.get(event, {}))
        if event == CaseEventKind.EXTEND:
            from datetime import timedelta

            due = pc.case(case_id).committed_due
            if due is None:
                return
            extra["new_due"] = due + timedelta(days=5)
        with contextlib.suppress(DomainError):  # refused at the desk in words (e.g. a deadline rule): nothing queued
            pc.event(case_id, event, **extra)

    @rule(work=st.lists(st.tuples(st.sampled_from(["register", "take_in", "take_in", "event", "event", "merge"]),
                                  st.integers(0, 2), st.integers(0, 50), st.integers(0, 20)), min_size=1, max_size=6))
    def front_desk(self, work: list[tuple[str, int, int, int]]) -> None:
        """A stretch of work at the windows, offline as far as the desks know."""
        for kind, desk, pick, choice in work:
            if kind == "register":
                self.register(desk, pick % len(PEOPLE))
            elif kind == "take_in":
                self.take_in(desk, pick, ITEMS[choice % len(ITEMS)])
            elif kind == "merge":
                self.merge(desk, pick, choice)
            else:
                self.case_event(desk, pick, choice)

    @rule(desk=st.integers(0, 2), action=st.sampled_from(["add", "add", "role", "active", "reset"]),
          pick=st.integers(0, 50), choice=st.integers(0, 2))
    def head_manages_staff(self, desk: int, action: str, pick: int, choice: int) -> None:
        """人员管理 at a desk, offline: the head adds, re-roles, switches off and resets
        the accounts the machine made (the setup heads are left alone, so every
        desk keeps a head). Login names are unique per desk: a clash is a unit test's."""
        from app.services import staff as accounts

        pc = self.desks[desk]
        if action == "add":
            self.accounts += 1
            with pc.factory.begin() as session:
                accounts.add_staff(session, pc.actor, username=f"s{desk}x{self.accounts}", display_name="代办测试",
                                   password="Staff2026a", role=ROLES[choice])
            return
        with pc.factory() as session:
            ids = list(session.scalars(select(Staff.id).where(Staff.username.like("s%x%")).order_by(Staff.id)))
        if not ids:
            return
        target = ids[pick % len(ids)]
        with contextlib.suppress(DomainError), pc.factory.begin() as session:
            if action == "role":
                accounts.change_role(session, pc.actor, target, ROLES[choice])
            elif action == "active":
                row = session.get(Staff, target)
                accounts.set_active(session, pc.actor, target, not row.active)
            else:
                accounts.reset_password(session, pc.actor, target)

    @rule(pick=st.integers(0, 50))
    def county_approves_a_head(self, pick: int) -> None:
        from county_server.services import desk_staff

        with self.county.db.begin() as session:
            center = session.scalar(select(Center.id).where(Center.code == self.center))
            waiting = list(session.scalars(select(CountyStaff).where(
                CountyStaff.center_id == center, CountyStaff.requested_role != "").order_by(CountyStaff.id)))
            if waiting:
                desk_staff.approve_role(session, waiting[pick % len(waiting)])

    @rule(pick=st.integers(0, 50), action=st.sampled_from(["received", "returned", "completed"]))
    def county_acts(self, pick: int, action: str) -> None:
        with self.county.db() as session:
            center = session.scalar(select(Center.id).where(Center.code == self.center))
            forwarded = list(session.scalars(select(CountyCase.id).where(
                CountyCase.center_id == center, CountyCase.status == "forwarded").order_by(CountyCase.id)))
        if not forwarded:
            return
        answer = self.county.county_action(self.officer, forwarded[pick % len(forwarded)], action,
                                           note="县级意见", result="approved" if action == "completed" else None)
        assert answer.status_code in (200, 409), answer.text  # 409: e.g. received twice, refused in words

    @rule(desk=st.integers(0, 2), faults=st.sampled_from([0.0, 0.0, 0.2, 0.4]))
    def sync(self, desk: int, faults: float) -> None:
        assert self.proxy is not None
        self.proxy.fault_rate = faults
        report = self.desks[desk].sync()
        assert report.state in ("ok", "offline"), report.message
        self.proxy.fault_rate = 0.0

    @rule(desk=st.integers(0, 2), pick=st.integers(0, 20))
    def worker_resolves(self, desk: int, pick: int) -> None:
        pc = self.desks[desk]
        with pc.factory() as session:
            items = attention.open_items(session)
        if items:
            item = items[pick % len(items)]
            with pc.factory.begin() as session:
                resolution.resolve(session, item.id, item.choices[pick % len(item.choices)])

    # -- appointments (appointment) -----------------------------------------------------

    @rule(work=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["book", "book", "cancel", "check_in", "no_show"]),
                                  st.integers(0, 50)), min_size=1, max_size=6))
    def appointments_at_the_desks(self, work: list[tuple[int, str, int]]) -> None:
        """A stretch of 预约 work at the windows, offline as far as the desks know."""
        for desk, action, pick in work:
            self.appointment_work(desk, action, pick)

    def appointment_work(self, desk: int, action: str, pick: int) -> None:
        """Booked in a free slot of the next open day, then cancelled with a
        reason, checked in and taken in (the case linked), or marked as a
        no-show. Two desks may book one slot offline: each desk refuses only
        the clashes it can see."""
        from datetime import datetime, timedelta

        from app.clock import local_today
        from app.models import Appointment
        from app.services import appointments
        from app.services.calendar_store import load_work_calendar

        pc = self.desks[desk]
        residents = sorted(set(pc.residents()) - set(pc.merged()))
        if action == "book":
            if not residents:
                return
            item_id, _materials = pc.item(ITEMS[pick % len(ITEMS)])
            with pc.factory.begin() as session:
                calendar = load_work_calendar(session)
                day = local_today() + timedelta(days=1)
                while not calendar.is_working_day(day):
                    day += timedelta(days=1)
                slots = appointments.free_slots(session, pc.actor, day=day, item_id=item_id, calendar=calendar,
                                                staff_id=pc.actor.staff_id)
                if not slots:
                    return
                resident_id = residents[pick % len(residents)]
                with contextlib.suppress(DomainError):  # the same person already booked then: refused in words
                    appointments.book(session, pc.actor, appointments.BookingRequest(
                        name=pc.residents()[resident_id][1], item_id=item_id, staff_id=pc.actor.staff_id,
                        starts_at=slots[pick % len(slots)].starts_at, resident_id=resident_id,
                        place=("center", "home")[pick % 2], address="示范村二组" if pick % 2 else ""),
                        calendar=calendar)
            return
        with pc.factory() as session:
            booked = list(session.execute(select(Appointment.id, Appointment.scheduled_at, Appointment.item_id,
                                                 Appointment.resident_id).where(
                Appointment.status.in_(appointments.ACTIVE)).order_by(Appointment.id)).all())
        if not booked:
            return
        appointment_id, starts_at, _item, resident_id = booked[pick % len(booked)]
        if action == "check_in" and resident_id is not None:
            with pc.factory.begin() as session:
                appointments.check_in(session, pc.actor, appointment_id)
            with contextlib.suppress(DomainError):  # intake refused in words: it stays checked in
                case_id = pc.take_in(resident_id, code="CM")
                with pc.factory.begin() as session:
                    appointments.link_case(session, pc.actor, appointment_id, case_id)
        with contextlib.suppress(DomainError), pc.factory.begin() as session:  # e.g. already checked in
            if action == "cancel":
                appointments.cancel(session, pc.actor, appointment_id, "群众来电改期")
            elif action == "no_show":
                appointments.record_no_show(session, pc.actor, appointment_id,
                                            now=max(starts_at, datetime.now(starts_at.tzinfo)) + timedelta(minutes=1))

    def check_appointments(self, center: uuid.UUID) -> None:
        """Every desk holds the county's appointments: the same slot, worker,
        status, reason and case, each record once."""
        from datetime import datetime

        from app.models import Appointment

        def fields(data: dict) -> tuple:
            return (datetime.fromisoformat(data["scheduled_at"]), data.get("staff_id"), data.get("status"), data.get("cancel_reason", ""),
                    data.get("case_id"), data.get("place"), data.get("resident_id"))

        with self.county.db() as session:
            county = {r.id: fields(r.data) for r in session.scalars(select(CenterRecord).where(
                CenterRecord.center_id == center, CenterRecord.entity == "appointment"))}
        for desk in self.desks:
            from app.models.records import payload_of

            with desk.factory() as session:
                local = {a.id: fields(payload_of(session, a)) for a in session.scalars(select(Appointment))}
            assert local == county
        if os.environ.get("ONEWINDOW_STATEFUL_DEBUG"):
            print("APPOINTMENTS", sorted(status for _when, _staff, status, *_rest in county.values()))
    # -- whereabouts_note and backup_assignment: 去向留言 and AB角 --------------------------

    def _people(self, pc: DeskPC) -> list[uuid.UUID]:
        with pc.factory() as session:
            return list(session.scalars(select(Staff.id).where(
                Staff.center_id == pc.actor.center_id, Staff.active.is_(True), Staff.password_hash != "!")
                .order_by(Staff.id)))

    @rule(desk=st.integers(0, 2), action=st.sampled_from(["leave", "leave", "back", "item", "post"]),
          pick=st.integers(0, 50), choice=st.integers(0, 4))
    def whereabouts_and_backups(self, desk: int, action: str, pick: int, choice: int) -> None:
        """The head leaves or clears a worker's note, or names an A and a B for an
        item or a post, offline: two desks may do it to the same worker or item."""
        from datetime import timedelta

        from app.clock import utcnow
        from app.models import BackupAssignment, WhereaboutsNote
        from app.services import assignments, whereabouts

        pc = self.desks[desk]
        people = self._people(pc)
        if not people:
            return
        person = people[pick % len(people)]
        other = people[(pick + 1 + choice) % len(people)]
        with contextlib.suppress(DomainError), pc.factory.begin() as session:
            if action == "leave":
                status = ("stepped_out", "meeting", "field_visit", "business_trip", "leave")[choice]
                whereabouts.set_note(session, pc.actor, person, whereabouts.NoteInput(
                    status, "镇政府", utcnow() + timedelta(hours=1 + choice), "例会"))
            elif action == "back":
                away = list(session.scalars(select(WhereaboutsNote.staff_id).where(
                    WhereaboutsNote.returned_at.is_(None)).order_by(WhereaboutsNote.id)))
                if away:
                    whereabouts.clear_note(session, pc.actor, away[pick % len(away)])
            elif action == "item":
                assignments.set_item_pair(session, pc.actor, ITEMS[choice % len(ITEMS)], primary=person,
                                          backup=other if other != person else None)
            else:
                posts = list(session.scalars(select(BackupAssignment.id).where(
                    BackupAssignment.subject == "post").order_by(BackupAssignment.id)))
                post_id = posts[pick % len(posts)] if posts and choice % 2 else None
                name = f"岗位{choice}" if post_id is None else session.get(BackupAssignment, post_id).post_name
                assignments.set_post(session, pc.actor, post_id, name, primary=person,
                                     backup=other if other != person else None)

    def check_whereabouts_and_backups(self) -> None:
        """At quiet: every desk holds the county's notes and A/B assignments, each once."""
        from app.models import BackupAssignment, WhereaboutsNote

        with self.county.db() as session:
            center = session.scalar(select(Center.id).where(Center.code == self.center))
            county = {
                entity: {r.id: r.data for r in session.scalars(select(CenterRecord).where(
                    CenterRecord.center_id == center, CenterRecord.entity == entity))}
                for entity in ("whereabouts_note", "backup_assignment")
            }
        notes = {i: (d["staff_id"], d["status"], d["destination"], d.get("returned_at") is None)
                 for i, d in county["whereabouts_note"].items()}
        pairs = {i: (d["subject"], d["item_code"], d["post_name"], d["primary_staff_id"], d["backup_staff_id"])
                 for i, d in county["backup_assignment"].items()}
        for desk in self.desks:
            with desk.factory() as session:
                local_notes = {n.id: (str(n.staff_id), n.status, n.destination, n.returned_at is None)
                               for n in session.scalars(select(WhereaboutsNote))}
                local_pairs = {a.id: (a.subject, a.item_code, a.post_name,
                                      str(a.primary_staff_id) if a.primary_staff_id else None,
                                      str(a.backup_staff_id) if a.backup_staff_id else None)
                               for a in session.scalars(select(BackupAssignment))}
            assert local_notes == notes
            assert local_pairs == pairs
        if os.environ.get("ONEWINDOW_STATEFUL_DEBUG"):
            print("STATS notes", len(notes), "open", sum(1 for n in notes.values() if n[3]), "pairs", len(pairs))
            # one record per item of the center, whichever desks set it
            assert len({p[1] for p in pairs.values() if p[0] == "item"}) == sum(1 for p in pairs.values() if p[0] == "item")

    # -- ratings and their follow-ups (rating, rating_follow_up: 好差评 / 差评整改) --------------

    @rule(votes=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 50), st.sampled_from(list(RatingLevel))),
                         min_size=1, max_size=4))
    def residents_rate_at_the_window(self, votes: list[tuple[int, int, RatingLevel]]) -> None:
        """One-time ballots after completed cases, cast on the residents' screen."""
        for desk, pick, level in votes:
            pc = self.desks[desk]
            with pc.factory() as session:
                done = list(session.scalars(select(Case.id).where(
                    Case.status.in_((CaseStatus.COMPLETED, CaseStatus.DELIVERED))).order_by(Case.id)))
            if not done:  # a resident served on the spot, so that there is something to rate
                if not pc.residents():
                    self.register(desk, pick % len(PEOPLE))
                self.take_in(desk, pick, "OS")
                with pc.factory() as session:
                    done = list(session.scalars(select(Case.id).where(Case.status == CaseStatus.COMPLETED)))
                if not done:
                    continue
            with contextlib.suppress(DomainError), pc.factory.begin() as session:  # rated already: refused in words
                ballot = ratings.issue_ballot(session, pc.actor, case_id=done[pick % len(done)])
                ratings.cast_ballot(session, ballot.token, level=level.value,
                                    reasons=["efficiency"] if level.is_bad else [], comment="随机评价")

    @rule(steps=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 50), st.sampled_from(
        ["revisit", "revisit", "fix_now", "fix_by_date", "explain", "appeal", "rectified"])), min_size=1, max_size=4))
    def head_follows_up(self, steps: list[tuple[int, int, str]]) -> None:
        """回访 and 整改 of open follow-ups, offline: two desks may work the same one."""
        for desk, pick, step in steps:
            pc = self.desks[desk]
            with pc.factory() as session:
                open_ids = list(session.scalars(select(RatingFollowUp.id).where(
                    RatingFollowUp.closed_at.is_(None), RatingFollowUp.appeal_decision.is_(None))
                    .order_by(RatingFollowUp.id)))
            if not open_ids:
                continue
            target = open_ids[pick % len(open_ids)]
            with contextlib.suppress(DomainError), pc.factory.begin() as session:
                if step == "revisit":
                    ratings.record_revisit(session, pc.actor, target, "已电话回访")
                elif step == "rectified":
                    ratings.mark_rectified(session, pc.actor, target, "整改完成")
                else:
                    ratings.record_outcome(session, pc.actor, target, step, "整改说明")

    @rule(pick=st.integers(0, 50), level=st.sampled_from(list(RatingLevel)))
    def resident_rates_by_qr(self, pick: int, level: RatingLevel) -> None:
        """The status page's form, through the real server, after the code check."""
        with self.county.db() as session:
            center = session.scalar(select(Center.id).where(Center.code == self.center))
            done = list(session.execute(select(CountyCase.case_number, CountyCase.verification_code).where(
                CountyCase.center_id == center, CountyCase.status.in_(("completed", "delivered")))
                .order_by(CountyCase.id)).tuples())
        if not done:
            return
        number, code = done[pick % len(done)]
        answer = httpx.post(f"{self.county.base}/status/rate", timeout=30, data={
            "case": number, "code": code, "level": level.value,
            "reasons": ["attitude"] if level.is_bad else [], "comment": "扫码评价"})
        assert answer.status_code in (200, 422), answer.text  # 422: rated already, said in words

    @rule(pick=st.integers(0, 50), decision=st.sampled_from(["voided", "upheld"]))
    def county_decides_an_appeal(self, pick: int, decision: str) -> None:
        headers = {"Authorization": f"Bearer {self.officer}"}
        pending = httpx.get(f"{self.county.base}/api/v1/county/appeals", headers=headers, timeout=30).json()
        mine = [a for a in pending if a["center_code"] == self.center]
        if not mine:
            return
        chosen = mine[pick % len(mine)]["follow_up_id"]
        answer = httpx.post(f"{self.county.base}/api/v1/county/appeals/{chosen}", headers=headers, timeout=30,
                            json={"decision": decision, "reason": "县级复核"})
        assert answer.status_code == 200, answer.text

    def check_ratings(self) -> None:
        """Every desk holds the county's ratings and follow-ups; every bad rating has exactly one follow-up."""
        with self.county.db() as session:
            center = session.scalar(select(Center.id).where(Center.code == self.center))
            county_ratings = {r.id: (r.level, r.channel, r.round, r.case_id) for r in session.scalars(
                select(CountyRating).where(CountyRating.center_id == center))}
            county_follow_ups = {f.id: (f.rating_id, f.outcome, f.closed_at is not None, f.appeal_decision)
                                 for f in session.scalars(select(CountyFollowUp).where(
                                     CountyFollowUp.center_id == center))}
        bad = {key for key, (level, *_rest) in county_ratings.items() if level <= 2}
        if os.environ.get("ONEWINDOW_STATEFUL_DEBUG"):
            print("RATINGS", len(county_ratings), "qr", sum(1 for v in county_ratings.values() if v[1] == "qr"),
                  "follow-ups", len(county_follow_ups), "decided", sum(1 for v in county_follow_ups.values() if v[3]))
        assert sorted(r for r, *_rest in county_follow_ups.values()) == sorted(bad)
        for desk in self.desks:
            with desk.factory() as session:
                local = {r.id: (r.level, r.channel, r.round, r.case_id) for r in session.scalars(select(Rating))}
                local_follow_ups = {f.id: (f.rating_id, f.outcome, f.closed_at is not None, f.appeal_decision)
                                    for f in session.scalars(select(RatingFollowUp))}
            assert local == county_ratings
            assert local_follow_ups == county_follow_ups

    @invariant()
    def cursors_only_move_forward(self) -> None:
        for index, desk in enumerate(self.desks):
            with desk.factory() as session:
                for stream, value in session.execute(select(SyncCursor.stream, SyncCursor.cursor)).all():
                    assert value >= self.cursors.get((index, stream), 0), (index, stream)
                    self.cursors[(index, stream)] = value

    # -- hostile text: NUL, lone surrogates, RTL marks, 4-byte characters ----------------

    @rule(desk=st.integers(0, 2), pick=st.integers(0, 50), how=st.sampled_from(["name", "note", "older_desk"]),
          choice=st.integers(0, 20))
    def hostile_text(self, desk: int, pick: int, how: str, choice: int) -> None:
        """Pasted text. What a record can hold (RTL marks, 4-byte characters)
        travels unchanged; what it cannot (NUL, a lone surrogate) the desk
        refuses in words, or, queued by a desk that let it through, the county
        refuses for that one operation: parked with its reason, never sent
        again, and the rest of the batch arrives."""
        pc = self.desks[desk]
        if how == "name":
            person = choice % len(HOSTILE_PEOPLE)
            pc.register(HOSTILE_PEOPLE[person], sequence=9100 + person)
        elif how == "note":
            with pc.factory() as session:
                cases = list(session.execute(select(Case.id, Case.status).order_by(Case.id)).all())
            if not cases:
                return
            case_id, status = cases[pick % len(cases)]
            if CaseEventKind.NOTE in lifecycle.allowed_events(status, is_head=True):
                with contextlib.suppress(DomainError):  # refused at the desk in words: nothing queued
                    pc.event(case_id, CaseEventKind.NOTE, note=HOSTILE_NOTES[choice % len(HOSTILE_NOTES)])
        else:
            from tests.sync.test_hostile_text import queue_raw

            self.unstorable.append((desk, queue_raw(pc, UNSTORABLE_NAMES[choice % len(UNSTORABLE_NAMES)])))

    def check_unstorable_refused_once(self) -> None:
        """Refused, parked, and sent again only when a worker said so."""
        from app.models import SyncAttention

        for desk, seq in self.unstorable:
            with self.desks[desk].factory() as session:
                entry = session.get(OutboxEntry, seq)
                assert entry is not None
                assert (entry.status, entry.reason_code) == ("dismissed", "bad_text"), seq
                notes = list(session.scalars(select(SyncAttention).where(SyncAttention.outbox_seq == seq)))
                resent = sum(1 for n in notes if n.resolution == "keep_mine")
                assert entry.attempts == len(notes) == resent + 1, (seq, entry.attempts, len(notes), resent)

    # -- quiet ---------------------------------------------------------------------------

    def settle(self) -> None:
        """No more faults; every desk syncs and resolves what needs attention
        (the county's version where there is one) until nothing moves."""
        assert self.proxy is not None
        self.proxy.fault_rate = 0.0
        for _round in range(6):
            for desk in self.desks:
                report = desk.sync()
                assert report.ok, report.message
                with desk.factory() as session:
                    items = attention.open_items(session)
                for item in items:
                    # Desk 1 keeps its own version of a stale record (sent again on
                    # the county's); the others take the county's.
                    if item.reason_code == "stale" and desk is self.desks[0] and "keep_mine" in item.choices:
                        choice = "keep_mine"
                    else:
                        choice = next((c for c in ("use_county", "acknowledge") if c in item.choices), item.choices[0])
                    with desk.factory.begin() as session:
                        resolution.resolve(session, item.id, choice)
            for desk in self.desks:
                desk.sync()
            if all(self.quiet(desk) for desk in self.desks):
                return
        raise AssertionError("the center did not settle")

    def quiet(self, desk: DeskPC) -> bool:
        with desk.factory() as session:
            open_entries = session.scalar(select(func.count()).select_from(OutboxEntry).where(
                OutboxEntry.status.in_(("pending", "held", "conflict", "rejected"))))
            return open_entries == 0 and attention.open_count(session) == 0

    def check_quiet(self) -> None:
        county = self.county
        with county.db() as session:
            center = session.scalar(select(Center.id).where(Center.code == self.center))
            devices = {d.id: d.device_number for d in session.scalars(select(CountyDevice).where(
                CountyDevice.center_id == center))}
            applied = {(op.device_id, op.op_id) for op in session.scalars(select(AppliedOp).where(
                AppliedOp.device_id.in_(devices)))}
            seqs = list(session.scalars(select(ChangeEntry.seq).where(
                ChangeEntry.scope == str(center), ChangeEntry.stream == "records").order_by(ChangeEntry.seq)))
            residents = {r.id: (r.id_number, r.name) for r in session.scalars(select(CountyResident).where(
                CountyResident.center_id == center))}
            cases = {c.id: (c.case_number, c.status, c.result, c.committed_due, c.forwarded_to, c.resident_id)
                     for c in session.scalars(select(CountyCase).where(CountyCase.center_id == center))}
            accounts = {a.id: (a.username, a.display_name, a.password_hash, a.active, a.must_change_password,
                               a.role, a.requested_role)
                        for a in session.scalars(select(CountyStaff).where(CountyStaff.center_id == center))}
            merged = merge_roots(
                MergeEdge(m.id, uuid.UUID(m.data["merged_id"]), uuid.UUID(m.data["kept_id"]))
                for m in session.scalars(select(CenterRecord).where(
                    CenterRecord.center_id == center, CenterRecord.entity == "resident_merge"))
                if m.data["status"] == "confirmed")
            history: dict[uuid.UUID, list[tuple[uuid.UUID, str, str | None, str]]] = {}
            for e in session.scalars(select(CountyEvent).where(CountyEvent.center_id == center)
                                     .order_by(CountyEvent.case_id, CountyEvent.position)):
                history.setdefault(e.case_id, []).append((e.id, e.kind, e.from_status, e.to_status))
        assert seqs == list(range(1, len(seqs) + 1))  # the change log: no gap, no double
        for case_id, events in history.items():
            assert legal([(k, f, t) for _i, k, f, t in events]), (case_id, events)
        numbers = [number for number, *_rest in cases.values()]
        assert len(numbers) == len(set(numbers))
        for desk in self.desks:
            with desk.factory() as session:
                mine = {(desk.actor.device_id, e.op_id) for e in session.scalars(
                    select(OutboxEntry).where(OutboxEntry.status == "applied"))}
                # every applied entry of this desk is at the county once (ops are unique by id)
                assert mine <= applied
                local_residents = {r.id: (r.id_number, r.name) for r in session.scalars(select(Resident))}
                local_cases = {c.id: (c.case_number, c.status, c.result, c.committed_due, c.forwarded_to, c.resident_id)
                               for c in session.scalars(select(Case))}
                local_history: dict[uuid.UUID, list[CaseEvent]] = {}
                for e in session.scalars(select(CaseEvent).where(CaseEvent.refused == "")):
                    local_history.setdefault(e.case_id, []).append(e)
                local_accounts = {a.id: (a.username, a.display_name, a.password_hash, a.active,
                                         a.must_change_password, a.role, a.role_pending)
                                  for a in session.scalars(select(Staff).where(Staff.password_hash != "!"))}
            assert local_residents == residents
            assert set(local_accounts) == set(accounts)
            for account_id, (*same, role, pending) in accounts.items():
                *local_same, local_role, local_pending = local_accounts[account_id]
                assert local_same == same and local_pending == pending, (account_id, local_accounts[account_id])
                # The county's role, or a head waiting for approval that this desk holds as one.
                assert local_role == role or (pending == "head" and local_role == "head"), account_id
            assert local_cases == cases  # the same owner too, merges and all
            assert desk.merged() == merged
            assert not {c[-1] for c in cases.values()} & set(merged)  # a merged record owns nothing
            for case_id, events in local_history.items():
                events.sort(key=lambda e: (e.position is None, e.position or 0, e.seq))
                assert all(e.position is not None for e in events)
                assert [(e.id, e.kind, e.from_status, e.to_status) for e in events] == history[case_id]
        if os.environ.get("ONEWINDOW_STATEFUL_DEBUG"):
            from app.models import SyncAttention
            kinds = {}
            for d in self.desks:
                with d.factory() as session:
                    for a in session.scalars(select(SyncAttention)):
                        kinds[a.kind + ":" + a.reason_code] = kinds.get(a.kind + ":" + a.reason_code, 0) + 1
            print("STATS residents", len(residents), "merged", len(merged), "cases", len(cases), "events", sum(map(len, history.values())),
                  "faults", dict(self.proxy.stats.faults), "attention", kinds)
        self.check_appointments(center)
        everything = set().union(*({(d.actor.device_id, e.op_id) for e in _applied(d)} for d in self.desks))
        assert everything == applied  # exactly the desks' operations, each once
        self.check_complaints_quiet()
        self.check_ratings()
        self.check_field_service_quiet()


    # -- 投诉举报 (complaint records): the windows' work and the county's answers ------------

    @rule(work=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["register", "answer", "extend", "tell",
                                                                       "escalate", "sync", "county"]),
                                  st.integers(0, 20)), min_size=2, max_size=8))
    def complaints_at_the_windows(self, work: list[tuple[int, str, int]]) -> None:
        """A stretch of complaint work at the windows (syncing now and then,
        the county answering what was escalated to it)."""
        for desk, action, pick in [(0, "register", 0), *work]:
            if action == "sync":
                self.sync(desk, 0.0)
            elif action == "county":
                self.county_answers_a_complaint(pick)
            else:
                self.complaint_work(desk, action, pick)

    def complaint_work(self, desk: int, action: str, pick: int) -> None:
        """A complaint registered, answered, extended, told or escalated at a
        window; a step the desk refuses in words (e.g. not yet answered) queues nothing."""
        from app.models import Complaint
        from app.services import complaints
        from app.services.calendar_store import load_work_calendar

        pc = self.desks[desk]
        if action == "register":
            with pc.factory.begin() as session:
                complaints.register_complaint(session, pc.actor, complaints.ComplaintInput(
                    title=f"投诉{pick}", content="窗口办事等候太久。", subject="本中心", anonymous=pick % 2 == 0,
                    complainant_name="" if pick % 2 == 0 else "郑七", source="window" if pick % 3 else "phone"),
                    calendar=load_work_calendar(session))
            return
        with pc.factory() as session:
            ids = list(session.scalars(select(Complaint.id).order_by(Complaint.id)))
        if not ids:
            return
        target = ids[pick % len(ids)]
        with contextlib.suppress(DomainError), pc.factory.begin() as session:
            if action == "answer":
                complaints.answer_complaint(session, pc.actor, target, "已核实并致歉")
            elif action == "extend":
                complaints.extend_complaint(session, pc.actor, target, extra_days=2, reason="需调查",
                                            calendar=load_work_calendar(session))
            elif action == "tell":
                complaints.record_told(session, pc.actor, target, told_by="phone")
            else:
                complaints.escalate_complaint(session, pc.actor, target, "针对本中心")

    @rule(pick=st.integers(0, 50))
    def county_answers_a_complaint(self, pick: int) -> None:
        import httpx

        from county_server.models import Complaint as CountyComplaint

        with self.county.db() as session:
            center = session.scalar(select(Center.id).where(Center.code == self.center))
            waiting = list(session.scalars(select(CountyComplaint.id).where(
                CountyComplaint.center_id == center, CountyComplaint.status == "escalated",
                CountyComplaint.county_answered_at.is_(None)).order_by(CountyComplaint.id)))
        if not waiting:
            return
        answer = httpx.post(f"{self.county.base}/api/v1/county/complaints/{waiting[pick % len(waiting)]}/answer",
                            json={"answer": f"县级答复{pick}"}, headers={"Authorization": f"Bearer {self.officer}"},
                            timeout=30)
        assert answer.status_code == 200, answer.text

    def check_complaints_quiet(self) -> None:
        """Once quiet: every desk holds the county's complaints, the county's
        answers included (never overwritten by a desk), numbers unique."""
        from app.models import Complaint
        from county_server.models import Complaint as CountyComplaint

        with self.county.db() as session:
            center = session.scalar(select(Center.id).where(Center.code == self.center))
            county = {c.id: (c.complaint_number, c.query_code, c.status, c.answer_due, c.county_answer)
                      for c in session.scalars(select(CountyComplaint).where(CountyComplaint.center_id == center))}
            answered = {c.id: c.county_answer for c in session.scalars(select(CountyComplaint).where(
                CountyComplaint.center_id == center, CountyComplaint.county_answered_at.is_not(None)))}
        numbers = [number for number, *_rest in county.values()]
        assert len(numbers) == len(set(numbers))
        assert all(county[key][-1] == text and text for key, text in answered.items())
        for desk in self.desks:
            with desk.factory() as session:
                local = {c.id: (c.complaint_number, c.query_code, c.status, c.answer_due, c.county_answer)
                         for c in session.scalars(select(Complaint))}
            assert local == county

    # -- 外出服务 (case field_mode / field_place, resident home_service) ------------------

    @rule(work=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["flag", "unflag", "home", "tour"]),
                                  st.integers(0, 50)), min_size=1, max_size=5))
    def field_service(self, work: list[tuple[int, str, int]]) -> None:
        """A field laptop's (or a desk's) work away from the center: residents
        flagged for home service at two desks offline, cases marked 上门 / 巡回."""
        from app.models.vocabulary import FieldMode
        from app.services import field_service as fs

        for desk, action, pick in work:
            pc = self.desks[desk]
            residents = sorted(set(pc.residents()) - set(pc.merged()))
            if not residents:
                continue
            resident = residents[pick % len(residents)]
            if action in ("flag", "unflag"):
                with pc.factory.begin() as session:
                    fs.set_home_service(session, pc.actor, resident, action == "flag")
            else:
                mode = FieldMode.HOME if action == "home" else FieldMode.TOUR
                pc.take_in(resident, code="OS", outcome=IntakeOutcome.DONE_ON_THE_SPOT, field_mode=mode,
                           field_place=f"{pick % 7 + 1}组")

    def check_field_service_quiet(self) -> None:
        """Once quiet: every desk holds each case's 上门/巡回 marking and each
        resident's home-service flag as the county has them."""
        with self.county.db() as session:
            center = session.scalar(select(Center.id).where(Center.code == self.center))
            marks = {c.id: (c.data.get("field_mode", ""), c.data.get("field_place", ""))
                     for c in session.scalars(select(CountyCase).where(CountyCase.center_id == center))}
            flags = {r.id: bool(r.data.get("home_service", False)) for r in session.scalars(
                select(CountyResident).where(CountyResident.center_id == center))}
        for desk in self.desks:
            with desk.factory() as session:
                assert {c.id: (c.field_mode, c.field_place) for c in session.scalars(select(Case))} == marks
                assert {r.id: r.home_service for r in session.scalars(select(Resident))} == flags

    # -- online_assist (帮办网办): helped online applications and their follow-ups ----------

    @rule(work=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["help", "help", "follow", "done"]),
                                  st.integers(0, 50)), min_size=1, max_size=3))
    def helped_online(self, work: list[tuple[int, str, int]]) -> None:
        """Workers help residents apply online and follow the applications up,
        offline at any desk: two desks may follow the same one up."""
        from datetime import timedelta

        from app.clock import utcnow
        from app.models import OnlineAssist
        from app.services import online_assist as oa

        for desk, action, pick in work:
            pc = self.desks[desk]
            today = utcnow().astimezone().date()
            with contextlib.suppress(DomainError), pc.factory.begin() as session:
                if action == "help":
                    residents = sorted(pc.residents())
                    resident = residents[pick % len(residents)] if residents and pick % 2 else None
                    oa.register(session, pc.actor, oa.AssistInput(
                        resident_name=f"网办群众{pick}", platform=oa.DEFAULT_PLATFORMS[pick % 9].name,
                        item_name="社会保障卡申领", application_no=f"WB{pick:012d}", resident_id=resident,
                        follow_up_on=today + timedelta(days=pick % 5)))
                else:
                    ids = list(session.scalars(select(OnlineAssist.id).order_by(OnlineAssist.id)))
                    if ids:
                        oa.follow_up(session, pc.actor, ids[pick % len(ids)],
                                     outcome="approved" if action == "done" else "needs_more",
                                     next_follow_up=today + timedelta(days=1 + pick % 3))

    def check_online_assists(self) -> None:
        """At quiet: every desk holds the county's helped online applications, each once."""
        from app.models import OnlineAssist
        from county_server.models import OnlineAssist as CountyAssist

        with self.county.db() as session:
            center = session.scalar(select(Center.id).where(Center.code == self.center))
            county = {a.id: (a.platform, a.outcome, a.follow_up_on, a.followed_up_at is None,
                             a.data["application_no"], a.data["staff_id"])
                      for a in session.scalars(select(CountyAssist).where(CountyAssist.center_id == center))}
        for desk in self.desks:
            with desk.factory() as session:
                local = {a.id: (a.platform, a.outcome, a.follow_up_on, a.followed_up_at is None, a.application_no,
                                str(a.staff_id)) for a in session.scalars(select(OnlineAssist))}
            assert local == county
        if os.environ.get("ONEWINDOW_STATEFUL_DEBUG"):
            print("STATS online assists", len(county), "open", sum(1 for a in county.values() if a[3]))


def _applied(desk: DeskPC) -> list[OutboxEntry]:
    with desk.factory() as session:
        return list(session.scalars(select(OutboxEntry).where(OutboxEntry.status == "applied")))


@one_backend
def test_three_desks_random_work_and_faults(county: CountyProcess, template_db: Path, tmp_path: Path) -> None:
    CenterMachine.county, CenterMachine.template_db, CenterMachine.folder = county, template_db, tmp_path
    run_state_machine_as_test(CenterMachine, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=25, deadline=None, derandomize="ONEWINDOW_STATEFUL_EXAMPLES" not in os.environ,
        suppress_health_check=list(HealthCheck), database=None,
    ))
