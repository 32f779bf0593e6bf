"""The Chinese font: found in the right order, registered once, and a clear
error in Chinese when there is none."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.printing import FontNotFound, render
from app.printing.fonts import default_font_candidates, find_font, font_name
from app.services.errors import DomainError
from tests.printing import samples

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def test_a_configured_font_comes_first(tmp_path: Path) -> None:
    copy = tmp_path / "宋体副本.ttc"
    copy.write_bytes(WQY.read_bytes())
    assert find_font(copy, candidates=[WQY]) == copy


def test_a_configured_font_that_does_not_exist_is_an_error_not_a_fallback(tmp_path: Path) -> None:
    missing = tmp_path / "simsun.ttc"
    with pytest.raises(FontNotFound) as raised:
        find_font(missing, candidates=[WQY])
    assert isinstance(raised.value, DomainError)
    assert str(missing) in str(raised.value) and "不存在" in str(raised.value)
    assert raised.value.field == "font_path"


def test_no_font_anywhere_says_what_to_install() -> None:
    with pytest.raises(FontNotFound) as raised:
        find_font(None, candidates=[])
    message = str(raised.value)
    assert "找不到可用于打印的中文字体" in message
    assert "fonts-wqy-microhei" in message and "simsun.ttc" in message and "msyh.ttc" in message


def test_render_with_a_missing_configured_font_fails_before_printing(tmp_path: Path) -> None:
    with pytest.raises(FontNotFound):
        render(samples.receipt(), "A4", font_path=tmp_path / "nowhere.ttf")


def test_a_file_that_is_not_a_truetype_font_is_refused_in_chinese(tmp_path: Path) -> None:
    fake = tmp_path / "fake.ttf"
    fake.write_bytes(b"not a font at all")
    with pytest.raises(FontNotFound) as raised:
        font_name(fake)
    assert "无法使用打印字体" in str(raised.value)


def test_the_first_existing_candidate_wins(tmp_path: Path) -> None:
    assert find_font(None, candidates=[tmp_path / "missing.ttc", WQY]) == WQY


def test_windows_looks_in_windir_fonts_for_simsun_then_yahei() -> None:
    candidates = default_font_candidates(environ={"WINDIR": r"D:\Win"}, platform="win32")
    names = [str(path).replace("\\", "/") for path in candidates]
    assert "D:/Win/Fonts/simsun.ttc" in names and "D:/Win/Fonts/msyh.ttc" in names
    assert names.index("D:/Win/Fonts/simsun.ttc") < names.index("D:/Win/Fonts/msyh.ttc")


def test_linux_looks_for_wenquanyi_micro_hei() -> None:
    assert WQY in default_font_candidates(environ={}, platform="linux")


def test_the_font_is_registered_once_per_process() -> None:
    first = font_name()
    start = time.perf_counter()
    again = font_name()
    assert again == first
    assert time.perf_counter() - start < 0.01


def test_windows_falls_back_to_simsun_extb_and_extg() -> None:
    from app.printing.fonts import default_fallback_candidates

    names = [str(p).replace("\\", "/") for p in default_fallback_candidates(environ={"WINDIR": r"D:\Win"},
                                                                            platform="win32")]
    assert "D:/Win/Fonts/simsunb.ttf" in names and "D:/Win/Fonts/SimsunExtG.ttf" in names
    assert names.index("D:/Win/Fonts/simsunb.ttf") < names.index("D:/Win/Fonts/SimsunExtG.ttf")


def test_linux_falls_back_to_hanazono_then_babelstone() -> None:
    from app.printing.fonts import default_fallback_candidates

    names = [p.name for p in default_fallback_candidates(environ={}, platform="linux")]
    assert names.index("HanaMinA.ttf") < names.index("HanaMinB.ttf") < names.index("BabelStoneHan.ttf")
