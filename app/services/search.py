"""一框查询 — the one-box lookup for residents and cases at the front desk.

The worker types (or a card reader or scanner types, followed by Enter) one
of: an ID or other document number, any part of a name, pinyin initials or
full pinyin, a phone number or its last 4 digits, a case number or the
status link from a receipt's QR code. :func:`lookup` decides which it is,
says so in ``LookupResult.kind`` and returns plain frozen rows.

How each kind is found (every path is an index seek, never a table scan):

* document number: the unique (doc_type, id_number) index, for every doc type;
  a 15-digit resident ID is looked up in its upgraded 18-digit form;
* name: exact and prefix through the index on ``residents.name``, other
  positions through ``resident_name_grams`` (see :func:`name_grams`);
* pinyin: ``name_initials`` / ``name_pinyin`` key ranges (``zs`` ≤ key < ``zt``)
  on composite indexes that already hold the name order — ``LIKE`` is
  case-insensitive in SQLite and cannot use them;
* phone: the ``phone`` and ``phone_last4`` indexes;
* case: the unique ``case_number`` index.

Read-only; runs in the caller's session (a worker thread's unit of work).
Results never carry full ID or phone numbers, nor the sensitive tags.
"""
from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, Select, delete, func, insert, select
from sqlalchemy.orm import Session

from app.models import Case, CatalogItem, Resident, ResidentNameGram
from app.models.case import CLOSED_STATUSES
from app.services.identity import (
    DOCUMENT_TYPES,
    FOREIGN_PERMANENT_RESIDENCE,
    HMT_RESIDENCE_PERMIT,
    RESIDENT_ID,
    TAIWAN_PERMIT,
    IdNumberError,
    PhoneNumberError,
    mask_id_number,
    mask_phone,
    parse_id_number,
    validate_phone,
)
from app.services.status_link import parse_scan
from app.text import Text, tr

__all__ = [
    "KIND_CASE",
    "KIND_ID_NUMBER",
    "KIND_INITIALS",
    "KIND_INVALID",
    "KIND_NAME",
    "KIND_NONE",
    "KIND_PHONE",
    "KIND_PHONE_LAST4",
    "CaseHit",
    "CaseSearch",
    "LookupResult",
    "ResidentHit",
    "index_resident_name",
    "find_cases",
    "lookup",
    "name_grams",
    "nothing_found_hint",
    "recent_cases",
]

# What the typed text was taken as (LookupResult.kind).
KIND_ID_NUMBER = "id_number"  # a valid document number of some type
KIND_INVALID = "invalid"  # shaped like an ID number but valid as none; searched as typed
KIND_CASE = "case"  # a case number, or a scanned status link
KIND_PHONE = "phone"
KIND_PHONE_LAST4 = "phone_last4"
KIND_NAME = "name"  # part of a name, in Chinese characters
KIND_INITIALS = "initials"  # pinyin initials (zs), or full pinyin (zhangsan)
KIND_NONE = "none"  # empty, or nothing recognisable

HINT_UNRECOGNISED = Text(
    "无法识别的查询内容：请输入身份证号、姓名、拼音首字母、手机号（或后四位）或办件编号",
    "Not recognised: enter an ID number, a name, pinyin initials, a mobile number (or its last 4 digits) "
    "or a case number",
)

# About the length of an ID card number (15 or 18 digits, perhaps a final X):
# a number mistyped by a digit or two is reported as an ID number.
_ID_SHAPED_RE = re.compile(r"^\d{13,18}X?$")
_DOCUMENT_RE = re.compile(r"^(?=.*\d)[A-Z\d]{5,20}$")  # letters and digits, at least one digit
_PHONE_CHARS_RE = re.compile(r"^\+?[\d\-()（）]+$")
_LETTERS_RE = re.compile(r"^[a-z]+$")

# Types whose numbers are 18 (or 15) digits: a number of about that length is
# checked as these only, so a mistyped ID is not taken for a passport.
_ID_CARD_TYPES = (RESIDENT_ID, HMT_RESIDENCE_PERMIT, FOREIGN_PERMANENT_RESIDENCE)


@dataclass(frozen=True)
class ResidentHit:
    """A resident as the lookup list shows them: masked numbers, no tags."""

    id: uuid.UUID
    name: str
    doc_type: str
    id_masked: str
    phone_masked: str
    gender: str | None
    birth_date: date | None
    village_group: str
    address: str
    open_cases: int  # cases not closed yet (办结、送达、撤回、不予受理 are closed)


