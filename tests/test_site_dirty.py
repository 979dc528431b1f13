"""`plansite site --dirty` after one plan changed and one was removed: only the changed pages are rebuilt,
and the site is byte for byte the site a full build of the same content gives (strict all along)."""

from __future__ import annotations

import os
from unittest import mock

from build_tools.render.pages import render_site_content
from build_tools.site import build_editions
from tests.conftest import build_site, site_environment
from tests.test_render_incremental import changed_plan
from tests.test_render_parallel import tree


def html_times(root):
    return {path.relative_to(root).as_posix(): path.stat().st_mtime_ns for path in root.rglob("index.html")}


def test_a_dirty_rebuild_equals_a_full_build(seed_plans, tmp_path):
    plans = sorted(seed_plans.values(), key=lambda p: p.id)
    edited = [changed_plan(plans[0])] + plans[1:-1]
    (tmp_path / "dirty").mkdir()
    (tmp_path / "full").mkdir()
    # the search entries of unchanged pages come from the build cache (in this test's own folder)
    with mock.patch.dict(os.environ, {"PLANSITE_CACHE": "on", "PLANSITE_CACHE_DIR": str(tmp_path / "cache")}):
        site = build_site(plans, tmp_path / "dirty")
        before = html_times(site)
        render_site_content(edited, tmp_path / "dirty" / "content")
        results = build_editions(tmp_path / "dirty", site_environment(tmp_path / "dirty"), dirty=True)
    assert [code for _, code, _ in results] == [0, 0], results
    assert any((tmp_path / "cache" / "search").rglob("*.pickle"))
    after = html_times(site)
    rebuilt = {page for page in after if after[page] != before.get(page)}
    unchanged_plan_pages = {f"{prefix}plans/{plan.id}/index.html" for plan in plans[1:-1] for prefix in ("", "en/")}
    assert {f"plans/{plans[0].id}/index.html", f"en/plans/{plans[0].id}/index.html"} <= rebuilt
    assert rebuilt & unchanged_plan_pages == set()
    assert not (site / "plans" / plans[-1].id).exists() and not (site / "en" / "plans" / plans[-1].id).exists()
    assert not (site / "data" / "plans" / f"{plans[-1].id}.json").exists()

    full = build_site(edited, tmp_path / "full")
    dirty, clean = tree(site), tree(full)
    assert sorted(dirty.keys() ^ clean.keys()) == []
    assert [name for name in dirty if dirty[name] != clean[name]] == []
