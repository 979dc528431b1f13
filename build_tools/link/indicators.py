"""Target indicator texts -> canonical indicators (data/taxonomy/indicators.yml), so that targets
compare across plans: 城镇新建建筑中绿色建筑面积占比 and 新建建筑中绿色建筑面积占比 are one indicator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from build_tools.paths import TAXONOMY


@dataclass(frozen=True)
class Indicator:
    id: str
    zh: str
    en: str
    unit: str | None
    patterns: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def load_indicators() -> tuple[Indicator, ...]:
    data = yaml.safe_load((TAXONOMY / "indicators.yml").read_text(encoding="utf-8"))
    return tuple(
        Indicator(row["id"], row["zh"], row["en"], row.get("unit"), tuple(re.compile(p) for p in row["patterns"]))
        for row in data["indicators"]
    )


def indicator_of(text: str, unit: str) -> Indicator | None:
    """The first indicator whose pattern matches the text and whose unit is the target's unit."""
    for indicator in load_indicators():
        if indicator.unit not in (None, unit):
            continue
        if any(pattern.search(text) for pattern in indicator.patterns):
            return indicator
    return None
