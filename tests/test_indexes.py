"""Cross-linked indexes and open data (themes, agencies, targets, regions) on the built site."""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

from build_tools.link.agencies import agency_type_of
from build_tools.link.atlas import build_atlas
from tests.sitecheck import broken_links


def all_agencies(plan):
    for action in plan.actions:
        for task in action.tasks:
            yield from task.agencies
    for measure in plan.measures:
        yield from measure.agencies


def test_every_agency_in_the_seeds_resolves_to_one_entity_and_type(seed_plans):
    unresolved = [(p.id, a.name) for p in seed_plans.values() for a in all_agencies(p) if a.entity is None or a.type is None]
    assert unresolved == []


@pytest.mark.parametrize(
    "plan_source, names",
    [
        ("004_ea53a5b3ec35a2e2.txt", ["生态环境津市分局", "市生态环境津市分局", "市生态环境局津市分局"]),
        ("004_ea53a5b3ec35a2e2.txt", ["市市监局", "市市场监管局"]),
        ("000_2b8445057e662679.txt", ["区合作交流办", "区交流合作办"]),
    ],
)
def test_spelling_variants_within_a_plan_are_one_entity(seed_plans, plan_source, names):
    plan = seed_plans[plan_source]
    entities = {a.entity for a in all_agencies(plan) if a.name in names}
    printed = {a.name for a in all_agencies(plan) if a.name in names}
    assert printed == set(names), "each spelling occurs in the plan"
    assert len(entities) == 1


@pytest.mark.parametrize(
    "name, region, parent, type_id",
    [
        ("市发改局<市国动办>", "津市市", "常德市", "development-reform"),
        ("区发展改革委", "宝坻区", "天津市", "development-reform"),
        ("市发改委", "某某市", None, "development-reform"),
        ("区工业和信息化局", "宝坻区", "天津市", "industry-information"),
        ("市工信局", "津市市", "常德市", "industry-information"),
    ],
)
def test_abbreviations_map_to_the_same_type(name, region, parent, type_id):
    assert agency_type_of(name, region, parent).id == type_id


def test_same_name_in_two_districts_is_two_entities_of_one_type(seed_plans):
    baodi = {a.name: a for a in all_agencies(seed_plans["000_2b8445057e662679.txt"])}
    nankai = {a.name: a for a in all_agencies(seed_plans["002_1ab2849c7aae2fc5.txt"])}
    assert baodi["区发展改革委"].type == nankai["区发展改革委"].type
    assert baodi["区发展改革委"].entity != nankai["区发展改革委"].entity


def test_different_party_organs_are_different_types(seed_plans):
    baodi = {a.name: a.type for a in all_agencies(seed_plans["000_2b8445057e662679.txt"])}
    assert len({baodi["区委组织部"], baodi["区委宣传部"], baodi["区委党校"], baodi["区委网信办"]}) == 4


def test_every_action_and_measure_has_a_theme(seed_plans):
    for plan in seed_plans.values():
        assert [plan.action_title(a) for a in plan.actions if a.theme is None] == []
        assert [plan.title_of(m.chapter) for m in plan.measures if m.theme is None] == []


def test_every_link_in_the_built_site_resolves(built_site):
    assert broken_links(built_site) == []


