"""Plan metadata from the text before the first chapter: notice, title, issuer, date, number, status."""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.parse.patterns import DATE_LINE, DOC_NUMBER

# 天津市宝坻区人民政府关于印发天津市宝坻区碳达峰实施方案的通知
# 天水市人民政府印发关于加快…实施方案的通知 ; 关于印发《…》的通知 (issuer printed apart)
NOTICE = re.compile(r"^(?P<issuer>.{0,60}?)(?:关于印发|印发)(?P<title>.{2,80}?)的通知$")
# 津市市碳达峰实施方案 / 天津市“十四五”节能减排工作实施方案 (a title line)
TITLE = re.compile(r"^[^，。；：]{2,60}(?:方案|规划|意见|计划|措施|办法|纲要|要点)(?:[（(]\d{4}\s*[-—–~～至]\s*\d{4}年?[）)])?$")
# （2022-2025年） printed under a title
YEAR_RANGE_LINE = re.compile(r"^[（(]\d{4}[-—–~～至]\d{4}年?[）)]$")
# （征求意见稿） 草案 送审稿
DRAFT = re.compile(r"征求意见稿|征求意见|草案|送审稿|讨论稿")
# 天津市南开区人民政府 (a signature line: the issuing body)
ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{3,60}(?:人民政府|办公厅|办公室|委员会|局|厅|委|部|中心|小组)(?:（[^）]+）)?$")
ADDRESSEE = re.compile(r"：$")


@dataclass
class Metadata:
    title: str | None = None
    notice_title: str | None = None
    issuer: str | None = None
    date: str | None = None
    date_text: str | None = None
    year: int | None = None
    doc_number: str | None = None
    status: str = "final"


def strip_title(text: str) -> str:
    """``《天津市西青区碳达峰实施方案》`` -> ``天津市西青区碳达峰实施方案``; ``津市市碳达峰实施方案（征求意见稿）`` -> without the draft note."""
    text = text.strip().strip("《》〈〉")
    return re.sub(r"[（(][^）)]*(?:征求意见|草案|送审|讨论)[^）)]*[）)]$", "", text).strip()


def find_notice(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """(notice title, issuer, plan title) from the first lines; the notice title is often split over lines:
    ``天津市宝坻区人民政府关于印发`` / ``天津市宝坻区碳达峰实施方案的通知``."""
    for start in range(min(len(lines), 6)):
        if DOC_NUMBER.match(lines[start].replace(" ", "")) or DATE_LINE.match(lines[start].replace(" ", "")):
            continue
        joined = ""
        for end in range(start, min(len(lines), start + 4)):
            joined += lines[end]
            found = NOTICE.match(joined)
            if found:
                return joined, found.group("issuer").strip() or None, strip_title(found.group("title"))
    return None, None, None


def compact_title(text: str) -> str:
    return re.sub(r"[\s《》〈〉<>]", "", text)


def title_line(line: str) -> bool:
    """A line that can be part of a title: short, no sentence punctuation, not a date, number or notice."""
    compact = line.replace(" ", "")
    return (
        0 < len(compact) <= 70
        and not re.search(r"[。，；：:]", compact)
        and "关于印发" not in compact
        and not compact.endswith("通知")
        and not DATE_LINE.match(compact.strip("（）()"))
        and not DOC_NUMBER.match(compact)
        and not DRAFT.fullmatch(compact.strip("（）()"))
        and not re.fullmatch(r"[（(].*[）)]|\d+|[-—－\s\d]+", compact)  # （此件公开发布）, a page number
    )


def title_blocks(front: list[str]) -> list[str]:
    """Titles in the front matter, a title printed over several lines joined:
    ``碳达峰碳中和林草碳汇（包头）`` / ``试验区实施方案`` -> ``碳达峰碳中和林草碳汇（包头）试验区实施方案``."""
    titles = []
    for end, line in enumerate(front):
        if not title_line(line) or not TITLE.match(strip_title(line)):
            continue
        start = end
        while start > 0 and title_line(front[start - 1]) \
                and (not TITLE.match(strip_title(front[start - 1])) or len(front[start].strip()) <= 6) \
                and not ISSUER_LINE.match(front[start - 1]) and len("".join(front[start - 1:end + 1])) <= 70:
            start -= 1
        title = "".join(part.strip() for part in front[start:end + 1])
        if end + 1 < len(front) and YEAR_RANGE_LINE.match(front[end + 1].replace(" ", "")):
            title += front[end + 1].replace(" ", "")  # 湖南省制造业绿色低碳转型行动方案 / （2022-2025年）
        titles.append(strip_title(title))
    return titles


def extract_metadata(front: list[str], tail: list[str]) -> Metadata:
    """Metadata from the front matter (paragraphs before 一、) and the last paragraphs (a signature)."""
    meta = Metadata()
    meta.notice_title, meta.issuer, notice_plan_title = find_notice(front)
    titles = title_blocks(front)
    meta.title = titles[-1] if titles else notice_plan_title
    if titles and notice_plan_title and len(notice_plan_title) > len(meta.title) and \
            compact_title(notice_plan_title).endswith(compact_title(meta.title)):
        meta.title = notice_plan_title  # the title block lost its first lines (PDF layout); the notice has it whole
    if meta.title is None:
        quoted = next((m.group(1) for line in front for m in [re.search(r"《([^》]{4,60})》", line)] if m), None)
        meta.title = quoted
    if any(DRAFT.search(line) for line in front[:8]):
        meta.status = "draft"
    for index, line in enumerate(front + tail):
        found = DATE_LINE.match(re.sub(r"^[（(](.*)[）)]$", r"\1", line.replace(" ", "")))
        if not found:
            continue
        meta.date_text = line.replace(" ", "")
        meta.year = int(found.group("y"))
        if found.group("d"):
            meta.date = f"{int(found.group('y')):04d}-{int(found.group('m')):02d}-{int(found.group('d')):02d}"
        if meta.issuer is None and index > 0:
            previous = (front + tail)[index - 1]
            if ISSUER_LINE.match(previous):
                meta.issuer = previous
        break
    if meta.issuer is None:
        candidates = [line for line in front[:8] if ISSUER_LINE.match(line) and not TITLE.match(line)]
        if candidates:
            meta.issuer = candidates[0]
    numbers = (re.sub(r"^[（(](.*)[）)]$", r"\1", line.replace(" ", "")) for line in front)
    meta.doc_number = next((number for number in numbers if DOC_NUMBER.match(number)), None)
    return meta
