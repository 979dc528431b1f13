"""The regions pages' hierarchy (build_tools/render/indexes.py region_pages, region_groups): a division the
gazetteer knows hangs under its real ancestors, whether or not they publish a plan."""

from __future__ import annotations

from types import SimpleNamespace

from build_tools.link.gazetteer import load_gazetteer
from build_tools.render.indexes import region_groups, region_order, region_pages


def plan(plan_id: str, region: str, parent: str | None) -> SimpleNamespace:
    gazetteer = load_gazetteer()
    known = next((r for r in gazetteer.named(region) if parent is None or r.parent == parent), None)
    region_id = gazetteer.path(known) if known else f"{plan_id}-place"
    return SimpleNamespace(id=plan_id, region=region, parent_region=parent, region_id=region_id)


def test_a_county_hangs_under_its_city_and_province_without_their_plans():
    atlas = SimpleNamespace(plans=[plan("a", "津市市", "常德市"), plan("b", "宝坻区", "天津市")])
    pages = region_pages(atlas)
    jinshi = next(page for page in pages.values() if page["name"] == "津市市")
    changde = pages[jinshi["parent"]]
    assert changde["name"] == "常德市" and changde["plans"] == []
    assert pages[changde["parent"]]["name"] == "湖南省" and pages[changde["parent"]]["parent"] is None
    assert pages["tianjin-baodi"]["parent"] == "tianjin" and pages["tianjin"]["children"] == ["tianjin-baodi"]
    assert [changde["total"], pages[changde["parent"]]["total"], pages["tianjin"]["total"]] == [1, 1, 1]
    groups = {region["name"]: [p.id for p in members] for region, members in region_groups(atlas, pages)}
    assert groups == {"湖南省": ["a"], "天津市": ["b"]}


def test_namesakes_hang_under_their_own_parents():
    atlas = SimpleNamespace(plans=[plan("a", "朝阳区", "北京市"), plan("b", "朝阳区", "长春市")])
    pages = region_pages(atlas)
    parents = sorted(pages[pages[p.region_id]["parent"]]["name"] for p in atlas.plans)
    assert parents == ["北京市", "长春市"]
    assert {pages[top]["name"] for top in (page["id"] for page in pages.values() if page["parent"] is None)} == {"北京市", "吉林省"}


def test_a_place_the_gazetteer_does_not_know_hangs_under_the_parent_its_title_names():
    atlas = SimpleNamespace(plans=[plan("a", "临港新片区", "上海市")])
    pages = region_pages(atlas)
    assert pages["a-place"]["parent"] == "shanghai"
    assert pages["shanghai"]["children"] == ["a-place"]


def test_the_regions_index_lists_each_province_then_the_regions_below_it():
    atlas = SimpleNamespace(plans=[plan("a", "津市市", "常德市"), plan("b", "宝坻区", "天津市"), plan("c", "南开区", "天津市")])
    pages = region_pages(atlas)
    names = [(pages[region_id]["name"], depth) for region_id, depth in region_order(pages)]
    assert names == [("湖南省", 0), ("常德市", 1), ("津市市", 2), ("天津市", 0), ("宝坻区", 1), ("南开区", 1)]
