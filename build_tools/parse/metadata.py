"""Plan metadata from the text before the first chapter: notice, title, issuer, date, number, status."""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.parse.patterns import (BRACKETED_DATE_SUFFIX, CN_DATE_LINE, DATE_LINE, DOC_NUMBER, chinese_numeral_value,
                                        chinese_year_value)

# 天津市宝坻区人民政府关于印发天津市宝坻区碳达峰实施方案的通知
# 天水市人民政府印发关于加快…实施方案的通知 ; 关于印发《…》的通知 (issuer printed apart)
NOTICE = re.compile(r"^(?P<issuer>.{0,60}?)(?:关于印发|印发)(?P<title>.{2,80}?)的通知$")
# 津市市碳达峰实施方案 / 天津市“十四五”节能减排工作实施方案 / …实施方案（发电行业） / …行动清单 / …的决定 (a title line)
TITLE = re.compile(
    r"^[^，。；：]{2,60}(?:方案|规划|意见|计划|措施|办法|纲要|要点|清单|决定|细则|指引|路线图)"
    r"(?:[（(](?:\d{4}\s*[-—–~～至]\s*\d{4}年?|[^（）()\d]{1,12})[）)])?$"
)
# （2022-2025年） printed under a title
YEAR_RANGE_LINE = re.compile(r"^[（(]\d{4}[-—–~～至]\d{4}年?[）)]$")
# （征求意见稿） 草案 送审稿
DRAFT = re.compile(r"征求意见稿|征求意见|草案|送审稿|讨论稿")
# one issuing body: 天津市南开区人民政府 / 中共四川省委 / 国务院 / 人行营业管理部
ISSUER_BODY = r"[\u4e00-\u9fff（）()]{0,40}?(?:人民政府|办公厅|办公室|委员会|局|厅|委|部|中心|小组|国务院|党委|中共中央|分行|分局)(?:（[^）]+）)?"
# a signature line: one body, or several separated by spaces or 、 (市生态环境局 市经济和信息化局)
ISSUER_LINE = re.compile(rf"^{ISSUER_BODY}(?:[\s、]+{ISSUER_BODY})*$")
# 中共湖南省委 湖南省人民政府关于…的实施意见: bodies named before 关于 in the title
ISSUER_IN_TITLE = re.compile(rf"^(?P<issuer>{ISSUER_BODY}(?:[\s、]+{ISSUER_BODY})*)关于")
# 大发改资源字(2021 J 283 / （明银保监规［2022）1号）: a document number, damaged or not (a bracketed year)
DOC_NUMBER_LIKE = re.compile(r"[〔\[［【(（]\s*(?:19|20)\d\d")
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
    """``《天津市西青区碳达峰实施方案》`` -> ``天津市西青区碳达峰实施方案``; ``津市市碳达峰实施方案（征求意见稿）`` -> without
    the draft note; ``…的实施意见（2022年3月14日）`` -> without the date printed after it."""
    text = BRACKETED_DATE_SUFFIX.sub("", text.strip()).strip().strip("《》〈〉")
    return re.sub(r"[（(][^）)]*(?:征求意见|草案|送审|讨论)[^）)]*[）)]$", "", text).strip()


# 重庆市 / 广西壮族自治区 (the jurisdiction a list of issuers starts with, after an optional 中共)
LEADING_JURISDICTION = re.compile(r"^(?:中共)?([\u4e00-\u9fff]{2,8}?(?:自治区|省|市|自治州|州|盟|县|区|旗))")


def join_bodies(text: str) -> str:
    """Several issuing bodies printed apart by spaces -> one list: ``国家机关事务管理局 国家发展和改革委员会`` ->
    ``国家机关事务管理局、国家发展和改革委员会``; bodies the PDF glued together are parted where the first body's
    jurisdiction starts again: ``重庆市经济和信息委员会重庆市生态环境局`` -> ``…委员会、重庆市生态环境局``."""
    text = re.sub(r"[\s、]+", "、", text.strip())
    place = LEADING_JURISDICTION.match(text)
    if place:
        text = re.sub(rf"(?<=[会局厅委部府室])(?={re.escape(place.group(1))})", "、", text)
    return text


def date_of_line(line: str) -> tuple[int, int, int | None] | None:
    """``2023年5月25日`` -> (2023, 5, 25); ``二〇二二年三月`` -> (2022, 3, None); ``（2021年9月22日）`` too."""
    compact = re.sub(r"^[（(](.*)[）)]$", r"\1", line.replace(" ", ""))
    found = DATE_LINE.match(compact)
    if found:
        return int(found.group("y")), int(found.group("m")), int(found.group("d")) if found.group("d") else None
    found = CN_DATE_LINE.match(compact)
    if found:
        day = chinese_numeral_value(found.group("d")) if found.group("d") else None
        return chinese_year_value(found.group("y")), chinese_numeral_value(found.group("m")), day
    return None


