"""The one-box lookup (一框查询): every input kind, ranking, special surnames,
the name-piece index and its backfill by migration 0002."""
from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from app.db import DB_FILENAME, alembic_config, create_sqlite_engine, make_session_factory, migrate
from app.models import Case, Resident, ResidentNameGram, Staff
from app.models.vocabulary import CaseEventKind, IntakeOutcome
from app.services.calendar_store import load_work_calendar
from app.services.cases import IntakeRequest, MaterialReceipt, record_event, take_in
from app.services.catalog_import import import_catalog, validate_catalog
from app.services.context import Actor
from app.services.identity import (
    PASSPORT,
    RESIDENT_ID,
    TAIWAN_PERMIT,
    fictional_id_number,
    parse_id_number,
)
from app.services.residents import ResidentInput, register_resident
from app.services.search import (
    KIND_CASE,
    KIND_ID_NUMBER,
    KIND_INITIALS,
    KIND_INVALID,
    KIND_NAME,
    KIND_NONE,
    KIND_PHONE,
    KIND_PHONE_LAST4,
    LookupResult,
    find_cases,
    index_resident_name,
    lookup,
    name_grams,
    recent_cases,
)
from app.services.setup import CenterSetup, set_up_center
from app.services.staff import actor_for, add_staff
from app.services.status_link import status_url

NOW = datetime(2026, 3, 10, 10, 0).astimezone()
BASE_URL = "https://zwfw.example.gov.cn/yct"

CATALOG = {
    "format": "onewindow-catalog",
    "format_version": 1,
    "version": "search-1",
    "departments": [{"code": "MZ", "name": "民政"}],
    "items": [
        {
            "code": "CM", "name": "高龄津贴申报", "department": "MZ", "handling_mode": "committed",
            "statutory_days": 20, "committed_days": 5,
            "materials": [{"name": "居民身份证", "form": "original", "key": True}],
        },
    ],
}


def _id(sequence: int, *, birth: date = date(1960, 1, 1), gender: str = "男") -> str:
    return fictional_id_number(region_code="449901", birth_date=birth, sequence=sequence, gender=gender)


def _id_ending_in_x() -> str:
    for day in range(1, 29):
        for sequence in range(100):
            number = _id(sequence, birth=date(1971, 7, day))
            if number.endswith("X"):
                return number
    raise AssertionError("no check digit X found")


# 15-digit first-generation number: region, yymmdd, 3-digit sequence (odd = 男).
LEGACY_15 = "449901580203123"
ID_X = _id_ending_in_x()

# name, id number, phone
PEOPLE: tuple[tuple[str, str, str], ...] = (
    ("张三", _id(1), "13800001234"),
    ("张三丰", _id(2), "13900001234"),
    ("李张三", _id(3), "13700001234"),
    ("王小明", _id(4), "13600005678"),
    ("曾小明", _id(5), "13500005678"),
    ("单田芳", _id(6), ""),
    ("解放", _id(7), ""),
    ("区志强", _id(8), ""),
    ("仇小红", _id(9), ""),
    ("朴正", _id(10), ""),
    ("查良镛", _id(11), ""),
    ("盖聂", _id(12), "0755-12345678"),
    ("王二", ID_X, "13312340000"),
    ("陈老汉", LEGACY_15, ""),
)


@dataclass(frozen=True)
class Template:
    path: Path
    residents: dict[str, uuid.UUID]
    open_case: str  # case number
    open_case_code: str


