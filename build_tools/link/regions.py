"""Region names in plan titles -> division, parent and level, from the national gazetteer
(build_tools/link/gazetteer.py) or, for a place it does not know, the name's suffix."""

from __future__ import annotations

import re
from collections.abc import Sequence

from build_tools.link.gazetteer import SUFFIX, Gazetteer, Region, load_gazetteer, slugify_name, split_name

__all__ = ["SUFFIX", "Region", "level_by_suffix", "load_gazetteer", "region_in_brackets", "regions_in_title",
           "resolve_region", "slugify_name"]

# 某某区 / 某某县 / 某某市 … when the gazetteer does not know the place (2–6 characters before the suffix)
REGION_BY_SUFFIX = re.compile(r"^([\u4e00-\u9fff]{2,6}?(?:自治区|自治州|自治县|省|市|区|县|旗|盟))")
NOT_A_PLACE = re.compile(r"建设|领域|发展|绿色|国家|城乡|重点|促进|关于|高新|试验|示范|开发|工业|园|实施|城市|农村|全|各|中共|低碳|碳|新区|自贸")
# a place named in brackets: 碳达峰碳中和林草碳汇（包头）试验区实施方案
BRACKETED = re.compile(r"[（(]([^（）()]{2,8})[）)]")


def level_by_suffix(name: str, parent: Region | None) -> str | None:
    """``余杭区`` -> district: the level of a place the gazetteer does not know, from its suffix."""
    if name.endswith(("省", "自治区")):
        return "province"
    if name.endswith(("区",)):
        return "district"
    if name.endswith(("县", "旗", "自治县")):
        return "county"
    if name.endswith(("市", "州", "盟")):
        return "county" if parent is not None and parent.level == "city" else "city"
    return None


def choose(gazetteer: Gazetteer, candidates: Sequence[Region], outer: Region | None, hints: Sequence[str]) -> Region:
    """One of the divisions that share a name: the one inside the place named before it in the title
    (北京市朝阳区 -> 110105, 长春市朝阳区 -> 220104); else the one whose province or prefecture the notice or
    the issuer names (朝阳区 issued by 长春市朝阳区人民政府 -> 220104); else the first by code (朝阳区 alone ->
    110105 in Beijing), so the same title always gives the same division."""
    if outer is not None and outer.code:
        inside = [c for c in candidates if outer in gazetteer.ancestors(c)]
        candidates = inside or candidates
    if len(candidates) > 1 and hints:
        text = " ".join(hints)

        def named_in_hints(region: Region) -> bool:
            return any(a.name in text or split_name(a.name)[0] in text for a in gazetteer.ancestors(region))

        candidates = [c for c in candidates if named_in_hints(c)] or candidates
    return candidates[0]


def regions_in_title(title: str, hints: Sequence[str] = ()) -> list[Region]:
    """Leading jurisdiction names of a title, outermost first.

    ``天津市宝坻区碳达峰实施方案`` -> [天津市, 宝坻区]; ``津市市碳达峰实施方案`` -> [津市市] (not 天津市:
    names are matched from the first character, longest first); a name several divisions share is
    decided by :func:`choose` (``hints``: the notice title and the issuer)."""
    gazetteer = load_gazetteer()
    found: list[Region] = []
    position = 0
    while position < len(title):
        outer = found[-1] if found else None
        name = next((n for n in gazetteer.names_by_first.get(title[position], ()) if title.startswith(n, position)), None)
        if name is not None:
            match = choose(gazetteer, gazetteer.named(name), outer, hints)
        else:
            guess = REGION_BY_SUFFIX.match(title[position:])
            if not guess or NOT_A_PLACE.search(guess.group(1)):
                break
            name = guess.group(1)
            match = Region(name, level_by_suffix(name, outer), outer.name if outer else None, slugify_name(name),
                           parent_code=outer.code if outer else None)
        found.append(match)
        position += len(match.name)
    return found


def region_in_brackets(title: str, hints: Sequence[str] = ()) -> Region | None:
    """``碳达峰碳中和林草碳汇（包头）试验区实施方案`` -> 包头市: a known place named in brackets, in full or
    without its suffix."""
    gazetteer = load_gazetteer()
    for inside in BRACKETED.findall(title):
        candidates = gazetteer.named(inside) or gazetteer.by_core.get(inside, ())
        if candidates:
            return choose(gazetteer, candidates, None, hints)
    return None


def resolve_region(title: str, hints: Sequence[str] = ()) -> tuple[Region | None, Region | None]:
    """(region, parent region) of a plan from its title. The parent of a division the gazetteer knows is
    its parent there (湖南省汨罗市 -> 汨罗市 under 岳阳市), so that a plan id's path is the division's
    unique path; the parent of a place it does not know is the place named before it in the title."""
    found = regions_in_title(title, hints)
    if not found:
        bracketed = region_in_brackets(title, hints)
        found = [bracketed] if bracketed else []
    if not found:
        return None, None
    region = found[-1]
    gazetteer = load_gazetteer()
    if region.code:
        return region, gazetteer.parent_of(region)
    parent = found[-2] if len(found) > 1 else None
    return region, parent
