"""Text from documents is inert on every page, in the search index and in downloads."""

from __future__ import annotations

import html as html_module
import json
from html.parser import HTMLParser

import pytest

from build_tools.ingest.readers import SourceText
from build_tools.parse.plan import parse_plan
from build_tools.search.query import read_index, stored_text

HOSTILE = """某某区<img src=x onerror=alert(9)>碳达峰实施方案
为深入贯彻落实<script>alert(1)</script>，制定本方案。
一、总体要求
（一）指导思想{#evil .x} <img src=x onerror=alert(2)>
以习近平新时代中国特色社会主义思想为指导，[点击](javascript:alert(3))，{{ config.site_name }}，{% include "x" %}。
二、重点任务
（一）能源绿色低碳转型行动<b>粗体</b>
1.发展新能源<script>alert(4)</script>。到2025年，光伏装机达到10万千瓦。（区发改委、<i>区工信局</i>按职责分工负责）
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, site_builder):
    plan = parse_plan(SourceText(file="hostile.txt", sha256="0" * 64, text=HOSTILE))
    return plan, site_builder([plan], tmp_path_factory.mktemp("hostile"))


def test_the_hostile_plan_still_parses(hostile_site):
    plan, _ = hostile_site
    assert len(plan.actions) == 1 and len(plan.actions[0].tasks) == 1
    assert plan.targets[0].value == 10


class Elements(HTMLParser):
    """Every element of a page with its attributes, and the text inside <script> elements."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_no_markup_script_or_template_from_the_document_runs(hostile_site):
    """Parsed as a browser would: no element, attribute or script from the document text."""
    plan, site = hostile_site
    for page in site.rglob("*.html"):
        parser = Elements()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, attrs in parser.elements:
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            assert not (attrs.get("href") or "").startswith("javascript:"), (page, tag, attrs)
            assert attrs.get("id") != "evil" and attrs.get("src") != "x", (page, tag, attrs)
            assert tag not in ("b", "i"), (page, tag)
        assert not any("alert(" in script for script in parser.scripts), page
    # and the reader sees the text as printed (entities decode to the characters)
    shown = html_module.unescape((site / "plans" / plan.id / "index.html").read_text(encoding="utf-8"))
    for text in ("<script>alert(1)</script>", "{{ config.site_name }}", '{% include "x" %}', "[点击](javascript:alert(3))", "{#evil .x}"):
        assert text in shown


def test_search_index_and_downloads_keep_the_text_as_text(hostile_site):
    plan, site = hostile_site
    index = stored_text(read_index(site / "search-index"))
    # the project's index stores text, not HTML: the hostile text is there as printed, and search.js shows
    # it with textContent only (tests/test_browser.py, test_hostile_text_stays_inert_in_search_results)
    assert "<script>alert(1)</script>" in index and "<a href" not in index
    data = json.loads((site / "data" / "plans" / f"{plan.id}.json").read_text(encoding="utf-8"))
    assert "<script>alert(4)</script>" in json.dumps(data, ensure_ascii=False)  # data keeps the text as printed


def test_spreadsheets_keep_formula_like_text_as_text(tmp_path):
    """A task title such as =HYPERLINK(…) must not become a formula in the 责任分工表 spreadsheet."""
    from openpyxl import load_workbook

    from build_tools.link.apply import link_plan
    from build_tools.link.atlas import build_atlas
    from build_tools.render.indexes import jurisdictions
    from build_tools.render.opendata import jurisdiction_spreadsheet

    text = HOSTILE.replace("1.发展新能源", '1.=HYPERLINK("http://example.invalid","点击")发展新能源')
    plan = link_plan(parse_plan(SourceText(file="hostile.txt", sha256="0" * 64, text=text)))
    atlas = build_atlas([plan])
    (tmp_path / "a.xlsx").write_bytes(jurisdiction_spreadsheet(jurisdictions(atlas)[0], atlas))
    cell = load_workbook(tmp_path / "a.xlsx").active["C3"]  # rows 1-2 are the Chinese and English headers
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
