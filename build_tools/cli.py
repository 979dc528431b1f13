"""Command line: one command per stage, and `build` that chains them.

    plansite ingest                   data/sources -> clean text in the build cache (.cache/, by SHA-256)
    plansite parse                    data/sources -> data/plans/*.yml (unchanged sources from the cache)
    plansite parse FILE... [--json]   print the structured plans of the given files
    plansite render                   data/plans/*.yml + translations -> content/ (never reads a source)
    plansite build                    ingest, parse and render: data/sources -> data/plans/*.yml -> content/
    plansite check                    fail when data/plans is stale or invalid
    plansite site [--dirty]           content/ -> site/ (Chinese) and site/en/ (English), mkdocs --strict
                                      (--dirty: only the pages whose Markdown changed since the last build)
    plansite translate update         bring data/translations/<lang>/<plan-id>.po up to date with the plans
    plansite translate stats          per plan: translated, fuzzy (out of date), untranslated, from memory
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from build_tools.models import ParseOutput
from build_tools.paths import CONTENT, PLANS, SOURCES
from build_tools.pipeline import account, check_plans, parse_files, progress, source_files, write_plans
from build_tools.paths import TRANSLATIONS


def command_ingest(args: argparse.Namespace) -> int:
    """Read every file in data/sources into clean text, kept in the build cache by SHA-256 (a PDF's text
    is extracted once); report the files that cannot be read."""
    from build_tools import cache
    from build_tools.errors import SourceError
    from build_tools.pipeline import ingested

    sources = Path(args.sources)
    if not sources.is_dir():
        return report_errors([f"{sources}: no such directory"])
    errors, paths = [], source_files(sources)
    for path in paths:
        try:
            ingested(path, cache.enabled())
        except SourceError as error:
            errors.append(f"{error.file}: {error.message}")
    progress(f"ingested {len(paths) - len(errors)} of {len(paths)} sources into {cache.CACHE}")
    return report_errors(errors)


def command_parse(args: argparse.Namespace) -> int:
    """Without files: parse every file in data/sources (unchanged ones from the build cache), merge copies,
    link, write data/plans/*.yml and bring the translation catalogs up to date. With files: print their
    plans (JSON with --json, else a summary line each) and write nothing."""
    if not args.files:
        return parse_stage(args)[1]
    result = parse_files([Path(f) for f in args.files])
    if args.json:
        output = ParseOutput(plans=result.plans).model_dump(mode="json")
        print(json.dumps(output, ensure_ascii=False, indent=2))
    else:
        for plan in result.plans:
            tasks = sum(len(a.tasks) for a in plan.actions)
            print(f"{plan.id}\t{plan.title}\t{len(plan.actions)} actions\t{tasks} tasks\t{len(plan.targets)} targets")
    return report_errors(result.errors)


def parse_stage(args: argparse.Namespace) -> tuple[list | None, int]:
    """data/sources -> data/plans (and the catalogs); the plans, as pipeline.PlanEntry (None when there is no
    sources directory: nothing was parsed, so nothing must be rendered over the pages), and the exit code."""
    from build_tools.translate.update import update_translations

    sources = Path(args.sources)
    if not sources.is_dir():
        return None, report_errors([f"{sources}: no such directory"])
    result = parse_files(source_files(sources), show_progress=True)
    # the entries, not the plans: an unchanged plan is neither loaded nor written (pipeline.PlanEntry)
    write_plans(result.entries, Path(args.plans))
    update_translations(result.entries, Path(args.translations))
    progress(f"wrote {len(result.entries)} plans to {args.plans}")
    return result.entries, report_errors(result.errors)


def render_stage(plans: list, args: argparse.Namespace) -> None:
    """plans + data/translations -> content/ (both editions and the downloads)."""
    from build_tools.render.pages import render_site_content

    files = render_site_content(plans, Path(args.content), Path(args.translations))
    progress(f"rendered {len(plans)} plans into {args.content}: {files['written']} files written, "
             f"{files['unchanged']} unchanged, {files['removed']} removed; {files['reused']} pages and downloads from the cache")


def command_render(args: argparse.Namespace) -> int:
    """Render the committed plans (data/plans/*.yml) with their translations into content/ (both editions
    and the downloads). Reads no source: a template change re-renders without re-reading a PDF."""
    plans, errors = load_committed_plans(Path(args.plans))
    if not errors:
        render_stage(plans, args)
    return report_errors(errors)


def command_build(args: argparse.Namespace) -> int:
    """Ingest, parse and render: every file in data/sources -> data/plans/*.yml -> the pages in content/."""
    from build_tools import cache

    entries, code = parse_stage(args)
    if entries is not None:
        with cache.collector_paused():
            plans = [entry.plan() for entry in entries]
        render_stage(plans, args)
    return code


def command_check(args: argparse.Namespace) -> int:
    """Re-parse the sources and compare with data/plans; report every problem in one pass."""
    result = parse_files(source_files(Path(args.sources)))
    from build_tools.link.vocabulary import missing_english
    from build_tools.translate.update import check_translations

    problems = result.errors + check_plans(result.plans, Path(args.plans)) + check_translations(result.plans, Path(args.translations))
    problems += [f"data/taxonomy/vocabulary.yml: {key} has no English; add `en:`" for key in missing_english()]
    from build_tools.link.indicators import taxonomy_problems
    from build_tools.link.provenance import provenance_problems

    problems += [f"data/taxonomy/{problem}" for problem in taxonomy_problems()]
    problems += [f"data/{problem}" for problem in provenance_problems({p.name for p in source_files(Path(args.sources))})]
    for plan in result.plans:
        shares = account(plan, result.texts)
        parts = []
        for file, (done, total) in shares.items():
            parts.append(f"{100 * done / max(total, 1):.1f}% of {file} ({done}/{total} lines)")
            if done < total:
                problems.append(f"{plan.id}: {total - done} lines of {file} are neither in the plan nor in its removed report")
        print(f"{plan.id}: source text accounted for: " + "; ".join(parts))
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if not problems:
        print(f"ok: {len(result.plans)} plans in {args.plans} are up to date")
    return 1 if problems else 0


def command_site(args: argparse.Namespace) -> int:
    """Build both editions with `mkdocs build --strict`: site/ (Chinese) and site/en/ (English), each with
    its search index in search-index/ (written once the MkDocs builds have exited). --dirty rebuilds only
    the pages whose Markdown changed since the last build (after an edit and `plansite build`)."""
    from build_tools.paths import ROOT
    from build_tools.site import build_editions

    errors = []
    for config, code, stderr in build_editions(ROOT, dirty=args.dirty):
        if code != 0:
            errors.append(f"{config}: the build failed\n{stderr.strip()}")
        else:
            progress(f"built {config}")
    return report_errors(errors)


def load_committed_plans(directory: Path) -> tuple[list, list[str]]:
    """The plans as committed (data/plans/*.yml): later stages read the product, not the sources. A file
    that is not a valid plan is reported by name (and the others still load)."""
    import yaml
    from pydantic import ValidationError

    from build_tools import cache

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the same data, faster
    plans, errors = [], []
    if not directory.is_dir():
        return [], [f"{directory}: no such directory; run `plansite parse` first"]
    with cache.collector_paused():
        for path in sorted(directory.glob("*.yml")):
            try:
                plans.append(committed_plan(path, loader))
            except (yaml.YAMLError, ValidationError, UnicodeDecodeError) as error:
                errors.append(f"{path}: not a valid plan ({str(error).splitlines()[0]}); run `plansite parse` to write it again")
    return plans, errors


def committed_plan(path: Path, loader):
    """One committed plan file, from the build cache while its bytes are what they were (YAML and
    validation: 50 ms a plan), remembered with its bytes' digest (the render stage keys its pages by it)."""
    import hashlib

    import yaml

    from build_tools import cache
    from build_tools.models import Plan

    content = path.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    plan = cache.by_digest("plan-file", path.name, digest, lambda: Plan.model_validate(yaml.load(content.decode("utf-8"), Loader=loader)))
    cache.remember_committed(plan, digest)
    return plan


def command_translate(args: argparse.Namespace) -> int:
    """Update the translation catalogs from the committed plans, or print their statistics."""
    from build_tools.translate.update import translation_stats, update_translations

    plans, errors = load_committed_plans(Path(args.plans))
    if errors:
        return report_errors(errors)
    if args.action == "update":
        update_translations(plans, Path(args.translations))
        print(f"updated {len(plans)} catalogs in {args.translations}/en")
        return 0
    rows = translation_stats(plans, "en", Path(args.translations))
    print("plan\tunits\ttranslated\tfuzzy\tuntranslated\tfrom memory\tstatus")
    for row in rows:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(row.statuses.items()))
        print(f"{row.plan_id}\t{row.units}\t{row.translated}\t{row.fuzzy}\t{row.untranslated}\t{row.from_memory}\t{statuses}")
    total = sum(r.units for r in rows)
    done = sum(r.translated for r in rows)
    print(f"total\t{total}\t{done}\t{sum(r.fuzzy for r in rows)}\t{sum(r.untranslated for r in rows)}\t{sum(r.from_memory for r in rows)}\t")
    return 0


def report_errors(errors: list[str]) -> int:
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="plansite", description="Plan Atlas: carbon-peaking plans -> structured data -> static site.")
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", help=command_ingest.__doc__, description=command_ingest.__doc__)
    ingest.add_argument("--sources", default=str(SOURCES), help="directory of source files (default: data/sources)")
    ingest.set_defaults(func=command_ingest)

    parse = commands.add_parser("parse", help=command_parse.__doc__, description=command_parse.__doc__)
    parse.add_argument("files", nargs="*", metavar="FILE", help="source files (.txt, .pdf, .html) to print instead of the parse stage")
    parse.add_argument("--json", action="store_true", help='print {"plans": [...]} as JSON')
    parse.add_argument("--sources", default=str(SOURCES), help="directory of source files (default: data/sources)")
    parse.add_argument("--plans", default=str(PLANS), help="directory of plan YAML files (default: data/plans)")
    parse.add_argument("--translations", default=str(TRANSLATIONS), help="directory of PO catalogs (default: data/translations)")
    parse.set_defaults(func=command_parse)

    render = commands.add_parser("render", help=command_render.__doc__, description=command_render.__doc__)
    render.add_argument("--plans", default=str(PLANS), help="directory of plan YAML files (default: data/plans)")
    render.add_argument("--translations", default=str(TRANSLATIONS), help="directory of PO catalogs (default: data/translations)")
    render.add_argument("--content", default=str(CONTENT), help="MkDocs docs directory to render into (default: content)")
    render.set_defaults(func=command_render)

    for name, func in (("build", command_build), ("check", command_check)):
        sub = commands.add_parser(name, help=func.__doc__, description=func.__doc__)
        sub.add_argument("--sources", default=str(SOURCES), help="directory of source files (default: data/sources)")
        sub.add_argument("--plans", default=str(PLANS), help="directory of plan YAML files (default: data/plans)")
        sub.add_argument("--translations", default=str(TRANSLATIONS), help="directory of PO catalogs (default: data/translations)")
        if name == "build":
            sub.add_argument("--content", default=str(CONTENT), help="MkDocs docs directory to render into (default: content)")
        sub.set_defaults(func=func)

    site = commands.add_parser("site", help=command_site.__doc__, description=command_site.__doc__)
    site.add_argument("--dirty", action="store_true",
                      help="update the last build: rebuild only the pages whose Markdown changed (a full build when there is none)")
    site.set_defaults(func=command_site)

    translate = commands.add_parser("translate", help=command_translate.__doc__, description=command_translate.__doc__)
    translate.add_argument("action", choices=["update", "stats"], help="update: extract, merge, mark fuzzy/obsolete, fill from memory; stats: counts per plan")
    translate.add_argument("--plans", default=str(PLANS), help="directory of plan YAML files (default: data/plans)")
    translate.add_argument("--translations", default=str(TRANSLATIONS), help="directory of PO catalogs (default: data/translations)")
    translate.set_defaults(func=command_translate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return args.func(args)
