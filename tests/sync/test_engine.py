"""The desk's sync engine against a live county server on loopback
(PostgreSQL and SQLite): enrollment, push, pull, per-record state."""
from __future__ import annotations

from sqlalchemy import func, select

from app.models import Case, CaseEvent, OutboxEntry, Resident, SyncCursor
from app.models.vocabulary import CaseEventKind
from tests.sync.live import CountyProcess, desk_counts


def test_two_desks_of_a_center_see_each_others_records(county: CountyProcess, new_desk) -> None:
    one, two = new_desk(1), new_desk(2)
    one.enroll(county)
    first = one.sync()
    assert first.ok, first.message
    resident = one.register("张三")
    case_id = one.take_in(resident)
    one.event(case_id, CaseEventKind.START)
    assert desk_counts(one) == {"pending": 4}
    with one.factory() as session:
        assert session.get(Case, case_id).sync_state == "pending"

    report = one.sync()
    assert report.ok, report.message
    assert report.pushed == 4 and report.pending == 0
    assert desk_counts(one) == {"applied": 4}
    with one.factory() as session:
        case = session.get(Case, case_id)
        assert case.sync_state == "synced" and case.synced_at is not None
        assert session.get(Resident, resident).sync_state == "synced"
        assert sorted(session.scalars(select(CaseEvent.position).where(CaseEvent.case_id == case_id))) == [1, 2]

    two.enroll(county)
    report = two.sync()
    assert report.ok, report.message
    got = two.case(case_id)
    assert got.status == "in_progress" and got.case_number == one.case(case_id).case_number
    assert [e.kind for e in sorted(got.events, key=lambda e: e.position)] == ["accept", "start"]
    assert got.sync_state == "synced"
    assert two.residents()[resident][1] == "张三"
    with two.factory() as session:
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 0
        cursors = dict(session.execute(select(SyncCursor.stream, SyncCursor.cursor)).all())
    assert cursors["records"] >= 4 and cursors["catalog"] >= 1


def test_an_answer_lost_on_the_way_back_is_sent_again_and_counted_once(county: CountyProcess, new_desk) -> None:
    desk = new_desk(1)
    desk.enroll(county)
    desk.sync()
    case_id = desk.take_in(desk.register("李四"))
    assert desk.sync().pushed == 3
    # As if the PC lost the county's answer: the entries are pending again.
    with desk.factory.begin() as session:
        for entry in session.scalars(select(OutboxEntry)):
            entry.status = "pending"
    report = desk.sync()
    assert report.ok and report.pushed == 3 and desk_counts(desk) == {"applied": 3}
    with county.db() as session:
        from county_server.models import Case as CountyCase
        from county_server.models import CaseEvent as CountyEvent

        assert session.scalar(select(func.count()).select_from(CountyCase).where(CountyCase.id == case_id)) == 1
        assert session.scalar(select(func.count()).select_from(CountyEvent).where(CountyEvent.case_id == case_id)) == 1


def test_a_wrong_pc_clock_is_reported_and_never_blocks(county: CountyProcess, new_desk, monkeypatch) -> None:
    from datetime import timedelta

    import app.sync.engine as engine_module
    import app.sync.push as push_module
    from app.clock import utcnow

    desk = new_desk(1)
    desk.enroll(county)
    desk.register("王五")
    ahead = lambda: utcnow() + timedelta(hours=2)  # noqa: E731
    monkeypatch.setattr(engine_module, "utcnow", ahead)
    monkeypatch.setattr(push_module, "utcnow", ahead)
    report = desk.sync()
    assert report.ok and report.pushed == 1
    assert report.skew_warning and 7000 < report.clock_skew_s < 7400
    assert "时钟" in report.message
    from app.models import SyncRun

    with desk.factory() as session:
        run = session.scalar(select(SyncRun).order_by(SyncRun.started_at.desc()).limit(1))
        assert run.ok and 7000 < run.clock_skew_s < 7400


def test_not_enrolled_and_revoked_desks_say_so_in_words(county: CountyProcess, new_desk) -> None:
    desk = new_desk(1)
    desk.register("赵六")
    report = desk.sync()
    assert report.state == "not_enrolled" and "注册" in report.message and report.pending == 1
    desk.enroll(county)
    assert desk.sync().ok
    county.revoke(desk.center_code, 1)
    desk.register("钱七")
    report = desk.sync()
    assert report.state == "revoked" and "停用" in report.message
    assert desk_counts(desk) == {"applied": 1, "pending": 1}


def test_a_server_that_cannot_be_reached_leaves_everything_pending(new_desk, tmp_path) -> None:
    from tests.sync.live import free_port

    desk = new_desk(1)
    from app.sync.credentials import write_token

    with desk.factory.begin() as session:
        from app.services.setup import this_device

        this_device(session).server_url = f"http://127.0.0.1:{free_port()}"
    write_token(desk.data_dir, "ow_dev_nothing")
    desk.register("孙八")
    report = desk.sync()
    assert report.state == "offline" and "县级服务器没有响应连接" in report.message and "保存在本机" in report.message
    assert "Errno" not in report.message and "refused" not in report.message  # words, not the socket's text
    assert desk_counts(desk) == {"pending": 1}
    with desk.factory.begin() as session:  # a name that does not resolve
        this_device(session).server_url = "http://county-server.invalid"
    assert "找不到县级服务器" in desk.sync().message


