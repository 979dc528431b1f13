"""Index pages of one edition: themes, agencies (entities and types), targets, regions, glossary.
Links are relative .md links (urls.link) wherever Markdown allows, so `mkdocs build --strict` checks them."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from jinja2 import Environment

from build_tools.link.atlas import Atlas, Entity
from build_tools.link.gazetteer import load_gazetteer, slugify_name
from build_tools.render import urls
from build_tools.render.output import write


def region_pages(atlas: Atlas) -> dict[str, dict]:
    """Region page id -> {name, plans, children, parent, below, total}: one page per plan region and per division above
    it. A page's id is the region's path in the gazetteer (``hunan-changde``), the id its own plans'
    ``region_id`` has. A region the gazetteer knows hangs under its real ancestors (a county's plan is on
    its city's page and its province's, whether or not the city has a plan of its own), so the top pages
    are provinces; a place the gazetteer does not know hangs under the parent its title names (a parent
    name several divisions share, none among provinces and prefectures, is its first by code). ``below``
    lists every region below it, depth first (as its page lists their plans); ``total`` counts the plans
    of the region and of those."""
    gazetteer = load_gazetteer()
    by_path = {gazetteer.path(region): region for region in gazetteer}
    pages: dict[str, dict] = {}

    def page(page_id: str, name: str) -> dict:
        return pages.setdefault(page_id, {"id": page_id, "name": name, "plans": [], "children": set(), "parent": None})

    def hang(child: dict, parent: dict) -> None:
        parent["children"].add(child["id"])
        child["parent"] = parent["id"]

    for plan in atlas.plans:
        own = page(plan.region_id, plan.region)
        own["plans"].append(plan)
        known = by_path.get(plan.region_id)
        if known is not None and known.name == plan.region:
            child = own
            for ancestor in gazetteer.ancestors(known):
                parent = page(gazetteer.path(ancestor), ancestor.name)
                hang(child, parent)
                child = parent
        elif plan.parent_region:
            known = gazetteer.first(plan.parent_region)
            parent_slug = gazetteer.path(known) if known else slugify_name(plan.parent_region)
            hang(own, page(parent_slug, plan.parent_region))
    for page_ in pages.values():
        page_["children"] = sorted(page_["children"])
    for page_id, page_ in pages.items():
        page_["below"] = [region_id for region_id, _ in descend(pages, page_id, set())][1:]
        page_["total"] = len(page_["plans"]) + sum(len(pages[below]["plans"]) for below in page_["below"])
    return dict(sorted(pages.items()))


def descend(regions: dict[str, dict], top: str, placed: set[str]) -> list[tuple[str, int]]:
    """(region id, depth) of ``top`` and every region below it, depth first in the order of the children
    (as the pages list them), skipping and then adding to ``placed`` (a region met again, in a loop of
    parents among places the gazetteer does not know, comes once)."""
    found, stack = [], [(top, 0)]
    while stack:
        current, depth = stack.pop()
        if current in placed:
            continue
        placed.add(current)
        found.append((current, depth))
        stack.extend((child, depth + 1) for child in reversed(regions[current]["children"]))
    return found


def region_order(regions: dict[str, dict]) -> list[tuple[str, int]]:
    """(region id, depth) for the regions index: each top region (a province) followed by the regions
    below it, so a county follows its city and the city its province; a region no top region reaches (a
    loop of parents among places the gazetteer does not know) last, at depth 0."""
    placed: set[str] = set()
    order = [row for region_id, region in regions.items() if region["parent"] is None for row in descend(regions, region_id, placed)]
    return order + [(region_id, 0) for region_id in regions if region_id not in placed]


def region_groups(atlas: Atlas, regions: dict | None = None) -> list[tuple[dict, list]]:
    """The plans by the highest region above them on the site's regions pages (the province of a division
    the gazetteer knows; for a place it does not know, the highest division its title names), in order of
    the region's id; (region page, plans) each. The plans bundles and the theme pages are split by them."""
    regions = region_pages(atlas) if regions is None else regions
    groups: dict[str, list] = {}
    for plan in atlas.plans:
        top, seen = plan.region_id, {plan.region_id}
        while regions[top]["parent"] and regions[top]["parent"] not in seen:
            top = regions[top]["parent"]
            seen.add(top)
        groups.setdefault(top, []).append(plan)
    return [(regions[top], groups[top]) for top in sorted(groups)]


def theme_counts(atlas: Atlas) -> dict[str, dict]:
    counts: dict[str, dict] = {}
    for theme_id, items in atlas.items_by_theme().items():
        counts[theme_id] = {"items": len(items), "plans": len({i.plan.id for i in items})}
    return counts


