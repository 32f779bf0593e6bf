"""初始设置 and 登录 — first-run setup, staff accounts, login, passwords."""
from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.models import AuditEntry, Center, Device, Staff
from app.models.vocabulary import StaffRole
from app.services.context import Actor
from app.services.errors import DomainError, PermissionDenied
from app.services.passwords import hash_password, password_problem, verify_password
from app.services.setup import CenterSetup, is_set_up, set_up_center, setup_problems, this_device
from app.services.staff import LOGIN_FAILED, add_staff, check_login, list_staff

GOOD = CenterSetup(
    center_name=" 示范村党群服务中心 ",
    center_code="sf01",
    county="示例县",
    town="示例镇",
    address="村委会一楼",
    phone="0755-12345678",
    window_no="2",
    device_number=3,
    head_username="zhuren",
    head_display_name="王建国",
    head_password="demo2026",
)


def _set_up(db: Database, data: CenterSetup = GOOD) -> Actor:
    with db.session_factory.begin() as session:
        return set_up_center(session, data)


def _count(db: Database, model) -> int:
    with db.session_factory() as session:
        return session.scalar(select(func.count()).select_from(model))


def _audit(db: Database, action: str) -> list[AuditEntry]:
    with db.session_factory() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


# -- set_up_center ------------------------------------------------------------

BAD_FIELDS = [
    ("center_name", {"center_name": "  "}),
    ("center_code", {"center_code": "A"}),
    ("center_code", {"center_code": "中心01"}),
    ("center_code", {"center_code": "SF-01"}),
    ("center_code", {"center_code": "A" * 17}),
    ("county", {"county": ""}),
    ("town", {"town": " "}),
    ("window_no", {"window_no": ""}),
    ("device_number", {"device_number": 0}),
    ("device_number", {"device_number": 100}),
    ("head_username", {"head_username": "a"}),
    ("head_username", {"head_username": "王主任"}),
    ("head_username", {"head_username": "zhu ren"}),
    ("head_display_name", {"head_display_name": "  "}),
    ("head_password", {"head_password": "ab12"}),
    ("head_password", {"head_password": "12345678"}),
    ("head_password", {"head_password": "abcdefgh"}),
]


@pytest.mark.parametrize(("field", "change"), BAD_FIELDS, ids=[f"{f}={list(c.values())[0]!r}" for f, c in BAD_FIELDS])
def test_each_setup_field_problem_is_named_and_nothing_is_saved(db: Database, field: str, change: dict) -> None:
    data = replace(GOOD, **change)
    problems = setup_problems(data)
    assert [p.field for p in problems] == [field]
    assert problems[0].message  # a sentence for the worker
    with pytest.raises(DomainError) as raised:
        _set_up(db, data)
    assert raised.value.field == field
    assert str(raised.value) == problems[0].message
    assert (_count(db, Center), _count(db, Device), _count(db, Staff), _count(db, AuditEntry)) == (0, 0, 0, 0)


def test_all_setup_problems_are_listed_together() -> None:
    empty = CenterSetup(center_name="", center_code="", county="", town="", window_no="")
    fields = [p.field for p in setup_problems(empty)]
    assert set(fields) == {
        "center_name", "center_code", "county", "town", "window_no",
        "head_username", "head_display_name", "head_password",
    }


def test_a_good_setup_has_no_problems() -> None:
    assert setup_problems(GOOD) == []


def test_setup_creates_center_device_and_head(db: Database) -> None:
    with db.session_factory() as session:
        assert not is_set_up(session)
    actor = _set_up(db)
    assert actor.is_head and actor.role == StaffRole.HEAD and actor.window_no == "2"
    with db.session_factory() as session:
        assert is_set_up(session)
        center = session.get(Center, actor.center_id)
        assert (center.name, center.code, center.county, center.town) == ("示范村党群服务中心", "SF01", "示例县", "示例镇")
        assert not center.is_demo
        device = this_device(session)
        assert device.id == actor.device_id and device.center_id == center.id
        assert (device.device_number, device.window_no, device.is_this_device) == (3, "2", True)
        head = session.get(Staff, actor.staff_id)
        assert (head.username, head.display_name, head.role, head.active) == ("zhuren", "王建国", StaffRole.HEAD, True)
        assert "demo2026" not in head.password_hash
        assert verify_password("demo2026", head.password_hash)
    (entry,) = _audit(db, "setup")
    assert entry.staff_id == actor.staff_id and entry.device_id == actor.device_id
    assert entry.entity == "center" and entry.entity_id == str(actor.center_id)


def test_setup_cannot_run_twice(db: Database) -> None:
    _set_up(db)
    with pytest.raises(DomainError, match="不能重复设置"):
        _set_up(db, replace(GOOD, center_code="OTHER", head_username="other"))
    assert (_count(db, Center), _count(db, Device), _count(db, Staff)) == (1, 1, 1)


def test_before_setup_this_device_is_a_clear_error(db: Database) -> None:
    with db.session_factory() as session, pytest.raises(DomainError, match="尚未完成初始设置"):
        this_device(session)


# -- passwords ----------------------------------------------------------------


def test_password_hashes_are_salted_and_verify() -> None:
    first, second = hash_password("demo2026"), hash_password("demo2026")
    assert first != second  # salted
    for stored in (first, second):
        assert "demo2026" not in stored and stored.startswith("scrypt$")
        assert verify_password("demo2026", stored)
        assert not verify_password("demo2027", stored)
        assert not verify_password("", stored)


