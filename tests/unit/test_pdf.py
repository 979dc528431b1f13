"""PDF bytes -> text: pages and lines, radical repair, unreadable files, and the real corpus of plan PDFs."""

import io
import random
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from build_tools.errors import SourceError
from build_tools.ingest.pdf import RADICAL_SUPPLEMENT_IDEOGRAPHS, extract_pdf_text, repair_radicals
from build_tools.ingest.readers import read_source

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
CORPUS_PDFS = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []
NATIONAL_PLAN = "2、2030年前碳达峰行动方案.pdf"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
RADICALS = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf]")


def to_unicode_cmap(chars: list[str]) -> bytes:
    """A ToUnicode CMap that maps code i+1 (two bytes) to chars[i]."""
    entries = "".join(f"<{i + 1:04X}> <{c.encode('utf-16-be').hex().upper()}>\n" for i, c in enumerate(chars))
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{entries}endbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()


def stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)


def make_pdf(pages: list[list[str]], encrypted: bool = False) -> bytes:
    """A PDF with a text layer: each page a list of lines, set in a CID font that is not embedded.

    The ToUnicode map says which character each glyph is, as in the plans' PDFs; with it a test can
    put any character in the text layer, including the radicals that some fonts map glyphs to.
    With ``encrypted``, the trailer names a standard security handler whose user password is not empty.
    """
    chars = sorted({c for page in pages for line in page for c in line})
    code = {c: f"{i + 1:04X}" for i, c in enumerate(chars)}
    contents = [
        b"BT /F1 12 Tf 72 770 Td 18 TL " + b"".join(b"<%s> Tj T* " % "".join(code[c] for c in line).encode() for line in page) + b"ET"
        for page in pages
    ]
    return pdf_of(contents, chars, encrypted)


def make_positioned_pdf(runs: list[tuple[float, float, str]]) -> bytes:
    """A one-page PDF whose text runs start where the page puts them: (x, baseline y, text), 12 pt
    glyphs one em wide. With it a test lays out a heading on the baseline of the sentence before it."""
    chars = sorted({c for _, _, text in runs for c in text})
    code = {c: f"{i + 1:04X}" for i, c in enumerate(chars)}
    shown = b"".join(b"1 0 0 1 %.1f %.1f Tm <%s> Tj " % (x, y, "".join(code[c] for c in text).encode()) for x, y, text in runs)
    return pdf_of([b"BT /F1 12 Tf " + shown + b"ET"], chars)


def pdf_of(contents: list[bytes], chars: list[str], encrypted: bool = False) -> bytes:
    """PDF bytes: one page per content stream, the CID font of ``make_pdf`` mapping code i+1 to chars[i]."""
    pages = contents
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (6 + 2 * i) for i in range(len(pages))), len(pages)),
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        4: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        5: stream(to_unicode_cmap(chars)),
    }
    for i, content in enumerate(pages):
        objects[6 + 2 * i] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (7 + 2 * i)
        objects[7 + 2 * i] = stream(content)
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in sorted(objects.items()):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    encryption = b""
    if encrypted:
        encryption = b" /Encrypt << /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >> /ID [<%s> <%s>]" % (b"11" * 32, b"22" * 32, b"33" * 16, b"33" * 16)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, encryption, xref)
    return out


def blank_pdf(page_count: int) -> bytes:
    """Pages without any text object: what a scan without OCR looks like to a text extractor."""
    document = pdfium.PdfDocument.new()
    for _ in range(page_count):
        document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PLAN_PAGES = [
    ["⼀、总体要求", "（⼀）推动⻓江经济带绿色发展，到 2025 年，非化石能源消费比重达到 20%左右。"],
    ["- 2 -", "二、保障措施", "各地区、各部门要加强组织领导，确保各项任务落实到位。"],
]


def message(data: bytes, file: str = "方案.pdf") -> str:
    with pytest.raises(SourceError) as caught:
        extract_pdf_text(data, file)
    assert caught.value.file == file
    return caught.value.message


# --- text: pages, lines, radicals ---


def test_pages_are_joined_by_form_feeds_and_lines_end_in_newlines():
    text = extract_pdf_text(make_pdf(PLAN_PAGES), "方案.pdf")
    assert text == (
        "一、总体要求\n（一）推动长江经济带绿色发展，到 2025 年，非化石能源消费比重达到 20%左右。"
        "\f- 2 -\n二、保障措施\n各地区、各部门要加强组织领导，确保各项任务落实到位。"
    )


def test_extraction_is_deterministic():
    data = make_pdf(PLAN_PAGES)
    assert extract_pdf_text(data, "方案.pdf") == extract_pdf_text(data, "方案.pdf")


@pytest.mark.parametrize(
    "raw, repaired",
    [
        ("⼀", "一"),  # KANGXI RADICAL ONE
        ("⻓", "长"),  # CJK RADICAL C-SIMPLIFIED LONG: NFKC leaves it as it is
        ("⼈⺠政府", "人民政府"),
        ("⻔户⽹站", "门户网站"),
        ("，", "，"),  # full-width punctuation stays full-width
        ("（一）到２０２５年：", "（一）到２０２５年："),
        ("⺡", "⺡"),  # WATER ONE is the component 氵, never a character of running text
    ],
)
def test_repair_radicals(raw, repaired):
    assert repair_radicals(raw) == repaired


def test_radical_table_maps_radicals_to_ideographs():
    for radical, ideograph in RADICAL_SUPPLEMENT_IDEOGRAPHS.items():
        assert 0x2E80 <= ord(radical) <= 0x2EFF and CJK.fullmatch(ideograph), (radical, ideograph)