@pytest.fixture(scope="module")
def template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Template:
    """Residents and two cases, built once per module; tests only read it."""
    path = tmp_path_factory.mktemp("search") / DB_FILENAME
    shutil.copy(template_db, path)
    engine = create_sqlite_engine(path)
    factory = make_session_factory(engine)
    with factory.begin() as session:
        head = set_up_center(session, CenterSetup(
            center_name="示范村党群服务中心", center_code="SF01", county="示例县", town="示例镇",
            head_username="zhuren", head_display_name="王建国", head_password="demo2026",
        ))
        version = import_catalog(session, validate_catalog(CATALOG, source="test.json"), actor=head)
        (item,) = version.items
        clerk = actor_for(session, add_staff(session, head, username="lina", display_name="李娜",
                                             password="lina2026"))
        residents = {}
        for name, number, phone in PEOPLE:
            data = ResidentInput(doc_type=RESIDENT_ID, id_number=number, name=name, phone=phone)
            residents[name] = register_resident(session, clerk, data).resident_id
        residents["John Smith"] = register_resident(session, clerk, ResidentInput(
            doc_type=PASSPORT, id_number="E12345678", name="John Smith", gender="男")).resident_id
        residents["林美玲"] = register_resident(session, clerk, ResidentInput(
            doc_type=TAIWAN_PERMIT, id_number="12345678", name="林美玲", gender="女")).resident_id
    with factory.begin() as session:
        calendar = load_work_calendar(session)
        materials = tuple(MaterialReceipt(m.id, m.count) for m in item.materials)
        request = IntakeRequest(resident_id=residents["张三"], item_id=item.id, outcome=IntakeOutcome.ACCEPT,
                                materials=materials)
        open_case = take_in(session, clerk, request, calendar=calendar, now=NOW)
        closed = take_in(session, clerk, request, calendar=calendar, now=NOW)
        record_event(session, clerk, closed.id, CaseEventKind.WITHDRAW, calendar=calendar, now=NOW,
                     note="申请人不再申请")
        number, code = open_case.case_number, open_case.verification_code
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return Template(path, residents, number, code)


@pytest.fixture(scope="module")
def session(template: Template) -> Iterator[Session]:
    """One read-only session on the module's database."""
    engine = create_sqlite_engine(template.path)
    with make_session_factory(engine)() as session:
        yield session
        session.rollback()
    engine.dispose()


def names(result: LookupResult) -> list[str]:
    return [hit.name for hit in result.residents]


# -- ID and other document numbers -----------------------------------------------


def test_a_full_id_number_finds_the_resident_with_masked_numbers(session: Session, template: Template) -> None:
    number = PEOPLE[0][1]
    result = lookup(session, number + "\r\n")  # the card reader ends with Enter
    assert (result.kind, result.query, result.doc_type, result.hint) == (KIND_ID_NUMBER, number, RESIDENT_ID, "")
    (hit,) = result.residents
    assert hit.id == template.residents["张三"] and hit.name == "张三"
    assert hit.id_masked == number[:4] + "*" * 10 + number[-4:]
    assert hit.phone_masked == "138****1234"
    assert (hit.gender, hit.birth_date) == ("男", date(1960, 1, 1))
    assert not hasattr(hit, "tags")


def test_an_id_number_with_a_lower_case_x(session: Session) -> None:
    result = lookup(session, ID_X.lower())
    assert result.kind == KIND_ID_NUMBER and result.query == ID_X
    assert names(result) == ["王二"]


def test_a_15_digit_number_finds_the_resident_registered_under_the_upgraded_number(session: Session) -> None:
    upgraded = parse_id_number(LEGACY_15).number
    assert len(upgraded) == 18
    for typed in (LEGACY_15, upgraded):
        result = lookup(session, typed)
        assert (result.kind, result.query) == (KIND_ID_NUMBER, upgraded)
        assert names(result) == ["陈老汉"]


def test_a_wrong_check_digit_says_so_and_still_searches_the_number_as_typed(
    session: Session, template: Template
) -> None:
    good = PEOPLE[0][1]
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    result = lookup(session, bad)
    assert result.kind == KIND_INVALID and result.residents == ()
    assert "校验位" in result.hint and "已按输入的号码查找" in result.hint

    # A number stored unchecked (say, by an old import) is still found as typed.
    session.add(Resident(center_id=session.scalar(select(Resident.center_id)), doc_type=RESIDENT_ID,
                         id_number=bad, name="旧数据"))
    session.flush()
    try:
        result = lookup(session, bad)
        assert result.kind == KIND_INVALID and names(result) == ["旧数据"] and result.hint
    finally:
        session.rollback()


