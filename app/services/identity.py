"""Identity document numbers (证件号码): parsing, validation and masking.

Covers the document types a village service-center front desk meets:

* 居民身份证 (resident identity card, GB 11643 "公民身份号码"), including the
  15-digit first-generation numbers, which are upgraded to 18 digits;
* 港澳台居民居住证 (residence permit for Hong Kong, Macao and Taiwan residents);
* 外国人永久居留身份证 (foreign permanent residence ID card, 2017 and 2023 versions);
* 护照 (passports, Chinese and foreign);
* 港澳居民来往内地通行证 and 台湾居民来往大陆通行证 (travel permits).

Also phone-number validation and the product-wide masking style (脱敏) for
ID and phone numbers.  Every error message is shown to front-desk staff
verbatim, in the language the desk runs in (:mod:`app.text`).

Pure Python, no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from app.services.errors import DomainError
from app.text import Text, tr

__all__ = [
    "DOCUMENT_TYPES",
    "FOREIGN_PERMANENT_RESIDENCE",
    "HK_MACAO_PERMIT",
    "HMT_RESIDENCE_PERMIT",
    "PASSPORT",
    "RESIDENT_ID",
    "TAIWAN_PERMIT",
    "IdNumberError",
    "ParsedId",
    "PhoneNumberError",
    "check_phone_field",
    "fictional_id_number",
    "id_check_digit",
    "mask_id_number",
    "mask_phone",
    "normalize_phone",
    "parse_id_number",
    "validate_phone",
]

# ---------------------------------------------------------------------------
# Document types (stored as DB values)
# ---------------------------------------------------------------------------

RESIDENT_ID = "resident_id"
HMT_RESIDENCE_PERMIT = "hmt_residence_permit"
FOREIGN_PERMANENT_RESIDENCE = "foreign_permanent_residence"
PASSPORT = "passport"
HK_MACAO_PERMIT = "hk_macao_pass"
TAIWAN_PERMIT = "taiwan_pass"

DOCUMENT_TYPES: dict[str, Text] = {
    RESIDENT_ID: Text("居民身份证", "Resident ID card"),
    HMT_RESIDENCE_PERMIT: Text("港澳台居民居住证", "Residence permit for Hong Kong, Macao and Taiwan residents"),
    FOREIGN_PERMANENT_RESIDENCE: Text("外国人永久居留身份证", "Foreign permanent resident ID card"),
    PASSPORT: Text("护照", "Passport"),
    HK_MACAO_PERMIT: Text("港澳居民来往内地通行证", "Mainland travel permit for Hong Kong and Macao residents"),
    TAIWAN_PERMIT: Text("台湾居民来往大陆通行证", "Mainland travel permit for Taiwan residents"),
}

# How each number is named inside a message ("身份证号码校验位错误…").
_RESIDENT_ID_NUMBER = Text("身份证号码", "The ID card number")
_HMT_PERMIT_NUMBER = Text("港澳台居民居住证号码", "The Hong Kong/Macao/Taiwan residence permit number")
_FOREIGN_PERMANENT_NUMBER = Text("外国人永久居留身份证号码", "The foreign permanent resident ID number")
_PASSPORT_NUMBER = Text("护照号码", "The passport number")
_TAIWAN_PERMIT_NUMBER = Text("台湾居民来往大陆通行证号码", "The Taiwan residents' travel permit number")

# ---------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------

#: Province-level codes (省级行政区划代码) valid in resident ID numbers.
MAINLAND_PROVINCE_CODES: frozenset[str] = frozenset(
    f"{n:02d}"
    for n in (
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
    )
)

#: Region prefixes used by 港澳台居民居住证 (and their meaning).
HMT_REGION_CODES: dict[str, str] = {
    "810000": "香港",
    "820000": "澳门",
    "830000": "台湾",
}

#: Leading two digits that belong to Taiwan / Hong Kong / Macao, never to a
#: mainland resident ID number.
_HMT_PROVINCE_CODES: frozenset[str] = frozenset({"71", "81", "82", "83"})

_EARLIEST_BIRTH_DATE = date(1900, 1, 1)

# GB 11643-1999 / ISO 7064 MOD 11-2: weight of position i is 2**(17-i) mod 11.
_CHECK_WEIGHTS: tuple[int, ...] = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "10X98765432"

_MALE = "男"
_FEMALE = "女"

_CN_PASSPORT_RE = re.compile(r"^(?:E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8})$")
_FOREIGN_PASSPORT_RE = re.compile(r"^[A-Z0-9]{5,20}$")
_HK_MACAO_PERMIT_RE = re.compile(r"^[HM](?:\d{8}|\d{10})$")
_TAIWAN_PERMIT_RE = re.compile(r"^\d{8}$")
_FPR_2017_RE = re.compile(r"^[A-Z]{3}\d{12}$")

_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_SEPARATORS_RE = re.compile(r"[\s\-()（）]")
_COUNTRY_PREFIX_RE = re.compile(r"^(?:\+86|0086|86)(?=1\d{10}$)")
# Area code (区号): 010 and 02x are 3 digits, the rest 0 + 3 digits.
_LANDLINE_RE = re.compile(r"^(0(?:10|2\d|[3-9]\d{2}))([1-9]\d{6,7})$")
_LOCAL_RE = re.compile(r"^[1-9]\d{6,7}$")
# An extension (分机) after a landline: "-123", "转123", "ext 123", "x123", "#123".
_EXTENSION_RE = re.compile(r"^(.*?\d)(?:-|转|ext\.?|x|#)(\d{1,6})$", re.IGNORECASE)


# ---------------------------------------------------------------------------
# Errors and result type
# ---------------------------------------------------------------------------


class IdNumberError(DomainError):
    """Invalid document number (证件号码有误); a ``ValueError``.

    ``str(error)`` is a Simplified Chinese message for the user; ``field`` is
    ``"id_number"``, the form field the error belongs to.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, field="id_number")


