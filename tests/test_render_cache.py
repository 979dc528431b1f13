"""The render cache (build_tools/render/memo.py) changes nothing but the time: after each kind of change a
warm cache renders the same bytes as no cache, so the lists of what each page is made from are complete."""

from __future__ import annotations

import shutil

import pytest

from build_tools import cache
from build_tools.paths import TRANSLATIONS
from build_tools.render import pages
from tests.test_render_incremental import changed_plan
from tests.test_render_parallel import tree


@pytest.fixture
def render_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANSITE_CACHE", "on")
    monkeypatch.setattr(cache, "CACHE", tmp_path / "cache")


def uncached(plans, translations, folder, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setenv("PLANSITE_CACHE", "off")
        pages.render_site_content(plans, folder, translations, workers=1)
    return tree(folder)


def respelled(plan, new_id):
    """Another plan of the same place that prints 区发改局 for 区发展改革委: with two of them that spelling is the
    place's most printed, and the agency's English name follows it (Development and Reform Bureau, not
    Commission, data/taxonomy/agency_names.yml) on every plan page of the place."""
    def respell(agency):
        return agency.model_copy(update={"name": agency.name.replace("发展改革委", "发改局")})

    actions = [a.model_copy(update={"tasks": [t.model_copy(update={"agencies": [respell(x) for x in t.agencies]}) for t in a.tasks]})
               for a in plan.actions]
    return plan.model_copy(update={"id": new_id, "actions": actions})


@pytest.mark.parametrize("indicator_rows", [None, 1], ids=["indicators-whole", "indicators-by-region"])
def test_a_warm_cache_renders_what_no_cache_renders_after_each_change(seed_plans, tmp_path, render_cache, monkeypatch, indicator_rows):
    """Run twice: as the seeds' indicators are (one page each), and with every indicator of more than one
    target split into a page for each region (urls.indicator_part), as at national scale."""
    from build_tools.render import indexes

    if indicator_rows:
        monkeypatch.setattr(indexes, "INDICATOR_PAGE_ROWS", indicator_rows)
    plans = sorted(seed_plans.values(), key=lambda p: p.id)
    translations = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, translations)
    baodi = next(p for p in plans if p.id == "tianjin-baodi-2023")
    catalog = translations / "en" / f"{baodi.id}.po"
    changes = [
        ("nothing", lambda: plans),
        ("one plan's text", lambda: [changed_plan(plans[0])] + plans[1:]),
        ("other plans of the same place", lambda: plans + [respelled(baodi, "tianjin-baodi-2024"), respelled(baodi, "tianjin-baodi-2025")]),
        ("a plan removed", lambda: plans[1:]),
    ]
    first = pages.render_site_content(plans, tmp_path / "warm", translations, workers=1)
    english_page = f"en/plans/{baodi.id}.md"
    pages_before = tree(tmp_path / "warm")
    assert first["made"] > 0 and first["reused"] == 0
    split = [name for name in pages_before if name.startswith("zh/targets/") and name.count("/") == 3]
    assert bool(split) == bool(indicator_rows)
    for what, make in changes:
        edited = make()
        result = pages.render_site_content(edited, tmp_path / "warm", translations, workers=1)
        expected = uncached(edited, translations, tmp_path / f"cold-{len(edited)}-{what}", monkeypatch)
        warm = tree(tmp_path / "warm")
        assert sorted(warm.keys() ^ expected.keys()) == [], what
        assert [name for name in warm if warm[name] != expected[name]] == [], what
        if what == "other plans of the same place":  # the change reached a page of a plan that did not change
            assert warm[english_page] != pages_before[english_page]
            assert "Baodi District Development and Reform Bureau" in warm[english_page].decode("utf-8")
        if what == "nothing":
            assert result["made"] == 0 and result["reused"] == first["made"]
            # every file in place as recorded: none read, neither the stored page nor the file
            assert result["kept"] == first["made"]
        else:
            assert 0 < result["made"] < first["made"], what
    # a file edited by hand since (another time, even at the same size) is made again, not trusted
    page = tmp_path / "warm" / english_page
    edited_bytes = page.read_bytes().replace("District".encode(), "Distrixt".encode(), 1)
    page.write_bytes(edited_bytes)
    result = pages.render_site_content(plans[1:], tmp_path / "warm", translations, workers=1)
    assert result["written"] == 1 and result["made"] == 0
    assert tree(tmp_path / "warm")[english_page] == expected[english_page]
    # a translation edited: the English page follows it
    text = catalog.read_text(encoding="utf-8")
    translated = next(line for line in text.splitlines() if line.startswith('msgstr "') and len(line) > 12)
    catalog.write_text(text.replace(translated, translated[:-1] + ' (revised)"', 1), encoding="utf-8")
    pages.render_site_content(plans, tmp_path / "warm", translations, workers=1)
    expected = uncached(plans, translations, tmp_path / "cold-translation", monkeypatch)
    warm = tree(tmp_path / "warm")
    assert [name for name in warm if warm[name] != expected[name]] == []
    assert "(revised)" in warm[f"en/plans/{baodi.id}.md"].decode("utf-8")
    # a task's title translated anew: the pages listing the task across plans follow it (a theme's page
    # of the plan's region)
    from build_tools.translate.catalog import catalog_bytes, read_catalog

    task = next(task for action in baodi.actions for task in action.tasks if task.theme)
    title = baodi.title_of(task.segments[0])
    edited_catalog = read_catalog(catalog)
    edited_catalog[title].string = "A task title revised by a translator"
    edited_catalog[title].flags.discard("fuzzy")
    catalog.write_bytes(catalog_bytes(edited_catalog))
    pages.render_site_content(plans, tmp_path / "warm", translations, workers=1)
    expected = uncached(plans, translations, tmp_path / "cold-title", monkeypatch)
    warm = tree(tmp_path / "warm")
    assert [name for name in warm if warm[name] != expected[name]] == []
    assert any("A task title revised by a translator" in page.decode("utf-8") for name, page in warm.items()
               if name.startswith("en/themes/") and name.count("/") == 3)


def test_a_plan_has_one_key_whether_read_from_its_yaml_or_written_to_it(seed_plans, tmp_path):
    """`plansite build` renders the plans it has just written, `plansite render` the plans it reads back:
    both key their pages by the digest of the committed bytes, so one never remakes what the other made."""
    import hashlib

    from build_tools.cli import load_committed_plans
    from build_tools.pipeline import write_plans
    from build_tools.render.memo import forget, plan_digest

    written = [plan.model_copy() for plan in seed_plans.values()]
    write_plans(written, tmp_path)
    forget()
    loaded, errors = load_committed_plans(tmp_path)
    assert errors == [] and len(loaded) == len(written)
    files = {plan.id: hashlib.sha256((tmp_path / f"{plan.id}.yml").read_bytes()).hexdigest() for plan in loaded}
    assert {plan.id: plan_digest(plan) for plan in written} == files
    forget()
    assert {plan.id: plan_digest(plan) for plan in loaded} == files
    # a plan made otherwise (not from a committed file) is keyed by its JSON
    other = written[0].model_copy()
    assert plan_digest(other) == hashlib.sha256(other.model_dump_json().encode("utf-8")).hexdigest()
