"""Plan titles -> plan-type slugs for ids (data/taxonomy/plan_types.yml)."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml
from pypinyin import Style, lazy_pinyin

from build_tools.link.regions import regions_in_title
from build_tools.paths import TAXONOMY

# words that say nothing about the plan type: 关于, 的, 实施方案, “十四五”, (2022-2025年)
FILLER = re.compile(r"关于|印发|的|实施方案|行动方案|工作方案|方案|实施意见|意见|行动计划|计划|[“”\"《》〈〉（）()\-—0-9年]|十[四五六]五")


@lru_cache(maxsize=1)
def load_plan_types() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = yaml.safe_load((TAXONOMY / "plan_types.yml").read_text(encoding="utf-8"))
    return tuple((re.compile(row["pattern"]), row["slug"]) for row in data["plan_types"])


def plan_type_slug(title: str) -> str:
    """``天津市“十四五”节能减排工作实施方案`` -> ``energy-saving``; ``天津市宝坻区碳达峰实施方案`` -> ``""``."""
    core = re.sub(r"^中共|\s+", "", title)
    for region in regions_in_title(core):
        core = core.replace(region.name, "", 1)
    for pattern, slug in load_plan_types():
        if pattern.search(core):
            return slug
    core = FILLER.sub("", core)
    initials = "".join(lazy_pinyin(core, style=Style.FIRST_LETTER)).lower()
    return re.sub(r"[^a-z0-9]", "", initials)[:12]


@lru_cache(maxsize=1)
def load_plan_type_names() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = yaml.safe_load((TAXONOMY / "plan_types.yml").read_text(encoding="utf-8"))
    return tuple((re.compile(row["pattern"]), row.get("en") or "") for row in data["plan_types"])


def plan_type_en(title: str) -> str | None:
    """``天津市宝坻区碳达峰实施方案`` -> ``Carbon Peaking Implementation Plan``; None for a type not in the taxonomy."""
    core = re.sub(r"^中共|\s+", "", title)
    for region in regions_in_title(core):
        core = core.replace(region.name, "", 1)
    for pattern, name in load_plan_type_names():
        if pattern.search(core):
            return name or None
    return None