def test_a_number_a_digit_short_is_an_invalid_id_not_a_passport(session: Session) -> None:
    result = lookup(session, PEOPLE[0][1][:17])
    assert result.kind == KIND_INVALID and "18 位" in result.hint


def test_other_document_types(session: Session) -> None:
    passport = lookup(session, "e12345678")
    assert (passport.kind, passport.query, names(passport)) == (KIND_ID_NUMBER, "E12345678", ["John Smith"])
    taiwan = lookup(session, "12345678")  # 台胞证: 8 digits, also a possible local landline
    assert taiwan.kind == KIND_ID_NUMBER and taiwan.doc_type == TAIWAN_PERMIT
    assert names(taiwan) == ["林美玲"]


def test_registering_an_id_already_on_file_opens_that_resident(template: Template) -> None:
    engine = create_sqlite_engine(template.path)
    try:
        with make_session_factory(engine)() as session:
            clerk = _any_actor(session)
            again = register_resident(session, clerk, ResidentInput(
                doc_type=RESIDENT_ID, id_number=LEGACY_15, name="陈老汉"))
            assert again.created is False and again.resident_id == template.residents["陈老汉"]
            session.rollback()
    finally:
        engine.dispose()


# -- names ---------------------------------------------------------------------


def test_a_name_ranks_exact_then_prefix_then_inside(session: Session) -> None:
    result = lookup(session, "张三")
    assert result.kind == KIND_NAME
    assert names(result) == ["张三", "张三丰", "李张三"]


def test_one_character_fragments(session: Session) -> None:
    assert names(lookup(session, "王")) == ["王二", "王小明"]
    assert names(lookup(session, "三")) == ["张三", "张三丰", "李张三"]  # inside names, by name
    assert names(lookup(session, "芳")) == ["单田芳"]
    assert names(lookup(session, "聂")) == ["盖聂"]


def test_two_character_fragments_inside_a_name(session: Session) -> None:
    assert sorted(names(lookup(session, "小明"))) == ["曾小明", "王小明"]
    assert names(lookup(session, "良镛")) == ["查良镛"]
    assert names(lookup(session, "田芳")) == ["单田芳"]


def test_a_three_character_fragment_inside_a_longer_name(session: Session) -> None:
    assert names(lookup(session, "张三丰")) == ["张三丰"]
    assert names(lookup(session, "ohn Smi")) == []  # ASCII text goes to pinyin, not names
    assert names(lookup(session, "老汉")) == ["陈老汉"]


def test_an_unknown_name_finds_nobody(session: Session) -> None:
    result = lookup(session, "欧阳修")
    assert (result.kind, result.residents, result.more) == (KIND_NAME, (), False)


# -- pinyin --------------------------------------------------------------------


def test_initials_exact_before_initials_prefix(session: Session) -> None:
    result = lookup(session, "ZS")
    assert (result.kind, result.query) == (KIND_INITIALS, "zs")
    assert names(result) == ["张三", "张三丰"]


@pytest.mark.parametrize(
    ("initials", "name"),
    [("zxm", "曾小明"), ("stf", "单田芳"), ("xf", "解放"), ("ozq", "区志强"), ("qxh", "仇小红"),
     ("pz", "朴正"), ("zly", "查良镛"), ("gn", "盖聂")],
)
def test_special_surname_readings(session: Session, initials: str, name: str) -> None:
    assert name in names(lookup(session, initials))


def test_the_common_reading_of_a_special_surname_does_not_match(session: Session) -> None:
    assert "曾小明" not in names(lookup(session, "cxm"))
    assert "单田芳" not in names(lookup(session, "dtf"))


