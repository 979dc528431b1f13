"""Read everything, then write: sources -> plans (data/plans/*.yml) -> pages (content/)."""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from build_tools.errors import SourceError
from build_tools.ingest.readers import read_source
from build_tools.models import Plan
from build_tools.paths import PLANS, SOURCES
from build_tools.link.apply import link_plan
from build_tools.parse.plan import parse_plan

IGNORED_SOURCE_NAMES = {"README.md", ".gitkeep"}


@dataclass
class ParseResult:
    plans: list[Plan] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def source_files(directory: Path = SOURCES) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file() and p.name not in IGNORED_SOURCE_NAMES and not p.name.startswith("."))


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_files(paths: list[Path], show_progress: bool = False) -> ParseResult:
    """Parse every file; a bad file is reported by name and does not stop the others."""
    result = ParseResult()
    for index, path in enumerate(paths, start=1):
        try:
            plan = link_plan(parse_plan(read_source(path)))
        except SourceError as error:
            result.errors.append(f"{error.file}: {error.message}")
            continue
        except Exception as error:  # a parser bug must still name the file, not print a traceback
            result.errors.append(f"{path}: internal error while parsing ({type(error).__name__}: {error}); please report it")
            continue
        result.plans.append(plan)
        if show_progress:
            progress(f"[{index}/{len(paths)}] {path.name} -> {plan.id} ({sum(len(a.tasks) for a in plan.actions)} tasks, {len(plan.targets)} targets)")
    seen: dict[str, Plan] = {}
    for plan in result.plans:
        if plan.id in seen:
            result.errors.append(
                f"{plan.sources[0].file}: same plan id {plan.id!r} as {seen[plan.id].sources[0].file}; "
                "two sources of one plan are not merged yet"
            )
        seen[plan.id] = plan
    result.plans = sorted(seen.values(), key=lambda p: p.id)
    return result


def plan_yaml(plan: Plan) -> str:
    """Canonical YAML of a plan: field order of the schema, Unicode as is, no line folding."""
    return yaml.safe_dump(plan.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=100000)


def write_plans(plans: list[Plan], directory: Path = PLANS) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    wanted = {f"{plan.id}.yml": plan_yaml(plan) for plan in plans}
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
            if action.theme is None:
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