def find_notice(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """(notice title, issuer, plan title) from the first lines; the notice title is often split over lines:
    ``天津市宝坻区人民政府关于印发`` / ``天津市宝坻区碳达峰实施方案的通知``."""
    for start in range(min(len(lines), 6)):
        if DOC_NUMBER.match(lines[start].replace(" ", "")) or DATE_LINE.match(lines[start].replace(" ", "")) \
                or DOC_NUMBER_LIKE.search(lines[start]):
            continue  # 大发改资源字(2021 J 283: a damaged document number above the notice title is not its issuer
        joined = ""
        for end in range(start, min(len(lines), start + 4)):
            joined += lines[end]
            found = NOTICE.match(joined)
            if found:
                issuer = join_bodies(found.group("issuer")) or None
                return joined, issuer, strip_title(re.sub(r"\s+", "", found.group("title")))
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
        and not date_of_line(compact)
        and not DOC_NUMBER.match(compact)
        and not DRAFT.fullmatch(compact.strip("（）()"))
        and not re.fullmatch(r"[（(].*[）)]|\d+|[-—－\s\d]+", compact)  # （此件公开发布）, a page number
    )


def title_blocks(front: list[str]) -> list[str]:
    """Titles in the front matter, a title printed over several lines joined:
    ``碳达峰碳中和林草碳汇（包头）`` / ``试验区实施方案`` -> ``碳达峰碳中和林草碳汇（包头）试验区实施方案``."""
    titles = []
    front = [BRACKETED_DATE_SUFFIX.sub("", line) for line in front]  # 364 四川省: …的实施意见（2022年3月14日）
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
    if titles and notice_plan_title and len(compact_title(notice_plan_title)) > len(compact_title(meta.title)) and \
            compact_title(notice_plan_title).endswith(compact_title(meta.title)):
        meta.title = notice_plan_title  # the title block lost its first lines (PDF layout); the notice has it whole
    if meta.title is None:
        quoted = next((m.group(1) for line in front for m in [re.search(r"《([^》]{4,60})》", line)] if m), None)
        meta.title = quoted
    if any(DRAFT.search(line) for line in front[:8]):
        meta.status = "draft"
    lines = front + tail
    for index, line in enumerate(lines):
        found = date_of_line(line) or date_after_title(line)
        if not found:
            continue
        year, month, day = found
        meta.date_text = re.sub(r"^[（(](.*)[）)]$", r"\1", line.replace(" ", "")) if date_of_line(line) else \
            BRACKETED_DATE_SUFFIX.search(line).group(1).replace(" ", "")
        meta.year = year
        if day:
            meta.date = f"{year:04d}-{month:02d}-{day:02d}"
        if meta.issuer is None and index > 0:
            meta.issuer = signature_above(lines[:index])
        break
    if meta.issuer is None:
        candidates = [line for line in front[:8] if ISSUER_LINE.match(line) and not TITLE.match(line)]
        if candidates:
            meta.issuer = join_bodies(candidates[0])
    if meta.issuer is None and meta.title:
        named = ISSUER_IN_TITLE.match(meta.title)  # 中共中央、国务院关于…的意见: the title names its issuers
        if named:
            meta.issuer = join_bodies(named.group("issuer"))
    numbers = (re.sub(r"^[（(](.*)[）)]$", r"\1", line.replace(" ", "")) for line in front)
    meta.doc_number = next((number for number in numbers if DOC_NUMBER.match(number)), None)
    return meta


def date_after_title(line: str) -> tuple[int, int, int | None] | None:
    """``关于…的实施意见（2022年3月14日）`` -> (2022, 3, 14): a date printed in brackets after a title line."""
    found = BRACKETED_DATE_SUFFIX.search(line)
    if not found or not TITLE.match(strip_title(line)):
        return None
    return date_of_line(found.group(1))


def signature_above(lines: list[str]) -> str | None:
    """The issuing bodies signed above a date, one or several lines (247 prints seven ministries, one a line):
    ``市生态环境局 市经济和信息化局`` / ``市金融监管局`` -> ``市生态环境局、市经济和信息化局、市金融监管局``."""
    bodies: list[str] = []
    for line in reversed(lines):
        if not ISSUER_LINE.match(line.strip()) or TITLE.match(line.strip()):
            break
        bodies.insert(0, join_bodies(line))
    return "、".join(bodies) or None
