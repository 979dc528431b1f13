"""Region names -> jurisdiction, parent, level and ASCII slug, from data/taxonomy/regions.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml
from pypinyin import lazy_pinyin

from build_tools.paths import TAXONOMY

# 某某区 / 某某县 / 某某市 … when the gazetteer does not know the place (2–6 characters before the suffix)
REGION_BY_SUFFIX = re.compile(r"^([\u4e00-\u9fff]{2,6}?(?:自治区|自治州|自治县|省|市|区|县|旗|盟))")
SUFFIX = re.compile(r"(?:壮族|回族|维吾尔)?(?:自治区|自治州|自治县|省|市|区|县|旗|盟)$")
NOT_A_PLACE = re.compile(r"建设|领域|发展|绿色|国家|城乡|重点|促进|关于|高新|试验|示范|开发|工业|园|实施|城市|农村|全|各|中共|低碳|碳|新区|自贸")


@dataclass(frozen=True)
class Region:
    name: str
    level: str | None
    parent: str | None
    slug: str
    en: str | None = None
    """The English name where the composed one (pinyin + suffix) is not the usual one."""


@lru_cache(maxsize=1)
def load_gazetteer() -> dict[str, Region]:
    data = yaml.safe_load((TAXONOMY / "regions.yml").read_text(encoding="utf-8"))
    return {
        row["name"]: Region(row["name"], row.get("level"), row.get("parent"), row["slug"], row.get("en"))
        for row in data["regions"]
    }


def slugify_name(name: str) -> str:
    """``宝坻区`` -> ``baodi`` (pinyin of the name without its administrative suffix)."""
    core = SUFFIX.sub("", name) or name
    return "".join(lazy_pinyin(core)).lower()


def level_by_suffix(name: str, parent: Region | None) -> str | None:
    if name.endswith(("省", "自治区")):
        return "province"
    if name.endswith(("区",)):
        return "district"
    if name.endswith(("县", "旗", "自治县")):
        return "county"
    if name.endswith(("市", "州", "盟")):
        return "county" if parent is not None and parent.level == "city" else "city"
    return None


def regions_in_title(title: str) -> list[Region]:
    """Leading jurisdiction names of a title, outermost first.

    ``天津市宝坻区碳达峰实施方案`` -> [天津市, 宝坻区]; ``津市市碳达峰实施方案`` -> [津市市] (not 天津市:
    names are matched from the first character, longest first)."""
    gazetteer = load_gazetteer()
    names = sorted(gazetteer, key=len, reverse=True)
    found: list[Region] = []
    position = 0
    while position < len(title):
        match = next((gazetteer[n] for n in names if title.startswith(n, position)), None)
        if match is None:
            guess = REGION_BY_SUFFIX.match(title[position:])
            if not guess or NOT_A_PLACE.search(guess.group(1)):
                break
            name = guess.group(1)
            parent = found[-1] if found else None
            match = Region(name, level_by_suffix(name, parent), parent.name if parent else None, slugify_name(name))
        found.append(match)
        position += len(match.name)
    return found


def region_in_brackets(title: str) -> Region | None:
    """``碳达峰碳中和林草碳汇（包头）试验区实施方案`` -> 包头市: a known place named in brackets."""
    gazetteer = load_gazetteer()
    for inside in re.findall(r"[（(]([^（）()]{2,8})[）)]", title):
        for region in gazetteer.values():
            if inside in (region.name, SUFFIX.sub("", region.name)):
                return region
    return None


def resolve_region(title: str) -> tuple[Region | None, Region | None]:
    """(region, parent region) of a plan from its title; parent from the title or the gazetteer."""
    found = regions_in_title(title)
    if not found:
        bracketed = region_in_brackets(title)
        found = [bracketed] if bracketed else []
    if not found:
        return None, None
    region = found[-1]
    parent = found[-2] if len(found) > 1 else None
    if parent is None and region.parent:
        parent = load_gazetteer().get(region.parent) or Region(region.parent, None, None, slugify_name(region.parent))
    return region, parent
