"""Repairs for text copies of government portal pages (scraped to text, saved in a legacy code page).

Seed 003, the Xiqing portal page, shows each defect: ``?`` printed for every space the code page could
not hold (``索???引??号?:``, ``??????西青区人民政府``, ``1.?加快构建``), and the signature date with its
年月日 lost (``2023428``). Injected spam is ``injected.py``; half-width punctuation is ``encodings.py``.
"""

from __future__ import annotations

import re
from datetime import date

from build_tools.ingest.govinfo import METADATA_LABELS, OTHER_LABELS
from build_tools.parse.metadata import ISSUER_LINE

# The mark is the ASCII ? a legacy code page prints for a character it lacks (U+00A0, U+3000); the
# full-width ？ is a real question mark and never a space mark.
# ? / ??? 4.?打造 / ??????西青区人民政府 (a line of ? and spaces, or a run of them opening a line)
SPACE_MARK_LINE = re.compile(r"^[\s?]*$")
LEADING_SPACE_MARKS = re.compile(r"^\s*(?:\?\s*){2,}|^\s*\?+\s+")
# …“零碳小屋”。? (a ? after the punctuation that ends a paragraph, or after a space, closing a line)
TRAILING_SPACE_MARKS = re.compile(r"(?:(?<=[。；：！？”’）)])|\s)[\s?]*\?\s*$")
# 1.?加快构建 / （一）?指导思想 (a ? where a space follows an outline number)
MARKER_SPACE_MARK = re.compile(r"^(\s*(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、))\?+\s*")
# 索???引??号?:  名   ?称?:  主   ?题?:  (a 政务公开 label padded with spaces and ?, then its colon)
_LABELS = sorted(set(METADATA_LABELS) | set(OTHER_LABELS), key=len, reverse=True)
PADDED_LABEL = re.compile(
    "(?P<label>" + "|".join(r"[\s?]*".join(label) for label in _LABELS) + r")[\s?]*[:：]"
)
# 2023428 / 20230428 (a date printed as digits only, 年月日 lost)
DIGIT_DATE_LINE = re.compile(r"^\s*((?:19|20)\d\d)(\d{2,4})\s*$")


def repair_space_marks(line: str) -> str:
    """``?`` -> ``""``; ``??????西青区人民政府`` -> ``西青区人民政府``; ``1.?加快构建`` -> ``1.加快构建``;
    ``…“零碳小屋”。?`` -> ``…“零碳小屋”。``.

    Scope: a line of ``?`` only, a run of two or more (or one before a space) opening a line, one
    after an outline number, and those closing a line after its final punctuation or a space. A single ``?`` between Chinese characters is a lost character
    (``推动?业``) and stays, flagged on the plan.
    """
    if SPACE_MARK_LINE.match(line):
        return ""
    line = TRAILING_SPACE_MARKS.sub("", LEADING_SPACE_MARKS.sub("", line))
    return MARKER_SPACE_MARK.sub(r"\1", line)


def repair_label_padding(line: str) -> str:
    """``索???引??号?:1112…`` -> ``索引号：1112…``; ``…5号主   ?题?:综合政务`` -> ``…5号\\t主题：综合政务``.

    A padded label inside a line starts a new cell (a tab), as a second field of one table row.
    Scope: the 政务公开 labels of ``govinfo`` followed by a colon, padded with at least one space or ?.
    """
    def unpad(match: re.Match[str]) -> str:
        if not re.search(r"[\s?]", match.group()):
            return match.group()  # nothing padded: 发文字号：… stays as printed
        label = re.sub(r"[\s?]", "", match.group("label"))
        inside = match.start() > 0 and not line[:match.start()].isspace()
        return ("\t" if inside else "") + label + "："

    if not any(c in line for c in ":：") or not re.search(r"[\s?]", line):
        return line
    return PADDED_LABEL.sub(unpad, line).rstrip()


def digit_date(digits: str, year: int) -> date | None:
    """``428`` in 2023 -> 2023-04-28; None when the digits read as no date or as two (``111``: 1-11 or 11-1)."""
    readings = set()
    for split in range(1, len(digits)):
        month, day = digits[:split], digits[split:]
        if len(month) > 2 or len(day) > 2:
            continue
        try:
            readings.add(date(year, int(month), int(day)))
        except ValueError:
            continue
    return readings.pop() if len(readings) == 1 else None


def repair_digit_date(line: str, previous: str) -> str:
    """``2023428`` under the signature ``西青区人民政府`` -> ``2023年4月28日``.

    Scope: a line of digits only, right after an issuer line, that reads as exactly one date.
    """
    found = DIGIT_DATE_LINE.match(line)
    if not found or not ISSUER_LINE.match(previous.strip()):
        return line
    when = digit_date(found.group(2), int(found.group(1)))
    return f"{when.year}年{when.month}月{when.day}日" if when else line
