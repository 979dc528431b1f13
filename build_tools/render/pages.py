"""Render stage: plans -> the pages of both editions (content/zh, content/en) and the downloads.

``render(atlas, lang, ...)`` writes the same pages for each language from the same data: the Chinese
edition at the site's root, the English one under /en/ with identical paths below it. Downloads are
written once, into the Chinese edition (both editions link to them).

Text from documents is always inert: it goes through the ``md``/``doc`` filters (numeric entities for
every character Markdown or HTML would read) or Jinja2's autoescape inside raw HTML blocks. No
document text is ever used as a template.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from difflib import SequenceMatcher
from pathlib import Path

from build_tools.link.atlas import Atlas, build_atlas
from build_tools.link.themes import load_themes
from build_tools.models import Plan, plan_json_schema
from build_tools.paths import CONTENT, TRANSLATIONS
from build_tools.render import urls
from build_tools.render.environment import environment, markdown_inline  # noqa: F401  (markdown_inline: tests)
from build_tools.render.compare import compare_vocabulary, write_compare_data
from build_tools.render.i18n import EDITIONS
from build_tools.render import output
from build_tools.render.indexes import region_groups, region_pages, render_indexes
from build_tools.render.memo import Memo, forget, plan_digest
from build_tools.render.memo import counts as memo_counts
from build_tools.render.output import write
from build_tools.render.opendata import write_tables, write_workbooks
from build_tools.translate.lookup import PlanTranslation, load_translations
from build_tools.translate.units import plan_units

GENERATED = ("index.md", "plans", "data", "themes", "agencies", "targets", "regions", "glossary.md", "search.md", "compare.md")


def heading_level(depth: int) -> str:
    return "#" * min(depth + 1, 6)


def variant_changes(variant) -> list[dict]:
    """Where the other readings differ from the chosen one, with a little context; text a website
    injected is shown as a placeholder, never as plan text."""
    chosen = next((r.text for r in variant.readings if r.file == variant.chosen), variant.readings[0].text)
    changes = []
    for reading in variant.readings:
        if reading.file == variant.chosen:
            continue
        matcher = SequenceMatcher(None, chosen, reading.text, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            other = reading.text[j1:j2]
            injected = False
            for string in variant.injected:
                if string in other:
                    other = other.replace(string, "")
                    injected = True
            changes.append({"file": reading.file, "before": chosen[max(0, i1 - 8):i1], "chosen": chosen[i1:i2],
                            "other": other, "injected": injected, "after": chosen[i2:i2 + 8]})
    return changes


def site_url(environ: Mapping[str, str] = os.environ) -> str:
    """The published address of the site's root for absolute links in citations and downloads, ending in
    "/", or "" for site-relative links. It is the environment variable ``SITE_URL``, which mkdocs.yml
    reads too (``site_url: !ENV [SITE_URL, ""]``), so the pages and MkDocs agree: the Pages workflow
    sets it to https://<owner>.github.io/<repo>/ for both `plansite build` and `plansite site`."""
    value = environ.get("SITE_URL", "").strip()
    return value.rstrip("/") + "/" if value else ""


def plan_items(plan: Plan) -> dict[str, dict]:
    """Key tasks ("2.3") and measures ("m4-1") by the key segments carry, with what the page shows of them."""
    items: dict[str, dict] = {}
    for action in plan.actions:
        for task in action.tasks:
            label = task.key
            items[label] = {"anchor": task.id, "label": label, "kind": "task", "agencies": task.agencies,
                            "targets": plan.targets_of(label), "title": plan.title_of(task.segments[0]),
                            "deadline": task.deadline, "deadline_date": task.deadline_date}
    for measure in plan.measures:
        items[measure.id] = {"anchor": measure.id, "label": measure.id, "kind": "measure", "agencies": measure.agencies,
                             "targets": [], "title": plan.title_of(measure.segments[0]), "chapter": plan.title_of(measure.chapter),
                             "deadline": measure.deadline, "deadline_date": measure.deadline_date}
    return items