def test_a_new_pc_bootstraps_the_center_and_resumes_after_a_cut(county: CountyProcess, new_desk) -> None:
    import threading

    one = new_desk(1)
    one.enroll(county)
    one.sync()
    cases = [one.take_in(one.register(f"居民{i}")) for i in range(6)]
    assert one.sync().ok
    fresh = new_desk(2, page_size=5)
    fresh.enroll(county)
    stop = threading.Event()
    seen: list[str] = []

    def progress(p) -> None:
        seen.append(p.stage)
        if p.stage == "bootstrap":
            stop.set()  # cut after the first snapshot page

    first = fresh.sync(cancel=stop, progress=progress)
    assert first.state == "cancelled"
    from app.services import settings as desk_settings

    with fresh.factory() as session:
        state = desk_settings.get(session, desk_settings.SYNC_BOOTSTRAP)
    assert state["done"] is False and state["page_token"]
    second = fresh.sync()
    assert second.ok, second.message
    for case_id in cases:
        mine, theirs = one.case(case_id), fresh.case(case_id)
        assert (theirs.case_number, theirs.status, len(theirs.events)) == (mine.case_number, mine.status, 1)
    assert set(fresh.residents()) >= set(one.residents()) - {None}


def test_records_made_before_sync_existed_are_sent_once_at_enrollment(county: CountyProcess, new_desk) -> None:
    """A desk that worked before this version has records but no outbox
    entries: enrollment queues them, parents first, and they go up once."""
    desk = new_desk(1)
    desk.enroll(county)
    desk.sync()  # the catalog
    case_id = desk.take_in(desk.register("老记录"))
    desk.event(case_id, CaseEventKind.START)
    with desk.factory.begin() as session:  # as an older version left it: no outbox at all
        for entry in session.scalars(select(OutboxEntry)):
            session.delete(entry)
    desk.enroll(county, code=county.issue_code(desk.center_code, device_number=1))  # again, after the upgrade
    assert [(e, n) for e, n in _entities(desk)] == [("resident", 1), ("case", 1), ("case_event", 2)]
    report = desk.sync()
    assert report.ok and report.pushed == 4 and desk_counts(desk) == {"applied": 4}
    desk.enroll(county, code=county.issue_code(desk.center_code, device_number=1))
    assert desk_counts(desk) == {"applied": 4}  # nothing queued twice


def _entities(desk) -> list[tuple[str, int]]:
    with desk.factory() as session:
        rows = session.execute(select(OutboxEntry.entity, OutboxEntry.seq).order_by(OutboxEntry.seq)).all()
    counts: dict[str, int] = {}
    for entity, _seq in rows:
        counts[entity] = counts.get(entity, 0) + 1
    return list(counts.items())


def test_county_owned_data_comes_down_catalog_calendar_and_staff(county: CountyProcess, new_desk) -> None:
    """The county publishes a calendar year and adds a staff account: the desk
    receives both; the account logs in offline with the county's password."""
    from county_server.services import admin
    from county_server.services.publish import publish_calendar

    desk = new_desk(1)
    desk.enroll(county)
    assert desk.sync().ok
    year = 2031  # a year no other test publishes
    with county.db.begin() as session:
        table = f"date,kind,name\n{year},全年,国务院办公厅通知\n{year}-01-01,休,元旦\n{year}-01-04,班,调休上班\n"
        publish_calendar(session, table, source="test.csv")
        center = admin.find_center(session, desk.center_code)
        admin.create_staff(session, center, username="xiaozhang", display_name="张晓", password="Xiaozhang2026")
    report = desk.sync()
    assert report.ok, report.message
    from datetime import date

    from app.services.calendar_store import load_work_calendar
    from app.services.staff import check_login

    with desk.factory() as session:
        calendar = load_work_calendar(session)
        assert calendar.is_published(year)
        assert not calendar.is_working_day(date(year, 1, 1)) and calendar.is_working_day(date(year, 1, 4))
    with desk.factory.begin() as session:
        actor = check_login(session, "xiaozhang", "Xiaozhang2026")
    assert actor is not None and actor.display_name == "张晓"


def test_a_replacement_pc_given_the_old_pcs_number_sends_its_waiting_cases(county: CountyProcess, new_desk) -> None:
    """A PC set up offline as computer 1 to replace a broken one took cases
    before its code came; the county enrolls it as the known computer 1:
    those cases go up under that identity, none refused as an unknown device."""
    from app.services.catalog_import import import_catalog, validate_catalog
    from tests.services.desk import CATALOG

    old = new_desk(1)
    old.enroll(county)
    assert old.sync().ok
    replacement = new_desk(1)
    with replacement.factory.begin() as session:  # offline: the catalog from the county's file
        import_catalog(session, validate_catalog(CATALOG, source="county.json"), actor=replacement.actor)
    case_id = replacement.take_in(replacement.register("换机"))
    replacement.enroll(county, code=county.issue_code(replacement.center_code, device_number=1))
    report = replacement.sync()
    assert report.ok and report.pending == 0, report.message
    assert desk_counts(replacement) == {"applied": 3}
    with county.db() as session:
        from county_server.models import Case as CountyCase
        from county_server.models import Device as CountyDevice

        device = session.get(CountyDevice, session.get(CountyCase, case_id).device_id)
        assert device.device_number == 1