class PhoneNumberError(DomainError):
    """Invalid phone number (电话号码有误); a ``ValueError``, ``field="phone"``
    unless the form names another field (e.g. ``"supervision_phone"``)."""

    def __init__(self, message: str, *, field: str = "phone") -> None:
        super().__init__(message, field=field)


@dataclass(frozen=True)
class ParsedId:
    """A validated, normalized document number.

    ``region_code`` is the 6-digit administrative division code (地址码) for
    resident IDs and HMT residence permits; ``None`` for the other types
    (the leading digits of a foreign permanent residence number are an issuing
    province plus a nationality code, not an address code).
    """

    doc_type: str
    number: str
    birth_date: date | None
    gender: str | None
    region_code: str | None
    masked: str
    upgraded_from: str | None = None


# ---------------------------------------------------------------------------
# Check digit
# ---------------------------------------------------------------------------


def id_check_digit(first17: str) -> str:
    """Return the GB 11643 check digit (校验码) for the first 17 digits.

    ISO 7064 MOD 11-2; a value of 10 is written as ``"X"``.
    """
    if len(first17) != 17 or not _is_ascii_digits(first17):
        raise ValueError(tr("计算校验位需要 17 位数字本体码", "A check digit needs the first 17 digits"))
    total = sum(int(ch) * weight for ch, weight in zip(first17, _CHECK_WEIGHTS))
    return _CHECK_CHARS[total % 11]


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


def parse_id_number(
    text: str, *, doc_type: str = RESIDENT_ID, today: date | None = None
) -> ParsedId:
    """Validate and normalize a document number of type ``doc_type``.

    Raises :class:`IdNumberError` with a precise Chinese message.  ``today``
    (default ``date.today()``) is the reference date for "birth date in the
    future" checks.
    """
    parser = _PARSERS.get(doc_type)
    if parser is None:
        raise IdNumberError(tr(f"不支持的证件类型：{doc_type}", f"Unsupported document type: {doc_type}"))
    number = _clean(text)
    if not number:
        raise IdNumberError(tr("请输入证件号码", "Enter the document number"))
    return parser(number, today or date.today())