def test_full_pinyin_and_its_prefix(session: Session) -> None:
    assert names(lookup(session, "zhangsan")) == ["张三", "张三丰"]
    assert names(lookup(session, "zengxiao")) == ["曾小明"]
    assert names(lookup(session, "shantianfang")) == ["单田芳"]
    assert names(lookup(session, "johnsm")) == ["John Smith"]


# -- phones --------------------------------------------------------------------


def test_the_last_4_digits_of_a_phone_list_every_match(session: Session) -> None:
    result = lookup(session, "1234")
    assert (result.kind, result.query) == (KIND_PHONE_LAST4, "1234")
    assert sorted(names(result)) == ["张三", "张三丰", "李张三"]


def test_a_full_phone(session: Session) -> None:
    result = lookup(session, "139 0000 1234")
    assert (result.kind, result.query, names(result)) == (KIND_PHONE, "13900001234", ["张三丰"])
    assert names(lookup(session, "+86 139-0000-1234")) == ["张三丰"]
    assert lookup(session, "8613900001234").kind == KIND_PHONE  # 13 digits, yet not an ID number


def test_a_landline_typed_with_or_without_its_hyphen(session: Session) -> None:
    for typed in ("0755-12345678", "075512345678"):
        result = lookup(session, typed)
        assert (result.kind, result.query, names(result)) == (KIND_PHONE, "0755-12345678", ["盖聂"])


# -- cases ---------------------------------------------------------------------


def test_a_case_number_finds_the_case_and_its_resident(session: Session, template: Template) -> None:
    result = lookup(session, template.open_case.lower())
    assert (result.kind, result.query, result.hint) == (KIND_CASE, template.open_case, "")
    (case,) = result.cases
    assert case.case_number == template.open_case
    assert (case.resident_id, case.resident_name) == (template.residents["张三"], "张三")
    assert (case.item_name, case.status) == ("高龄津贴申报", "accepted")
    assert case.received_at == NOW
    assert [hit.id for hit in result.residents] == [template.residents["张三"]]


def test_a_scanned_status_link_finds_the_case(session: Session, template: Template) -> None:
    url = status_url(BASE_URL, template.open_case, template.open_case_code)
    result = lookup(session, url + "\n")
    assert result.kind == KIND_CASE and result.hint == ""
    assert [c.case_number for c in result.cases] == [template.open_case]


def test_a_status_link_with_a_wrong_code_is_flagged(session: Session, template: Template) -> None:
    result = lookup(session, status_url(BASE_URL, template.open_case, "ZZZZZZ"))
    assert len(result.cases) == 1 and "查询码" in result.hint


def test_an_unknown_case_number(session: Session) -> None:
    result = lookup(session, "SF01-01-20260101-0999")
    assert (result.kind, result.cases, result.residents) == (KIND_CASE, (), ())
    assert "未找到办件" in result.hint


def test_open_cases_count_only_cases_not_closed(session: Session) -> None:
    (zhang_san,) = [hit for hit in lookup(session, "张三").residents if hit.name == "张三"]
    assert zhang_san.open_cases == 1  # one accepted, one withdrawn
    assert lookup(session, "王小明").residents[0].open_cases == 0


def test_recent_cases_newest_first(session: Session, template: Template) -> None:
    cases = recent_cases(session, template.residents["张三"])
    assert len(cases) == 2 and {c.status for c in cases} == {"accepted", "withdrawn"}
    assert cases[0].received_at >= cases[1].received_at
    assert recent_cases(session, template.residents["张三"], limit=1) == cases[:1]


# -- limits and odd input --------------------------------------------------------


def test_the_limit_is_respected_and_more_is_reported(session: Session) -> None:
    result = lookup(session, "张三", limit=2)
    assert names(result) == ["张三", "张三丰"] and result.more
    result = lookup(session, "1234", limit=1)
    assert len(result.residents) == 1 and result.more
    assert not lookup(session, "张三", limit=3).more
    with pytest.raises(ValueError):
        lookup(session, "张三", limit=0)


