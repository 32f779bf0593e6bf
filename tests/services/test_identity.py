"""Tests for app.services.identity (证件号码 parsing, masking, phone numbers)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.errors import DomainError
from app.services.identity import (
    DOCUMENT_TYPES,
    FOREIGN_PERMANENT_RESIDENCE,
    HK_MACAO_PERMIT,
    HMT_RESIDENCE_PERMIT,
    PASSPORT,
    RESIDENT_ID,
    TAIWAN_PERMIT,
    IdNumberError,
    ParsedId,
    PhoneNumberError,
    check_phone_field,
    fictional_id_number,
    id_check_digit,
    mask_id_number,
    mask_phone,
    normalize_phone,
    parse_id_number,
    validate_phone,
)
from app.text import Text

TODAY = date(2025, 6, 1)


def _parse(text: str, doc_type: str = RESIDENT_ID) -> ParsedId:
    return parse_id_number(text, doc_type=doc_type, today=TODAY)


def _error(text: str, doc_type: str = RESIDENT_ID) -> str:
    with pytest.raises(IdNumberError) as info:
        _parse(text, doc_type)
    assert info.value.field == "id_number"
    return str(info.value)


def _iso7064_mod11_2(digits: str) -> str:
    """Independent reference: the recursive ISO 7064 MOD 11-2 formulation."""
    p = 0
    for ch in digits:
        p = ((p + int(ch)) * 2) % 11
    value = (12 - p) % 11
    return "X" if value == 10 else str(value)


# ---------------------------------------------------------------------------
# Document types
# ---------------------------------------------------------------------------


def test_document_type_values_and_labels() -> None:
    assert {code: label.zh for code, label in DOCUMENT_TYPES.items()} == {
        "resident_id": "居民身份证",
        "hmt_residence_permit": "港澳台居民居住证",
        "foreign_permanent_residence": "外国人永久居留身份证",
        "passport": "护照",
        "hk_macao_pass": "港澳居民来往内地通行证",
        "taiwan_pass": "台湾居民来往大陆通行证",
    }


def test_errors_are_value_errors_with_field() -> None:
    assert issubclass(IdNumberError, ValueError)
    assert issubclass(PhoneNumberError, ValueError)
    assert issubclass(IdNumberError, DomainError)
    assert IdNumberError("x").field == "id_number"
    assert PhoneNumberError("x").field == "phone"


# ---------------------------------------------------------------------------
# Check digit
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first17", "expected"),
    [
        ("11010519491231002", "X"),
        ("44052418800101001", "4"),
        ("11010119900307451", "4"),
        ("11010119900307771", "5"),
        ("11010119900307803", "X"),
    ],
)
def test_check_digit_known_values(first17: str, expected: str) -> None:
    assert id_check_digit(first17) == expected
    assert _iso7064_mod11_2(first17) == expected


@pytest.mark.parametrize("bad", ["", "1101051949123100", "110105194912310021", "1101051949123100A"])
def test_check_digit_rejects_bad_input(bad: str) -> None:
    with pytest.raises(ValueError):
        id_check_digit(bad)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_digit_matches_recursive_formulation(first17: str) -> None:
    assert id_check_digit(first17) == _iso7064_mod11_2(first17)


# ---------------------------------------------------------------------------
# Resident ID (居民身份证)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "birth", "gender", "region"),
    [
        ("11010519491231002X", date(1949, 12, 31), "女", "110105"),
        ("110101199003074514", date(1990, 3, 7), "男", "110101"),
        ("110101199003077715", date(1990, 3, 7), "男", "110101"),
        ("11010119900307803X", date(1990, 3, 7), "男", "110101"),
    ],
)
def test_valid_resident_ids(number: str, birth: date, gender: str, region: str) -> None:
    parsed = _parse(number)
    assert parsed == ParsedId(
        doc_type=RESIDENT_ID,
        number=number,
        birth_date=birth,
        gender=gender,
        region_code=region,
        masked=mask_id_number(number),
        upgraded_from=None,
    )


def test_checksum_valid_but_born_before_1900_is_rejected() -> None:
    # The GB 11643 standard's own example: check digit 4 is right, but the
    # product rejects birth dates before 1900-01-01.
    assert id_check_digit("44052418800101001") == "4"
    assert _error("440524188001010014") == "出生日期 1880-01-01 早于 1900-01-01"


def test_lower_case_x_whitespace_and_full_width_are_normalized() -> None:
    parsed = _parse(" 110105 19491231\u3000002x\n")
    assert parsed.number == "11010519491231002X"
    assert _parse("１１０１０１１９９００３０７４５１４").number == "110101199003074514"


def test_wrong_check_digit_names_expected_digit() -> None:
    assert _error("110101199003074515") == "身份证号码校验位错误：按 GB 11643 计算应为 4，实际为 5"
    assert _error("110105194912310021") == "身份证号码校验位错误：按 GB 11643 计算应为 X，实际为 1"


@pytest.mark.parametrize(
    ("first14", "shown"),
    [
        ("11010119900230", "1990-02-30"),
        ("11010119901301", "1990-13-01"),
        ("11010119990229", "1999-02-29"),
        ("11010119900000", "1990-00-00"),
    ],
)
def test_impossible_birth_dates(first14: str, shown: str) -> None:
    first17 = first14 + "451"
    number = first17 + id_check_digit(first17)
    assert _error(number) == f"出生日期 {shown} 不存在"


def test_leap_day_in_leap_year_is_fine() -> None:
    first17 = "11010120000229451"
    assert _parse(first17 + id_check_digit(first17)).birth_date == date(2000, 2, 29)


def test_future_birth_date_relative_to_today() -> None:
    first17 = "11010120310101451"
    number = first17 + id_check_digit(first17)
    assert _error(number) == "出生日期 2031-01-01 晚于今天"
    tomorrow = "11010120250602451"
    assert "晚于今天" in _error(tomorrow + id_check_digit(tomorrow))
    today = "11010120250601451"
    assert _parse(today + id_check_digit(today)).birth_date == TODAY


def test_today_defaults_to_the_real_date() -> None:
    assert parse_id_number("110101199003074514").birth_date == date(1990, 3, 7)


def test_fifteen_digit_number_is_upgraded() -> None:
    parsed = _parse("110105491231002")
    assert parsed.number == "11010519491231002X"
    assert parsed.upgraded_from == "110105491231002"
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.gender == "女"
    assert parsed.region_code == "110105"


def test_fifteen_digit_number_with_impossible_date() -> None:
    assert _error("110105490230002") == "出生日期 1949-02-30 不存在"


@pytest.mark.parametrize("length", [1, 14, 16, 17, 19])
def test_bad_lengths(length: int) -> None:
    number = "110101199003074514123"[:length]
    assert _error(number) == f"身份证号码长度应为 18 位（或 15 位旧号码），实际为 {length} 位"


def test_empty_input() -> None:
    assert _error("") == "请输入证件号码"
    assert _error("  \u3000 ") == "请输入证件号码"
    for doc_type in DOCUMENT_TYPES:
        assert _error("", doc_type) == "请输入证件号码"


def test_non_digit_characters() -> None:
    assert _error("1101011990O3074514") == "身份证号码含有非数字字符：第 11 位为“O”"
    assert _error("11010119900307451-") == "身份证号码含有非数字字符：第 18 位为“-”"
    assert _error("11010519491231X02X") == "身份证号码中的 X 只能出现在最后一位（第 15 位为 X）"
    assert "含有非数字字符" in _error("11010549123100X")


@pytest.mark.parametrize("province", ["00", "10", "16", "20", "30", "38", "47", "55", "66", "99"])
def test_bad_province(province: str) -> None:
    first17 = province + "010119900307451"
    number = first17 + id_check_digit(first17)
    assert _error(number) == f"身份证号码地区码前两位 {province} 不是有效的省级行政区代码"


@pytest.mark.parametrize("province", ["71", "81", "82", "83"])
def test_hmt_province_codes_are_not_resident_ids(province: str) -> None:
    first17 = province + "000019900307451"
    message = _error(first17 + id_check_digit(first17))
    assert f"地区码 {province} 属于港澳台地区" in message
    assert "港澳台居民居住证" in message


@pytest.mark.parametrize(
    "province",
    ["11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65"],
)
def test_all_province_ranges_accepted(province: str) -> None:
    first17 = province + "010119900307451"
    assert _parse(first17 + id_check_digit(first17)).region_code == province + "0101"


def test_unknown_doc_type() -> None:
    assert "不支持的证件类型" in _error("110101199003074514", "driver_license")


# ---------------------------------------------------------------------------
# Other document types
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "birth", "gender"),
    [
        ("810000199408230021", date(1994, 8, 23), "女"),
        ("830000199201300022", date(1992, 1, 30), "女"),
        ("820000199811170016", date(1998, 11, 17), "男"),
    ],
)
def test_hmt_residence_permit_valid(number: str, birth: date, gender: str) -> None:
    parsed = _parse(number, HMT_RESIDENCE_PERMIT)
    assert parsed.doc_type == HMT_RESIDENCE_PERMIT
    assert (parsed.birth_date, parsed.gender, parsed.region_code) == (birth, gender, number[:6])
    assert parsed.masked == number[:4] + "*" * 10 + number[-4:]


def test_hmt_residence_permit_invalid() -> None:
    assert "应以 810000（香港）、820000（澳门）或 830000（台湾）开头" in _error(
        "110101199003074514", HMT_RESIDENCE_PERMIT
    )
    assert _error("820000199811170013", HMT_RESIDENCE_PERMIT) == (
        "港澳台居民居住证号码校验位错误：按 GB 11643 计算应为 6，实际为 3"
    )
    assert "长度应为 18 位" in _error("81000019940823002", HMT_RESIDENCE_PERMIT)
    first17 = "81000019940230002"
    assert _error(first17 + id_check_digit(first17), HMT_RESIDENCE_PERMIT) == "出生日期 1994-02-30 不存在"


def test_foreign_permanent_residence_2023_valid() -> None:
    first17 = "93184019850615001"  # issued in 31 (上海), nationality 840, born 1985-06-15
    number = first17 + id_check_digit(first17)
    parsed = _parse(number, FOREIGN_PERMANENT_RESIDENCE)
    assert parsed.number == number
    assert parsed.birth_date == date(1985, 6, 15)
    assert parsed.gender == "男"
    assert parsed.region_code is None


def test_foreign_permanent_residence_2023_invalid() -> None:
    first17 = "83184019850615001"
    assert "应以 9 开头" in _error(first17 + id_check_digit(first17), FOREIGN_PERMANENT_RESIDENCE)
    first17 = "99984019850615001"
    assert "受理地代码 99" in _error(first17 + id_check_digit(first17), FOREIGN_PERMANENT_RESIDENCE)
    good = "93184019850615001"
    wrong = "0" if id_check_digit(good) != "0" else "1"
    assert "校验位错误" in _error(good + wrong, FOREIGN_PERMANENT_RESIDENCE)
    first17 = "93184019851315001"
    assert _error(first17 + id_check_digit(first17), FOREIGN_PERMANENT_RESIDENCE) == (
        "出生日期 1985-13-15 不存在"
    )


def test_foreign_permanent_residence_2017_valid() -> None:
    parsed = _parse("can310080092101", FOREIGN_PERMANENT_RESIDENCE)
    assert parsed.number == "CAN310080092101"
    assert parsed.birth_date == date(1980, 9, 21)
    assert parsed.gender is None
    assert parsed.masked == "CAN3*******2101"
    # yymmdd resolved to the latest century not in the future.
    assert _parse("USA110005030101", FOREIGN_PERMANENT_RESIDENCE).birth_date == date(2005, 3, 1)


def test_foreign_permanent_residence_2017_invalid() -> None:
    assert "3 位大写国籍字母代码加 12 位数字" in _error("CA1310080092101", FOREIGN_PERMANENT_RESIDENCE)
    assert _error("CAN310080023001", FOREIGN_PERMANENT_RESIDENCE) == "出生日期 80-02-30 不存在"
    assert "受理地代码 99" in _error("CAN990080092101", FOREIGN_PERMANENT_RESIDENCE)
    assert "长度应为 18 位（2023 版）或 15 位（2017 版）" in _error("CAN31008009210", FOREIGN_PERMANENT_RESIDENCE)


@pytest.mark.parametrize(
    "number",
    ["E12345678", "EA1234567", "G12345678", "e 1234 5678", "K1234567", "123456789", "AB12345", "X1234"],
)
def test_passport_valid(number: str) -> None:
    parsed = _parse(number, PASSPORT)
    assert parsed.number == "".join(number.split()).upper()
    assert parsed.birth_date is None
    assert parsed.gender is None
    assert parsed.region_code is None


def test_passport_invalid() -> None:
    assert _error("E123", PASSPORT) == "护照号码长度应为 5–20 位，实际为 4 位"
    assert "实际为 21 位" in _error("E" * 21, PASSPORT)
    assert _error("E1234-678", PASSPORT) == "护照号码只能包含字母和数字：第 6 位为“-”"


@pytest.mark.parametrize("number", ["H12345678", "m12345678", "H1234567890"])
def test_hk_macao_permit_valid(number: str) -> None:
    assert _parse(number, HK_MACAO_PERMIT).number == number.upper()


@pytest.mark.parametrize("number", ["H1234567", "A12345678", "H123456789", "12345678", "HA2345678"])
def test_hk_macao_permit_invalid(number: str) -> None:
    assert "H 或 M 开头加 8 位数字" in _error(number, HK_MACAO_PERMIT)


def test_taiwan_permit() -> None:
    parsed = _parse("12345678", TAIWAN_PERMIT)
    assert parsed.number == "12345678"
    assert parsed.masked == "1******8"
    assert _error("1234567", TAIWAN_PERMIT) == "台湾居民来往大陆通行证号码应为 8 位数字，实际为 7 位"
    assert "含有非数字字符" in _error("1234567A", TAIWAN_PERMIT)


# ---------------------------------------------------------------------------
# Masking (脱敏)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("110101199003074514", "1101**********4514"),
        ("11010519491231002X", "1101**********002X"),
        ("CAN310080092101", "CAN3*******2101"),
        ("E12345678", "E123*5678"),
        ("12345678", "1******8"),
        ("ABC", "A*C"),
        ("AB", "AB"),
        ("A", "A"),
        ("", ""),
    ],
)
def test_mask_id_number(number: str, masked: str) -> None:
    assert mask_id_number(number) == masked


def test_parsed_masked_uses_the_same_style() -> None:
    assert _parse("110101199003074514").masked == "1101**********4514"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("0755-12345678", "****-****5678"),
        ("075512345678", "****-****5678"),
        ("12345678", "****5678"),
        ("5678", "5678"),
        ("", ""),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


# ---------------------------------------------------------------------------
# Phone numbers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "normalized"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("0086 138 1234 5678", "13812345678"),
        ("19912345678", "19912345678"),
        ("0755-12345678", "0755-12345678"),
        ("075512345678", "0755-12345678"),
        ("(0755) 1234567", "0755-1234567"),
        ("010-87654321", "010-87654321"),
        ("02187654321", "021-87654321"),
        ("12345678", "12345678"),
        ("8765432", "8765432"),
    ],
)
def test_validate_phone_accepts(phone: str, normalized: str) -> None:
    assert validate_phone(phone) == normalized
    assert normalize_phone(phone) == normalized


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("", "请输入电话号码"),
        ("1381234567", "手机号码应为 11 位，实际为 10 位"),
        ("138123456789", "手机号码应为 11 位，实际为 12 位"),
        ("12812345678", "手机号码第二位应为 3–9，实际为 2"),
        ("1381234567a", "电话号码含有非数字字符“a”"),
        ("0755-1234", "固定电话号码格式不正确"),
        ("234567", "电话号码格式不正确"),
    ],
)
def test_validate_phone_rejects(phone: str, message: str) -> None:
    with pytest.raises(PhoneNumberError) as info:
        validate_phone(phone)
    assert info.value.field == "phone"
    assert message in str(info.value)


def test_normalize_phone_never_raises() -> None:
    assert normalize_phone("") == ""
    assert normalize_phone(" abc 12 ") == "abc12"


# ---------------------------------------------------------------------------
# Fictional numbers for demo data
# ---------------------------------------------------------------------------


def test_fictional_id_number_example() -> None:
    number = fictional_id_number(region_code="110101", birth_date=date(1990, 3, 7), sequence=45, gender="男")
    assert number == "110101199003074514"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"region_code": "11010", "birth_date": date(1990, 1, 1), "sequence": 1, "gender": "男"},
        {"region_code": "990101", "birth_date": date(1990, 1, 1), "sequence": 1, "gender": "男"},
        {"region_code": "110101", "birth_date": date(1890, 1, 1), "sequence": 1, "gender": "男"},
        {"region_code": "110101", "birth_date": date(1990, 1, 1), "sequence": 100, "gender": "男"},
        {"region_code": "110101", "birth_date": date(1990, 1, 1), "sequence": -1, "gender": "男"},
        {"region_code": "110101", "birth_date": date(1990, 1, 1), "sequence": 1, "gender": "M"},
    ],
)
def test_fictional_id_number_rejects_bad_arguments(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        fictional_id_number(**kwargs)  # type: ignore[arg-type]


_PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
              "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"]


@given(
    province=st.sampled_from(_PROVINCES),
    rest=st.text(alphabet="0123456789", min_size=4, max_size=4),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    sequence=st.integers(min_value=0, max_value=99),
    gender=st.sampled_from(["男", "女"]),
)
def test_fictional_id_number_round_trips(
    province: str, rest: str, birth: date, sequence: int, gender: str
) -> None:
    region = province + rest
    number = fictional_id_number(region_code=region, birth_date=birth, sequence=sequence, gender=gender)
    parsed = parse_id_number(number, today=TODAY)
    assert parsed.number == number
    assert parsed.birth_date == birth
    assert parsed.gender == gender
    assert parsed.region_code == region
    assert number[14:16] == f"{sequence:02d}"


# -- the center's phones: one rule for the wizard, the settings and the services ----------

@pytest.mark.parametrize(
    ("phone", "normalized"),
    [
        ("13812345678", "13812345678"),
        ("199 1234 5678", "19912345678"),
        ("0769-22345678", "0769-22345678"),
        ("010-12345678", "010-12345678"),
        ("(0769) 2234567", "0769-2234567"),
        ("0769-22345678-123", "0769-22345678转123"),
        ("0769-22345678转8", "0769-22345678转8"),
        ("010 1234 5678 ext 12", "010-12345678转12"),
        ("", ""),
        ("  ", ""),
    ],
)
def test_check_phone_field_accepts_mobiles_and_landlines_with_area_code(phone: str, normalized: str) -> None:
    assert check_phone_field(phone, field="phone", label=Text("中心电话", "The center phone")) == normalized
    if normalized:
        assert normalize_phone(phone) == normalized


@pytest.mark.parametrize(
    "phone",
    ["0769-abc", "hello", "22345678", "1381234567", "12812345678", "0755-1234", "0769-22345678转", "13812345678-12"],
)
def test_check_phone_field_refuses_and_names_the_field_with_examples(phone: str) -> None:
    with pytest.raises(PhoneNumberError) as info:
        check_phone_field(phone, field="supervision_phone", label=Text("监督电话", "The supervision phone"))
    assert info.value.field == "supervision_phone"
    message = str(info.value)
    assert message.startswith("监督电话格式不正确")
    assert "13812345678" in message and "0769-22345678" in message


@pytest.mark.parametrize(("phone", "normalized"), [("12345", "12345"), ("0769-12345", "0769-12345"),
                                                   ("0769 12345", "0769-12345"), ("12315", "12315")])
def test_a_public_service_hotline_is_a_valid_center_phone(phone: str, normalized: str) -> None:
    """12345 (政务服务便民热线) is the usual 监督电话; the 12xxx lines have five digits."""
    assert check_phone_field(phone, field="supervision_phone", label=Text("监督电话", "The supervision phone")) == normalized


def test_residents_may_still_give_a_local_number() -> None:
    """Only the numbers the center prints need the area code."""
    assert validate_phone("22345678") == "22345678"
    with pytest.raises(PhoneNumberError, match="区号"):
        validate_phone("22345678", area_code_required=True)
