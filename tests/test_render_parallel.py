"""The render stage writes the same bytes whether its two editions run side by side (two processes, the
default with enough plans and cores) or one after the other."""

from __future__ import annotations

from build_tools.render import pages


def tree(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_editions_rendered_in_parallel_equal_those_rendered_in_turn(seed_plans, tmp_path):
    plans = [plan.model_copy(update={"id": f"{plan.id}-{copy}"})
             for copy in range(pages.PARALLEL_THRESHOLD // len(seed_plans) + 1) for plan in seed_plans.values()]
    assert len(plans) >= pages.PARALLEL_THRESHOLD
    pages.render_site_content(plans, tmp_path / "parallel", workers=2)
    pages.render_site_content(plans, tmp_path / "serial", workers=1)
    parallel, serial = tree(tmp_path / "parallel"), tree(tmp_path / "serial")
    assert len(parallel) > 2 * len(plans)  # both editions and the downloads were written
    assert parallel.keys() == serial.keys()
    assert [name for name in parallel if parallel[name] != serial[name]] == []
