"""Agency names as printed -> agency type and entity of the plan's jurisdiction.

宝坻区's 区发展改革委 and 南开区's 区发展改革委 are two entities of one type (development-reform);
市市监局 and 市市场监管局 in 津市市's plan are one entity. Types and aliases live in
data/taxonomy/agency_types.yml, so that a person can read and correct them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml
from pypinyin import lazy_pinyin

from build_tools.paths import TAXONOMY

# 市发改局<市国动办> -> 市发改局 (the annotation names a second office hosted by the same bureau)
ANNOTATION = re.compile(r"[<〈][^<>〈〉]*[>〉]")
SINGLE_JURISDICTION_CHAR = re.compile(r"^[区市县省]")
REGION_SUFFIX = re.compile(r"(?:自治区|自治州|自治县|省|市|区|县|旗|盟)$")


@dataclass(frozen=True)
class AgencyType:
    id: str
    zh: str
    en: str
    kind: str
    per_jurisdiction: str
    aliases: tuple[re.Pattern[str], ...]

    @property
    def alias_patterns(self) -> tuple[str, ...]:
        return tuple(alias.pattern for alias in self.aliases)


@lru_cache(maxsize=1)
def load_agency_types() -> tuple[AgencyType, ...]:
    data = yaml.safe_load((TAXONOMY / "agency_types.yml").read_text(encoding="utf-8"))
    return tuple(
        AgencyType(
            id=row["id"],
            zh=row["zh"],
            en=row["en"],
            kind=row.get("kind", "other"),
            per_jurisdiction=row.get("per_jurisdiction", "one"),
            aliases=tuple(re.compile(alias) for alias in row["aliases"]),
        )
        for row in data["types"]
    )


def strip_jurisdiction(name: str, region: str | None, parent: str | None) -> str:
    """``区发展改革委`` -> ``发展改革委``; ``市生态环境津市分局`` -> ``生态环境津市分局``;
    ``天津市南开区商务局`` -> ``商务局`` (the words naming the plan's own jurisdiction)."""
    text = ANNOTATION.sub("", re.sub(r"\s+", "", name))
    for full in (parent, region):
        if full and text.startswith(full):
            text = text[len(full):]
    text = SINGLE_JURISDICTION_CHAR.sub("", text, count=1)
    for full in (region, parent):
        core = REGION_SUFFIX.sub("", full) if full else None
        if core and len(core) >= 2 and text.startswith(core):
            text = text[len(core):]
    return text


def agency_type_of(name: str, region: str | None, parent: str | None) -> AgencyType | None:
    """The first type (in file order) one of whose aliases matches the name, with or without its
    jurisdiction words; None when no type matches (``plansite check`` lists these)."""
    stripped = strip_jurisdiction(name, region, parent)
    bare = ANNOTATION.sub("", re.sub(r"\s+", "", name))
    for agency_type in load_agency_types():
        if any(alias.search(stripped) or alias.search(bare) for alias in agency_type.aliases):
            return agency_type
    return None


def slug(text: str) -> str:
    """ASCII slug of a Chinese name: ``京津中关村科技城管委会`` -> ``jingjinzhongguancunkejichengguanweihui``."""
    ascii_text = "".join(lazy_pinyin(text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def entity_id(region_id: str, agency_type: AgencyType, name: str, region: str | None, parent: str | None) -> str:
    """``tianjin-baodi.development-reform`` for a type with one body per jurisdiction; types with many
    bodies (towns, companies, park committees) add the slug of the name: ``tianjin-baodi.town.huangzhuangzhen``."""
    if agency_type.per_jurisdiction == "one":
        return f"{region_id}.{agency_type.id}"
    return f"{region_id}.{agency_type.id}.{slug(strip_jurisdiction(name, region, parent))}"


# an alias made only of literal characters, optional groups of literal alternatives and anchors:
# 发展(和|与)?改革, 环保(局|分局), ^环境局 (anything else — classes, repeats — is not expanded)
SIMPLE_ALIAS = re.compile(r"^\^?(?:[^\\\[\]()|?*+{}.^$]|\((?:[^\\\[\]()|?*+{}.^$]+\|)*[^\\\[\]()|?*+{}.^$]+\)\??)+\$?$")
ALIAS_PART = re.compile(r"\(([^()]*)\)(\?)?|([^()^$])")


def alias_spellings(pattern: str) -> list[str]:
    """The spellings a simple alias pattern matches, for a lookup without regular expressions:
    ``发展(和|与)?改革`` -> [发展改革, 发展和改革, 发展与改革]; ``环保(局|分局)`` -> [环保局, 环保分局];
    a pattern that is not simple (``领导小组[^，、]*成员单位``) -> []."""
    if not SIMPLE_ALIAS.match(pattern):
        return []
    spellings = [""]
    for group, optional, char in ALIAS_PART.findall(pattern):
        if char:
            spellings = [s + char for s in spellings]
        else:
            choices = group.split("|") + ([""] if optional else [])
            spellings = [s + c for s in spellings for c in choices]
    return sorted(set(s for s in spellings if len(s) >= 2))