@dataclass(frozen=True)
class CaseHit:
    id: uuid.UUID
    case_number: str
    resident_id: uuid.UUID
    resident_name: str
    item_name: str
    status: str
    received_at: datetime  # aware, UTC


@dataclass(frozen=True)
class LookupResult:
    """What the box found, and what it took the text for.

    ``query`` is the text as understood: a document number upper-cased (a
    15-digit ID upgraded to 18 digits), a phone in its canonical form, a
    case number, pinyin lower-cased. ``doc_type`` is the document type the
    number is valid as (to prefill a registration), else ``None``. ``hint``
    is a Chinese sentence for the worker, or "". ``more`` is True when more
    residents matched than the limit: type more to narrow.
    """

    kind: str
    query: str
    residents: tuple[ResidentHit, ...] = ()
    cases: tuple[CaseHit, ...] = ()
    hint: str = ""
    more: bool = False
    doc_type: str | None = None


@dataclass(frozen=True)
class CaseSearch:
    """The one box's answer as the case list (办件) shows it: the cases of the
    residents found, the case found by its number or QR code, and the cases
    of the service items whose name holds the text.

    ``query`` is the text as understood (see :class:`LookupResult`), ``hint``
    a sentence for the worker: what was wrong with the text, or, when nothing
    was found, what was searched and what can be typed. ``more``: more
    residents matched than were taken; type more to narrow.
    """

    text: str
    kind: str
    query: str = ""
    resident_ids: tuple[uuid.UUID, ...] = ()
    case_ids: tuple[uuid.UUID, ...] = ()
    item_ids: tuple[uuid.UUID, ...] = ()
    hint: str = ""
    more: bool = False

    @property
    def found_nothing(self) -> bool:
        return not (self.resident_ids or self.case_ids or self.item_ids)


def nothing_found_hint(text: str) -> str:
    """没有找到 — what was searched, and what the box understands."""
    shown = " ".join(text.split())
    return tr(f"没有找到“{shown}”。可以输入：姓名、拼音首字母、身份证号、手机号或后4位、办件编号",
              f"Nothing found for \"{shown}\". You can type: a name, pinyin initials, an ID number, "
              "a mobile number or its last 4 digits, a case number")


# ---------------------------------------------------------------------------
# Lookup
# ---------------------------------------------------------------------------


def lookup(session: Session, text: str, *, limit: int = 20) -> LookupResult:
    """Find residents or a case from whatever was typed into the one box.

    Residents come ranked: an exact name before names starting with the text
    before names containing it; initials exact, full pinyin exact, then
    initials and full pinyin starting with the text. At most ``limit``
    residents are returned. A case number or status link returns the case
    and its resident.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    compact = "".join(unicodedata.normalize("NFKC", text or "").split())
    if not compact:
        return LookupResult(KIND_NONE, "")

    scan = parse_scan(compact)
    if scan is not None:
        return _lookup_case(session, scan.case_number, scan.code)

    upper = compact.upper()
    if _ID_SHAPED_RE.match(upper) and not _is_phone(compact):  # 86 + a mobile is 13 digits
        return _lookup_document(session, upper, limit=limit)
    if _PHONE_CHARS_RE.match(compact):
        return _lookup_digits(session, compact, limit=limit)
    if _DOCUMENT_RE.match(upper):
        return _lookup_document(session, upper, limit=limit)
    if _LETTERS_RE.match(compact.lower()):
        return _lookup_pinyin(session, compact.lower(), limit=limit)
    if compact.isascii():
        return LookupResult(KIND_NONE, compact, hint=str(HINT_UNRECOGNISED))
    return _lookup_name(session, compact, limit=limit)


def find_cases(session: Session, text: str, *, resident_limit: int = 100) -> CaseSearch:
    """What the global search and the 办件 list filter by: :func:`lookup`'s
    answer (so a phone, its last 4 digits, an ID number, pinyin and a case
    number mean the same everywhere), and, for Chinese text, the service
    items whose name holds it (养老认证). At most ``resident_limit`` residents."""
    result = lookup(session, text, limit=resident_limit)
    if result.kind == KIND_NONE and not result.query:
        return CaseSearch("", KIND_NONE)
    items: tuple[uuid.UUID, ...] = ()
    if result.kind == KIND_NAME:  # the catalog holds a few hundred items: no index needed
        items = tuple(session.scalars(
            select(CatalogItem.id).where(func.instr(CatalogItem.name, result.query) > 0)))
    # A case found by its number stands alone, not with its resident's other cases.
    residents = () if result.kind == KIND_CASE else tuple(r.id for r in result.residents)
    found = CaseSearch(text.strip(), result.kind, result.query, residents, tuple(c.id for c in result.cases),
                       items, result.hint, result.more)
    if not found.found_nothing:
        return found
    hint = nothing_found_hint(text)
    if result.kind == KIND_INVALID:  # say why the number looks wrong, too
        hint = f"{result.hint}\n{hint}"
    return CaseSearch(found.text, result.kind, result.query, hint=hint)


def recent_cases(session: Session, resident_id: uuid.UUID, *, limit: int = 10) -> tuple[CaseHit, ...]:
    """A resident's cases, newest first (办件记录), for the intake screen."""
    rows = session.execute(
        _case_select().where(Case.resident_id == resident_id).order_by(Case.received_at.desc()).limit(limit)
    ).all()
    return tuple(_case_hit(row) for row in rows)


