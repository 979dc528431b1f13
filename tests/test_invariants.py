"""Invariants that hold for every plan built: the seeds and, where ../shared/corpus exists, all 39 corpus
PDFs. Facts are keyed by segment id and stored once, so every reference must resolve and every span
must lie inside its segment."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from build_tools.models import Plan
from build_tools.pipeline import parse_files

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PDFS = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []


def invariant_problems(plan: Plan) -> list[str]:
    """Every broken invariant of one plan, as readable lines (empty when all hold)."""
    problems: list[str] = []
    ids = Counter(s.id for s in plan.sections)
    problems += [f"segment id {i} used {n} times" for i, n in ids.items() if n > 1]

    def exists(segment_id: str | None, what: str) -> None:
        if segment_id is not None and segment_id not in ids:
            problems.append(f"{what} refers to segment {segment_id}, which does not exist")

    task_ids = Counter(t.id for a in plan.actions for t in a.tasks)
    problems += [f"task id {i} used {n} times" for i, n in task_ids.items() if n > 1]
    keys = set()
    for action in plan.actions:
        if action.segment is not None:
            exists(action.segment, f"action {action.id}")
        for segment_id in action.intro:
            exists(segment_id, f"action {action.id} intro")
        for task in action.tasks:
            keys.add(task.key)
            for segment_id in task.segments:
                exists(segment_id, f"task {task.id}")
            if task.segments and task.segments[0] in ids and plan.segment(task.segments[0]).task != task.key:
                problems.append(f"task {task.id}: its first segment is not marked as belonging to it")
    for measure in plan.measures:
        exists(measure.chapter, f"measure {measure.id} chapter")
        for segment_id in measure.segments:
            exists(segment_id, f"measure {measure.id}")
    for project in plan.projects:
        exists(project.group, "project group")
        for segment_id in project.segments:
            exists(segment_id, "project")
    for index, target in enumerate(plan.targets):
        exists(target.segment, f"target {index}")
        if target.segment in ids:
            text = plan.segment(target.segment).text
            if not 0 <= target.start < target.end <= len(text):
                problems.append(f"target {index} span {target.start}-{target.end} is outside segment {target.segment}")
        if target.task is not None and target.task not in keys:
            problems.append(f"target {index} belongs to task {target.task}, which does not exist")
    for item in plan.variants:
        exists(item.segment, "variant")
    for item in plan.flags:
        exists(item.segment, "flag")
    # a task's targets are exactly the plan's targets of that task: a view, so each target is listed once
    listed = [t for key in sorted(keys) for t in plan.targets_of(key)]
    if len(listed) != sum(1 for t in plan.targets if t.task is not None):
        problems.append("task targets do not partition the plan's task targets")
    return problems


def test_the_checker_finds_broken_references(seed_plans):
    """The invariant check itself can fail: a plan with a dangling segment and a stray span is caught."""
    plan = next(iter(seed_plans.values()))
    broken_target = plan.targets[0].model_copy(update={"start": 0, "end": 10_000})
    action = plan.actions[0].model_copy(update={"segment": "no-such-segment"})
    broken = plan.model_copy(update={"targets": [broken_target] + plan.targets[1:], "actions": [action] + plan.actions[1:]})
    problems = invariant_problems(broken)
    assert any("outside segment" in p for p in problems)
    assert any("no-such-segment" in p for p in problems)


def test_seed_plans_hold_every_invariant(seed_plans):
    for plan in seed_plans.values():
        assert invariant_problems(plan) == [], plan.id


@pytest.fixture(scope="module")
def corpus_plans():
    if not PDFS:
        pytest.skip(f"no corpus at {CORPUS} (it is not part of the repository)")
    return parse_files(PDFS).plans


def test_corpus_plans_hold_every_invariant(corpus_plans):
    failing = {plan.id: invariant_problems(plan) for plan in corpus_plans}
    assert {k: v for k, v in failing.items() if v} == {}


def test_national_plan_task_1_3_keeps_both_period_targets(corpus_plans):
    """2030年前碳达峰行动方案, 1.3: “十四五”、“十五五”期间分别… states one target per period; each is listed
    once (a join by clause text used to show the 2030 one twice and lose 2025)."""
    plan = next(p for p in corpus_plans if p.id == "national-2021")
    years = [t.year for t in plan.targets_of("1.3")]
    assert sorted(years) == [2025, 2030], years
    clauses = {plan.clause(t) for t in plan.targets_of("1.3")}
    assert len(clauses) == 1 and "分别" in clauses.pop()
