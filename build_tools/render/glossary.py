"""The glossary: every Chinese term the site puts into English, with its English, a note and the source
of an official English form where one exists. It is a view over the taxonomy files (each term is kept
in one of them), published as a page of each edition and as data/glossary.csv."""

from __future__ import annotations

from build_tools.link.atlas import Atlas
from build_tools.link.names import load_agency_names, region_en
from build_tools.link.plan_types import load_plan_types, load_plan_type_names
from build_tools.link.gazetteer import Region, load_gazetteer, slugify_name
from build_tools.link.vocabulary import load_vocabulary

GLOSSARY_FIELDS = ("kind", "id", "zh", "en", "note", "source")


def glossary_regions(atlas: Atlas) -> list[Region]:
    """The regions the glossary lists: those of data/taxonomy/regions.yml in its order, then each plan's
    region and parent region by code, then places the gazetteer does not know by name (not all 3,212 divisions of the gazetteer: the site names only these)."""
    gazetteer = load_gazetteer()
    listed = [gazetteer.by_code[code] for code in gazetteer.overridden]
    named = {name for plan in atlas.plans for name in (plan.region, plan.parent_region) if name}
    seen = {region.name for region in listed}
    others = [gazetteer.first(name) or Region(name, None, None, slugify_name(name)) for name in named - seen]
    return listed + sorted(others, key=lambda region: (region.code is None, region.code or "", region.name))


def glossary_entries(atlas: Atlas) -> list[dict]:
    """Glossary rows: kind (agency type, agency name, theme, indicator, region, plan type, or a
    vocabulary kind), id, zh, en, note, source."""
    rows: list[dict] = []
    names_by_type, spellings = load_agency_names()
    for agency_type in atlas.agency_types.values():
        extra = names_by_type.get(agency_type.id, {})
        rows.append({"kind": "agency type", "id": agency_type.id, "zh": agency_type.zh, "en": extra.get("en_name") or agency_type.en,
                     "note": extra.get("note") or f"type: {agency_type.en}", "source": extra.get("source") or ""})
    for (type_id, spelling), row in sorted(spellings.items()):
        rows.append({"kind": "agency name", "id": type_id, "zh": spelling, "en": row["en"], "note": row.get("note") or "",
                     "source": row.get("source") or ""})
    for theme in atlas.themes:
        rows.append({"kind": "theme", "id": theme["id"], "zh": theme["zh"], "en": theme["en"], "note": "",
                     "source": theme.get("source", "")})
    for indicator in atlas.indicators.values():
        rows.append({"kind": "indicator", "id": indicator.id, "zh": indicator.zh, "en": indicator.en, "note": "", "source": ""})
    for region in glossary_regions(atlas):
        rows.append({"kind": "region", "id": region.slug, "zh": region.name, "en": region_en(region.name),
                     "note": "" if region.en else "pinyin and the English of the administrative suffix", "source": ""})
    for (pattern, slug), (_, english) in zip(load_plan_types(), load_plan_type_names()):
        if english:
            rows.append({"kind": "plan type", "id": slug or "carbon-peaking", "zh": pattern.pattern, "en": english,
                         "note": "the Chinese is the pattern a title matches", "source": ""})
    for kind, entries in load_vocabulary().items():
        for key, value in entries.items():
            rows.append({"kind": kind.replace("_", " ").rstrip("s"), "id": key, "zh": value["zh"], "en": value["en"],
                         "note": "", "source": value.get("source", "")})
    return rows