def read_csv(site: Path, name: str) -> list[dict]:
    from build_tools.render.opendata import table_file

    with gzip.open(site / "data" / table_file(name), "rt", encoding="utf-8") if table_file(name).endswith(".gz") else \
            (site / "data" / table_file(name)).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_index_counts_equal_the_data(built_site, seed_plans):
    agencies = read_csv(built_site, "agencies")
    links = read_csv(built_site, "task_agencies")
    assert len(agencies) == len({row["agency_id"] for row in links})
    per_agency = Counter(row["agency_id"] for row in links)
    html = (built_site / "agencies" / "index.html").read_text(encoding="utf-8")
    assert f"共 {len(agencies)} 个单位，分属 {len({r['agency_id'].split('.')[0] for r in agencies})} 个辖区" in html
    for row in agencies:
        assert int(row["tasks_total"]) == per_agency[row["agency_id"]]
        roles = Counter(r["role"] for r in links if r["agency_id"] == row["agency_id"])
        assert (int(row["tasks_lead"]), int(row["tasks_support"]), int(row["tasks_unspecified"])) == (roles["lead"], roles["support"], roles[""])
        # the agency's section of its jurisdiction's page links each of its tasks
        jurisdiction, anchor = row["agency_id"].split(".", 1)
        page = (built_site / "agencies" / jurisdiction / "index.html").read_text(encoding="utf-8")
        section = page.split(f'<h2 id="{anchor.replace(".", "-")}">', 1)[1].split("<h2", 1)[0]
        assert section.count('href="../../plans/') >= int(row["tasks_total"])
    tasks = read_csv(built_site, "tasks")
    assert len(tasks) == sum(len(a.tasks) for p in seed_plans.values() for a in p.actions) + sum(
        len(p.measures) + len(p.projects) for p in seed_plans.values()
    )
    assert Counter(row["kind"] for row in tasks)["project"] == 18  # 津市市's 重大支撑和示范项目
    targets = read_csv(built_site, "targets")
    assert len(targets) == sum(len(p.targets) for p in seed_plans.values())
    assert f"共 {len(targets)} 个量化目标" in (built_site / "targets" / "index.html").read_text(encoding="utf-8")
    theme_index = (built_site / "themes" / "index.html").read_text(encoding="utf-8")
    for theme, count in Counter(row["theme"] for row in tasks).items():
        plans = len({row["plan_id"] for row in tasks if row["theme"] == theme})
        assert re.search(rf'href="{theme}/"[^<]*</a></td>\s*<td[^>]*>{plans}</td>\s*<td[^>]*>{count}</td>', theme_index), theme


def region_chain(site, region_id: str) -> list[str]:
    """The region and its parents as the English region pages link them ("Part of <a href=../parent/>")."""
    chain = [region_id]
    while True:
        page = (site / "en" / "regions" / chain[-1] / "index.html").read_text(encoding="utf-8")
        parent = re.search(r'Part of <a href="\.\./([^/"]+)/"', page)
        if parent is None or parent.group(1) in chain:
            return chain
        chain.append(parent.group(1))