def coverage_matrix(atlas: Atlas) -> dict[tuple[str, str], int]:
    """(theme id, plan id) -> number of tasks and measures."""
    return Counter((item.theme or "unmapped", item.plan.id) for item in atlas.items)


def targets_by_year(atlas: Atlas) -> list[tuple[int | None, int, int]]:
    """(year or None, targets, plans) in year order; targets without a year last."""
    rows = defaultdict(lambda: [0, set()])
    for plan in atlas.plans:
        for target in plan.targets:
            rows[target.year][0] += 1
            rows[target.year][1].add(plan.id)
    return [(year, count, len(plans)) for year, (count, plans) in sorted(rows.items(), key=lambda r: (r[0] is None, r[0] or 0))]


# an indicator with more targets than this gets a page for each region (urls.indicator_part), its own page
# the regions with their counts: a page and a chart of a few hundred bars stay readable on a phone
INDICATOR_PAGE_ROWS = 200


def comparable_targets(atlas: Atlas) -> list[tuple[object, list]]:
    """Canonical indicators with the targets that share them, most widely shared first."""
    grouped = defaultdict(list)
    for plan in atlas.plans:
        for target in plan.targets:
            if target.indicator_id:
                grouped[target.indicator_id].append((plan, target))
    ordered = sorted(grouped.items(), key=lambda kv: (-len({p.id for p, _ in kv[1]}), kv[0]))
    return [(atlas.indicators[key], rows) for key, rows in ordered]


def indicator_families(atlas: Atlas, comparable: list[tuple[object, list]]) -> list[tuple[object, list]]:
    """Families of related indicators (indicators.yml ``families``) with their indicators that have
    targets and the number of plans of each, most plans first; the family order of the taxonomy."""
    from build_tools.link.indicators import load_families

    members: dict[str, list] = defaultdict(list)
    for indicator, rows in comparable:
        if indicator.family:
            members[indicator.family].append((indicator, len({p.id for p, _ in rows})))
    return [(family, members[family_id]) for family_id, family in load_families().items() if members.get(family_id)]


def jurisdictions(atlas: Atlas) -> list[dict]:
    """The jurisdictions that have agencies, each with its agencies (in id order) and how many tasks they
    lead, support or hold without a stated role: one agencies page each."""
    grouped: dict[str, list[Entity]] = defaultdict(list)
    for entity in atlas.entities.values():
        grouped[urls.entity_jurisdiction(entity.id)].append(entity)
    found = []
    for region_id, entities in sorted(grouped.items()):
        roles = Counter(r.role for entity in entities for r in entity.responsibilities)
        found.append({"id": region_id, "entities": entities, "place": entities[0].jurisdiction, "parent": entities[0].parent,
                      "plans": sorted({r.item.plan.id for e in entities for r in e.responsibilities}),
                      "lead": roles["lead"], "support": roles["support"], "none": roles[None], "total": sum(roles.values())})
    return found


