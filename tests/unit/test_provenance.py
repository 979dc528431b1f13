"""Where a source was published: data/provenance.yml, or the address a saved web page gives for itself;
never a guess (build_tools/link/provenance.py, build_tools/ingest/html.py ``page_address``)."""

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from build_tools.ingest.html import page_address
from build_tools.link.provenance import load_provenance, provenance_problems, with_provenance
from build_tools.paths import PROVENANCE, SOURCES
from build_tools.pipeline import source_files

URL = "https://www.example.org/zwgk/2023/plan.html"  # example.org: an address reserved for examples


@pytest.mark.parametrize(("html", "expected"), [
    (f'<html><head><link rel="canonical" href="{URL}"></head><body></body></html>', URL),
    (f'<html><head><meta property="og:url" content="{URL}"></head><body></body></html>', URL),
    (f'<!-- saved from url=(0043){URL} -->\n<html><body></body></html>', URL),
    # a relative canonical names no site; a page without any address has none
    ('<html><head><link rel="canonical" href="/zwgk/2023/plan.html"></head><body></body></html>', None),
    ("<html><head><title>天津市西青区碳达峰实施方案</title></head><body><p>西青政发〔2023〕5号</p></body></html>", None),
])
def test_a_saved_page_gives_its_own_address_or_none(html, expected):
    assert page_address(LexborHTMLParser(html), html) == expected


def test_the_provenance_file_covers_every_seed_and_invents_nothing():
    names = {path.name for path in source_files(SOURCES)}
    recorded = load_provenance()
    assert set(recorded) == names
    assert provenance_problems(names) == []
    # nobody recorded where the seeds were downloaded from: every url is null, and so the pages say
    assert all(row["url"] is None for row in recorded.values())


def test_a_recorded_url_reaches_the_plan_and_a_bad_entry_is_reported(tmp_path, seed_plans):
    plan = next(iter(seed_plans.values()))
    path = tmp_path / "provenance.yml"
    path.write_text(yaml.safe_dump({"sources": [
        {"file": plan.sources[0].file, "url": URL},
        {"file": "missing.txt", "url": "www.example.org/x"},
        {"file": "other.txt"},
    ]}), encoding="utf-8")
    linked = with_provenance(plan, path)
    assert (linked.sources[0].url, linked.sources[0].url_from) == (URL, "provenance")
    problems = provenance_problems({plan.sources[0].file, "other.txt"}, path)
    assert any("missing.txt is not a file of data/sources/" in p for p in problems)
    assert any("'www.example.org/x' is not an absolute" in p for p in problems)
    assert any("other.txt: no url" in p for p in problems)
    assert PROVENANCE.name == "provenance.yml"
