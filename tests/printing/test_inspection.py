"""An independent check of every document type on every paper it supports,
with the sample data and with extreme data (a 40-character item name, 25
materials, an 800-character reason, names with rare characters), read back
the way an inspector's tools read it:

- pdffonts: every font embedded;
- pdftotext: every character of the data on the page;
- no line starts with closing punctuation or ends with an opening bracket;
- pdftohtml: no text under 8 pt;
- zbar: the QR code decodes to the configured address.
"""
from __future__ import annotations

import re
import subprocess

import pytest

from app.printing import DOC_TYPES, CaseDocument, NotificationData, render
from app.printing.glyphs import strings_of
from app.printing.sheet import MIN_TYPE_SIZE
from tests.printing import samples
from tests.printing.pdftools import RenderedPdf

CLOSING = set("，。、；：？！）》」』】〕”’")
OPENING = set("（《「『【〔“‘")

CASES = [(code, paper, variant) for code, kind in DOC_TYPES.items() for paper in kind.papers
         for variant in ("sample", "extreme")]

# Data that is printed otherwise (masked, as words) or, by design, not at all on that document.
_NOT_VERBATIM = re.compile(r"(^|\.)(id_number|status_base_url|form|county|town|opening_hours|pickup_hours)$"
                           r"|^applicant\.phone$|^asker_phone$|^agent_phone$")
_ONLY_ON = {
    r"\.(format|issuer|obtain)$": {"notification"},
    r"^materials\[\d+\]\.note$|^deferred\[\d+\]\.note$": {"receipt", "notification"},
    r"^appeal\.": {"rejection_notice"},
    r"^center\.(address|consult_phone)$": {"receipt", "notification", "supplement_notice", "deferred_notice",
                                           "rejection_notice", "extension_notice", "completion_notice"},
    r"^center\.(phone|supervision_phone)$": {"receipt", "notification", "supplement_notice", "deferred_notice",
                                             "rejection_notice", "extension_notice", "completion_notice",
                                             "referral_slip"},
}


def data_of(code: str, variant: str):
    return samples.BUILDERS[code]() if variant == "sample" else samples.extreme(code)


def printed_strings(code: str, data) -> list[tuple[str, str]]:
    kept = []
    for path, text in strings_of(data):
        if _NOT_VERBATIM.search(path):
            continue
        if any(re.search(pattern, path) and code not in codes for pattern, codes in _ONLY_ON.items()):
            continue
        kept.append((path, text))
    return kept


@pytest.fixture(scope="module")
def inspected(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("inspected")
    cache: dict[tuple[str, str, str], tuple[RenderedPdf, object]] = {}

    def get(code: str, paper: str, variant: str) -> tuple[RenderedPdf, object]:
        key = (code, paper, variant)
        if key not in cache:
            data = data_of(code, variant)
            path = folder / f"{code}-{paper}-{variant}.pdf"
            path.write_bytes(render(data, paper))
            cache[key] = (RenderedPdf(path), data)
        return cache[key]

    return get


@pytest.mark.parametrize(("code", "paper", "variant"), CASES)
def test_every_font_is_embedded(inspected, code: str, paper: str, variant: str) -> None:
    pdf, _ = inspected(code, paper, variant)
    assert pdf.fonts and all(font.embedded for font in pdf.fonts), pdf.fonts


@pytest.mark.parametrize(("code", "paper", "variant"), CASES)
def test_every_character_of_the_data_is_on_the_page(inspected, code: str, paper: str, variant: str) -> None:
    pdf, data = inspected(code, paper, variant)
    page = set(pdf.text)
    lost = {(path, char) for path, text in printed_strings(code, data) for char in text
            if not char.isspace() and char not in page}
    assert lost == set()


@pytest.mark.parametrize(("code", "paper", "variant"), CASES)
def test_no_line_starts_with_closing_punctuation_or_ends_with_an_opening_bracket(
        inspected, code: str, paper: str, variant: str) -> None:
    pdf, _ = inspected(code, paper, variant)
    lines = [line.strip() for line in pdf.text.splitlines() if line.strip()]
    assert [line for line in lines if line[0] in CLOSING] == []
    assert [line for line in lines if line[-1] in OPENING] == []


@pytest.mark.parametrize(("code", "paper", "variant"), CASES)
def test_no_text_is_set_under_8_points(inspected, code: str, paper: str, variant: str) -> None:
    pdf, _ = inspected(code, paper, variant)
    xml = subprocess.run(["pdftohtml", "-xml", "-stdout", "-i", "-zoom", "1", str(pdf.path)], capture_output=True,
                         text=True, check=True, timeout=60).stdout
    sizes = {int(size) for size in re.findall(r'<fontspec id="\d+" size="(-?\d+)"', xml)}
    assert sizes and min(sizes) >= MIN_TYPE_SIZE, sorted(sizes)


@pytest.mark.parametrize(("code", "paper", "variant"),
                         [case for case in CASES if DOC_TYPES[case[0]].data_class in (
                             *[k.data_class for k in DOC_TYPES.values() if issubclass(k.data_class, CaseDocument)],
                             NotificationData)])
def test_the_qr_code_decodes_to_the_configured_address(inspected, code: str, paper: str, variant: str) -> None:
    pdf, data = inspected(code, paper, variant)
    assert data.status_url.startswith(samples.BASE_URL + "/status?")
    assert data.status_url in pdf.qr_payloads()


def test_the_extreme_data_is_what_the_review_used() -> None:
    receipt = samples.extreme("receipt")
    assert len(receipt.item_name) == 40 and len(receipt.materials) == 25
    assert len(samples.extreme("extension_notice").reason) == 800
    assert "𠈌" in receipt.applicant.name and "䶮" in receipt.applicant.name




LETTERS = ("supplement_notice", "deferred_notice", "rejection_notice", "extension_notice", "completion_notice",
           "notification")


@pytest.mark.parametrize(("code", "paper", "variant"), [c for c in CASES if c[0] in LETTERS])
def test_the_seal_date_and_signature_never_stand_alone_on_a_page(inspected, code: str, paper: str,
                                                                   variant: str) -> None:
    pdf, _ = inspected(code, paper, variant)
    (page,) = [text for text in pdf.page_texts if "（盖章）" in text or "专用章）" in text]
    assert re.search(r"（(签收|签字)）", page)
    before = page.split("办理进度查询")[0] if "办理进度查询" in page else page.split("申请人（签字）")[0]
    assert "。" in before, "the closing block went to a page of its own"


@pytest.mark.parametrize(("code", "paper", "variant"), [c for c in CASES if c[0] in ("ledger", "inquiry_ledger")])
def test_a_ledgers_last_page_holds_rows_not_only_the_total(inspected, code: str, paper: str, variant: str) -> None:
    pdf, data = inspected(code, paper, variant)
    last = pdf.page_texts[-1]
    assert "合计" in last and "审核人" in last
    names = {row.applicant_name if code == "ledger" else row.asker_name for row in data.rows}
    assert any(name in last for name in names)
