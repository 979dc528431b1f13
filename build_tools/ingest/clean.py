"""Clean text -> paragraphs. Each step is a small named function with a real example.

The output of ``clean_text`` is a list of ``Paragraph`` (text + first source line) and a list of
``Removed`` lines with the reason they were dropped, so that nothing is lost silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from build_tools.ingest.encodings import repair_gb_code_points, repair_punctuation
from build_tools.ingest.govinfo import METADATA_LABELS, OTHER_LABELS, parse_metadata
from build_tools.ingest.injected import find_injected, remove_injected
from build_tools.ingest.portal import repair_digit_date, repair_label_padding, repair_space_marks
from build_tools.parse.patterns import DATE_LINE, DOC_NUMBER, MARKER_START

# — 3 —   - 17 -   －12－   第 3 页   (page-number lines left by PDF extraction)
PAGE_NUMBER_LINE = re.compile(r"^\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)\s*$")
# 一、总体要求\t1   (二) 基本原则 ...... 12   (table-of-contents entry: heading, then a page number)
TOC_ENTRY = re.compile(r"^\s*\S.{0,60}?(?:\t+|\s{2,}|[.…·]{3,}\s*)\d{1,3}\s*$")
# 目 录 / 目录
TOC_HEADING = re.compile(r"^\s*目\s*录\s*$")
# **统筹规划、分类施策。** (Markdown emphasis in copies pasted from web editors)
MARKDOWN_EMPHASIS = re.compile(r"\*\*|__")
CJK = r"\u3400-\u9fff\uf900-\ufaff"
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201d"
# 到 2025 年 -> 到2025年 ; 100 万千瓦 -> 100万千瓦 ; 10kV 及以下 -> 10kV及以下
SPACE_CJK_DIGIT = re.compile(rf"(?<=[{CJK}{CJK_PUNCT}])[ \t\u3000\u00a0]+(?=[0-9A-Za-z%(（])|(?<=[0-9A-Za-z%)）])[ \t\u3000\u00a0]+(?=[{CJK}{CJK_PUNCT}])")
TERMINAL = "。！？；：…”’）)】」』"
# a line that is complete on its own: a title or notice line (…实施方案 / …的通知)
COMPLETE_LINE = re.compile(r"(?:通知|方案|意见|规划|计划|办法|决定|纲要|要点)$")
# 政务公开 metadata printed as lines in text copies of web pages: 索引号：…  发文字号：…  名称：… (labels: govinfo)
METADATA_LINE = re.compile(
    r"^\s*(" + "|".join(r"\s*".join(label) for label in sorted({*METADATA_LABELS, *OTHER_LABELS}, key=len, reverse=True))
    + r")\s*[：:]\s*(.*)$"
)
# site chrome that survives in text copies of government web pages (whole lines only)
SITE_CHROME_LINE = re.compile(
    r"^\s*(?:扫一扫在手机(?:上)?打开当前页|扫一扫|【?打印(?:本页)?】?\s*【?关闭(?:窗口)?】?|打印本页|关闭窗口|【?我要打印】?|【?关闭】?"
    r"|字号[：:]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小\s*[】\]]?|分享到[：:]?.*|网站地图|联系我们|返回顶部"
    r"|(?:主办|承办|协办)单位[：:].*|版权所有.*|.*ICP备\s*\d+号.*|.*公网安备\s*\d+号?.*|网站标识码[：:].*|技术支持[：:].*"
    r"|(?:当前位置|您的位置|首页)\s*[>＞»›].*|浏览次数[：:].*|(?:发布时间|来源)[：:].*(?:浏览|来源|字号).*"
    r"|天气预报[：:]?|.{0,12}气象台.{0,20}发布[：:].*|字号"
    r"|违法和不良信息举报.*|备案单位[：:].*|(?:地址|邮编|邮箱)[：:].{0,40}"
    r"|[^\s/]+\.(?:jpg|jpeg|png|gif|bmp|webp))\s*$",
    re.I,
)
# full-width letters and digits: ２０２５ -> 2025
FULLWIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ％]")


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int
    """1-based number of the source line the paragraph starts on."""
    end: int = 0
    """1-based number of the source line the paragraph ends on."""
    source: str = ""
    """The source file the paragraph was read from."""


@dataclass(frozen=True)
class Removed:
    line: int
    text: str
    reason: str


def normalize_characters(text: str) -> str:
    """Unify line ends, form feeds and width variants: ``２０２５年`` -> ``2025年``, ``\\f`` -> new line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\ufeff", "")
    text = FULLWIDTH_ALNUM.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return text.replace("\u200b", "")


def normalize_brackets(line: str) -> str:
    """Half-width brackets around Chinese text become full-width: ``(十)绿色低碳`` -> ``（十）绿色低碳``.

    Plans mix both in one file; the outline and agency rules then see one form. Brackets around
    pure ASCII (``(ETC)``) are kept as printed.
    """
    if not re.search(rf"[{CJK}]", line):
        return line
    line = re.sub(rf"\(([^()]*[{CJK}][^()]*)\)", r"（\1）", line)
    # a bracket opened in one form and closed in the other: （市委宣传部…负责)
    line = re.sub(r"（([^（）()]*)\)", r"（\1）", line)
    line = re.sub(r"\(([^（）()]*)）", r"（\1）", line)
    return line


