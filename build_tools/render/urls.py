"""Every page of the site and where it lives: one function per page kind, used by the templates, the
Python that writes pages and downloads, and the data the site's JavaScript reads.

Paths are docs-relative Markdown sources (``plans/tianjin-baodi-2023.md``); both editions use the same
paths (the English one under ``en/``). Markdown links are written as relative ``.md`` links, so that
``mkdocs build --strict`` checks every one and its anchor; raw HTML (tables with classes, the lookup's
data) uses the page's URL as MkDocs publishes it (``plans/tianjin-baodi-2023/``).
"""

from __future__ import annotations

import posixpath
from functools import lru_cache


def home() -> str:
    return "index.md"


def about() -> str:
    return "about.md"


def glossary() -> str:
    return "glossary.md"


def search() -> str:
    """The search page of an edition; its index is written beside it by build_tools/search."""
    return "search.md"


def search_index() -> str:
    """The folder of an edition's search index (site/search-index/, site/en/search-index/)."""
    return "search-index/"


def plans_index() -> str:
    return "plans/index.md"


def plan(plan_id: str) -> str:
    return f"plans/{plan_id}.md"


def themes_index() -> str:
    return "themes/index.md"


def theme(theme_id: str) -> str:
    """A theme's page: its regions, each with a page of its own (``theme_part``)."""
    return f"themes/{theme_id}.md"


def theme_part(theme_id: str, region_id: str) -> str:
    """A theme's tasks in the plans of one region (the highest region above them, as the plans bundles
    group them): ``themes/energy/tianjin.md``. One page per theme held every plan's tasks (2.9 MB at 1,000
    plans, near 10 MB at 3,000)."""
    return f"themes/{theme_id}/{region_id}.md"


def agencies_index() -> str:
    return "agencies/index.md"


def agencies_of(region_id: str) -> str:
    """The agencies of one jurisdiction, one section each: ``agencies/tianjin-baodi.md``. One page per
    jurisdiction rather than per agency keeps the site's size growing with its plans (about 25 agencies
    per plan), and every agency stays addressable by its anchor (``agency_anchor``)."""
    return f"agencies/{region_id}.md"


def agency(entity_id: str) -> str:
    """The page an agency is on: its jurisdiction's (``tianjin-baodi.development-reform`` ->
    ``agencies/tianjin-baodi.md``); link it with ``agency_anchor``."""
    return agencies_of(entity_jurisdiction(entity_id))


def entity_jurisdiction(entity_id: str) -> str:
    """``tianjin-baodi.town.huangzhuangzhen`` -> ``tianjin-baodi`` (entity ids start with the region id)."""
    return entity_id.split(".", 1)[0]


def agency_anchor(entity_id: str) -> str:
    """The agency's section on its jurisdiction's page: ``tianjin-baodi.town.huangzhuangzhen`` ->
    ``town-huangzhuangzhen``."""
    return entity_id.split(".", 1)[1].replace(".", "-")


def agency_type(type_id: str) -> str:
    return f"agencies/types/{type_id}.md"


def targets_index() -> str:
    return "targets/index.md"


def compare() -> str:
    """One compare page per edition for any two or three plans (``compare/?plans=a,b``): its script reads
    the plans' published JSON (``plan_json``), so no page is written per pair."""
    return "compare.md"


def indicator(indicator_id: str) -> str:
    """A comparable indicator across plans (chart and table): ``targets/renewable-capacity.md``. One page
    per indicator rather than one section each on the targets page, which reached 11.9 MB at 912 plans."""
    return f"targets/{indicator_id}.md"


def indicator_part(indicator_id: str, region_id: str) -> str:
    """An indicator's targets in the plans of one region (the highest region above them, as the theme
    pages group them): ``targets/renewable-capacity/sichuan.md``, for an indicator with more targets than
    one page shows (``indexes.INDICATOR_PAGE_ROWS``): at 3,000 plans an indicator's page listed about
    2,000 targets (1.4 MB), and every plan changed remade it."""
    return f"targets/{indicator_id}/{region_id}.md"


def regions_index() -> str:
    return "regions/index.md"


def region(region_id: str) -> str:
    return f"regions/{region_id}.md"


def data(name: str) -> str:
    """A download under data/: ``data("tasks.csv")``, ``data("plans/<id>.json")``."""
    return f"data/{name}"


def agency_sheet(region_id: str) -> str:
    """The responsibilities workbook of one jurisdiction's agencies (one sheet per agency)."""
    return data(f"agencies/{region_id}.xlsx")


def plan_json(plan_id: str) -> str:
    return data(f"plans/{plan_id}.json")


def page_url(path: str) -> str:
    """The URL MkDocs publishes a source at (directory URLs): ``plans/x.md`` -> ``plans/x/``,
    ``plans/index.md`` -> ``plans/``, ``index.md`` -> ``""``; other files keep their path."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def link(here: str, target: str, anchor: str | None = None) -> str:
    """A relative Markdown link from the page ``here`` to ``target`` (both docs-relative sources)."""
    relative = _relative_source(here, target)
    return f"{relative}#{anchor}" if anchor else relative


def href(here: str, target: str, anchor: str | None = None) -> str:
    """A relative URL for raw HTML, from the published page ``here`` to ``target``."""
    relative = _relative_url(here, target)
    return f"{relative}#{anchor}" if anchor else relative


# a page links the same few targets many times (its agencies, its plan, the indicators): posixpath.relpath
# was a tenth of the render stage's time
@lru_cache(maxsize=65536)
def _relative_source(here: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


@lru_cache(maxsize=65536)
def _relative_url(here: str, target: str) -> str:
    base = page_url(here)
    directory = base if base.endswith("/") or base == "" else posixpath.dirname(base) + "/"
    destination = page_url(target)
    relative = posixpath.relpath(destination or ".", directory or ".")
    if destination.endswith("/") or destination == "":
        relative = "./" if relative == "." else relative + "/"
    return relative