def test_read_source_reads_a_pdf(tmp_path):
    path = tmp_path / "天津市碳达峰实施方案.pdf"
    path.write_bytes(make_pdf(PLAN_PAGES))
    source = read_source(path)
    assert source.format == "pdf"
    assert "长江经济带" in source.text


# --- files that are not readable PDFs ---


def test_truncated_pdf():
    data = make_pdf(PLAN_PAGES)
    assert message(data[: len(data) // 2]).startswith("not a readable PDF (truncated or damaged): it ends before")


def test_header_only():
    assert message(b"%PDF-1.4\n").startswith("not a readable PDF (truncated or damaged)")


def test_damaged_pdf_with_an_end_marker():
    data = make_pdf(PLAN_PAGES).replace(b"obj", b"jbo").replace(b"xref", b"free")
    assert message(data) == (
        "not a readable PDF (truncated or damaged): its structure cannot be parsed; "
        "download it again or re-save it from a PDF viewer"
    )


def test_random_bytes_named_pdf():
    data = random.Random(7).randbytes(4096)
    assert message(data) == "not a readable PDF: it does not start with %PDF-"


def test_web_page_saved_as_pdf():
    data = b"\n<!DOCTYPE html>\n<html><head><title>404</title></head></html>"
    assert message(data) == "not a readable PDF: it does not start with %PDF-; it is a web page (HTML)"


def test_encrypted_pdf():
    assert "encrypted with a password" in message(make_pdf(PLAN_PAGES, encrypted=True))


def test_blank_pages_are_a_scan():
    assert message(blank_pdf(3)).startswith("no text layer: the PDF holds page images only (a scan?); run OCR first")


def test_pages_with_only_page_numbers_are_a_scan():
    """A scan whose OCR caught the page numbers only still has no text layer to speak of."""
    assert message(make_pdf([["- 1 -"], ["- 2 -"], ["- 3 -"]])).startswith("no text layer")


def test_errors_carry_no_traceback_of_pdfium():
    with pytest.raises(SourceError) as caught:
        extract_pdf_text(b"%PDF-1.4\n", "方案.pdf")
    assert caught.value.__suppress_context__
    assert str(caught.value) == f"方案.pdf: {caught.value.message}"


# --- the real corpus (../shared/corpus beside the repository) ---

needs_corpus = pytest.mark.skipif(not CORPUS_PDFS, reason=f"no corpus of plan PDFs at {CORPUS} (only in the shared workspace)")


@needs_corpus
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.name.split("、")[0])
def test_corpus_pdf_extracts_as_chinese_text(path):
    text = extract_pdf_text(path.read_bytes(), path.name)
    visible = re.sub(r"\s", "", text)
    assert len(visible) > 1000
    assert len(CJK.findall(visible)) > 0.5 * len(visible)
    assert not RADICALS.search(text)
    assert "\ufffd" not in text and "\r" not in text


@needs_corpus
def test_national_plan_states_its_2030_target():
    path = CORPUS / NATIONAL_PLAN
    text = extract_pdf_text(path.read_bytes(), path.name)
    compact = re.sub(r"\s", "", text)
    assert "非化石能源消费比重达到25%左右" in compact
    assert text.count("\f") == 9  # ten pages


# --- line breaks from the text layer: a heading on the baseline of the sentence before it ---

# 定西 (360): 。 ends at x=418, 二、推进 starts two ems further at x=450 and runs to the right margin,
# 生产体系绿色升级 (the rest of the heading) opens the next line; the page's right margin is x=498.
DINGXI_GLUED = [
    (90, 446, "以习近平新时代中国特色社会主义思想为指导，推进生态文明建设"),
    (90, 430, "活方式，碳排放达峰后稳中有降，美丽定西建设目标基本实现。"),
    (450, 430, "二、推进生产体"),
    (90, 414, "系绿色升级"),
    (90, 398, "（一）实施工业绿色改造。推进钢铁、有色、化工、建材等行业"),
]


def test_a_heading_after_a_paragraph_indent_on_one_baseline_gets_its_own_line():
    text = extract_pdf_text(make_positioned_pdf(DINGXI_GLUED), "360.pdf")
    assert text.split("\n")[1:4] == ["活方式，碳排放达峰后稳中有降，美丽定西建设目标基本实现。", "二、推进生产体系绿色升级", "（一）实施工业绿色改造。推进钢铁、有色、化工、建材等行业"]


def test_a_heading_that_ends_on_the_glued_line_is_not_joined_with_the_next():
    runs = [(90, 430, "美丽定西建设目标基本实现。"), (300, 430, "四、打造绿色消费体系"), (90, 414, "（九）扩大绿色消费规模。推广")]
    text = extract_pdf_text(make_positioned_pdf(runs + [(90, 398, "以习近平新时代中国特色社会主义思想为指导推进生态文明建设")]), "360.pdf")
    assert text.split("\n")[:3] == ["美丽定西建设目标基本实现。", "四、打造绿色消费体系", "（九）扩大绿色消费规模。推广"]


@pytest.mark.parametrize("runs", [
    [(90, 430, "能源消费比重达到20%。二、重点任务")],  # one run: no gap, as a sentence that quotes a heading
    [(90, 430, "加强统筹协调。"), (186, 430, "（一）推进")],  # one em after the 。: under HEADING_GAP_EMS
])
def test_text_on_one_line_without_a_gap_stays_one_line(runs):
    text = extract_pdf_text(make_positioned_pdf(runs + [(90, 398, "以习近平新时代中国特色社会主义思想为指导推进生态文明建设")]), "x.pdf")
    assert text.split("\n")[0].replace(" ", "") == "".join(t for _, y, t in runs if y == 430)
