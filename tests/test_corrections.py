"""Hand corrections (data/corrections/<plan-id>.yml) are applied before parsing, recorded and shown."""

from __future__ import annotations

import shutil

from build_tools.paths import SOURCES
from build_tools.pipeline import parse_files

SEED = SOURCES / "004_ea53a5b3ec35a2e2.txt"


def build(tmp_path, corrections_text: str | None):
    sources = tmp_path / "sources"
    sources.mkdir(exist_ok=True)
    shutil.copy(SEED, sources / SEED.name)
    corrections = tmp_path / "corrections"
    corrections.mkdir(exist_ok=True)
    if corrections_text is not None:
        (corrections / "changde-jinshi-2024.yml").write_text(corrections_text, encoding="utf-8")
    return parse_files([sources / SEED.name], corrections=corrections)


CORRECTION = """corrections:
- find: 天津市旅游业数字化升级项目
  replace: 津市市旅游业数字化升级项目
  reason: the draft prints 天津市 for 津市市 in its projects chapter
- find: 天津市国家金融监管津市支局
  replace: 国家金融监管总局津市监管支局
  reason: the agency is the financial regulator's 津市 branch
"""


def test_corrections_change_the_parsed_plan_and_are_recorded(tmp_path):
    result = build(tmp_path, CORRECTION)
    assert result.errors == []
    plan = result.plans[0]
    assert plan.id == "changde-jinshi-2024"
    assert "津市市旅游业数字化升级项目" in [plan.title_of(p.segments[0]) for p in plan.projects]
    agencies = [a for m in plan.measures for a in m.agencies]
    assert "国家金融监管总局津市监管支局" in [a.name for a in agencies]
    assert "天津市国家金融监管津市支局" not in [a.name for a in agencies]
    assert [(c.find, c.count) for c in plan.corrections] == [("天津市旅游业数字化升级项目", 1), ("天津市国家金融监管津市支局", 1)]


def test_without_corrections_the_text_is_as_printed(tmp_path):
    plan = build(tmp_path, None).plans[0]
    assert "天津市旅游业数字化升级项目" in [plan.title_of(p.segments[0]) for p in plan.projects] and plan.corrections == []


def test_a_stale_or_broken_corrections_file_is_an_error_naming_it(tmp_path):
    stale = build(tmp_path, "corrections:\n- {find: 不存在的文字, replace: x, reason: y}\n")
    assert stale.plans == [] and "changde-jinshi-2024.yml" in stale.errors[0] and "matches nothing" in stale.errors[0]
    broken = build(tmp_path, "corrections:\n- {find: 天津市}\n")
    assert broken.plans == [] and "not a valid corrections file" in broken.errors[0]