# -- documents and phones ----------------------------------------------------


def _lookup_document(session: Session, number: str, *, limit: int) -> LookupResult:
    """A document number: valid as some type, or searched exactly as typed."""
    doc_type, normalized, problem = _validate_document(number)
    ids = _ids_by_document(session, {number, normalized or number}, limit=limit)
    residents, more = _resident_hits(session, ids, limit=limit)
    if problem:
        return LookupResult(KIND_INVALID, number, residents, hint=problem, more=more)
    return LookupResult(KIND_ID_NUMBER, normalized or number, residents, more=more, doc_type=doc_type)


def _validate_document(number: str) -> tuple[str | None, str | None, str]:
    """(doc type, normalized number, "") for a number valid as some type, else
    (None, None, an explanation for the worker)."""
    id_shaped = bool(_ID_SHAPED_RE.match(number))
    first_error: IdNumberError | None = None
    for doc_type in _ID_CARD_TYPES if id_shaped else tuple(DOCUMENT_TYPES):
        try:
            parsed = parse_id_number(number, doc_type=doc_type)
        except IdNumberError as error:
            first_error = first_error or error  # the resident-ID reason comes first
            continue
        return parsed.doc_type, parsed.number, ""
    if id_shaped:
        return None, None, tr(f"{first_error}。号码可能有误，请核对；已按输入的号码查找",
                              f"{first_error}. The number may be wrong, please check it; searched for it as typed")
    return None, None, tr(f"“{number}”不是有效的证件号码，请核对；已按输入的号码查找",
                          f"\"{number}\" is not a valid document number, please check it; searched for it as typed")


def _ids_by_document(session: Session, numbers: set[str], *, limit: int) -> list[uuid.UUID]:
    # Every type is listed so that the (doc_type, id_number) unique index is used.
    return list(session.scalars(
        select(Resident.id)
        .where(Resident.doc_type.in_(tuple(DOCUMENT_TYPES)), Resident.id_number.in_(sorted(numbers)))
        .order_by(Resident.name)
        .limit(limit + 1)
    ))


def _lookup_digits(session: Session, compact: str, *, limit: int) -> LookupResult:
    """Digits, perhaps with phone separators: the last 4 of a phone, a phone,
    or a document number in digits (8 digits: a 台胞证 or a local landline)."""
    if compact.isdigit() and len(compact) == 4:
        ids = session.scalars(
            select(Resident.id).where(Resident.phone_last4 == compact).order_by(Resident.name).limit(limit + 1)
        ).all()
        residents, more = _resident_hits(session, ids, limit=limit)
        return LookupResult(KIND_PHONE_LAST4, compact, residents, more=more)
    try:
        phone = validate_phone(compact)
    except PhoneNumberError:
        if compact.isdigit() and len(compact) >= 5:
            return _lookup_document(session, compact, limit=limit)  # e.g. a passport in digits
        return LookupResult(KIND_NONE, compact, hint=str(HINT_UNRECOGNISED))
    by_phone = list(session.scalars(
        select(Resident.id).where(Resident.phone == phone).order_by(Resident.name).limit(limit + 1)
    ))
    by_document = _ids_by_document(session, {compact}, limit=limit) if len(compact) == 8 else []
    ids = by_document + [i for i in by_phone if i not in by_document]
    residents, more = _resident_hits(session, ids, limit=limit)
    if by_document:
        return LookupResult(KIND_ID_NUMBER, compact, residents, more=more, doc_type=TAIWAN_PERMIT)
    return LookupResult(KIND_PHONE, phone, residents, more=more)