def _clean(text: str) -> str:
    """NFKC-normalize (full-width → half-width), drop all whitespace, upper-case."""
    normalized = unicodedata.normalize("NFKC", text or "")
    return "".join(normalized.split()).upper()


def _parse_resident_id(number: str, today: date) -> ParsedId:
    """居民身份证: 18 digits (GB 11643) or a 15-digit legacy number."""
    if len(number) not in (15, 18):
        raise IdNumberError(tr(
            f"身份证号码长度应为 18 位（或 15 位旧号码），实际为 {len(number)} 位",
            f"The ID card number should have 18 digits (or 15 for an old number), not {len(number)}",
        ))
    _require_digits(number, label=_RESIDENT_ID_NUMBER, allow_trailing_x=len(number) == 18)
    _require_resident_province(number[:2])
    if len(number) == 15:
        return _upgrade_legacy(number, today)
    birth = _require_birth_date(number[6:14], today=today)
    _require_check_digit(number, label=_RESIDENT_ID_NUMBER)
    return _build_18(RESIDENT_ID, number, birth, region_code=number[:6])


def _upgrade_legacy(number: str, today: date) -> ParsedId:
    """Upgrade a 15-digit first-generation number (一代证) to 18 digits."""
    birth = _require_birth_date("19" + number[6:12], today=today)
    first17 = number[:6] + "19" + number[6:]
    upgraded = first17 + id_check_digit(first17)
    return _build_18(
        RESIDENT_ID, upgraded, birth, region_code=upgraded[:6], upgraded_from=number
    )


def _parse_hmt_permit(number: str, today: date) -> ParsedId:
    """港澳台居民居住证: 18 digits, prefix 810000/820000/830000, GB 11643 check."""
    label = _HMT_PERMIT_NUMBER
    if len(number) != 18:
        raise IdNumberError(tr(f"{label.zh}长度应为 18 位，实际为 {len(number)} 位",
                               f"{label.en} should have 18 digits, not {len(number)}"))
    _require_digits(number, label=label, allow_trailing_x=True)
    if number[:6] not in HMT_REGION_CODES:
        raise IdNumberError(tr(
            f"{label.zh}应以 810000（香港）、820000（澳门）或 830000（台湾）开头，"
            f"实际为 {number[:6]}",
            f"{label.en} should start with 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan), "
            f"not {number[:6]}",
        ))
    birth = _require_birth_date(number[6:14], today=today)
    _require_check_digit(number, label=label)
    return _build_18(HMT_RESIDENCE_PERMIT, number, birth, region_code=number[:6])


def _parse_foreign_permanent(number: str, today: date) -> ParsedId:
    """外国人永久居留身份证: 2023 version (18 digits, starts with 9) or 2017 (15 chars)."""
    label = _FOREIGN_PERMANENT_NUMBER
    if len(number) == 18:
        return _parse_foreign_permanent_2023(number, today)
    if len(number) == 15:
        return _parse_foreign_permanent_2017(number, today)
    raise IdNumberError(tr(
        f"{label.zh}长度应为 18 位（2023 版）或 15 位（2017 版），实际为 {len(number)} 位",
        f"{label.en} should have 18 characters (2023 card) or 15 (2017 card), not {len(number)}",
    ))


