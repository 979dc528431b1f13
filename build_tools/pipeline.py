"""Read everything, then write: sources -> plans (data/plans/*.yml) -> pages (content/)."""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from build_tools import cache
from build_tools.corrections import apply_corrections, load_corrections
from build_tools.errors import SourceError
from build_tools.ingest.clean import normalize_characters
from build_tools.ingest.readers import read_source
from build_tools.models import Plan
from build_tools.paths import CORRECTIONS, PLANS, SOURCES
from build_tools.link.apply import link_plan
from build_tools.link.provenance import with_provenance
from build_tools.merge import merge_documents, same_document
from build_tools.parse.plan import Document, document_from_source, parse_document

IGNORED_SOURCE_NAMES = {"README.md", ".gitkeep"}


@dataclass
class ParseResult:
    plans: list[Plan] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    """Each source's text as read (for the accounting of `plansite check`)."""


def source_files(directory: Path = SOURCES) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file() and p.name not in IGNORED_SOURCE_NAMES and not p.name.startswith("."))


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def plan_identity(plan: Plan) -> tuple:
    """Sources with the same title, region, year and status may be copies of one plan."""
    return (plan.region_id, re.sub(r"[\s《》“”\"]", "", plan.title), plan.year, plan.status)


def corrected(document: Document, plan: Plan, directory: Path) -> Plan:
    """The plan re-parsed with its hand corrections (data/corrections/<plan-id>.yml), if it has any."""
    corrections = load_corrections(plan.id, directory)
    if not corrections:
        return plan
    document, applied = apply_corrections(document, corrections, str(directory / f"{plan.id}.yml"))
    return parse_document(document, plan.id).model_copy(update={"corrections": applied})


def source_key(path: Path) -> str:
    """The cache key of a source: the SHA-256 of its name and bytes (the output names the file, so a renamed
    copy is a new entry)."""
    return hashlib.sha256(path.name.encode("utf-8") + b"\0" + path.read_bytes()).hexdigest()


def ingested(path: Path, use_cache: bool = True):
    """The source's clean text (``read_source``), from the ingest cache when this file was read before by
    the same ingest code: a PDF's text is extracted once."""
    if not use_cache or not path.is_file():
        return read_source(path)  # raises the SourceError that names the file
    return cache.memoised("ingest", source_key(path), lambda: read_source(path))


def parse_source(path: Path, use_cache: bool = True) -> tuple[Document, Plan] | str:
    """One file read and parsed (before merging and linking), from the parse cache when the file and the
    code and taxonomy that parse it are unchanged; an error message naming the file when it is unusable."""
    def make() -> tuple[Document, Plan]:
        document = document_from_source(ingested(path, use_cache))
        return document, parse_document(document)

    try:
        return cache.memoised("parse", source_key(path), make) if use_cache and path.is_file() else make()
    except SourceError as error:
        return f"{error.file}: {error.message}"
    except Exception as error:  # a parser bug must still name the file, not print a traceback
        return f"{path}: internal error while parsing ({type(error).__name__}: {error}); please report it"


def jobs() -> int:
    """Worker processes for independent work: the cores this process may use (PLANSITE_JOBS overrides)."""
    configured = os.environ.get("PLANSITE_JOBS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


# below this many files a pool of processes costs more than it saves (starting workers, sending results back)
POOL_THRESHOLD = 16


def parse_sources(paths: list[Path], use_cache: bool = True) -> list[tuple[Document, Plan] | str]:
    """``parse_source`` for each path, in order, on every core when there are enough files."""
    workers = min(jobs(), len(paths))
    if workers < 2 or len(paths) < POOL_THRESHOLD:
        return [parse_source(path, use_cache) for path in paths]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(parse_source, paths, [use_cache] * len(paths), chunksize=4))