@pytest.mark.parametrize("text", ["", "   ", "\n", "\u3000"])
def test_empty_input_finds_nothing_quietly(session: Session, text: str) -> None:
    assert lookup(session, text) == lookup(session, "") and lookup(session, text).kind == KIND_NONE
    assert lookup(session, text).residents == () and lookup(session, text).hint == ""


@pytest.mark.parametrize("text", ["!!", "12", "a.b"])
def test_unrecognised_input_gets_a_hint(session: Session, text: str) -> None:
    result = lookup(session, text)
    assert result.kind == KIND_NONE and result.residents == () and result.hint


# -- the case list's search (global search and 办件) -----------------------------


def _case_numbers(session: Session, text: str) -> list[str]:
    from app.services.queries import CaseFilter, case_page, count_cases

    flt = CaseFilter(search=find_cases(session, text))
    rows = case_page(session, flt, offset=0, limit=50, today=NOW.date(), calendar=load_work_calendar(session))
    assert count_cases(session, flt) == len(rows)
    return sorted(row.case_number for row in rows)


def test_find_cases_by_phone_last_4_id_name_pinyin_and_case_number(session: Session, template: Template) -> None:
    zhang_san = _case_numbers(session, "张三")
    assert len(zhang_san) == 2 and template.open_case in zhang_san  # 张三's two cases (张三丰 has none)
    for typed in ("13800001234", "138 0000 1234", "zs", "zhangsan", PEOPLE[0][1]):
        assert _case_numbers(session, typed) == zhang_san, typed
    assert _case_numbers(session, "1234") == zhang_san  # three residents end in 1234; only 张三 has cases
    assert _case_numbers(session, template.open_case) == [template.open_case]  # just that case
    assert _case_numbers(session, status_url(BASE_URL, template.open_case, template.open_case_code)) == [
        template.open_case]
    assert _case_numbers(session, "高龄津贴") == zhang_san  # an item's name finds its cases
    found = find_cases(session, "13800001234")
    assert (found.kind, found.query, found.resident_ids) == (KIND_PHONE, "13800001234", (template.residents["张三"],))
    assert found.hint == "" and not found.found_nothing


@pytest.mark.parametrize("text", ["9999", "查无此人", "SF01-01-20260101-0999", "!!"])
def test_find_cases_says_what_was_searched_and_what_can_be_typed(session: Session, text: str) -> None:
    found = find_cases(session, text)
    assert found.found_nothing and _case_numbers(session, text) == []
    assert found.hint == f"没有找到“{text}”。可以输入：姓名、拼音首字母、身份证号、手机号或后4位、办件编号"


def test_find_cases_on_a_mistyped_id_number_says_why_too(session: Session) -> None:
    wrong = PEOPLE[0][1][:-1] + ("0" if PEOPLE[0][1][-1] != "0" else "1")
    found = find_cases(session, wrong)
    assert found.kind == KIND_INVALID and found.found_nothing
    assert "号码可能有误" in found.hint and "没有找到" in found.hint


def test_find_cases_of_nothing_is_no_search(session: Session) -> None:
    assert find_cases(session, "  ").text == "" and find_cases(session, "").kind == KIND_NONE
    assert len(_case_numbers(session, "")) == 2  # every case


# -- every lookup uses an index ------------------------------------------------


@pytest.mark.parametrize(
    "text", ["张三", "王", "小明", "张三丰", "zs", "zhangsan", "1234", "13900001234", "E12345678", "12345678",
             PEOPLE[0][1], "SF01-01-20260310-0001"],
)
def test_no_lookup_scans_a_table(session: Session, text: str) -> None:
    statements: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    connection = session.connection()
    event.listen(connection, "before_cursor_execute", capture)
    try:
        lookup(session, text)
    finally:
        event.remove(connection, "before_cursor_execute", capture)
    assert statements
    raw = connection.connection.driver_connection
    for statement, parameters in statements:
        plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters)]
        assert not [step for step in plan if step.startswith("SCAN")], (statement, plan)


