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
  every desk and the county, and every bad rating has exactly one follow-up.

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
               CaseEventKind.EXTEND: {"note": "需入户核查"}}  # new_due: 5 days past the case's own
SKIPPED: set[str] = set()
ROLES = ("window", "proxy", "head")


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
        everything = set().union(*({(d.actor.device_id, e.op_id) for e in _applied(d)} for d in self.desks))
        assert everything == applied  # exactly the desks' operations, each once
        self.check_ratings()


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
