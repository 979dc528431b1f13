"""PDF bytes -> text: one page after another, separated by a form feed, lines as the page lays them out.

Library: pypdfium2 (PDFium), chosen over pdfminer.six on the 39 policy PDFs of shared/corpus:

- speed: 1.0 s for all 39 against 10.3 s (pdfminer ``extract_text``) and 9.2 s (tuned ``LAParams``);
- characters: the same non-space characters in 38 of 39 files (260,077 in all, 88 % CJK); no U+FFFD,
  private-use, radical or ``(cid:N)`` defects from either library;
- order: PDFium keeps the page's order; pdfminer put the signature block inside a sentence
  (天水, 353) and read the indicator tables of 北京 (316) and 定西 (360) column by column, the
  tables even with tuned ``LAParams``;
- its one loss: in the Adobe Paper Capture OCR file (大连, 362) PDFium drops about 170 characters
  (74 。, 18 ，, 〈〉, digits, 第/号), as it skips text objects whose box has zero width; pdfminer
  keeps them (and adds 37 characters of OCR noise from the seal).

Page numbers stay in the text as lines of their own (``— 3 —`` first on its page); the cleaner drops
them and re-joins hard-wrapped lines. Lines are PDFium's, except that a heading printed on the
baseline of the sentence before it, after a paragraph indent, is given its own line from the character
boxes (``split_glued_headings``: 定西, 360, six chapter headings; 1.05 s for the 39 files against 1.0 s
for PDFium's lines alone, as only a marker after 。 or ； is looked at).
"""

from __future__ import annotations

import re
import unicodedata

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from build_tools.errors import SourceError
from build_tools.parse.patterns import MARKER_START

# A plan has hundreds of non-space characters a page (the corpus: 447 a page on average at the fewest);
# a scan has none, or the few of an OCR'd page number or stamp.
MIN_CHARS_PER_PAGE = 20
# The PDF header may follow some junk bytes; PDF readers accept it within the first 1 KB.
HEADER_WINDOW = 1024
# What a file named .pdf often really is: %PDF- is missing and the first bytes say what it is.
NOT_PDF_SIGNATURES = (
    (b"<!doctype html", "a web page (HTML)"),
    (b"<html", "a web page (HTML)"),
    (b"pk\x03\x04", "a ZIP archive (a .docx or .ofd file?)"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc, .wps or .xls?)"),
)
# CJK Radicals Supplement characters shaped like a whole (mostly simplified) character, which they stand
# for in running text: ⻓ CJK RADICAL C-SIMPLIFIED LONG -> 长. NFKC maps only ⺟ and ⻳ of this block.
# Component forms such as ⺡ (WATER ONE, 氵) and the Japanese forms (J-SIMPLIFIED) are left alone.
RADICAL_SUPPLEMENT_IDEOGRAPHS = {
    "⺠": "民", "⻄": "西", "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻓": "长", "⻔": "门",
    "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻢": "马", "⻣": "骨",
    "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻬": "齐",
    "⻮": "齿", "⻰": "龙",
}
# 。 or ； and the spaces after it, where a heading may follow on the same line of PDFium's text
SENTENCE_END = re.compile(r"[。；][ \t\u3000]*")
# a heading printed after a sentence on one baseline starts a new paragraph when this many ems of empty
# space stand between them: 定西 (360) prints …基本实现。 and 二、推进 two ems apart (a paragraph indent);
# the widest gap inside a justified line of the corpus is well under one em
HEADING_GAP_EMS = 1.5
# a heading's text that reaches the right margin within this many ems wraps onto the next line
RIGHT_MARGIN_EMS = 1.0
KANGXI_RADICALS = range(0x2F00, 0x2FE0)
RADICALS_SUPPLEMENT = range(0x2E80, 0x2F00)


def repair_radical(char: str) -> str:
    """A radical that a PDF font put where the ideograph belongs -> the ideograph: ``⼀`` -> ``一``."""
    code = ord(char)
    if code in KANGXI_RADICALS or code in RADICALS_SUPPLEMENT:
        return RADICAL_SUPPLEMENT_IDEOGRAPHS.get(char) or unicodedata.normalize("NFKC", char)
    return char


def repair_radicals(text: str) -> str:
    """``⼀、总体要求`` -> ``一、总体要求``; ``⻓江经济带`` -> ``长江经济带``.

    Some PDF fonts map the glyph of 一, 人, 长, 门 … to the Kangxi radical or the CJK radical
    supplement character of the same shape, which looks right on screen but matches no keyword.
    Only those two blocks are mapped: NFKC on the whole text would also turn the full-width
    punctuation of Chinese (，：（）) into ASCII. None of the 39 corpus PDFs needs it.
    """
    if not any(ord(c) in KANGXI_RADICALS or ord(c) in RADICALS_SUPPLEMENT for c in text):
        return text
    return "".join(repair_radical(c) for c in text)