def _parse_foreign_permanent_2023(number: str, today: date) -> ParsedId:
    """2023 version: '9' + 2-digit issuing province + 3-digit nationality
    + yyyymmdd + 3-digit sequence (17th digit odd = male) + GB 11643 check digit."""
    label = _FOREIGN_PERMANENT_NUMBER
    _require_digits(number, label=label, allow_trailing_x=True)
    if number[0] != "9":
        raise IdNumberError(tr(f"{label.zh}（2023 版）应以 9 开头，实际为 {number[0]}",
                               f"{label.en} (2023 card) should start with 9, not {number[0]}"))
    if number[1:3] not in MAINLAND_PROVINCE_CODES:
        raise IdNumberError(tr(
            f"{label.zh}第 2–3 位受理地代码 {number[1:3]} 不是有效的省级行政区代码",
            f"{label.en}: digits 2-3, the issuing place {number[1:3]}, are not a valid province code",
        ))
    birth = _require_birth_date(number[6:14], today=today)
    _require_check_digit(number, label=label)
    return _build_18(FOREIGN_PERMANENT_RESIDENCE, number, birth, region_code=None)


def _parse_foreign_permanent_2017(number: str, today: date) -> ParsedId:
    """2017 version: 3-letter nationality code + 4-digit issuing region
    + yymmdd birth date + 2 further digits.

    The trailing digits (sequence / check) are only checked to be digits.
    """
    label = _FOREIGN_PERMANENT_NUMBER
    if not _FPR_2017_RE.match(number):
        raise IdNumberError(tr(
            f"{label.zh}（2017 版）应为 3 位大写国籍字母代码加 12 位数字，实际为 {number}",
            f"{label.en} (2017 card) should be a 3-letter nationality code and 12 digits, not {number}",
        ))
    if number[3:5] not in MAINLAND_PROVINCE_CODES:
        raise IdNumberError(tr(
            f"{label.zh}第 4–5 位受理地代码 {number[3:5]} 不是有效的省级行政区代码",
            f"{label.en}: characters 4-5, the issuing place {number[3:5]}, are not a valid province code",
        ))
    birth = _require_short_birth_date(number[7:13], today=today)
    return ParsedId(
        doc_type=FOREIGN_PERMANENT_RESIDENCE,
        number=number,
        birth_date=birth,
        gender=None,
        region_code=None,
        masked=mask_id_number(number),
    )


def _parse_passport(number: str, today: date) -> ParsedId:
    """护照: Chinese ordinary passports (E########, E?#######, G########) or
    foreign passports of 5–20 letters/digits."""
    del today  # no birth date in a passport number
    if not (_CN_PASSPORT_RE.match(number) or _FOREIGN_PASSPORT_RE.match(number)):
        _require_alnum(number, label=_PASSPORT_NUMBER)
        raise IdNumberError(tr(f"护照号码长度应为 5–20 位，实际为 {len(number)} 位",
                               f"The passport number should have 5-20 characters, not {len(number)}"))
    return _build_plain(PASSPORT, number)


def _parse_hk_macao_permit(number: str, today: date) -> ParsedId:
    """港澳居民来往内地通行证 (回乡证): H or M followed by 8 digits (old: 10)."""
    del today
    if not _HK_MACAO_PERMIT_RE.match(number):
        raise IdNumberError(tr(
            "港澳居民来往内地通行证号码应为 H 或 M 开头加 8 位数字（旧证 10 位数字），"
            f"实际为 {number}",
            "The Hong Kong/Macao residents' travel permit number should be H or M and 8 digits "
            f"(10 digits on an old permit), not {number}",
        ))
    return _build_plain(HK_MACAO_PERMIT, number)


def _parse_taiwan_permit(number: str, today: date) -> ParsedId:
    """台湾居民来往大陆通行证 (台胞证): 8 digits."""
    del today
    label = _TAIWAN_PERMIT_NUMBER
    _require_digits(number, label=label, allow_trailing_x=False)
    if not _TAIWAN_PERMIT_RE.match(number):
        raise IdNumberError(tr(f"{label.zh}应为 8 位数字，实际为 {len(number)} 位",
                               f"{label.en} should have 8 digits, not {len(number)}"))
    return _build_plain(TAIWAN_PERMIT, number)


