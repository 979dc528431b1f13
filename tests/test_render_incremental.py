"""The render stage rewrites only what changed (so `plansite site --dirty` can rebuild only those pages) and
leaves exactly what a render into empty folders leaves."""

from __future__ import annotations

from build_tools.render import pages
from tests.test_render_parallel import tree


def times(root):
    return {path.relative_to(root).as_posix(): path.stat().st_mtime_ns for path in root.rglob("*") if path.is_file()}


def changed_plan(plan):
    """The plan with one more clause in its first task's last segment, as an editor's correction would."""
    task = plan.actions[0].tasks[0]
    last = task.segments[-1]
    sections = [s.model_copy(update={"text": s.text + "并定期评估。"}) if s.id == last else s for s in plan.sections]
    return plan.model_copy(update={"sections": sections})


def test_a_second_render_writes_nothing(seed_plans, tmp_path):
    plans = list(seed_plans.values())
    first = pages.render_site_content(plans, tmp_path, workers=1)
    before = times(tmp_path)
    again = pages.render_site_content(plans, tmp_path, workers=1)
    assert first["written"] == len(before) and first["unchanged"] == 0
    assert {k: again[k] for k in ("written", "unchanged", "removed")} == {"written": 0, "unchanged": len(before), "removed": 0}
    assert times(tmp_path) == before  # not even touched: MkDocs --dirty compares modification times


def test_one_changed_plan_rewrites_its_pages_not_the_others(seed_plans, tmp_path):
    plans = sorted(seed_plans.values(), key=lambda p: p.id)
    pages.render_site_content(plans, tmp_path, workers=1)
    before, old = times(tmp_path), tree(tmp_path)
    edited = [changed_plan(plans[0])] + plans[1:]
    pages.render_site_content(edited, tmp_path, workers=1)
    after, new = times(tmp_path), tree(tmp_path)
    rewritten = {name for name in after if after[name] != before[name]}
    assert rewritten == {name for name in new if new[name] != old[name]}  # written exactly when the bytes differ
    own = {f"{lang}/plans/{plans[0].id}.md" for lang in ("zh", "en")} | {f"zh/data/plans/{plans[0].id}.json"}
    assert own <= rewritten
    others = {f"{lang}/plans/{plan.id}.md" for plan in plans[1:] for lang in ("zh", "en")}
    assert others & rewritten == set()


def test_stale_files_are_removed_and_the_result_equals_a_fresh_render(seed_plans, tmp_path):
    plans = sorted(seed_plans.values(), key=lambda p: p.id)
    pages.render_site_content(plans, tmp_path / "kept", workers=1)
    (tmp_path / "kept" / "zh" / "plans" / "old-plan.md").write_text("# gone\n", encoding="utf-8")
    (tmp_path / "kept" / "zh" / "about.md").write_text("# hand-written\n", encoding="utf-8")  # not generated: kept
    result = pages.render_site_content(plans[1:], tmp_path / "kept", workers=1)
    pages.render_site_content(plans[1:], tmp_path / "fresh", workers=1)
    kept, fresh = tree(tmp_path / "kept"), tree(tmp_path / "fresh")
    assert kept.pop("zh/about.md") == b"# hand-written\n"
    assert kept.keys() == fresh.keys()
    assert [name for name in kept if kept[name] != fresh[name]] == []
    assert result["removed"] >= 3  # the stale page, and the removed plan's page in each edition and its JSON
    assert not any(plans[0].id in name for name in kept)