def plan_blocks(plan: Plan) -> list[dict]:
    """The plan text as blocks for the template, in document order. The first segment of a task or
    measure is its heading (with the permalink anchor); its agencies, targets and citation follow its
    last segment. Titles and bodies are the spans the parse stage recorded (``title_end``)."""
    items = plan_items(plan)
    targets_by_segment: dict[str, list] = {}
    for target in plan.targets:
        targets_by_segment.setdefault(target.segment, []).append(target)
    themes = {t["id"]: t for t in load_themes()}
    action_by_segment = {action.segment: action for action in plan.actions}
    last_of: dict[str, str] = {}
    for segment in plan.sections:
        key = segment.task or segment.measure
        if key:
            last_of[key] = segment.id
    blocks: list[dict] = []
    seen: set[str] = set()
    for segment in plan.sections:
        key = segment.task or segment.measure
        action = action_by_segment.get(segment.id)
        block = {
            "segment": segment,
            "targets": targets_by_segment.get(segment.id, []),
            "item": None,
            "footer": None,
            "action": action,
            "theme": themes.get(action.theme) if action is not None and action.theme else None,
            "level": heading_level(segment.depth),
            "offset": 0,
        }
        if key and key not in seen and segment.marker:
            seen.add(key)
            block["item"] = items[key]
        if segment.title_end is not None:
            block["heading"] = segment.text if segment.kind == "heading" else plan.title_of(segment.id)
            block["body"] = "" if segment.kind == "heading" else plan.body_of(segment.id)
            block["offset"] = len(segment.text) - len(block["body"])
        else:
            block["heading"] = None
            block["body"] = segment.text
        if key and last_of.get(key) == segment.id:
            block["footer"] = items[key]
        blocks.append(block)
    return blocks


def permalink(plan: Plan, anchor: str, lang: str) -> str:
    """The absolute (with ``site_url``) or site-relative URL of an item of a plan, for citations."""
    return f"{site_url()}{'en/' if lang != 'zh' else ''}{urls.page_url(urls.plan(plan.id))}#{anchor}"


def segment_status_counts(plan: Plan, translation: PlanTranslation) -> dict[str, int]:
    return translation.counts([unit.msgid for unit in plan_units(plan)])


def render_plan(env, atlas: Atlas, plan: Plan, lang: str, regions: dict, themes: dict, translation: PlanTranslation) -> str:
    counts = segment_status_counts(plan, translation) if lang != "zh" else {}
    blocks = plan_blocks(plan)
    for block in blocks:
        for holder in (block["item"], block["footer"]):
            if holder is not None:
                holder["url"] = permalink(plan, holder["anchor"], lang)
    return env.get_template("plan.md.j2").render(
        here=urls.plan(plan.id), atlas=atlas, plan=plan, blocks=blocks, themes=themes, region_page=regions.get(plan.region_id),
        status_counts=counts,
        # an English page of a plan nobody has translated links each paragraph to the Chinese page rather than
        # copying it (at national scale most plans are untranslated; the Chinese is one click away, per paragraph)
        link_only=lang != "zh" and not any(counts.get(status) for status in ("machine", "human", "reviewed")),
        changes=variant_changes,
    )


def plan_page_parts(env, atlas: Atlas, plan: Plan, lang: str, regions: dict, translation: PlanTranslation) -> tuple:
    """What a plan's page is made from beyond the code and taxonomy (build_tools/render/memo.py): the plan,
    the labels of the agencies it names as the atlas has them, its region page, and in English its
    catalog (the file's digest: every unit's translation and status is read from it)."""
    label = env.globals["entity_label"]
    entities = sorted({a.entity for item in plan_items(plan).values() for a in item["agencies"] if a.entity})
    agencies = [(e, label(atlas.entities[e]) if e in atlas.entities else None) for e in entities]
    return plan_digest(plan), agencies, plan.region_id in regions, translation.digest if lang != "zh" else ""


def home_summary(atlas: Atlas) -> dict:
    """What the home page shows of the whole: plans per level, the themes and the indicators most plans share."""
    from collections import Counter

    from build_tools.render.indexes import comparable_targets, theme_counts

    order = ("national", "province", "city", "county", "district")
    levels = Counter(plan.level for plan in atlas.plans)
    counts = theme_counts(atlas)
    themes = sorted((t for t in atlas.themes if t["id"] in counts), key=lambda t: (-counts[t["id"]]["plans"], -counts[t["id"]]["items"]))
    shared = [(indicator, len({p.id for p, _ in rows})) for indicator, rows in comparable_targets(atlas)]
    return {"levels": [(level, levels[level]) for level in order if levels[level]],
            "top_themes": [(theme, counts[theme["id"]]["items"]) for theme in themes[:5]],
            "top_indicators": shared[:5]}