_PARSERS = {
    RESIDENT_ID: _parse_resident_id,
    HMT_RESIDENCE_PERMIT: _parse_hmt_permit,
    FOREIGN_PERMANENT_RESIDENCE: _parse_foreign_permanent,
    PASSPORT: _parse_passport,
    HK_MACAO_PERMIT: _parse_hk_macao_permit,
    TAIWAN_PERMIT: _parse_taiwan_permit,
}


# ---------------------------------------------------------------------------
# Validation helpers
# ---------------------------------------------------------------------------


def _is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _require_digits(number: str, *, label: Text, allow_trailing_x: bool) -> None:
    """Raise unless every character is a digit (``X`` allowed last if asked)."""
    for index, ch in enumerate(number, start=1):
        if ch.isascii() and ch.isdigit():
            continue
        if ch == "X" and allow_trailing_x and index == len(number):
            continue
        if ch == "X" and allow_trailing_x:
            raise IdNumberError(tr(f"{label.zh}中的 X 只能出现在最后一位（第 {index} 位为 X）",
                                   f"{label.en} may have an X only as its last character (character {index} is X)"))
        raise IdNumberError(tr(f"{label.zh}含有非数字字符：第 {index} 位为“{ch}”",
                               f"{label.en} has a character that is not a digit: character {index} is \"{ch}\""))


def _require_alnum(number: str, *, label: Text) -> None:
    """Raise unless every character is an ASCII letter or digit."""
    for index, ch in enumerate(number, start=1):
        if not (ch.isascii() and ch.isalnum()):
            raise IdNumberError(tr(f"{label.zh}只能包含字母和数字：第 {index} 位为“{ch}”",
                                   f"{label.en} may contain only letters and digits: character {index} is \"{ch}\""))


def _require_resident_province(code: str) -> None:
    """Raise unless ``code`` is a mainland province code (省级行政区代码)."""
    if code in MAINLAND_PROVINCE_CODES:
        return
    if code in _HMT_PROVINCE_CODES:
        raise IdNumberError(tr(
            f"身份证号码地区码 {code} 属于港澳台地区，不是居民身份证号码；"
            "港澳台居民请选择证件类型“港澳台居民居住证”",
            f"Region code {code} belongs to Hong Kong, Macao or Taiwan, so this is not a resident ID card number; "
            "for their residents choose the document type \"Residence permit for Hong Kong, Macao and Taiwan residents\"",
        ))
    raise IdNumberError(tr(f"身份证号码地区码前两位 {code} 不是有效的省级行政区代码",
                           f"The first two digits of the ID card number, {code}, are not a valid province code"))


def _require_birth_date(yyyymmdd: str, *, today: date) -> date:
    """Parse an 8-digit birth date (出生日期码) and check its range."""
    birth = _date_or_none(yyyymmdd)
    if birth is None:
        raise IdNumberError(_no_such_birth_date(_dashed(yyyymmdd)))
    _require_birth_range(birth, today=today)
    return birth


def _require_short_birth_date(yymmdd: str, *, today: date) -> date:
    """Parse a 6-digit birth date, taking the latest century not in the future."""
    for century in ("20", "19"):
        birth = _date_or_none(century + yymmdd)
        if birth is not None and birth <= today:
            return birth
    if _date_or_none("20" + yymmdd) is None and _date_or_none("19" + yymmdd) is None:
        raise IdNumberError(_no_such_birth_date(_dashed(yymmdd, short=True)))
    raise IdNumberError(_birth_date_after_today(_dashed("19" + yymmdd)))


def _require_birth_range(birth: date, *, today: date) -> None:
    if birth > today:
        raise IdNumberError(_birth_date_after_today(birth.isoformat()))
    if birth < _EARLIEST_BIRTH_DATE:
        raise IdNumberError(_birth_date_too_early(birth.isoformat()))


