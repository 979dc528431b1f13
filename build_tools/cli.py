"""Command line: one command per stage, and `build` that chains them.

    plansite parse FILE... [--json]   print the structured plans
    plansite build                    data/sources -> data/plans/*.yml -> content/
    plansite check                    fail when data/plans is stale or invalid
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from build_tools.models import ParseOutput
from build_tools.paths import CONTENT, PLANS, SOURCES
from build_tools.pipeline import account, check_plans, parse_files, progress, source_files, write_plans


def command_parse(args: argparse.Namespace) -> int:
    """Parse the given files and print their plans (JSON with --json, else a summary line each)."""
    result = parse_files([Path(f) for f in args.files])
    if args.json:
        output = ParseOutput(plans=result.plans).model_dump(mode="json")
        print(json.dumps(output, ensure_ascii=False, indent=2))
    else:
        for plan in result.plans:
            tasks = sum(len(a.tasks) for a in plan.actions)
            print(f"{plan.id}\t{plan.title}\t{len(plan.actions)} actions\t{tasks} tasks\t{len(plan.targets)} targets")
    return report_errors(result.errors)


def command_build(args: argparse.Namespace) -> int:
    """Parse every file in data/sources, write data/plans/*.yml and render the pages into content/."""
    from build_tools.render.pages import render_site_content

    sources = Path(args.sources)
    if not sources.is_dir():
        return report_errors([f"{sources}: no such directory"])
    result = parse_files(source_files(sources), show_progress=True)
    write_plans(result.plans, Path(args.plans))
    render_site_content(result.plans, Path(args.content))
    progress(f"wrote {len(result.plans)} plans to {args.plans} and their pages to {args.content}")
    return report_errors(result.errors)


def command_check(args: argparse.Namespace) -> int:
    """Re-parse the sources and compare with data/plans; report every problem in one pass."""
    result = parse_files(source_files(Path(args.sources)))
    problems = result.errors + check_plans(result.plans, Path(args.plans))
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


def report_errors(errors: list[str]) -> int:
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="plansite", description="Plan Atlas: carbon-peaking plans -> structured data -> static site.")
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser("parse", help=command_parse.__doc__, description=command_parse.__doc__)
    parse.add_argument("files", nargs="+", metavar="FILE", help="source files (.txt)")
    parse.add_argument("--json", action="store_true", help='print {"plans": [...]} as JSON')
    parse.set_defaults(func=command_parse)

    for name, func in (("build", command_build), ("check", command_check)):
        sub = commands.add_parser(name, help=func.__doc__, description=func.__doc__)
        sub.add_argument("--sources", default=str(SOURCES), help="directory of source files (default: data/sources)")
        sub.add_argument("--plans", default=str(PLANS), help="directory of plan YAML files (default: data/plans)")
        if name == "build":
            sub.add_argument("--content", default=str(CONTENT), help="MkDocs docs directory to render into (default: content)")
        sub.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return args.func(args)
