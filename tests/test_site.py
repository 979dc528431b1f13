"""The site as users meet it: a real `mkdocs build --strict` of the seeds."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from build_tools.search.query import search_site


class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
        if tag == "script":
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def page(site, plan_id: str) -> str:
    return (site / "plans" / plan_id / "index.html").read_text(encoding="utf-8")


def test_every_plan_has_a_page_linked_from_home(built_site, seed_plans):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for plan in seed_plans.values():
        assert f'href="plans/{plan.id}/"' in home
        assert plan.title in page(built_site, plan.id)


def test_every_task_has_its_permalink_anchor_and_agencies(built_site, seed_plans):
    for plan in seed_plans.values():
        parser = IdCollector()
        parser.feed(page(built_site, plan.id))
        for action in plan.actions:
            assert action.id in parser.ids
            for task in action.tasks:
                assert task.id in parser.ids, f"{plan.id}#{task.id}"
        html = page(built_site, plan.id)
        for agency in {a.name for action in plan.actions for task in action.tasks for a in task.agencies}:
            escaped = agency.replace("<", "&lt;").replace(">", "&gt;")
            as_entities = agency.replace("<", "&#60;").replace(">", "&#62;")
            assert f'">{escaped}' in html or f'">{as_entities}' in html, agency


def test_targets_are_marked_in_the_text(built_site, seed_plans):
    plan = seed_plans["000_2b8445057e662679.txt"]
    html = page(built_site, plan.id)
    marks = re.findall(r'<mark class="target"[^>]*>(.*?)</mark>', html)
    assert "全区投产可再生能源电力装机容量力争超过100万千瓦" in marks
    assert len(marks) == len(plan.targets)


def test_compound_agency_names_are_shown_as_text_not_markup(built_site):
    html = page(built_site, "changde-jinshi-2024")
    assert "市发改局&lt;市国动办&gt;" in html or "市发改局&#60;市国动办&#62;" in html
    assert "<市国动办>" not in html


def test_plan_json_downloads_are_published(built_site, seed_plans):
    for plan in seed_plans.values():
        data = json.loads((built_site / "data" / "plans" / f"{plan.id}.json").read_text(encoding="utf-8"))
        assert data["id"] == plan.id and len(data["actions"]) == len(plan.actions)
    schema = json.loads((built_site / "data" / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Plan" and "actions" in schema["properties"]


def test_no_request_leaves_the_site(built_site):
    """Fonts and assets load without the internet: no Google Fonts or CDN references in any page."""
    for html_file in built_site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, html_file
        assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="https?://', text), html_file


@pytest.mark.parametrize(
    "word, page_prefix",
    [("碳达峰", "plans/"), ("宝坻", "plans/tianjin-baodi-2023/"), ("装配式", "plans/"), ("津市市", "plans/changde-jinshi-2024/")],
)
def test_a_chinese_word_finds_its_page(built_site, word, page_prefix):
    results = [entry["url"] for entry in search_site(built_site, word)]
    assert any(url.startswith(page_prefix) for url in results), results[:5]


def test_every_plan_page_names_its_sources_their_originals_the_document_number_and_the_date(built_site, seed_plans):
    """Trust: each source file with the address of its original where data/provenance.yml or the source
    records one, else the plain statement that it is not recorded (the seeds: nobody recorded it)."""
    for plan in seed_plans.values():
        for prefix, not_recorded, no_number in (("", "原文地址未记录", "来源未载明"), ("en/", "the address of the original is not recorded", "not stated in the sources")):
            html = (built_site / prefix / "plans" / plan.id / "index.html").read_text(encoding="utf-8")
            for source in plan.sources:
                assert source.file in html or source.file.replace("_", "&#95;") in html
            assert html.count(not_recorded) == len(plan.sources)
            assert "class=\"source-url\"" not in html
            assert (plan.doc_number or no_number) in html
    xiqing = (built_site / "plans" / "tianjin-xiqing-2023" / "index.html").read_text(encoding="utf-8")
    assert "西青政发〔2023〕5号" in xiqing and "2023年4月28日" in xiqing


def test_targets_csv_compares_converted_values(built_site):
    import csv
    import gzip

    rows = list(csv.DictReader(gzip.open(built_site / "data" / "targets.csv.gz", "rt", encoding="utf-8")))
    gas = [r for r in rows if r["indicator_id"] == "natural-gas-consumption"]
    assert {(r["plan_id"], r["value_as_printed"], r["base_value"], r["base_unit"]) for r in gas} >= {
        ("changde-jinshi-2024", "753万立方米", "7530000", "立方米"), ("tianjin-xiqing-2023", "28.62亿立方米", "2862000000", "立方米")}
    assert all(r["base_unit"] != "%" for r in rows if r["unit"] == "个百分点")
