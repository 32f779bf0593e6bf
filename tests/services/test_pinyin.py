"""Tests for app.services.pinyin (拼音检索 keys for resident names)."""

from __future__ import annotations

import pytest

from app.services.pinyin import (
    COMPOUND_SURNAMES,
    SINGLE_SURNAMES,
    name_initials,
    name_pinyin,
    search_keys,
    text_initials,
)


@pytest.mark.parametrize(
    ("name", "initials", "full"),
    [
        ("张三", "zs", "zhangsan"),
        ("李四", "ls", "lisi"),
        ("王小二", "wxe", "wangxiaoer"),
        ("刘德华", "ldh", "liudehua"),
        ("吕布", "lb", "lvbu"),
    ],
)
def test_ordinary_names(name: str, initials: str, full: str) -> None:
    assert name_initials(name) == initials
    assert name_pinyin(name) == full
    assert search_keys(name) == (initials, full)


# Every special single surname named in the spec, with a given name whose
# default reading is unambiguous.
SPECIAL_SINGLE = [
    ("曾小明", "zxm", "zengxiaoming"),
    ("单田芳", "stf", "shantianfang"),
    ("解缙", "xj", "xiejin"),
    ("区志明", "ozm", "ouzhiming"),
    ("仇英", "qy", "qiuying"),
    ("朴树", "ps", "piaoshu"),
    ("查良镛", "zly", "zhaliangyong"),
    ("盖聂", "gn", "genie"),
    ("乐嘉", "yj", "yuejia"),
    ("缪军", "mj", "miaojun"),
    ("覃明", "qm", "qinming"),
    ("黑明", "hm", "heming"),
    ("秘书", "bs", "bishu"),
    ("繁明", "pm", "poming"),
    ("员明", "ym", "yunming"),
    ("种师道", "csd", "chongshidao"),
    ("召明", "sm", "shaoming"),
    ("翟志刚", "zzg", "zhaizhigang"),
    ("任明", "rm", "renming"),
    ("华明", "hm", "huaming"),
    ("纪昀", "jy", "jiyun"),
    ("过明", "gm", "guoming"),
    ("句明", "gm", "gouming"),
    ("隗明", "wm", "weiming"),
    ("折明", "sm", "sheming"),
    ("能明", "nm", "naiming"),
    ("阚明", "km", "kanming"),
    ("眭明", "sm", "suiming"),
    ("那明", "nm", "naming"),
    ("费明", "fm", "feiming"),
]


@pytest.mark.parametrize(("name", "initials", "full"), SPECIAL_SINGLE)
def test_special_single_surnames(name: str, initials: str, full: str) -> None:
    assert search_keys(name) == (initials, full)


@pytest.mark.parametrize(
    ("name", "initials", "full"),
    [
        ("尉迟恭", "ycg", "yuchigong"),
        ("万俟卨", "mqx", "moqixie"),
        ("长孙无忌", "zswj", "zhangsunwuji"),
        ("欧阳修", "oyx", "ouyangxiu"),
        ("司马光", "smg", "simaguang"),
        ("上官婉儿", "sgwe", "shangguanwaner"),
        ("诸葛亮", "zgl", "zhugeliang"),
        ("东方明", "dfm", "dongfangming"),
        ("皇甫明", "hfm", "huangfuming"),
        ("公孙明", "gsm", "gongsunming"),
        ("慕容复", "mrf", "murongfu"),
        ("令狐冲", "lhc", "linghuchong"),
        ("宇文明", "ywm", "yuwenming"),
        ("司徒明", "stm", "situming"),
        ("夏侯惇", "xhd", "xiahoudun"),
        ("澹台明", "ttm", "tantaiming"),
        ("单于明", "cym", "chanyuming"),
        ("呼延明", "hym", "huyanming"),
        ("端木明", "dmm", "duanmuming"),
        ("南宫明", "ngm", "nangongming"),
    ],
)
def test_compound_surnames(name: str, initials: str, full: str) -> None:
    assert search_keys(name) == (initials, full)


def test_two_character_name_is_single_surname_plus_given_name() -> None:
    # A compound surname only applies to names longer than 2 characters.
    assert search_keys("单于") == ("sy", "shanyu")
    assert search_keys("尉迟") == ("wc", "weichi")
    assert search_keys("欧阳") == ("oy", "ouyang")


def test_special_reading_only_applies_to_the_surname() -> None:
    # 曾 as a given-name character keeps its default reading (céng).
    assert name_pinyin("何曾") == "heceng"
    assert name_pinyin("曾曾") == "zengceng"
    # 单 in a given name is dān.
    assert name_initials("王单") == "wd"


def test_single_surname_alone() -> None:
    assert search_keys("曾") == ("z", "zeng")
    assert search_keys("张") == ("z", "zhang")


def test_tables_are_large_enough_and_well_formed() -> None:
    assert len(SINGLE_SURNAMES) >= 40
    assert all(len(ch) == 1 for ch in SINGLE_SURNAMES)
    assert all(v.isascii() and v.isalpha() and v.islower() for v in SINGLE_SURNAMES.values())
    assert all(len(k) == 2 and len(v) == 2 for k, v in COMPOUND_SURNAMES.items())
    for required in ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
                     "长孙", "宇文", "司徒", "夏侯", "万俟", "澹台", "单于", "呼延", "端木", "南宫"]:
        assert required in COMPOUND_SURNAMES
    assert COMPOUND_SURNAMES["万俟"] == ("mo", "qi")
    assert COMPOUND_SURNAMES["长孙"] == ("zhang", "sun")


def test_mixed_and_ascii_input() -> None:
    assert search_keys("张Tom") == ("ztom", "zhangtom")
    assert search_keys("李2号") == ("l2h", "li2hao")
    assert search_keys("Anna") == ("anna", "anna")
    assert search_keys("  张 三 ") == ("zs", "zhangsan")
    assert search_keys("ＡＢ张三") == ("abzs", "abzhangsan")  # full-width letters
    assert search_keys("阿依古丽·买买提") == ("ayglmmt", "ayigulimaimaiti")
    assert search_keys("张-三!") == ("zs", "zhangsan")


def test_empty_and_non_han() -> None:
    assert search_keys("") == ("", "")
    assert search_keys("   ") == ("", "")
    assert search_keys("·・、") == ("", "")


def test_results_are_ascii_lower_case() -> None:
    for name in ["曾小明", "吕布", "女娲", "Zhang San", "欸乃"]:
        initials, full = search_keys(name)
        assert initials == initials.lower() and initials.isascii()
        assert full == full.lower() and full.isascii()


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("查询社保", "cxsb"),
        ("单位证明", "dwzm"),
        ("解除劳动合同", "jcldht"),
        ("第2代身份证", "d2dsfz"),
        ("", ""),
    ],
)
def test_text_initials_for_non_names(text: str, initials: str) -> None:
    assert text_initials(text) == initials