# -- the name index ------------------------------------------------------------


def test_name_grams() -> None:
    assert name_grams("王小明") == {"小", "明", "小明"}
    assert name_grams("张三") == {"三"}
    assert name_grams("王") == set()
    assert name_grams("欧阳娜娜") == {"阳", "娜", "阳娜", "娜娜"}


def test_renaming_rewrites_the_name_pieces(template: Template, tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    shutil.copy(template.path, path)
    engine = create_sqlite_engine(path)
    try:
        with make_session_factory(engine).begin() as session:
            resident = session.get(Resident, template.residents["王小明"])
            resident.name = "王晓明"
            session.flush()
            index_resident_name(session, resident.id, resident.name)
        with make_session_factory(engine)() as session:
            assert "王小明" not in names(lookup(session, "小明"))
            assert names(lookup(session, "晓明")) == ["王晓明"]
    finally:
        engine.dispose()


def test_migration_0002_indexes_residents_registered_before_it(template: Template, tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    shutil.copy(template.path, path)
    engine = create_sqlite_engine(path)
    try:
        before = _grams(engine)
        assert len(before) > 20
        command.downgrade(alembic_config(engine), "0001")  # as if registered before 0002
        migrate(engine, path)
        assert _grams(engine) == before
        with make_session_factory(engine)() as session:
            assert names(lookup(session, "良镛")) == ["查良镛"]
    finally:
        engine.dispose()


def _grams(engine: Engine) -> set[tuple[str, str, uuid.UUID]]:
    with make_session_factory(engine)() as session:
        return set(session.execute(
            select(ResidentNameGram.gram, ResidentNameGram.name, ResidentNameGram.resident_id)
        ).tuples())


def _any_actor(session: Session) -> Actor:
    return actor_for(session, session.scalars(select(Staff).where(Staff.username == "lina")).one())


def test_no_case_rows_were_written_by_lookups(session: Session) -> None:
    assert len(session.scalars(select(Case.id)).all()) == 2


# -- the first search of the morning -------------------------------------------


def test_the_open_case_count_of_a_lookup_reads_no_case_row(session: Session) -> None:
    """Cold, a case row per case is a disk read: the composite index answers alone."""
    raw = session.connection().connection.driver_connection
    statement = ("SELECT resident_id, count(*) FROM cases WHERE resident_id IN (?) "
                 "AND status NOT IN ('rejected', 'completed') GROUP BY resident_id")
    plan = " ".join(row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, ("x",)))
    assert "COVERING INDEX ix_cases_resident_status" in plan, plan


def test_the_warm_up_reads_every_index_a_lookup_uses(session: Session) -> None:
    from app.services.search import WARM_UP_READS, warm_up_lookups

    read: list[str] = []

    def capture(conn, cursor, statement, parameters, context, executemany) -> None:
        read.append(statement)

    connection = session.connection()
    event.listen(connection, "before_cursor_execute", capture)
    try:
        assert warm_up_lookups(session) > 0
    finally:
        event.remove(connection, "before_cursor_execute", capture)
    scans = " ".join(s for s in read if s.startswith("SELECT count(*)"))
    raw = connection.connection.driver_connection
    (number_index,) = [row[1] for row in raw.execute("PRAGMA index_list(cases)") if row[3] == "u"]
    for index in ("ix_residents_name", "ix_residents_initials_name", "ix_residents_pinyin_name",
                  "ix_residents_phone_last4", "ix_cases_resident_status", number_index):
        assert f'"{index}"' in scans, index
    assert '"cases" NOT INDEXED' not in scans  # the largest table: the lookup needs only two of its indexes
    assert '"residents" NOT INDEXED' in scans
    assert {table for table, _ in WARM_UP_READS} == {"residents", "resident_name_grams", "cases"}