def parse_files(paths: list[Path], show_progress: bool = False, corrections: Path = CORRECTIONS, use_cache: bool | None = None) -> ParseResult:
    """Read and parse every file (in parallel, through the build cache), merge copies of one plan, link;
    a bad file is reported by name and does not stop the others."""
    result = ParseResult()
    use_cache = cache.enabled() if use_cache is None else use_cache
    parsed: list[tuple[Document, Plan]] = []
    for index, (path, outcome) in enumerate(zip(paths, parse_sources(paths, use_cache)), start=1):
        if isinstance(outcome, str):
            result.errors.append(outcome)
            continue
        document, plan = outcome
        parsed.append((document, plan))
        result.texts[document.sources[0].file] = document.sources[0].text
        if show_progress:
            progress(f"[{index}/{len(paths)}] {path.name}: {plan.title} ({sum(len(a.tasks) for a in plan.actions)} tasks, {len(plan.targets)} targets)")

    groups: dict[tuple, list[list[tuple[Document, Plan]]]] = {}
    for document, plan in parsed:
        clusters = groups.setdefault(plan_identity(plan), [])
        home = next((c for c in clusters if same_document(c[0][0], document)), None)
        if home is None:
            clusters.append([(document, plan)])
        else:
            home.append((document, plan))
    reference = [d.sources[0].text for d, _ in parsed]
    plans: list[Plan] = []
    for key in sorted(groups, key=str):
        for cluster in groups[key]:
            document, plan = cluster[0]
            files = ", ".join(d.sources[0].file for d, _ in cluster)
            try:
                if len(cluster) > 1:
                    document = merge_documents([d for d, _ in cluster], reference)
                    plan = parse_document(document)
                    if show_progress:
                        progress(f"merged {files} -> {plan.id}")
                plan = corrected(document, plan, corrections)
            except SourceError as error:
                result.errors.append(f"{error.file}: {error.message}")
                continue
            plans.append(with_provenance(linked(plan, use_cache)))

    result.plans = distinct_ids(plans)
    return result


def linked(plan: Plan, use_cache: bool) -> Plan:
    """``link_plan`` through the build cache, keyed by the plan as parsed (its JSON): a rebuild links only
    the plans whose text, corrections or taxonomy changed."""
    if not use_cache:
        return link_plan(plan)
    return cache.memoised("link", cache.text_digest(plan.model_dump_json()), lambda: link_plan(plan))


def distinct_ids(plans: list[Plan]) -> list[Plan]:
    """The plans sorted by id, no two on one id.

    A plan id is the region's path in the gazetteer (unique by construction: gazetteer.py), the plan
    type and the year, so two plans share one only when they are different plans of one place, type and
    year (a draft and a final text that are not copies of each other). The first published (by date,
    then by its first source's SHA-256) keeps the id, so a plan added later never renames one already
    published; each other gets a suffix: its status where that differs (``changde-jinshi-2024-draft``),
    else the first six hex digits of its first source's SHA-256."""
    by_id: dict[str, list[Plan]] = {}
    for plan in plans:
        by_id.setdefault(plan.id, []).append(plan)
    distinct: list[Plan] = []
    for plan_id, group in by_id.items():
        group.sort(key=lambda p: (p.date or "9999", p.sources[0].sha256))
        distinct.append(group[0])
        taken = {plan_id}
        for plan in group[1:]:
            suffix = plan.status if plan.status != group[0].status else plan.sources[0].sha256[:6]
            new_id = f"{plan_id}-{suffix}"
            if new_id in taken or new_id in by_id:
                new_id = f"{plan_id}-{plan.sources[0].sha256[:6]}"
            taken.add(new_id)
            distinct.append(plan.model_copy(update={"id": new_id}))
    return sorted(distinct, key=lambda p: p.id)