def describe_non_pdf(data: bytes) -> str:
    """What a file without the PDF header is, when its first bytes say: ``<!DOCTYPE html>`` -> a web page."""
    head = data[:HEADER_WINDOW].lstrip().lower()
    for signature, kind in NOT_PDF_SIGNATURES:
        if head.startswith(signature):
            return f"; it is {kind}"
    return ""


def open_pdf(data: bytes, file: str) -> pdfium.PdfDocument:
    """Bytes -> an open PDF, or a SourceError that says why the file cannot be read."""
    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise SourceError(file, f"not a readable PDF: it does not start with %PDF-{describe_non_pdf(data)}")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise SourceError(file, "the PDF is encrypted with a password; save an unprotected copy and use that") from None
        if error.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise SourceError(file, "the PDF is encrypted in a way that cannot be opened (unsupported security handler); save an unprotected copy") from None
        if b"%%EOF" not in data[-HEADER_WINDOW:]:
            reason = "it ends before its end-of-file marker %%EOF, so the download was probably cut off; download it again"
        else:
            reason = "its structure cannot be parsed; download it again or re-save it from a PDF viewer"
        raise SourceError(file, f"not a readable PDF (truncated or damaged): {reason}") from None


def starts_new_line(textpage: pdfium.PdfTextPage, end: int, marker: int) -> bool:
    """Whether the heading marker at char ``marker`` stands apart from the sentence ending at ``end``:
    on a lower line, left of it, or after a gap of ``HEADING_GAP_EMS`` (a paragraph indent)."""
    left, bottom, right, top = textpage.get_charbox(end, loose=True)
    m_left, m_bottom, m_right, m_top = textpage.get_charbox(marker, loose=True)
    em = max(top - bottom, 1.0)
    middle = (m_bottom + m_top) / 2
    return not bottom <= middle <= top or m_left < left or m_left - right >= HEADING_GAP_EMS * em


def right_margin(textpage: pdfium.PdfTextPage) -> float:
    """The right edge of the page's text: the rightmost edge of PDFium's text rectangles."""
    return max((textpage.get_rect(i)[2] for i in range(textpage.count_rects())), default=0.0)


def split_glued_headings(text: str, textpage: pdfium.PdfTextPage) -> str:
    """``…美丽定西建设目标基本实现。 二、推进`` / ``生产体系绿色升级`` -> ``…基本实现。`` / ``二、推进生产体系绿色升级``.

    PDFium puts a heading that a plan prints on the baseline of the previous sentence, after a paragraph
    indent (定西, 360: six chapter headings), on that sentence's line; the character boxes show the gap.
    Such a heading starts a line of its own; when its text runs to the right margin, the next line is
    the rest of it and is joined. Scope: a marker of ``patterns.MARKER_START`` after 。 or ；, on pages
    whose text has one character per PDFium character index (all 405 pages of the corpus).
    """
    if len(text) != textpage.count_chars():
        return text
    cuts = [
        (match.start(), match.end()) for match in SENTENCE_END.finditer(text)
        if match.end() < len(text) and text[match.end()] not in "\r\n" and MARKER_START.match(text[match.end():match.end() + 16])
        and starts_new_line(textpage, match.start(), match.end())
    ]
    if not cuts:
        return text
    margin = right_margin(textpage)
    pieces, last = [], 0
    for end, marker in cuts:
        pieces += [text[last:end + 1], "\r\n"]
        last = marker
        line_end = text.find("\r\n", marker)
        if line_end > marker and not MARKER_START.match(text[line_end + 2:line_end + 18]):
            left, bottom, right, top = textpage.get_charbox(line_end - 1, loose=True)
            if right >= margin - RIGHT_MARGIN_EMS * (top - bottom):
                pieces.append(text[marker:line_end])  # the heading wraps: its rest follows on the next line
                last = line_end + 2
    pieces.append(text[last:])
    return "".join(pieces)


def read_page_texts(document: pdfium.PdfDocument, file: str) -> list[str]:
    """The text of each page, in the order PDFium finds it on the page."""
    texts = []
    for index in range(len(document)):
        try:
            page = document[index]
            textpage = page.get_textpage()
        except pdfium.PdfiumError:
            raise SourceError(file, f"not a readable PDF (truncated or damaged): page {index + 1} cannot be read") from None
        texts.append(split_glued_headings(textpage.get_text_range(), textpage))
        textpage.close()
        page.close()
    return texts


def extract_pdf_text(data: bytes, file: str) -> str:
    """PDF bytes -> text with pages joined by ``\\f`` and ``\\n`` line ends; radicals repaired."""
    document = open_pdf(data, file)
    try:
        if len(document) == 0:
            raise SourceError(file, "not a readable PDF (truncated or damaged): it has no pages")
        pages = read_page_texts(document, file)
    finally:
        document.close()
    text = "\f".join(pages).replace("\r\n", "\n").replace("\r", "\n")
    characters = sum(1 for c in text if not c.isspace())
    if characters < MIN_CHARS_PER_PAGE * len(pages):
        raise SourceError(
            file,
            f"no text layer: the PDF holds page images only (a scan?); run OCR first "
            f"({characters} characters on {len(pages)} pages)",
        )
    return repair_radicals(text)