def render(atlas: Atlas, lang: str, directory: Path, translations: dict[str, PlanTranslation], parts: tuple[str, ...] = ("indexes", "plans")) -> None:
    """Every page of one edition into ``directory`` (content/zh or content/en), each written only if its
    bytes change (build_tools/render/output.py; the caller sweeps what was not written): its index pages
    (part ``indexes``) and its plan pages (part ``plans``), two jobs that may run in two processes."""
    env = environment(lang, translations)
    regions = region_pages(atlas)
    plans = atlas.plans
    if "indexes" in parts:
        write(directory / urls.home(), env.get_template("home.md.j2").render(here=urls.home(), plans=plans, atlas=atlas, **home_summary(atlas)))
        write(directory / urls.plans_index(), env.get_template("plans_index.md.j2").render(
            here=urls.plans_index(), plans=plans, atlas=atlas, bundles=[(region, len(members), bundle_name(region["id"]))
                                                                      for region, members in region_groups(atlas, regions)]))
        write(directory / urls.search(), env.get_template("search.md.j2").render(here=urls.search()))
        write(directory / urls.compare(), env.get_template("compare.md.j2").render(here=urls.compare(), vocabulary=compare_vocabulary(atlas, lang)))
        memo = Memo(lang, (site_url(),), record=f"{lang}-indexes")
        render_indexes(env, atlas, directory, memo)
        memo.save()
    if "plans" in parts:
        themes = {t["id"]: t for t in atlas.themes}
        memo = Memo(lang, (site_url(),), record=f"{lang}-plans")
        for plan in plans:
            translation = translations.get(plan.id, PlanTranslation())
            memo.write(directory / urls.plan(plan.id), urls.plan(plan.id), plan_page_parts(env, atlas, plan, lang, regions, translation),
                       lambda: render_plan(env, atlas, plan, lang, regions, themes, translation))
        memo.save()


# below this many plans the render runs in one process (a worker process costs more)
PARALLEL_THRESHOLD = 16
# The render stage's jobs, each writing files no other job writes, longest first (seconds of a cold render
# at 1,000 plans: the English indexes 22, English plan pages 19, Chinese indexes 16, workbooks 14, Chinese
# plan pages 12, the other downloads 8). Each process takes the next job nobody has taken when it finishes
# one (longest first, then whoever is free), so the two processes finish within about a job of each other
# however the corpus weighs them. The Chinese edition and the English edition in one process each, with
# the downloads after the Chinese pages, left one process idle for the last third of the render.
JOBS = ("en:indexes", "en:plans", "zh:indexes", "data:workbooks", "zh:plans", "data:compare", "data:plans", "data:bundles", "data:tables")
# what the forked render worker reads: set just before the pool starts, cleared after (fork shares it with
# the worker without pickling the atlas), with the counter of jobs taken
_SHARED: dict = {}


def run_job(job: str, atlas: Atlas, english: dict, content: Path) -> None:
    """One job of JOBS: an edition's part (``en:plans``) or a download (``data:workbooks``)."""
    part, _, what = job.partition(":")
    if part == "data":
        write_downloads(atlas, content / EDITIONS[0] / "data", english, (what,))
    else:
        render(atlas, part, content / part, english if part != EDITIONS[0] else {}, (what,))


def render_jobs() -> dict:
    """Take and run jobs until none is left (``_SHARED["taken"]``: the next job's number, shared by the
    processes); what was written, kept and removed, the counts of the render cache and the paths written
    (the parent sweeps each edition's folder once every job is done)."""
    atlas, english, content, taken = _SHARED["atlas"], _SHARED["english"], _SHARED["content"], _SHARED["taken"]
    output.begin()
    memo_counts.update(made=0, reused=0, kept=0)
    while True:
        with taken.get_lock():
            number = taken.value
            taken.value += 1
        if number >= len(JOBS):
            break
        run_job(JOBS[number], atlas, english, content)
    done = output.tally()
    return {"written": done.written, "unchanged": done.unchanged, **memo_counts, "paths": done.paths}