def _is_phone(text: str) -> bool:
    try:
        validate_phone(text)
    except PhoneNumberError:
        return False
    return True


# -- name --------------------------------------------------------------------


def _lookup_name(session: Session, name: str, *, limit: int) -> LookupResult:
    """Exact name, then names starting with it, then names containing it."""
    wanted = limit + 1
    ids: list[uuid.UUID] = list(
        session.scalars(select(Resident.id).where(Resident.name == name).limit(wanted))
    )
    if len(ids) < wanted:
        ids += session.scalars(
            select(Resident.id)
            .where(Resident.name > name, Resident.name < _successor(name))
            .order_by(Resident.name)
            .limit(wanted - len(ids))
        )
    if len(ids) < wanted:
        # An occurrence after the first character has its first one or two
        # characters in the gram table; instr() > 1 keeps only the names that
        # do not start with the text (those were listed above).
        ids += session.scalars(
            select(ResidentNameGram.resident_id)
            .where(ResidentNameGram.gram == name[:2], func.instr(ResidentNameGram.name, name) > 1)
            .order_by(ResidentNameGram.name, ResidentNameGram.resident_id)
            .limit(wanted - len(ids))
        )
    residents, more = _resident_hits(session, ids, limit=limit)
    return LookupResult(KIND_NAME, name, residents, more=more)


# -- pinyin ------------------------------------------------------------------


def _lookup_pinyin(session: Session, letters: str, *, limit: int) -> LookupResult:
    """Initials exact (zs → 张三), full pinyin exact (zhangsan), then initials
    and full pinyin starting with the text (zs → 张三丰, zhangs → 张三丰)."""
    wanted = limit + 1
    successor = _successor(letters)
    tiers = (
        select(Resident.id).where(Resident.name_initials == letters).order_by(Resident.name),
        select(Resident.id).where(Resident.name_pinyin == letters).order_by(Resident.name),
        select(Resident.id)
        .where(Resident.name_initials > letters, Resident.name_initials < successor)
        .order_by(Resident.name_initials, Resident.name),
        select(Resident.id)
        .where(Resident.name_pinyin > letters, Resident.name_pinyin < successor)
        .order_by(Resident.name_pinyin, Resident.name),
    )
    ids: list[uuid.UUID] = []
    for tier in tiers:
        # A resident can match in two tiers (initials that are also a full
        # pinyin): listed once, in the first.
        fresh = [i for i in session.scalars(tier.limit(wanted)) if i not in ids]
        ids += fresh[:wanted - len(ids)]
        if len(ids) == wanted:
            break
    residents, more = _resident_hits(session, ids, limit=limit)
    return LookupResult(KIND_INITIALS, letters, residents, more=more)


# -- case --------------------------------------------------------------------


def _lookup_case(session: Session, case_number: str, code: str | None) -> LookupResult:
    row = session.execute(
        _case_select().add_columns(Case.verification_code).where(Case.case_number == case_number)
    ).first()
    if row is None:
        return LookupResult(KIND_CASE, case_number, hint=tr(f"未找到办件 {case_number}", f"No case {case_number}"))
    case = _case_hit(row)
    residents, _ = _resident_hits(session, [case.resident_id], limit=1)
    hint = ""
    if code is not None and code != row.verification_code:
        hint = tr("二维码中的查询码与该办件不符，请核对回执是否为本中心出具",
                  "The query code in the QR code does not match this case; check that the receipt is from this center")
    return LookupResult(KIND_CASE, case_number, residents, (case,), hint=hint)


def _case_select() -> Select[Any]:
    return (
        select(Case.id, Case.case_number, Case.resident_id, Resident.name.label("resident_name"),
               CatalogItem.name.label("item_name"), Case.status, Case.received_at)
        .join(Resident, Resident.id == Case.resident_id)
        .join(CatalogItem, CatalogItem.id == Case.item_id)
    )


def _case_hit(row: Row[Any]) -> CaseHit:
    return CaseHit(row.id, row.case_number, row.resident_id, row.resident_name, row.item_name, row.status,
                   row.received_at)


# -- rows --------------------------------------------------------------------


