"""The compare view's data: one small JSON file per plan (``data/compare/<plan-id>.json``) and an index
of the plans to pick from (``data/compare/index.json``), read by content/assets/compare.js on the one
compare page of each edition (``compare/?plans=a,b,c``).

Why not the plans' own JSON (``data/plans/<id>.json``): that is the whole plan, 96-292 KB for a seed,
most of it text the comparison does not show; this file is a few KB, and it carries what both editions
show already formatted by the Python that formats every page (values converted to the indicator's unit
by ``compared_value``, comparators in English, English titles from the translation catalogs), so the
script holds no unit table, no comparator words and no language of its own. The page count stays one
per edition however many plans there are (no page per pair): at 3,000 plans the picker's index is the
only file that grows with the corpus (about 0.3 KB a plan), and a comparison fetches three small files."""

from __future__ import annotations

import json
from pathlib import Path

from build_tools.link.atlas import Atlas
from build_tools.link.names import place_en, plan_title
from build_tools.link.vocabulary import term
from build_tools.render.output import write
from build_tools.models import Plan
from build_tools.render import urls
from build_tools.render.i18n import EDITIONS, compared_value, plan_date, value_as_printed

LEVEL_ORDER = ("national", "province", "city", "county", "district")


def place_zh(plan: Plan) -> str:
    return f"{plan.parent_region or ''}{plan.region or term('levels', 'national', 'zh')}"


def both(function) -> dict[str, str]:
    """A value in each edition's language: ``{"zh": ..., "en": ...}``."""
    return {lang: function(lang) for lang in EDITIONS}


def compare_index(atlas: Atlas) -> dict:
    """The plans to pick from, by level then place and year: id, level, year and a label per language."""
    order = {level: index for index, level in enumerate(LEVEL_ORDER)}
    plans = sorted(atlas.plans, key=lambda p: (order.get(p.level, len(order)), p.region_id, p.year or 0, p.id))
    return {"plans": [{
        "id": plan.id, "level": plan.level, "year": plan.year,
        "label": {"zh": f"{place_zh(plan)} · {plan.title}", "en": f"{place_en(plan.region, plan.parent_region)} · {plan_title(plan, 'en')}"},
    } for plan in plans]}


def compare_record(plan: Plan, atlas: Atlas, translation=None, items=None) -> dict:
    """What the compare view shows of one plan: its identity, its targets (indicator, year, the value
    compared and as printed, the base value and unit) and its tasks and measures with their themes."""

    def english(msgid: str) -> str | None:
        return translation.get(msgid)[0] if translation is not None else None

    targets = []
    for target in plan.targets:
        indicator = atlas.indicators.get(target.indicator_id) if target.indicator_id else None
        anchor = f"t{target.task.replace('.', '-')}" if target.task else target.segment
        targets.append({
            "indicator": target.indicator_id, "year": target.year, "anchor": anchor,
            "text": {"zh": target.indicator, "en": indicator.en if indicator else english(plan.clause(target))},
            "value": both(lambda lang: compared_value(target, indicator, lang)),
            "printed": value_as_printed(target), "base_value": target.base_value, "base_unit": target.base_unit,
            "commitment": both(lambda lang: term("commitments", target.commitment, lang)),
        })
    tasks = [{"theme": item.theme or "unmapped", "anchor": item.anchor, "label": item.label, "kind": item.kind,
              "title": {"zh": item.title, "en": english(item.title)}}
             for item in (atlas.items if items is None else items) if item.plan.id == plan.id and item.kind in ("task", "measure")]
    return {
        "id": plan.id,
        "title": {"zh": plan.title, "en": plan_title(plan, "en")},
        "place": {"zh": place_zh(plan), "en": place_en(plan.region, plan.parent_region)},
        "level": both(lambda lang: term("levels", plan.level, lang)),
        "date": both(lambda lang: plan_date(plan, lang)),
        "doc_number": plan.doc_number,
        "url": urls.page_url(urls.plan(plan.id)),
        "targets": targets,
        "tasks": tasks,
    }


def write_compare_data(atlas: Atlas, data_dir: Path, translations: dict | None = None, memo=None) -> None:
    """data/compare/index.json and a record per plan, each record kept (build_tools/render/memo.py) while
    its plan and the plan's translation are unchanged."""
    from build_tools.render.memo import Memo, plan_digest

    memo = memo or Memo("data", ())
    translations = translations or {}
    directory = data_dir / "compare"
    write(directory / "index.json", json.dumps(compare_index(atlas), ensure_ascii=False, separators=(",", ":")) + "\n")
    by_plan: dict[str, list] = {}
    for item in atlas.items:  # each plan's items once (scanning all items for each plan grew with plans²)
        by_plan.setdefault(item.plan.id, []).append(item)
    for plan in atlas.plans:
        translation = translations.get(plan.id)
        # a record is a function of the plan and its catalog (the file's digest)
        name = f"compare/{plan.id}.json"
        memo.write(directory / f"{plan.id}.json", name, (plan_digest(plan), translation.digest if translation is not None else ""), lambda: json.dumps(
            compare_record(plan, atlas, translation, by_plan.get(plan.id, [])), ensure_ascii=False, separators=(",", ":")) + "\n")


def compare_vocabulary(atlas: Atlas, lang: str) -> dict:
    """Names the compare page's script shows, in the page's language: indicators (with their family and
    the unit they are compared in), families and themes in the taxonomies' order."""
    from build_tools.link.indicators import load_families

    return {
        "indicators": {i.id: {"label": getattr(i, lang), "family": i.family} for i in atlas.indicators.values()},
        "families": [{"id": f.id, "label": getattr(f, lang)} for f in load_families().values()],
        "themes": [{"id": t["id"], "label": t[lang]} for t in atlas.themes],
    }