def render_indexes(env: Environment, atlas: Atlas, content: Path, memo=None) -> None:
    """Every index page of one edition. ``memo`` (build_tools/render/memo.py) keeps a jurisdiction's
    agencies page while the plans naming its agencies are unchanged; the other index pages span all plans."""
    from build_tools.render.memo import Memo, plan_digest

    own = memo is None
    memo = memo or Memo("", ())
    themes = {t["id"]: t for t in atlas.themes}
    by_theme = atlas.items_by_theme()
    plans = {p.id: p for p in atlas.plans}
    common = {"atlas": atlas, "themes": themes, "plans_by_id": plans}

    def page(path: str, template: str, **context) -> None:
        write(content / path, env.get_template(template).render(here=path, **common, **context))

    def kept(path: str, parts, template: str, **context) -> None:
        """``page``, from the render cache while ``parts`` (what the page shows beyond the code and the
        taxonomy) are unchanged: the pages that list many plans' tasks or targets."""
        memo.write(content / path, path, parts, lambda: env.get_template(template).render(here=path, **common, **context))

    label, translation = env.globals["entity_label"], env.globals["translation_digest"]

    def shown(plan_ids) -> list:
        """The plans a page shows: each one's data and, in English, its catalog."""
        return [(plan_digest(plans[plan_id]), translation(plans[plan_id])) for plan_id in plan_ids]

    def labels(items) -> list:
        """The agencies the items name, with their labels as the atlas has them (an agency's English name
        follows the spelling its place's plans print most often: another plan can change it)."""
        named = sorted({a.entity for item in items for a in item.agencies if a.entity})
        return [(e, label(atlas.entities[e]) if e in atlas.entities else None) for e in named]

    page(urls.themes_index(), "themes_index.md.j2", counts=theme_counts(atlas), matrix=coverage_matrix(atlas))
    regions = region_pages(atlas)
    group_of = {plan.id: region["id"] for region, members in region_groups(atlas, regions) for plan in members}
    for theme_id in themes:
        parts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for item in by_theme.get(theme_id, []):
            parts[group_of[item.plan.id]][item.plan.id].append(item)
        summary = [(regions[g], len(parts[g]), sum(len(items) for items in parts[g].values())) for g in sorted(parts)]
        page(urls.theme(theme_id), "theme.md.j2", theme=themes[theme_id], parts=summary)
        for g in sorted(parts):
            by_plan = dict(sorted(parts[g].items()))
            # the items of a plan on a theme follow from the plan and the taxonomy: its digest covers them
            kept(urls.theme_part(theme_id, g), (theme_id, g, regions[g]["name"], shown(by_plan),
                                                labels(item for items in by_plan.values() for item in items)),
                 "theme_part.md.j2", theme=themes[theme_id], area=regions[g], by_plan=by_plan)
    entities_by_type = atlas.entities_by_type()
    places = jurisdictions(atlas)
    page(urls.agencies_index(), "agencies_index.md.j2", entities_by_type=entities_by_type, jurisdictions=places)
    for place in places:
        path = urls.agencies_of(place["id"])
        memo.write(content / path, path, shown(place["plans"]),
                   lambda: env.get_template("agencies_of.md.j2").render(
                       here=path, **common, region_id=place["id"], entities=place["entities"],
                       plans=[plans[plan_id] for plan_id in place["plans"]]))
    for type_id, entities in entities_by_type.items():
        ordered = sorted(entities, key=lambda e: e.id)
        # the page is a row per agency: its label, place and counts of roles, which is its key
        rows = [(e.id, label(e), e.name, e.jurisdiction, e.parent, e.count("lead"), e.count("support"), e.count(None),
                 len(e.responsibilities)) for e in ordered]
        kept(urls.agency_type(type_id), (type_id, rows), "agency_type.md.j2", agency_type=atlas.agency_types[type_id], entities=ordered)
    comparable = comparable_targets(atlas)
    families = indicator_families(atlas, comparable)
    related = {family.id: [indicator for indicator, _ in members] for family, members in families}
    page(urls.targets_index(), "targets_index.md.j2", years=targets_by_year(atlas), comparable=comparable, families=families, related=related)
    for indicator, rows in comparable:
        others = [other.id for other in related.get(indicator.family, [])]
        if len(rows) <= INDICATOR_PAGE_ROWS:
            # the rows are the targets of these plans linked to the indicator: the plans' digests cover them
            kept(urls.indicator(indicator.id), (indicator.id, shown(dict.fromkeys(plan.id for plan, _ in rows)), others),
                 "indicator.md.j2", indicator=indicator, rows=rows, related=related, by_region=None, area=None)
            continue
        by_group: dict[str, list] = defaultdict(list)
        for plan, target in rows:
            by_group[group_of[plan.id]].append((plan, target))
        summary = [(regions[g], len({plan.id for plan, _ in by_group[g]}), len(by_group[g]),
                    sorted({target.year for _, target in by_group[g] if target.year})) for g in sorted(by_group)]
        kept(urls.indicator(indicator.id), (indicator.id, [(area["id"], area["name"], *counts) for area, *counts in summary], others),
             "indicator.md.j2", indicator=indicator, rows=[], related=related, by_region=summary, area=None)
        for g in sorted(by_group):
            part = by_group[g]
            kept(urls.indicator_part(indicator.id, g), (indicator.id, g, regions[g]["name"], shown(dict.fromkeys(plan.id for plan, _ in part)), others),
                 "indicator.md.j2", indicator=indicator, rows=part, related=related, by_region=None, area=regions[g])
    page(urls.regions_index(), "regions_index.md.j2", regions=regions, order=region_order(regions))
    for region in regions.values():
        # a region's page shows its name, its parent's, and every region below it with its plans
        parent = regions[region["parent"]]["name"] if region["parent"] else None
        shows = [(other, regions[other]["name"], shown([plan.id for plan in regions[other]["plans"]]))
                 for other in [region["id"], *region["below"]]]
        kept(urls.region(region["id"]), (region["id"], parent, shows), "region.md.j2", region_info=region, regions=regions)
    from build_tools.render.glossary import glossary_entries

    page(urls.glossary(), "glossary.md.j2", entries=glossary_entries(atlas))
    if own:
        memo.save()