def _no_such_birth_date(shown: str) -> str:
    return tr(f"出生日期 {shown} 不存在", f"The birth date {shown} does not exist")


def _birth_date_after_today(shown: str) -> str:
    return tr(f"出生日期 {shown} 晚于今天", f"The birth date {shown} is after today")


def _birth_date_too_early(shown: str) -> str:
    earliest = _EARLIEST_BIRTH_DATE.isoformat()
    return tr(f"出生日期 {shown} 早于 {earliest}", f"The birth date {shown} is before {earliest}")


def _date_or_none(yyyymmdd: str) -> date | None:
    try:
        return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None


def _dashed(digits: str, *, short: bool = False) -> str:
    """'19900230' -> '1990-02-30' (or 'yy-mm-dd' for 6 digits)."""
    if short:
        return f"{digits[:2]}-{digits[2:4]}-{digits[4:6]}"
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"


def _require_check_digit(number: str, *, label: Text) -> None:
    expected = id_check_digit(number[:17])
    if number[17] != expected:
        raise IdNumberError(tr(
            f"{label.zh}校验位错误：按 GB 11643 计算应为 {expected}，实际为 {number[17]}",
            f"{label.en} has a wrong check digit: by GB 11643 it should be {expected}, not {number[17]}",
        ))


def _gender_from_digit(digit: str) -> str:
    """顺序码 parity: odd = 男, even = 女."""
    return _MALE if int(digit) % 2 == 1 else _FEMALE


def _build_18(
    doc_type: str,
    number: str,
    birth: date,
    *,
    region_code: str | None,
    upgraded_from: str | None = None,
) -> ParsedId:
    return ParsedId(
        doc_type=doc_type,
        number=number,
        birth_date=birth,
        gender=_gender_from_digit(number[16]),
        region_code=region_code,
        masked=mask_id_number(number),
        upgraded_from=upgraded_from,
    )


def _build_plain(doc_type: str, number: str) -> ParsedId:
    return ParsedId(
        doc_type=doc_type,
        number=number,
        birth_date=None,
        gender=None,
        region_code=None,
        masked=mask_id_number(number),
    )


# ---------------------------------------------------------------------------
# Masking (脱敏)
# ---------------------------------------------------------------------------


def mask_id_number(number: str) -> str:
    """Mask a document number for display (证件号码脱敏).

    The one style used across the product: keep the first 4 and last 4
    characters ("110101199003074514" -> "1101**********4514"); numbers of 8
    characters or fewer keep only the first and last character.  Strings of
    1–2 characters have nothing in between and are returned unchanged.
    """
    if len(number) <= 8:
        keep = 1
    else:
        keep = 4
    if len(number) <= 2 * keep:
        return number
    return number[:keep] + "*" * (len(number) - 2 * keep) + number[-keep:]


def mask_phone(phone: str) -> str:
    """Mask a phone number for display (电话号码脱敏).

    An 11-digit mainland mobile becomes "138****5678".  Anything else keeps
    its last 4 digits; earlier digits become ``*`` while separators such as
    ``-`` stay, so the length of the normalized number is preserved
    ("0755 12345678" -> "****-****5678", see :func:`normalize_phone`).
    """
    if not phone:
        return ""
    normalized = normalize_phone(phone)
    if _MOBILE_RE.match(normalized):
        return normalized[:3] + "****" + normalized[-4:]
    digit_positions = [i for i, ch in enumerate(normalized) if ch.isdigit()]
    to_mask = set(digit_positions[:-4])
    return "".join("*" if i in to_mask else ch for i, ch in enumerate(normalized))


# ---------------------------------------------------------------------------
# Phone numbers
# ---------------------------------------------------------------------------



