"""English (and Chinese) names composed from structure, so that every plan's English page is useful
before anyone translates it: regions (宝坻区 -> Baodi District), plan titles (region + plan type) and
agency entities (jurisdiction + the agency's English name from data/taxonomy/agency_names.yml)."""

from __future__ import annotations

from functools import lru_cache

import yaml
from build_tools.link.plan_types import plan_type_en
from build_tools.link.gazetteer import load_gazetteer, people_named, pinyin, split_name, split_suffix
from build_tools.link.vocabulary import load_vocabulary, term
from build_tools.paths import TAXONOMY


def romanise(text: str) -> str:
    """``宝坻`` -> ``Baodi``; ``朝阳`` -> ``Chaoyang`` (pinyin with the gazetteer's place-name readings, one
    word, capitalised)."""
    return pinyin(text).capitalize()


def join_list(items: list[str], lang: str) -> str:
    """[Bonan, Dongxiang, Salar] -> ``Bonan, Dongxiang and Salar`` (separators of the vocabulary)."""
    if len(items) < 2:
        return "".join(items)
    return term("separators", "list", lang).join(items[:-1]) + term("separators", "last", lang) + items[-1]


@lru_cache(maxsize=None)
def region_en(name: str | None) -> str:
    """``宝坻区`` -> ``Baodi District``; ``天津市`` -> ``Tianjin`` (gazetteer); ``长阳土家族自治县`` -> ``Changyang
    Tujia Autonomous County`` (vocabulary's ethnic_groups); None -> ``National``."""
    if not name:
        return term("levels", "national", "en")
    known = load_gazetteer().english(name)
    if known:
        return known
    core, suffix = split_name(name)
    peoples, kind = split_suffix(suffix)
    if suffix and kind in load_vocabulary()["region_suffixes"]:
        people = people_named(core)  # 鄂伦春自治旗 -> Oroqen Autonomous Banner
        words = [term("ethnic_groups", people, "en") if people else romanise(core)]
        if peoples:
            english = [term("ethnic_groups", people, "en") for people in peoples]
            words.append(join_list(english, "en"))
        return " ".join(words + [term("region_suffixes", kind, "en")])
    suffixes = sorted(load_vocabulary()["region_suffixes"], key=len, reverse=True)
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return f"{romanise(name[: -len(suffix)])} {term('region_suffixes', suffix, 'en')}"
    return romanise(name)


def region_name(name: str | None, lang: str) -> str:
    if lang == "en":
        return region_en(name)
    return name or term("levels", "national", "zh")


def place_en(region: str | None, parent: str | None) -> str:
    """``Baodi District, Tianjin``: a region with its parent, as English addresses read."""
    if not region:
        return region_en(None)
    return f"{region_en(region)}, {region_en(parent)}" if parent else region_en(region)


def plan_title(plan, lang: str) -> str:
    """The plan's title: as printed in Chinese; in English composed from its type and place
    (``Carbon Peaking Implementation Plan of Baodi District, Tianjin``)."""
    if lang != "en":
        return plan.title
    kind = plan_type_en(plan.title) or term("title_forms", "unknown_kind", "en")
    form = "of_place" if plan.region else "national"
    title = term("title_forms", form, "en").format(kind=kind, place=place_en(plan.region, plan.parent_region))
    if plan.status == "draft":
        title += f" ({term('statuses', 'draft', 'en').lower()})"
    return title


@lru_cache(maxsize=1)
def load_agency_names() -> tuple[dict[str, dict], dict[tuple[str, str], dict]]:
    """(type id -> English name of a body of that type, (type id, spelling) -> English of that spelling)."""
    path = TAXONOMY / "agency_names.yml"
    if not path.exists():
        return {}, {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    types = {row["id"]: row for row in data.get("types", [])}
    names = {(row["type"], row["zh"]): row for row in data.get("names", [])}
    return types, names


def agency_en(type_id: str, type_en: str, core: str, jurisdiction: str | None) -> str:
    """``Baodi District Development and Reform Commission``: the jurisdiction's English name and the
    English of the agency's spelling (or of its type)."""
    types, names = load_agency_names()
    known = names.get((type_id, core))
    kind = types.get(type_id, {})
    name = known["en"] if known else kind.get("en_name") or type_en
    place = region_en(jurisdiction)
    if known and known.get("whole"):
        return name
    if kind.get("en_form", "prefix") == "suffix":
        return f"{name}, {place}"
    return f"{place} {name}"