def test_downloads_validate_against_their_schema(built_site, seed_plans):
    from frictionless import Package

    schema = json.loads((built_site / "data" / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    plans, bundles = [], sorted((built_site / "data" / "bundles").glob("*.jsonl.gz"))
    for path in bundles:
        with gzip.open(path, "rt", encoding="utf-8") as bundle:
            plans.append([json.loads(line) for line in bundle])
    # each region's plans in its own file, listed with their counts on the plans page
    listing = (built_site / "plans" / "index.html").read_text(encoding="utf-8")
    for path, members in zip(bundles, plans):
        assert f'href="../data/bundles/{path.name}"' in listing
        for plan in members:  # the file is the highest region above the plan on the regions pages
            chain = region_chain(built_site, plan["region_id"])
            assert chain[-1] == path.name.removesuffix(".jsonl.gz"), (plan["id"], chain)
    plans = [plan for members in plans for plan in members]
    assert sorted(p["id"] for p in plans) == sorted(p.id for p in seed_plans.values())
    for plan in plans:
        jsonschema.validate(plan, schema)
        # the bundle and the plan's own download hold the same data
        assert plan == json.loads((built_site / "data" / "plans" / f"{plan['id']}.json").read_text(encoding="utf-8"))
    report = Package(str(built_site / "data" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_agency_lookup_has_each_agency_once_in_its_provinces_file(built_site):
    """data/lookup/: every agency of agencies.csv in exactly one province's file, the one of the highest
    region above its jurisdiction (the regions pages), with its task counts and its section's address."""
    lookup = built_site / "data" / "lookup"
    index = json.loads((lookup / "index.json").read_text(encoding="utf-8"))
    rows = {}
    for part, (name, _, _) in enumerate(index["parts"]):
        for row in json.loads((lookup / name).read_text(encoding="utf-8"))["agencies"]:
            agency = dict(zip(index["fields"], row))
            url, _, _, place_part = index["places"][agency["place"]]
            assert place_part == part, (name, agency)
            region_id = url.removeprefix("agencies/").removesuffix("/")
            assert region_chain(built_site, region_id)[-1] == name.removesuffix(".json")
            key = f"{region_id}.{agency['anchor']}"
            assert key not in rows, key
            rows[key] = agency
    assert {path.name for path in lookup.iterdir()} == {"index.json"} | {name for name, _, _ in index["parts"]}
    agencies = read_csv(built_site, "agencies")
    assert len(rows) == len(agencies) > 0
    for row in agencies:
        jurisdiction, anchor = row["agency_id"].split(".", 1)
        agency = rows[f"{jurisdiction}.{anchor.replace('.', '-')}"]
        assert (agency["tasks"], agency["lead"]) == (int(row["tasks_total"]), int(row["tasks_lead"]))
        assert agency["type"] in index["types"]


def agency_sheets(built_site, atlas):
    """(entity, rows of its sheet, the sheet) for every agency, from its jurisdiction's workbook."""
    from build_tools.render.indexes import jurisdictions
    from build_tools.render.opendata import sheet_names

    for place in jurisdictions(atlas):
        workbook = load_workbook(built_site / "data" / "agencies" / f"{place['id']}.xlsx")
        # one sheet per agency of the jurisdiction, named as printed, in the page's order
        assert workbook.sheetnames == sheet_names(place["entities"])
        for entity, name in zip(place["entities"], workbook.sheetnames):
            yield entity, list(workbook[name].iter_rows(values_only=True)), workbook[name]


def test_each_agency_has_a_sheet_listing_its_tasks(built_site, seed_plans):
    atlas = build_atlas(list(seed_plans.values()))
    seen = 0
    for entity, rows, sheet in agency_sheets(built_site, atlas):
        seen += 1
        assert rows[0][:4] == ("方案", "编号", "任务", "角色")
        assert rows[1][:4] == ("Plan", "No.", "Task", "Role")
        assert len(rows) - 2 == len(entity.responsibilities)
        assert {row[2] for row in rows[2:]} == {r.item.title for r in entity.responsibilities}
        assert {row[0] for row in rows[2:]} == {r.item.plan.title for r in entity.responsibilities}
        assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref
        # the deadline and the whole task text beside the title (an official's questions)
        assert rows[1][8:10] == ("Deadline", "Task text")
        assert all(row[2] in row[9] for row in rows[2:])  # the title is the start of the task's text
    assert seen == len(atlas.entities)


@pytest.mark.parametrize(("names", "expected"), [
    (["区发展改革委", "区工业和信息化局"], ["区发展改革委", "区工业和信息化局"]),
    (["区发展改革委", "区发展改革委"], ["区发展改革委", "区发展改革委 (2)"]),
    (["市发改局[市国动办]"], ["市发改局 市国动办 "]),  # Excel refuses []:*?/\ in a sheet name
    (["京津中关村科技城管理委员会规划建设和生态环境局下属单位"], ["京津中关村科技城管理委员会规划建设和生态环境局下属单位"[:31]]),
])
def test_sheet_names_follow_excels_rules_and_are_unique(names, expected):
    from types import SimpleNamespace

    from build_tools.render.opendata import sheet_names

    assert sheet_names([SimpleNamespace(name=n, id="x.y") for n in names]) == expected


def test_agency_spreadsheets_keep_the_qualifier_of_each_value(built_site, seed_plans):
    """Issue 9: the 量化目标 column printed 40% for 40%以上 and 100万千瓦 for 超过100万千瓦."""
    atlas = build_atlas(list(seed_plans.values()))
    qualified = 0
    for entity, rows, _ in agency_sheets(built_site, atlas):
        for row, responsibility in zip(rows[2:], entity.responsibilities):
            for target in responsibility.item.targets:
                if target.qualifier:
                    qualified += 1
                    shown = str(target.value[0]) if isinstance(target.value, list) else str(target.value)
                    post = target.qualifier.split("…")[-1]
                    pre = target.qualifier.split("…")[0]
                    assert (f"{pre}{shown}" in row[5] or f"{shown}{target.unit}{post}" in row[5]), (row[5], target.qualifier)
    assert qualified > 0


def test_the_site_and_downloads_are_byte_identical_between_builds(built_site, seed_plans, site_builder, tmp_path):
    again = site_builder(list(seed_plans.values()), tmp_path)
    files = sorted(path.relative_to(built_site) for path in built_site.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(again) for path in again.rglob("*") if path.is_file())
    for relative in files:
        assert (built_site / relative).read_bytes() == (again / relative).read_bytes(), str(relative)


def test_each_task_has_a_citation_with_its_permalink(built_site):
    html = (built_site / "plans" / "tianjin-baodi-2023" / "index.html").read_text(encoding="utf-8")
    assert "天津市宝坻区人民政府. 天津市宝坻区碳达峰实施方案：2.3 强化天然气保障[EB/OL]. (2023-05-25). 碳达峰实施方案图谱, plans/tianjin-baodi-2023/#t2-3" in html
    english = (built_site / "en" / "plans" / "tianjin-baodi-2023" / "index.html").read_text(encoding="utf-8")
    assert ('Carbon Peaking Implementation Plan of Baodi District, Tianjin [<span lang="zh">天津市宝坻区碳达峰实施方案</span>], item 2.3: '
            "Strengthening natural gas supply security.") in english
    assert "Plan Atlas, en/plans/tianjin-baodi-2023/#t2-3" in english


def test_region_pages_list_plans_and_children(built_site):
    tianjin = (built_site / "regions" / "tianjin" / "index.html").read_text(encoding="utf-8")
    for plan_id in ("tianjin-baodi-2023", "tianjin-nankai-2022", "tianjin-xiqing-2023"):
        assert f"plans/{plan_id}/" in tianjin
    assert "changde-jinshi-2024" not in tianjin


def test_a_province_page_lists_the_plans_of_counties_whose_city_has_none(built_site):
    """津市市 (a county-level city of 常德市, 湖南省) is the seeds' only plan in Hunan: the province's page and
    its city's list it, though neither publishes a plan, and each page links the one above it."""
    for edition in ("", "en"):
        hunan = (built_site / edition / "regions" / "hunan" / "index.html").read_text(encoding="utf-8")
        changde = (built_site / edition / "regions" / "hunan-changde" / "index.html").read_text(encoding="utf-8")
        jinshi = (built_site / edition / "regions" / "changde-jinshi" / "index.html").read_text(encoding="utf-8")
        assert "plans/changde-jinshi-2024/" in hunan and "plans/changde-jinshi-2024/" in changde
        assert 'href="../hunan-changde/"' in jinshi and 'href="../hunan/"' in changde
    # the list under its own heading, one item a plan
    tianjin = (built_site / "regions" / "tianjin" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="[^"]*">下级地区的方案<a class="headerlink"', tianjin)
    assert len(re.findall(r'<li><a href="\.\./tianjin-[a-z]+/">', tianjin)) == 3


def test_indicators_shared_by_two_plans_have_a_chart_with_one_bar_per_target(built_site, seed_plans):
    """The researcher's chart: an SVG drawn at build time (no JavaScript), one bar per target, with the
    indicator as its accessible title; the numbers stay in the table after it."""
    from html import escape as html_escape

    from build_tools.render.indexes import comparable_targets

    atlas = build_atlas(list(seed_plans.values()))
    shared = [(indicator, rows) for indicator, rows in comparable_targets(atlas) if len({p.id for p, _ in rows}) >= 2]
    assert shared
    for edition, label in (("", "zh"), ("en", "en")):
        for indicator, rows in shared:  # each on its own page
            html = (built_site / edition / "targets" / indicator.id / "index.html").read_text(encoding="utf-8")
            charts = re.findall(r'<svg class="chart" role="img".*?</svg>', html, flags=re.S)
            assert len(charts) == 1, indicator.id
            chart = charts[0]
            assert f"<title>{html_escape(getattr(indicator, label), quote=False)}</title>" in chart.replace("&#39;", "'")
            assert chart.count("<rect ") == len(rows)


def test_every_indicator_page_has_its_table_with_a_row_per_target(built_site, seed_plans):
    """The table (not only the chart) on every indicator's page, shared or not; a Markdown table left
    unrendered (as on every indicator page once, after a line that ended without a blank line) shows as
    pipes in a paragraph."""
    from build_tools.render.indexes import comparable_targets

    atlas = build_atlas(list(seed_plans.values()))
    for edition in ("", "en"):
        for indicator, rows in comparable_targets(atlas):
            html = (built_site / edition / "targets" / indicator.id / "index.html").read_text(encoding="utf-8")
            body = re.search(r"<article.*?</article>", html, flags=re.S).group(0)
            assert "|---|" not in body, indicator.id
            tables = re.findall(r"<tbody>(.*?)</tbody>", body, flags=re.S)
            assert len(tables) == 1 and tables[0].count("<tr>") == len(rows), indicator.id


def test_an_indicator_with_more_targets_than_a_page_shows_has_a_page_for_each_region(seed_plans, site_builder, tmp_path, monkeypatch):
    """At national scale an indicator's targets (about 2,000 at 3,000 plans) are split by region, as the
    theme pages are: the indicator's page lists the regions with their counts of plans and targets, each
    region's page has the chart and the table of its own plans' targets. Built with the threshold at one
    target, so that every seed indicator of two or more is split (a strict build: every link resolves)."""
    from build_tools.render import indexes

    monkeypatch.setattr(indexes, "INDICATOR_PAGE_ROWS", 1)
    site = site_builder(list(seed_plans.values()), tmp_path)
    atlas = build_atlas(list(seed_plans.values()))
    regions = indexes.region_pages(atlas)
    group_of = {plan.id: region["id"] for region, members in indexes.region_groups(atlas, regions) for plan in members}
    split = [(indicator, rows) for indicator, rows in indexes.comparable_targets(atlas) if len(rows) > 1]
    assert any(len({group_of[plan.id] for plan, _ in rows}) >= 2 for _, rows in split)
    for edition in ("", "en"):
        for indicator, rows in split:
            folder = site / edition / "targets" / indicator.id
            html = (folder / "index.html").read_text(encoding="utf-8")
            article = re.search(r"<article.*?</article>", html, flags=re.S).group(0)
            assert '<svg class="chart"' not in article
            by_group = Counter(group_of[plan.id] for plan, _ in rows)
            table = re.search(r"<tbody>(.*?)</tbody>", article, flags=re.S).group(1)
            cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S) for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)]
            assert [re.search(r'href="([^"]*)"', row[0]).group(1) for row in cells] == [f"{g}/" for g in sorted(by_group)]
            assert [(int(row[1]), int(row[2])) for row in cells] == [
                (len({plan.id for plan, _ in rows if group_of[plan.id] == g}), by_group[g]) for g in sorted(by_group)]
            for g in sorted(by_group):
                part = re.search(r"<article.*?</article>", (folder / g / "index.html").read_text(encoding="utf-8"), flags=re.S).group(0)
                body = re.search(r"<tbody>(.*?)</tbody>", part, flags=re.S).group(1)
                assert body.count("<tr>") == by_group[g], (indicator.id, g)
                linked = set(re.findall(r'href="(?:\.\./)+plans/([^/"#]+)/', body))
                assert linked == {plan.id for plan, _ in rows if group_of[plan.id] == g}
                assert 'href="../"' in part  # back to the indicator's page of all regions


def test_no_page_shows_an_unrendered_markdown_table(built_site):
    for page in built_site.rglob("index.html"):
        article = re.search(r"<article.*?</article>", page.read_text(encoding="utf-8"), flags=re.S)
        assert article is None or "|---" not in article.group(0), page