@pytest.mark.parametrize("stored", ["", "demo2026", "md5$abc", "scrypt$x$8$1$AAAA$AAAA", "scrypt$16384$8$1$!!$!!"])
def test_malformed_stored_hashes_never_verify(stored: str) -> None:
    assert verify_password("demo2026", stored) is False


def test_password_rules() -> None:
    assert password_problem("abc1234") is not None
    assert password_problem("12345678") is not None
    assert password_problem("abcdefgh") is not None
    assert password_problem("abcd1234") is None


# -- authenticate -------------------------------------------------------------


def _login(db: Database, username: str, password: str) -> Actor | None:
    """One login = one unit of work, as the UI's operation runner opens it."""
    with db.session_factory.begin() as session:
        return check_login(session, username, password)


def test_login_succeeds_and_is_audited(db: Database) -> None:
    head = _set_up(db)
    actor = _login(db, " zhuren ", "demo2026")
    assert actor == head
    with db.session_factory() as session:
        assert session.get(Staff, head.staff_id).last_login_at is not None
    (entry,) = _audit(db, "login")
    assert entry.staff_id == head.staff_id and entry.device_id == head.device_id
    assert _audit(db, "login_failed") == []


@pytest.mark.parametrize("who", ["wrong_password", "unknown_user", "inactive"])
def test_a_failed_login_is_refused_and_audited(db: Database, who: str) -> None:
    head = _set_up(db)
    with db.session_factory.begin() as session:
        clerk = add_staff(session, head, username="lina", display_name="李娜", password="lina2026")
        clerk_id = clerk.id
        if who == "inactive":
            clerk.active = False
    username, password = {
        "wrong_password": ("lina", "lina2027"),
        "unknown_user": ("nobody", "lina2026"),
        "inactive": ("lina", "lina2026"),
    }[who]

    assert _login(db, username, password) is None
    assert LOGIN_FAILED.zh == "登录名或密码不正确，请重新输入"  # never says which part was wrong
    # The failure is on record: the login's unit of work committed it.
    (entry,) = _audit(db, "login_failed")
    assert username in entry.summary
    assert entry.staff_id == (None if who == "unknown_user" else clerk_id)
    assert _audit(db, "login") == []
    with db.session_factory() as session:
        assert session.get(Staff, clerk_id).last_login_at is None


def test_repeated_failed_logins_each_leave_an_entry(db: Database) -> None:
    _set_up(db)
    for _ in range(3):
        assert _login(db, "zhuren", "wrong-pass1") is None
    assert len(_audit(db, "login_failed")) == 3
    _login(db, "zhuren", "demo2026")
    assert len(_audit(db, "login")) == 1


# -- add_staff ----------------------------------------------------------------


def test_the_head_adds_a_window_worker_who_can_log_in(db: Database) -> None:
    head = _set_up(db)
    with db.session_factory.begin() as session:
        clerk = add_staff(session, head, username=" lina ", display_name=" 李娜 ", password="lina2026")
        clerk_id = clerk.id
        assert "lina2026" not in clerk.password_hash
    actor = _login(db, "lina", "lina2026")
    assert (actor.staff_id, actor.role, actor.is_head, actor.display_name) == (clerk_id, StaffRole.WINDOW, False, "李娜")
    assert actor.device_id == head.device_id and actor.center_id == head.center_id
    (entry,) = [e for e in _audit(db, "create") if e.entity == "staff"]
    assert entry.staff_id == head.staff_id and entry.entity_id == str(clerk_id) and "李娜" in entry.summary
    with db.session_factory() as session:
        assert {s.username for s in list_staff(session)} == {"lina", "zhuren"}


def test_only_the_head_adds_staff(db: Database) -> None:
    head = _set_up(db)
    with db.session_factory.begin() as session:
        add_staff(session, head, username="lina", display_name="李娜", password="lina2026")
    clerk = _login(db, "lina", "lina2026")
    with pytest.raises(PermissionDenied):
        with db.session_factory.begin() as session:
            add_staff(session, clerk, username="zhaomin", display_name="赵敏", password="zhao2026")
    assert _count(db, Staff) == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"username": "zhuren"}, "username"),  # taken
        ({"username": ""}, "username"),
        ({"username": "  "}, "username"),
        ({"username": "李娜"}, "username"),
        ({"display_name": " "}, "display_name"),
        ({"password": "short1"}, "password"),
        ({"password": "onlyletters"}, "password"),
        ({"role": "admin"}, "role"),
    ],
)
def test_add_staff_refuses_bad_input(db: Database, change: dict, field: str) -> None:
    head = _set_up(db)
    arguments = {"username": "lina", "display_name": "李娜", "password": "lina2026", "role": StaffRole.WINDOW} | change
    with pytest.raises(DomainError) as raised:
        with db.session_factory.begin() as session:
            add_staff(session, head, **arguments)
    assert raised.value.field == field
    assert _count(db, Staff) == 1


def test_a_second_head_can_be_added_and_list_staff_hides_inactive(db: Database) -> None:
    head = _set_up(db)
    with db.session_factory.begin() as session:
        deputy = add_staff(session, head, username="fuzhuren", display_name="副主任", password="fu2026ab", role=StaffRole.HEAD)
        gone = add_staff(session, head, username="old", display_name="离职人员", password="old2026ab")
        gone.active = False
        assert deputy.role == StaffRole.HEAD
    assert _login(db, "fuzhuren", "fu2026ab").is_head
    with db.session_factory() as session:
        active = {s.username for s in list_staff(session)}
        everyone = {s.username for s in list_staff(session, active_only=False)}
    assert active == {"zhuren", "fuzhuren"} and everyone == active | {"old"}
