"""Target indicator texts -> canonical indicators (data/taxonomy/indicators.yml), so that targets
compare across plans: 城镇新建建筑中绿色建筑面积占比 and 新建建筑中绿色建筑面积占比 are one indicator.

Two sources decide, in this order:

1. ``data/taxonomy/indicator_aliases.yml``: a wording as extracted (``新增及更新车辆中新能源汽车比例``),
   optionally only in the plans listed, -> an indicator id, or ``null`` to keep it apart from every
   indicator. Each entry was checked against the plan's text and says why; this is where a merge a pattern
   would not make (or would make wrongly) is reviewed, in ``git diff``, not in code.
2. The patterns of ``indicators.yml`` in file order, the first match wins.

Either way the target's unit must measure in the indicator's base unit (link/units.py): 753万立方米
joins 天然气消费量 (亿立方米) as 立方米; a change in percentage points (提高4个百分点) never joins a share (%).
Indicators that measure related but different quantities (a share of new-car sales, of new official
cars, of all new vehicles) stay apart and share a ``family``, under which the site shows them together."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from build_tools.link.units import same_quantity
from build_tools.paths import TAXONOMY


@dataclass(frozen=True)
class Indicator:
    id: str
    zh: str
    en: str
    unit: str | None
    patterns: tuple[re.Pattern[str], ...]
    family: str | None = None
    """Id of the family of related indicators (indicators.yml ``families``), e.g. new-energy-vehicles."""


@dataclass(frozen=True)
class Family:
    id: str
    zh: str
    en: str


@dataclass(frozen=True)
class Alias:
    wording: str
    indicator: str | None
    plans: tuple[str, ...]
    reason: str


@lru_cache(maxsize=1)
def load_taxonomy() -> dict:
    return yaml.safe_load((TAXONOMY / "indicators.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_indicators() -> tuple[Indicator, ...]:
    return tuple(
        Indicator(row["id"], row["zh"], row["en"], row.get("unit"), tuple(re.compile(p) for p in row["patterns"]), row.get("family"))
        for row in load_taxonomy()["indicators"]
    )


@lru_cache(maxsize=1)
def load_families() -> dict[str, Family]:
    return {row["id"]: Family(row["id"], row["zh"], row["en"]) for row in load_taxonomy().get("families", [])}


@lru_cache(maxsize=1)
def load_aliases() -> tuple[Alias, ...]:
    data = yaml.safe_load((TAXONOMY / "indicator_aliases.yml").read_text(encoding="utf-8"))
    return tuple(Alias(row["wording"], row["indicator"], tuple(row.get("plans") or ()), row["reason"]) for row in data["aliases"])


def taxonomy_problems() -> list[str]:
    """Aliases naming an indicator that does not exist, indicators of an unknown family, duplicate ids."""
    ids = [i.id for i in load_indicators()]
    problems = [f"indicators.yml: id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    families = load_families()
    problems += [f"indicators.yml: {i.id} names family {i.family!r}, which `families` lacks" for i in load_indicators()
                 if i.family and i.family not in families]
    problems += [f"indicator_aliases.yml: {a.wording} -> {a.indicator!r}, which indicators.yml lacks" for a in load_aliases()
                 if a.indicator is not None and a.indicator not in ids]
    return problems


def alias_of(text: str, plan_id: str | None) -> Alias | None:
    """The reviewed alias of this wording (in this plan, where the alias is limited to some), or None."""
    compact = re.sub(r"\s+", "", text)
    for alias in load_aliases():
        if alias.wording == compact and (not alias.plans or plan_id in alias.plans):
            return alias
    return None


def indicator_of(text: str, unit: str, plan_id: str | None = None) -> Indicator | None:
    """The indicator of a target: its alias's, else the first whose pattern matches the text; either way
    only one whose unit measures in the same base as the target's."""
    by_id = {indicator.id: indicator for indicator in load_indicators()}
    alias = alias_of(text, plan_id)
    if alias is not None:
        found = by_id.get(alias.indicator) if alias.indicator else None
        return found if found is not None and fits(found, unit) else None
    for indicator in load_indicators():
        if fits(indicator, unit) and any(pattern.search(text) for pattern in indicator.patterns):
            return indicator
    return None


def fits(indicator: Indicator, unit: str) -> bool:
    return indicator.unit is None or same_quantity(indicator.unit, unit)
