"""The seeds against hand-verified expectations (tests/expected/*.yml).

The expectation files were written by reading each plan's text, not from parser output: metadata,
every action and numbered task with its exact title and agency list, every quantitative target.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

EXPECTED = sorted((Path(__file__).parent / "expected").glob("*.yml"))


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(params=EXPECTED, ids=lambda p: p.stem)
def case(request, seed_plans):
    expected = load(request.param)
    return expected, seed_plans[expected["source"]]


def test_metadata(case):
    expected, plan = case
    for field, value in expected["metadata"].items():
        assert getattr(plan, field) == value, field


def test_actions_and_task_titles(case):
    expected, plan = case
    assert [(a["number"], a["heading"]) for a in expected["actions"]] == [(a.number, plan.title_of(a.segment)) for a in plan.actions]
    for want, got in zip(expected["actions"], plan.actions):
        assert [(t["number"], t["title"]) for t in want["tasks"]] == [(t.number, plan.title_of(t.segments[0])) for t in got.tasks], want["heading"]


def test_agency_lists_are_exact(case):
    expected, plan = case
    for want, got in zip(expected["actions"], plan.actions):
        for want_task, got_task in zip(want["tasks"], got.tasks):
            assert [(a["name"], a["role"]) for a in want_task["agencies"]] == [
                (a.name, a.role) for a in got_task.agencies
            ], f"task {want['number']}.{want_task['number']}"


def target_key(task, year, value, unit, qualifier, text):
    return (task, year, str(value), unit, qualifier, text)


def test_targets(case):
    expected, plan = case
    want = Counter(target_key(t["task"], t["year"], t["value"], t["unit"], t["qualifier"], t["text"]) for t in expected["targets"])
    got = Counter(target_key(t.task, t.year, t.value, t.unit, t.qualifier, plan.clause(t)) for t in plan.targets)
    assert want - got == Counter(), "targets missed"
    assert got - want == Counter(), "targets found that are not targets"




def test_projects(case):
    expected, plan = case
    if "projects" not in expected:
        assert plan.projects == []
        return
    assert [(p["group"], p["title"]) for p in expected["projects"]] == [(p.group and plan.title_of(p.group), plan.title_of(p.segments[0])) for p in plan.projects]


def test_measures_and_their_agencies(case):
    """Numbered items of the chapters after the key tasks (对外合作, 政策保障, 组织实施), hand-verified."""
    expected, plan = case
    assert [(m["id"], m["chapter"], m["title"]) for m in expected["measures"]] == [(m.id, plan.title_of(m.chapter), plan.title_of(m.segments[0])) for m in plan.measures]
    for want, got in zip(expected["measures"], plan.measures):
        assert [(a["name"], a["role"]) for a in want["agencies"]] == [(a.name, a.role) for a in got.agencies], want["id"]
