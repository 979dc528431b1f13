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
