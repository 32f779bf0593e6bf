"""Pinyin search keys for resident names (拼音检索).

Front-desk staff find a resident by typing pinyin initials ("zs" → 张三) or
full pinyin ("zhangsan").  pypinyin reads each character with its most common
pronunciation, which is wrong for many surnames (曾 zēng, not céng; 单 shàn,
not dān; 解 xiè, not jiě …), so the surname (姓) is read from the tables below
and only the given name (名) goes through pypinyin, one character at a time.

Rules:

* The surname is a compound surname (复姓) from :data:`COMPOUND_SURNAMES` if
  the name starts with one *and* is longer than 2 characters ("欧阳修"), else
  the first character.  A 2-character name such as "单于" is therefore read as
  single surname 单 (shàn) + given name 于.
* Han characters contribute their toneless pinyin; ASCII letters and digits
  are kept lower-cased as-is; everything else (spaces, "·", punctuation) is
  dropped.  ü is written "v" (吕 → "lv"), as pypinyin does.

pypinyin itself (≈0.2 s to import) is loaded on first use, not at import.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = [
    "COMPOUND_SURNAMES",
    "SINGLE_SURNAMES",
    "name_initials",
    "name_pinyin",
    "search_keys",
    "text_initials",
]

#: Single-character surnames whose surname reading (姓氏读音) differs from,
#: or is easily confused with, pypinyin's default reading of the character.
SINGLE_SURNAMES: dict[str, str] = {
    "曾": "zeng",  # 曾 zēng, not céng
    "单": "shan",  # shàn, not dān
    "解": "xie",  # xiè, not jiě
    "区": "ou",  # ōu, not qū
    "仇": "qiu",  # qiú, not chóu
    "朴": "piao",  # piáo, not pǔ
    "查": "zha",  # zhā, not chá
    "盖": "ge",  # gě, not gài
    "乐": "yue",  # yuè, not lè
    "缪": "miao",  # miào, not móu
    "覃": "qin",  # qín, not tán
    "黑": "he",  # hè, not hēi
    "秘": "bi",  # bì, not mì
    "繁": "po",  # pó, not fán
    "员": "yun",  # yùn, not yuán
    "种": "chong",  # chóng, not zhǒng
    "召": "shao",  # shào, not zhào
    "翟": "zhai",  # zhái, not dí
    "任": "ren",  # rén, not rèn
    "华": "hua",  # huà, not huá
    "纪": "ji",  # jǐ, not jì
    "过": "guo",  # guō, not guò
    "句": "gou",  # gōu, not jù
    "隗": "wei",  # wěi, not kuí
    "折": "she",  # shé, not zhé
    "能": "nai",  # nài, not néng
    "阚": "kan",  # kàn, not hǎn
    "眭": "sui",  # suī
    "那": "na",  # nā, not nà
    "费": "fei",  # fèi, not bì
    "尉": "wei",  # wèi (the compound 尉迟 is yù chí)
    "万": "wan",  # wàn (the compound 万俟 is mò qí)
    "长": "chang",  # cháng, not zhǎng
    "柏": "bai",  # bǎi, not bó
    "薄": "bo",  # bó, not báo
    "都": "du",  # dū, not dōu
    "卜": "bu",  # bǔ, not bo
    "贲": "ben",  # bēn, not bì
    "郇": "xun",  # xún, not huán
    "洗": "xian",  # xiǎn (= 冼), not xǐ
    "冼": "xian",  # xiǎn
    "宓": "mi",  # mì, not fú
    "祭": "zhai",  # zhài, not jì
    "颉": "xie",  # xié, not jié
    "逄": "pang",  # páng
    "厍": "she",  # shè
    "蕃": "pi",  # pí, not fán
    "鲜": "xian",  # xiān, not xiǎn
    "暴": "bao",  # bào, not pù
    "宿": "su",  # sù, not xiǔ
    "谌": "chen",  # chén
    "褚": "chu",  # chǔ, not zhǔ
    "啜": "chuai",  # chuài, not chuò
    "牟": "mou",  # móu, not mù
    "莘": "shen",  # shēn, not xīn
    "燕": "yan",  # yān, not yàn
    "应": "ying",  # yīng, not yìng
    "曲": "qu",  # qū, not qǔ
    "相": "xiang",  # xiàng, not xiāng
    "乜": "nie",  # niè, not miē
    "六": "lu",  # lù, not liù
    "睢": "sui",  # suī
    "隽": "juan",  # juàn, not jùn
    "宁": "ning",  # nìng
    "沈": "shen",  # shěn, not chén
    "藏": "zang",  # zàng, not cáng
    "臧": "zang",  # zāng
    "朝": "chao",  # cháo, not zhāo
    "佴": "nai",  # nài, not èr
    "訾": "zi",  # zī, not zǐ
    "角": "jue",  # jué, not jiǎo
    "炅": "gui",  # guì, not jiǒng
    "粘": "nian",  # nián, not zhān
    "澹": "tan",  # tán, not dàn
    "盛": "sheng",  # shèng, not chéng
    "车": "che",  # chē, not jū
    "便": "pian",  # pián, not biàn
    "乘": "cheng",  # chéng, not shèng
    "贾": "jia",  # jiǎ, not gǔ
    "叶": "ye",  # yè
    "石": "shi",  # shí, not dàn
    "禤": "xuan",  # xuān
}

#: Compound surnames (复姓) and their readings, one syllable per character.
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "欧阳": ("ou", "yang"),
    "司马": ("si", "ma"),
    "上官": ("shang", "guan"),
    "诸葛": ("zhu", "ge"),
    "东方": ("dong", "fang"),
    "皇甫": ("huang", "fu"),
    "尉迟": ("yu", "chi"),
    "公孙": ("gong", "sun"),
    "慕容": ("mu", "rong"),
    "令狐": ("ling", "hu"),
    "长孙": ("zhang", "sun"),
    "宇文": ("yu", "wen"),
    "司徒": ("si", "tu"),
    "夏侯": ("xia", "hou"),
    "万俟": ("mo", "qi"),
    "澹台": ("tan", "tai"),
    "单于": ("chan", "yu"),
    "呼延": ("hu", "yan"),
    "端木": ("duan", "mu"),
    "南宫": ("nan", "gong"),
    "轩辕": ("xuan", "yuan"),
    "申屠": ("shen", "tu"),
    "闻人": ("wen", "ren"),
    "赫连": ("he", "lian"),
    "西门": ("xi", "men"),
    "司空": ("si", "kong"),
    "钟离": ("zhong", "li"),
    "太史": ("tai", "shi"),
    "第五": ("di", "wu"),
    "百里": ("bai", "li"),
    "东郭": ("dong", "guo"),
    "公冶": ("gong", "ye"),
    "公羊": ("gong", "yang"),
    "拓跋": ("tuo", "ba"),
    "独孤": ("du", "gu"),
    "乐正": ("yue", "zheng"),
    "宗政": ("zong", "zheng"),
    "濮阳": ("pu", "yang"),
    "淳于": ("chun", "yu"),
    "鲜于": ("xian", "yu"),
    "闾丘": ("lv", "qiu"),
    "亓官": ("qi", "guan"),
    "仲孙": ("zhong", "sun"),
    "叔孙": ("shu", "sun"),
    "颛孙": ("zhuan", "sun"),
    "子车": ("zi", "ju"),
    "公西": ("gong", "xi"),
    "漆雕": ("qi", "diao"),
    "巫马": ("wu", "ma"),
    "谷梁": ("gu", "liang"),
    "左丘": ("zuo", "qiu"),
    "梁丘": ("liang", "qiu"),
}


def name_initials(name: str) -> str:
    """Lower-case pinyin initials (拼音首字母): 张三 → "zs", 曾小明 → "zxm"."""
    return "".join(syllable[:1] if is_han else syllable for syllable, is_han in _tokens(name))


def name_pinyin(name: str) -> str:
    """Full toneless pinyin without spaces (全拼): 曾小明 → "zengxiaoming"."""
    return "".join(syllable for syllable, _ in _tokens(name))


def search_keys(name: str) -> tuple[str, str]:
    """``(initials, full pinyin)`` for indexing a resident name."""
    tokens = _tokens(name)
    initials = "".join(syllable[:1] if is_han else syllable for syllable, is_han in tokens)
    full = "".join(syllable for syllable, _ in tokens)
    return initials, full


def text_initials(text: str) -> str:
    """Pinyin initials for ordinary text that is *not* a person's name.

    For catalog items and the like ("查询社保" → "cxsb"): no surname rules, and
    words are read in context by pypinyin's phrase dictionary, so 查询 is
    chá xún, 单位 is dān wèi.  Same character handling as :func:`name_initials`.
    """
    return _text_initials(_clean(text))


# ---------------------------------------------------------------------------
# Internals
# ---------------------------------------------------------------------------

_Token = tuple[str, bool]  # (syllable or ASCII character, is a Han syllable)


def _tokens(name: str) -> tuple[_Token, ...]:
    """Split ``name`` into surname and given-name tokens, applying surname readings."""
    cleaned = _clean(name)
    if not cleaned:
        return ()
    compound = COMPOUND_SURNAMES.get(cleaned[:2]) if len(cleaned) > 2 else None
    if compound is not None:
        return tuple((syllable, True) for syllable in compound) + _given_tokens(cleaned[2:])
    surname = SINGLE_SURNAMES.get(cleaned[0])
    if surname is not None:
        return ((surname, True),) + _given_tokens(cleaned[1:])
    return _given_tokens(cleaned)


def _clean(name: str) -> str:
    """NFKC-normalize (full-width → ASCII) and drop whitespace."""
    return "".join(unicodedata.normalize("NFKC", name or "").split())


def _given_tokens(text: str) -> tuple[_Token, ...]:
    """Tokens for characters read with their default pronunciation."""
    tokens: list[_Token] = []
    for ch in text:
        if ch.isascii():
            if ch.isalnum():
                tokens.append((ch.lower(), False))
            continue
        syllable = _char_pinyin(ch)
        if syllable:
            tokens.append((syllable, True))
    return tuple(tokens)


@lru_cache(maxsize=16384)
def _char_pinyin(ch: str) -> str:
    """Default toneless pinyin of one character; "" if it is not Han.

    Heteronyms are disabled (most common reading).  Any non-ASCII letter
    left by pypinyin (e.g. "ê") is folded to ASCII.
    """
    from pypinyin import Style, lazy_pinyin  # deferred: ~0.2 s import

    syllables = lazy_pinyin(ch, style=Style.NORMAL, errors="ignore", v_to_u=False)
    return _fold_ascii("".join(syllables))


@lru_cache(maxsize=4096)
def _text_initials(cleaned: str) -> str:
    """Phrase-aware initials of already-cleaned text (cached per string)."""
    from pypinyin import Style, lazy_pinyin  # deferred: ~0.2 s import

    parts: list[str] = []
    han_run: list[str] = []
    for ch in cleaned + "\0":  # sentinel flushes the last Han run
        if not ch.isascii():
            han_run.append(ch)
            continue
        if han_run:
            syllables = lazy_pinyin("".join(han_run), style=Style.NORMAL, errors="ignore")
            parts.extend(_fold_ascii(s)[:1] for s in syllables)
            han_run.clear()
        if ch.isalnum():
            parts.append(ch.lower())
    return "".join(parts)


def _fold_ascii(syllable: str) -> str:
    """Fold a pypinyin syllable to lower-case ASCII letters ("ê" → "e")."""
    folded = unicodedata.normalize("NFKD", syllable)
    return "".join(c for c in folded if c.isascii() and c.isalpha()).lower()
