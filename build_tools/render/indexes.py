"""Index pages: themes, agencies (entities and types), targets, regions. Every link is a relative .md
link where Markdown allows it, so that `mkdocs build --strict` checks it and its anchor."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from jinja2 import Environment

from build_tools.link.atlas import Atlas, Entity
from build_tools.link.regions import load_gazetteer

ROLE_ZH = {"lead": "牵头", "support": "配合", None: "—"}
COMMITMENT_ZH = {"committed": "约束性（确保/完成）", "aspirational": "预期性（力争/争取）", "in-principle": "原则上", "stated": "陈述"}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def region_pages(atlas: Atlas) -> dict[str, dict]:
    """Region page id -> {name, plans, children}: one page per plan region and per parent region."""
    gazetteer = load_gazetteer()
    pages: dict[str, dict] = {}
    for plan in atlas.plans:
        own = pages.setdefault(plan.region_id, {"id": plan.region_id, "name": plan.region or "全国", "plans": [], "children": set(), "parent": None})
        own["plans"].append(plan)
        if plan.parent_region:
            parent_slug = gazetteer[plan.parent_region].slug if plan.parent_region in gazetteer else plan.region_id.rsplit("-", 1)[0]
            parent = pages.setdefault(parent_slug, {"id": parent_slug, "name": plan.parent_region, "plans": [], "children": set(), "parent": None})
            parent["children"].add(plan.region_id)
            own["parent"] = parent_slug
    for page in pages.values():
        page["children"] = sorted(page["children"])
    return dict(sorted(pages.items()))


def theme_counts(atlas: Atlas) -> dict[str, dict]:
    counts: dict[str, dict] = {}
    for theme_id, items in atlas.items_by_theme().items():
        counts[theme_id] = {"items": len(items), "plans": len({i.plan.id for i in items})}
    return counts


def coverage_matrix(atlas: Atlas) -> dict[tuple[str, str], int]:
    """(theme id, plan id) -> number of tasks and measures."""
    return Counter((item.theme or "unmapped", item.plan.id) for item in atlas.items)


def targets_by_year(atlas: Atlas) -> list[tuple[str, int, int]]:
    """(year, targets, plans) in year order; targets without a year last."""
    rows = defaultdict(lambda: [0, set()])
    for plan in atlas.plans:
        for target in plan.targets:
            key = str(target.year) if target.year else "未注明"
            rows[key][0] += 1
            rows[key][1].add(plan.id)
    return [(year, count, len(plans)) for year, (count, plans) in sorted(rows.items(), key=lambda r: (r[0] == "未注明", r[0]))]


def comparable_targets(atlas: Atlas) -> list[tuple[object, list]]:
    """Canonical indicators with the targets that share them, most widely shared first."""
    grouped = defaultdict(list)
    for plan in atlas.plans:
        for target in plan.targets:
            if target.indicator_id:
                grouped[target.indicator_id].append((plan, target))
    ordered = sorted(grouped.items(), key=lambda kv: (-len({p.id for p, _ in kv[1]}), kv[0]))
    return [(atlas.indicators[key], rows) for key, rows in ordered]


def entity_groups(entity: Entity, theme_order: list[str]) -> list[tuple[str, list]]:
    """An entity's responsibilities grouped by theme, in the taxonomy's order (unmapped last)."""
    grouped = defaultdict(list)
    for responsibility in entity.responsibilities:
        grouped[responsibility.item.theme or "unmapped"].append(responsibility)
    order = {theme_id: index for index, theme_id in enumerate(theme_order)}
    return sorted(grouped.items(), key=lambda kv: order.get(kv[0], len(order)))


def render_indexes(env: Environment, atlas: Atlas, content: Path) -> None:
    themes = {t["id"]: t for t in atlas.themes}
    by_theme = atlas.items_by_theme()
    common = {"atlas": atlas, "themes": themes, "ROLE_ZH": ROLE_ZH, "COMMITMENT_ZH": COMMITMENT_ZH}
    write(content / "themes" / "index.md", env.get_template("themes_index.md.j2").render(
        counts=theme_counts(atlas), matrix=coverage_matrix(atlas), **common))
    for theme_id in themes:
        items = by_theme.get(theme_id, [])
        by_plan = defaultdict(list)
        for item in items:
            by_plan[item.plan.id].append(item)
        write(content / "themes" / f"{theme_id}.md", env.get_template("theme.md.j2").render(
            theme=themes[theme_id], by_plan=by_plan, plans={p.id: p for p in atlas.plans}, **common))
    entities_by_type = atlas.entities_by_type()
    write(content / "agencies" / "index.md", env.get_template("agencies_index.md.j2").render(
        entities_by_type=entities_by_type, **common))
    for entity in atlas.entities.values():
        write(content / "agencies" / f"{entity.id}.md", env.get_template("agency.md.j2").render(
            entity=entity, groups=entity_groups(entity, list(themes)), agency_type=atlas.agency_types[entity.type_id], **common))
    for type_id, entities in entities_by_type.items():
        write(content / "agencies" / "types" / f"{type_id}.md", env.get_template("agency_type.md.j2").render(
            agency_type=atlas.agency_types[type_id], entities=sorted(entities, key=lambda e: e.id), **common))
    write(content / "targets" / "index.md", env.get_template("targets_index.md.j2").render(
        years=targets_by_year(atlas), comparable=comparable_targets(atlas), **common))
    regions = region_pages(atlas)
    write(content / "regions" / "index.md", env.get_template("regions_index.md.j2").render(regions=regions, **common))
    for region in regions.values():
        write(content / "regions" / f"{region['id']}.md", env.get_template("region.md.j2").render(region=region, regions=regions, **common))