def render_site_content(plans: list[Plan], content: Path = CONTENT, translations: Path = TRANSLATIONS, workers: int | None = None) -> dict[str, int]:
    """Write both editions (content/zh, content/en) and the downloads (content/zh/data), in two processes
    when there are enough plans and cores (the same bytes either way); how many files were written, left
    unchanged and removed, and how many pages and downloads the render cache made and reused
    (build_tools/render/memo.py)."""
    from build_tools import cache
    from build_tools.pipeline import jobs

    forget()
    with cache.collector_paused():
        atlas = build_atlas(plans)
    english = load_translations("en", translations)
    workers = jobs() if workers is None else workers
    _SHARED.update(atlas=atlas, english=english, content=content, taken=multiprocessing.Value("i", 0))
    try:
        if workers >= 2 and len(plans) >= PARALLEL_THRESHOLD and "fork" in multiprocessing.get_all_start_methods():
            # one forked worker beside this process: two copies of the atlas in memory (each process touching
            # the plans copies their pages), where two workers beside an idle parent held three (7.5 GB at
            # 3,000 plans); the objects made so far (the atlas) go to the collector's permanent generation: a
            # collection in either process then never writes to their headers, which would copy every page
            gc.freeze()
            with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
                other = pool.submit(render_jobs)
                tallies = [render_jobs(), other.result()]
        else:
            tallies = [render_jobs()]
    finally:
        gc.unfreeze()
        _SHARED.clear()
    output.begin()
    output.tally().paths.update(*(t["paths"] for t in tallies))
    removed = sum(output.sweep(content / lang, GENERATED) for lang in EDITIONS)
    totals = {key: sum(t[key] for t in tallies) for key in ("written", "unchanged", "made", "reused", "kept")}
    return {**totals, "removed": removed}


def write_downloads(atlas: Atlas, data: Path, english: dict, parts: tuple[str, ...]) -> None:
    """Parts of the open data (the ``data:`` jobs of JOBS): the workbooks, the compare files, each plan's
    JSON, the bundles, and the tables (with the lookup and the schema); each part keeps its own record of
    the files it wrote."""
    for part in parts:
        memo = Memo("data", (site_url(),), record=f"data-{part}")
        if part == "tables":
            write_tables(atlas, data, english)
            write(data / "schema" / "plan.schema.json", json.dumps(plan_json_schema(), ensure_ascii=False, indent=2) + "\n")
        elif part == "workbooks":
            write_workbooks(atlas, data, site_url(), memo)
        elif part == "compare":
            write_compare_data(atlas, data, english, memo)
        elif part == "plans":
            for plan in atlas.plans:
                memo.write(data / "plans" / f"{plan.id}.json", f"plans/{plan.id}.json", plan_digest(plan), lambda: plan_json(plan))
        elif part == "bundles":
            for region, members in region_groups(atlas):
                name = bundle_name(region["id"])
                memo.write(data / name, name, [plan_digest(plan) for plan in members], lambda: plans_bundle(members))
        else:
            raise ValueError(f"unknown download part {part!r}")
        memo.save()


# every plan in downloads of one region each: gzip-compressed JSON Lines (one plan per line, valid against
# schema/plan.schema.json), data/bundles/<region>.jsonl.gz. One national file (it replaced one indented
# plans.json of 150 MB at 912 plans) was 22 MB at 951 plans and would pass 60 MB at 3,000; a region's file
# stays a few MB and is what a researcher comparing its districts wants. `zcat bundles/*.jsonl.gz` is the
# whole (concatenated gzip members are one valid gzip stream); read it line by line without holding it all.
BUNDLES = "bundles"


def bundle_name(region_id: str) -> str:
    return f"{BUNDLES}/{region_id}.jsonl.gz"


def plans_bundle(plans: list[Plan]) -> bytes:
    """The bundle's bytes, identical for identical plans (no file name or time in the gzip header)."""
    return output.gzipped(b"".join(json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
                                   for plan in plans))


def plan_json(plan: Plan) -> str:
    """A plan's download: compact JSON (no indentation: a quarter smaller, and a JSON viewer or `jq .`
    indents it for reading)."""
    return json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":")) + "\n"
