"""Deadlines printed in responsibility clauses: ``（责任部门：节能处，完成期限：2021年四季度）`` -> the
deadline as printed (2021年四季度) and, where it is a date, the last day it allows (2021-12-31).

A deadline is a fact of its own, not an agency: build_tools.parse.agencies removes these spans with
``DEADLINE_SPAN`` before reading the unit names."""

from __future__ import annotations

import calendar
import re

# 完成期限：2021年四季度 / 完成时限：2022年2月底前 / 完成时间：2025年底 / 时限：持续推进 / 时间节点：2023年6月
DEADLINE_LABEL = re.compile(r"(?:(?:完成|办结)?(?:时限|期限)|完成时间|时间节点|时间要求)\s*[：:]")
# the label and its value up to the end of the clause: ，完成期限：2021年四季度） -> "，完成期限：2021年四季度"
DEADLINE_SPAN = re.compile(rf"[，,；;、\s]*(?:{DEADLINE_LABEL.pattern})\s*[^）)］\]】〕；;。]*")
# 2021年四季度 / 2021年第三季度 / 2022年2月底前 / 2025年底 / 2023年6月30日前 / 2022年上半年
DEADLINE_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*年\s*(?:"
    r"(?:第)?(?P<q>[一二三四1-4])\s*季度"
    r"|(?P<half>上半年|下半年)"
    r"|(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日)?"
    r")?"
)
# 2021—2025年 / 2022-2025年 (a period: it is due at its end)
DEADLINE_RANGE = re.compile(r"(?:19|20)\d\d\s*年?\s*[—–\-~～至到]\s*((?:19|20)\d\d)\s*年")
QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
QUARTER_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def deadline_date(printed: str) -> str | None:
    """The last day a printed deadline allows, ISO: ``2021年四季度`` -> 2021-12-31, ``2025年底`` -> 2025-12-31,
    ``2022年2月底前`` -> 2022-02-28, ``2021—2025年`` -> 2025-12-31; ``持续推进`` / ``长期坚持`` -> None."""
    text = printed.strip()
    period = DEADLINE_RANGE.search(text)
    if period:
        return f"{int(period.group(1)):04d}-12-31"
    found = DEADLINE_DATE.search(text)
    if not found:
        return None
    year = int(found.group("y"))
    if found.group("q"):
        month, day = QUARTER_END[QUARTER_NUMBER[found.group("q")]]
    elif found.group("half"):
        month, day = (6, 30) if found.group("half") == "上半年" else (12, 31)
    elif found.group("m"):
        month = int(found.group("m"))
        if not 1 <= month <= 12:
            return None
        last = calendar.monthrange(year, month)[1]
        day = int(found.group("d")) if found.group("d") else last
        if not 1 <= day <= last:
            return None
    else:
        month, day = 12, 31  # 2025年 / 2025年底 / 2025年前: by the end of that year
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_deadlines(paragraphs: list[str]) -> list[str]:
    """Deadlines printed in a task's clauses, in order, each once:
    ``（责任部门：节能处，完成期限：2021年四季度）`` -> ["2021年四季度"]."""
    found: list[str] = []
    for text in paragraphs:
        for span in DEADLINE_SPAN.finditer(text):
            value = DEADLINE_LABEL.split(span.group(), maxsplit=1)[-1].strip(" ，,；;。")
            value = re.sub(r"\s+", "", value)
            if value and value not in found:
                found.append(value)
    return found


def task_deadline(paragraphs: list[str]) -> tuple[str | None, str | None]:
    """(deadline as printed, ISO date or None) for one task: several deadlines are joined with ；
    and the date is the latest of those that are dates (the task is done when its last part is)."""
    printed = find_deadlines(paragraphs)
    if not printed:
        return None, None
    dates = [d for d in (deadline_date(p) for p in printed) if d]
    return "；".join(printed), max(dates) if dates else None


def remove_deadlines(text: str) -> str:
    """The clause without its deadline: ``责任部门：节能处，完成期限：持续推进`` -> ``责任部门：节能处``."""
    return DEADLINE_SPAN.sub("", text)