def _resident_hits(
    session: Session, ids: Sequence[uuid.UUID], *, limit: int
) -> tuple[tuple[ResidentHit, ...], bool]:
    """Rows for the first ``limit`` of ``ids``, in that order; and whether there were more."""
    more = len(ids) > limit
    ids = list(ids[:limit])
    if not ids:
        return (), more
    rows = {
        row.id: row
        for row in session.execute(
            select(Resident.id, Resident.name, Resident.doc_type, Resident.id_number, Resident.phone,
                   Resident.gender, Resident.birth_date, Resident.village_group, Resident.address)
            .where(Resident.id.in_(ids), Resident.merged_into.is_(None))  # a merged record: its kept one is found
        )
    }
    open_cases = dict(session.execute(
            select(Case.resident_id, func.count())
            .where(Case.resident_id.in_(ids), Case.status.not_in(CLOSED_STATUSES))
            .group_by(Case.resident_id)
        ).tuples().all())
    hits = tuple(
        ResidentHit(
            id=row.id,
            name=row.name,
            doc_type=row.doc_type,
            id_masked=mask_id_number(row.id_number),
            phone_masked=mask_phone(row.phone),
            gender=row.gender,
            birth_date=row.birth_date,
            village_group=row.village_group,
            address=row.address,
            open_cases=open_cases.get(row.id, 0),
        )
        for row in (rows.get(i) for i in ids)
        if row is not None
    )
    return hits, more


def _successor(prefix: str) -> str:
    """The smallest string above every string that starts with ``prefix``
    (``"zs"`` → ``"zt"``), so that a prefix becomes an index range."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


# ---------------------------------------------------------------------------
# The name index
# ---------------------------------------------------------------------------


def name_grams(name: str) -> set[str]:
    """The pieces of ``name`` the gram table holds: every 1- and 2-character
    substring that does not start it ("王小明" → 小, 明, 小明).

    Pieces at the start are found through the index on ``residents.name``;
    a longer text through its first two characters and a check of the name
    kept beside each piece. Migration 0002 holds a frozen copy for backfill.
    """
    return {name[i:i + size] for size in (1, 2) for i in range(1, len(name) - size + 1)}


def index_resident_name(session: Session, resident_id: uuid.UUID, name: str) -> None:
    """(Re)write one resident's name pieces, in the caller's transaction.

    Call it wherever a resident's name is set (registration, a correction,
    a record arriving by sync): the lookup finds names inside a name only
    through these rows. The resident row must be flushed first.
    """
    session.execute(delete(ResidentNameGram).where(ResidentNameGram.resident_id == resident_id))
    rows = [{"gram": gram, "name": name, "resident_id": resident_id} for gram in sorted(name_grams(name))]
    if rows:
        session.execute(insert(ResidentNameGram), rows)


# -- the first search of the morning -------------------------------------------------

#: What a lookup reads, table by table: None = the table's rows (a resident's
#: line in the results), "*" = every index of the table, a tuple = the index
#: on exactly those columns. Cases: only the indexes the lookup uses.
WARM_UP_READS: tuple[tuple[str, str | tuple[str, ...] | None], ...] = (
    ("residents", None),
    ("residents", "*"),  # name, pinyin, phones, document number, the primary key
    ("resident_name_grams", None),
    ("resident_name_grams", "*"),
    ("cases", ("resident_id", "status")),  # the open-case count
    ("cases", ("case_number",)),  # a typed case number or a scanned receipt
)


def warm_up_lookups(session: Session) -> int:
    """Read the lookup's indexes and the residents' rows once, so that the
    first searches after a cold start do not wait on the disk (a desk PC after
    boot: p95 of hundreds of ms). Read-only, a few seconds on a large center;
    run off the GUI thread and off the writer lane. Returns the rows counted."""
    connection = session.connection()
    counted = 0
    for table, wanted in WARM_UP_READS:
        indexes = {
            str(row[1]): tuple(str(col[2]) for col in connection.exec_driver_sql(f'PRAGMA index_info("{row[1]}")'))
            for row in connection.exec_driver_sql(f'PRAGMA index_list("{table}")')
        }
        names: Sequence[str | None]
        if wanted is None:
            names = [None]
        elif wanted == "*":
            names = sorted(indexes)
        else:
            names = [name for name, columns in sorted(indexes.items()) if columns == wanted][:1]
        for name in names:
            source = f'"{table}" NOT INDEXED' if name is None else f'"{table}" INDEXED BY "{name}"'
            counted += int(connection.exec_driver_sql(f"SELECT count(*) FROM {source}").scalar() or 0)
    return counted


def warm_up_store(factory: Callable[[], Session]) -> int:
    """:func:`warm_up_lookups` in a session of its own (for a background thread)."""
    with factory() as session:
        return warm_up_lookups(session)