def normalize_phone(text: str) -> str:
    """Normalize a phone number; never raises.

    Full-width characters become half-width, spaces / hyphens / brackets are
    dropped, a +86 / 0086 prefix on a mobile is removed.  Mobiles become 11
    bare digits, landlines with an area code become "0755-12345678", local
    numbers become bare digits, an extension follows 转.  Unrecognized input
    is returned with its whitespace removed and otherwise unchanged.
    """
    cleaned = "".join(unicodedata.normalize("NFKC", text or "").split())
    canonical = _canonical_phone(_compact_phone(cleaned)) or _with_extension(cleaned)
    return canonical if canonical is not None else cleaned


def validate_phone(text: str, *, area_code_required: bool = False) -> str:
    """Return the normalized phone number or raise :class:`PhoneNumberError`.

    Accepts an 11-digit mainland mobile (手机号, 1[3-9]xxxxxxxxx) or a landline
    (固定电话) with or without area code: 0755-12345678, 075512345678,
    12345678 (7–8 local digits); a landline with area code may carry an
    extension (0769-22345678-123 or 0769-22345678转123, stored with 转).
    ``area_code_required`` refuses bare local numbers: a number printed for
    residents to call from a mobile needs its area code.  Whether an empty
    value is acceptable is the caller's decision; here it raises "请输入电话号码".
    """
    cleaned = "".join(unicodedata.normalize("NFKC", text or "").split())
    if not cleaned:
        raise PhoneNumberError(tr("请输入电话号码", "Enter the phone number"))
    compact = _compact_phone(cleaned)
    canonical = _canonical_phone(compact) or _with_extension(cleaned)
    if canonical is None:
        raise PhoneNumberError(_phone_problem(compact))
    if area_code_required and _LOCAL_RE.match(canonical):
        raise PhoneNumberError(tr("固定电话须带区号", "A landline needs its area code"))
    return canonical


def optional_phone(text: str, *, field: str) -> str:
    """A phone a person may leave empty (an asker's, a resident's booking, a
    complainant's): empty stays empty; otherwise ``validate_phone``, its
    refusal naming ``field``."""
    if not text.strip():
        return ""
    try:
        return validate_phone(text)
    except DomainError as error:
        raise DomainError(str(error), field=field) from error


def check_phone_field(text: str, *, field: str, label: Text) -> str:
    """The one check of a phone the center prints or stores (中心电话、咨询电话、
    监督电话 …): empty stays empty; otherwise a mobile or a landline with its
    area code, normalized.  The message names the field and shows examples,
    so the wizard, the settings screen and the services all say the same."""
    if not (text or "").strip():
        return ""
    hotline = _HOTLINE_RE.match(_SEPARATORS_RE.sub("", text.strip()))
    if hotline:  # 12345 and the other 12xxx public service lines, often the 监督电话
        return f"{hotline.group(1)}-{hotline.group(2)}" if hotline.group(1) else hotline.group(2)
    try:
        return validate_phone(text, area_code_required=True)
    except PhoneNumberError as error:
        raise PhoneNumberError(
            tr(f"{label.zh}格式不正确（{error}）：请填写 11 位手机号码（如 13812345678）、"
               "带区号的固定电话（如 0769-22345678）或政务服务热线（如 12345）",
               f"{label.en} is not a valid number ({error}): enter an 11-digit mobile number "
               "(e.g. 13812345678), a landline with its area code (e.g. 0769-22345678) "
               "or a public service hotline (e.g. 12345)"),
            field=field,
        ) from None


# 政务服务便民热线 12345 and the other five-digit 12xxx public service numbers,
# with or without the city's area code in front.
_HOTLINE_RE = re.compile(r"^(0\d{2,3})?(12\d{3})$")


def _compact_phone(cleaned: str) -> str:
    """Drop separators and a +86 / 0086 / 86 country prefix before a mobile."""
    return _COUNTRY_PREFIX_RE.sub("", _SEPARATORS_RE.sub("", cleaned))


def _canonical_phone(compact: str) -> str | None:
    """Canonical form of a separator-free number, or ``None`` if invalid."""
    if _MOBILE_RE.match(compact) or _LOCAL_RE.match(compact):
        return compact
    landline = _LANDLINE_RE.match(compact)
    if landline:
        return f"{landline.group(1)}-{landline.group(2)}"
    return None