def remove_markdown_emphasis(line: str) -> str:
    """``——**统筹规划、分类施策。**以国家…`` -> ``——统筹规划、分类施策。以国家…``."""
    return MARKDOWN_EMPHASIS.sub("", line)


def remove_spaces_around_digits(text: str) -> str:
    """``确保如期实现 2030年前`` -> ``确保如期实现2030年前``; PDF text puts spaces between Chinese and digits."""
    return SPACE_CJK_DIGIT.sub("", text)


def display_width(line: str) -> int:
    """Width in half-width cells: a Chinese character counts 2, an ASCII digit 1."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in line)


def detect_wrap_width(lines: list[str]) -> int | None:
    """The line width of hard-wrapped text (PDF extraction), or None when lines are whole paragraphs.

    In 西青区's text nearly every line ends mid-sentence at about 60 cells; in 宝坻区's text every
    line is a paragraph ending in 。 .
    """
    body = [ln for ln in lines if len(ln) >= 8]
    if len(body) < 20:
        return None
    open_ended = [ln for ln in body if ln[-1] not in TERMINAL]
    if len(open_ended) < 0.5 * len(body):
        return None
    widths = sorted(display_width(ln) for ln in open_ended)
    width = widths[int(0.9 * (len(widths) - 1))]
    return width if width <= 120 else None


def ends_paragraph(line: str, wrap_width: int | None) -> bool:
    """Whether a paragraph ends after this line.

    Hard-wrapped text: a line clearly shorter than the wrap width ends its paragraph
    (``论环境。`` after a full line); a line that stops mid-sentence must be much shorter, since
    half-width digits and spaces make full lines look short (``…支持力度，选择 100 个具`` continues).
    Unwrapped text: a line ends its paragraph unless it stops mid-sentence and is long, as at a page
    break: ``…城乡建设碳`` / ``达峰行动…``.
    """
    if wrap_width is not None:
        if line[-1] in TERMINAL:
            return display_width(line) < wrap_width - 5 or line.endswith("：")
        return display_width(line) < 0.75 * wrap_width
    if line[-1] in TERMINAL or COMPLETE_LINE.search(line):
        return True
    return display_width(line) < 50


def metadata_from_lines(removed: list[Removed]) -> dict[str, str]:
    """``发文字号：津宝政发〔2023〕5号`` lines of a text copy -> {"发文字号": "津宝政发〔2023〕5号"}; a line may
    hold two fields (``索引号：1112…\t发布机构：天津市西青区人民政府``)."""
    return parse_metadata([item.text for item in removed if item.reason == "metadata table"])


def is_standalone_line(line: str) -> bool:
    """A date (``2023年5月25日``) or document number (``津宝政发〔2023〕5号``) line is never joined."""
    compact = re.sub(r"\s+", "", line)
    return bool(DATE_LINE.match(compact) or DOC_NUMBER.match(compact))


def clean_text(raw: str) -> tuple[list[Paragraph], list[Removed]]:
    """Raw text of a plan -> paragraphs in document order, and the lines removed with their reason."""
    text = repair_punctuation(normalize_characters(repair_gb_code_points(raw)))
    originals = text.split("\n")
    repaired = [repair_space_marks(repair_label_padding(line)) for line in originals]
    injected = find_injected(repaired)
    removed: list[Removed] = []
    lines: list[tuple[int, str]] = []
    in_toc = False
    for number, (original, line) in enumerate(zip(originals, repaired), start=1):
        line, found = remove_injected(line, injected)
        removed += [Removed(number, item.text, item.reason(whole_line=not line.strip())) for item in found]
        line = normalize_brackets(remove_markdown_emphasis(line).strip())
        if not line:
            if original.strip() and not found:
                removed.append(Removed(number, original.strip(), "space marks (? printed for spaces)"))
            continue
        if PAGE_NUMBER_LINE.match(line):
            removed.append(Removed(number, original.strip(), "page number"))
            continue
        if METADATA_LINE.match(line):
            removed.append(Removed(number, line, "metadata table"))  # as repaired: parsed for its fields
            continue
        if SITE_CHROME_LINE.match(line):
            removed.append(Removed(number, original.strip(), "site chrome"))
            continue
        if TOC_HEADING.match(line):
            in_toc = True
            removed.append(Removed(number, original.strip(), "table of contents"))
            continue
        if TOC_ENTRY.match(line) and (in_toc or MARKER_START.match(line)):
            in_toc = True
            removed.append(Removed(number, original.strip(), "table of contents"))
            continue
        in_toc = False
        lines.append((number, repair_digit_date(line, lines[-1][1] if lines else "")))

    wrap_width = detect_wrap_width([ln for _, ln in lines])
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    start = 0
    for index, (number, line) in enumerate(lines):
        if not current:
            start = number
        current.append(line)
        next_line = lines[index + 1][1] if index + 1 < len(lines) else None
        open_bracket = "".join(current).count("（") > "".join(current).count("）") and len("".join(current)) < 2000
        if (
            next_line is None
            or (ends_paragraph(line, wrap_width) and not (open_bracket and not MARKER_START.match(next_line)))
            or MARKER_START.match(next_line)
            or is_standalone_line(next_line)
            or is_standalone_line(line)
        ):
            paragraphs.append(Paragraph(remove_spaces_around_digits("".join(current)), start, number))
            current = []
    return paragraphs, removed