def account(plan: Plan, texts: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Per source of the plan: (lines accounted for, non-empty lines). A line is accounted for when it
    is in a segment of the plan or in the removed report (page number, table of contents, site chrome,
    metadata table, duplicate of a better copy)."""
    covered: dict[str, set[int]] = {}
    for segment in plan.sections:
        covered.setdefault(segment.source, set()).update(range(segment.lines[0], segment.lines[1] + 1))
    for item in plan.removed:
        if item.line:
            covered.setdefault(item.file, set()).update(range(item.line, (item.end or item.line) + 1))
    shares = {}
    for source in plan.sources:
        lines = normalize_characters(texts.get(source.file, "")).split("\n")
        wanted = {number for number, line in enumerate(lines, start=1) if line.strip()}
        shares[source.file] = (len(wanted & covered.get(source.file, set())), len(wanted))
    return shares


# libyaml's emitter (PyYAML's C extension) writes the same bytes as the pure-Python one about five times
# faster (the Python emitter was 19 s of a 291-plan build); the pure-Python dumper where libyaml is absent
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def plan_yaml(plan: Plan) -> str:
    """Canonical YAML of a plan: field order of the schema, Unicode as is, no line folding."""
    return yaml.dump(plan.model_dump(mode="json"), Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100000)


def cached_plan_yaml(plan: Plan) -> str:
    """``plan_yaml`` through the build cache, keyed by the plan's JSON (PyYAML's representer is Python even
    with libyaml's emitter: 54 ms a plan, most of a rebuild's parse stage at 300 plans)."""
    if not cache.enabled():
        return plan_yaml(plan)
    return cache.memoised("yaml", cache.text_digest(plan.model_dump_json()), lambda: plan_yaml(plan))


def write_plans(plans: list[Plan], directory: Path = PLANS) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    wanted = {f"{plan.id}.yml": cached_plan_yaml(plan) for plan in plans}
    for stale in directory.glob("*.yml"):
        if stale.name not in wanted:
            stale.unlink()
    for name, text in wanted.items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def check_plans(plans: list[Plan], directory: Path = PLANS) -> list[str]:
    """Problems with the committed data, each saying what to do."""
    problems: list[str] = []
    wanted = {f"{plan.id}.yml": plan_yaml(plan) for plan in plans}
    present = {path.name for path in directory.glob("*.yml")} if directory.exists() else set()
    for name in sorted(present - wanted.keys()):
        problems.append(f"{directory.name}/{name}: no source produces this plan; run `plansite build` to remove it")
    for name, text in sorted(wanted.items()):
        path = directory / name
        if not path.exists():
            problems.append(f"{directory.name}/{name}: missing; run `plansite build`")
            continue
        current = path.read_text(encoding="utf-8")
        try:
            Plan.model_validate(yaml.safe_load(current))
        except (ValidationError, yaml.YAMLError) as error:
            problems.append(f"{directory.name}/{name}: does not match the plan schema: {str(error).splitlines()[0]}")
        if current != text:
            diff = difflib.unified_diff(current.splitlines(), text.splitlines(), f"committed/{name}", f"parsed/{name}", lineterm="", n=1)
            lines = list(diff)
            shown = "\n".join(lines[:40]) + ("\n…" if len(lines) > 40 else "")
            problems.append(f"{directory.name}/{name}: stale or not in canonical form; run `plansite build`\n{shown}")
    unresolved: dict[str, set[str]] = {}
    for plan in plans:
        for action in plan.actions:
            if action.theme is None and any(task.theme is None for task in action.tasks) or not action.tasks and action.theme is None:
                problems.append(f"{plan.id}: action {action.number} {action.heading!r} maps to no theme; add a keyword to data/taxonomy/themes.yml")
        for measure in plan.measures:
            if measure.theme is None:
                problems.append(f"{plan.id}: chapter {measure.chapter!r} maps to no theme; add a keyword to data/taxonomy/themes.yml")
        for agencies in [t.agencies for a in plan.actions for t in a.tasks] + [m.agencies for m in plan.measures]:
            for agency in agencies:
                if agency.type is None:
                    unresolved.setdefault(plan.id, set()).add(agency.name)
    for plan_id, names in sorted(unresolved.items()):
        problems.append(f"{plan_id}: agency names that resolve to no type: {'、'.join(sorted(names))}; add aliases to data/taxonomy/agency_types.yml")
    return problems