def _with_extension(cleaned: str) -> str | None:
    """"0769-22345678转123" for a landline with area code and an extension, else ``None``."""
    match = _EXTENSION_RE.match(cleaned)
    if match is None:
        return None
    landline = _LANDLINE_RE.match(_SEPARATORS_RE.sub("", match.group(1)))
    if landline is None:
        return None
    return f"{landline.group(1)}-{landline.group(2)}转{match.group(2)}"


def _phone_problem(compact: str) -> str:
    """Explain precisely why ``compact`` is not a valid phone number."""
    bad = next((ch for ch in compact if not (ch.isascii() and ch.isdigit())), None)
    if bad is not None:
        return tr(f"电话号码含有非数字字符“{bad}”", f"The phone number has a character that is not a digit: \"{bad}\"")
    if compact.startswith("1"):
        if len(compact) != 11:
            return tr(f"手机号码应为 11 位，实际为 {len(compact)} 位",
                      f"A mobile number should have 11 digits, not {len(compact)}")
        return tr(f"手机号码第二位应为 3–9，实际为 {compact[1]}",
                  f"The second digit of a mobile number should be 3-9, not {compact[1]}")
    if compact.startswith("0"):
        return tr(f"固定电话号码格式不正确（应为区号加 7–8 位号码，如 0755-12345678），实际为 {compact}",
                  f"A landline number should be an area code and 7-8 digits (e.g. 0755-12345678), not {compact}")
    return tr(
        "电话号码格式不正确：应为 11 位手机号码或固定电话"
        f"（如 0755-12345678 或 7–8 位本地号码），实际为 {compact}",
        "The phone number should be an 11-digit mobile number or a landline "
        f"(e.g. 0755-12345678, or 7-8 local digits), not {compact}",
    )


# ---------------------------------------------------------------------------
# Demo data
# ---------------------------------------------------------------------------


def fictional_id_number(
    *, region_code: str, birth_date: date, sequence: int, gender: str
) -> str:
    """Build a checksum-valid 18-digit resident ID number for demo residents.

    ``sequence`` (0–99) gives digits 15–16; digit 17 is odd for 男 and even
    for 女 (varied with ``sequence`` so demo numbers differ); digit 18 is the
    GB 11643 check digit.  The result parses with :func:`parse_id_number`.
    """
    if len(region_code) != 6 or not _is_ascii_digits(region_code):
        raise ValueError(tr(f"地区码应为 6 位数字，实际为 {region_code!r}",
                            f"The region code should have 6 digits, not {region_code!r}"))
    if region_code[:2] not in MAINLAND_PROVINCE_CODES:
        raise ValueError(tr(f"地区码前两位 {region_code[:2]} 不是有效的省级行政区代码",
                            f"The first two digits of the region code, {region_code[:2]}, are not a valid province code"))
    if not 0 <= sequence <= 99:
        raise ValueError(tr(f"顺序号应在 0–99 之间，实际为 {sequence}",
                            f"The sequence number should be 0-99, not {sequence}"))
    if gender not in (_MALE, _FEMALE):
        # The gender is data, stored as 男 / 女 whatever the desk's language.
        raise ValueError(tr(f"性别应为“{_MALE}”或“{_FEMALE}”，实际为 {gender!r}",
                            f"The gender should be {_MALE} or {_FEMALE}, not {gender!r}"))
    if birth_date < _EARLIEST_BIRTH_DATE:
        raise ValueError(_birth_date_too_early(birth_date.isoformat()))
    gender_digit = (sequence % 5) * 2 + (1 if gender == _MALE else 0)
    first17 = f"{region_code}{birth_date:%Y%m%d}{sequence:02d}{gender_digit}"
    return first17 + id_check_digit(first17)
