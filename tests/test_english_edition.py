"""The English edition (issue 7): no Chinese outside elements marked lang="zh", every page's twin in the
other edition, the seed plans translated completely, the PO catalogs round-trip, an out-of-date entry is
never shown as current, the interface words live in catalogs, not in code."""

from __future__ import annotations

import io
import posixpath
import re
import tokenize
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.paths import ROOT, TRANSLATIONS
from build_tools.render.i18n import ui_translations
from build_tools.render.messages import extract_template
from build_tools.translate.catalog import catalog_bytes, read_catalog
from build_tools.search.query import search_site
from build_tools.translate.update import translation_stats, update_translations

CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class LanguageScan(HTMLParser):
    """Text with a CJK character whose nearest lang ancestor is not zh (scripts and styles skipped)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.violations: list[str] = []

    def lang(self) -> str | None:
        return next((lang for _, lang in reversed(self.stack) if lang is not None), None)

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if any(t in ("script", "style") for t, _ in self.stack):
            return
        if CJK.search(data) and not (self.lang() or "").startswith("zh"):
            path = "/".join(t for t, _ in self.stack[-3:])
            self.violations.append(f"{path}: {data.strip()[:40]}")


def english_pages(site: Path) -> list[Path]:
    return sorted((site / "en").rglob("*.html"))


def test_the_scan_finds_chinese_outside_lang_zh():
    scan = LanguageScan()
    scan.feed('<html lang="en"><p>Plan <span lang="zh">宝坻</span></p><p>南开</p><script>var a="中";</script></html>')
    assert scan.violations == ["html/p: 南开"]


def chinese_outside_lang_zh(site: Path) -> dict[str, list[str]]:
    """English page -> its first few texts with Chinese outside an element marked lang="zh"."""
    problems = {}
    for path in english_pages(site):
        scan = LanguageScan()
        scan.feed(path.read_text(encoding="utf-8"))
        if scan.violations:
            problems[str(path.relative_to(site))] = scan.violations[:3]
    return problems


def test_no_chinese_outside_lang_zh_on_any_english_page(built_site):
    assert len(english_pages(built_site)) > 50
    assert chinese_outside_lang_zh(built_site) == {}


def test_every_page_has_html_lang_and_a_twin_that_links_back(built_site):
    def twin_of(site_root: Path, page: Path, lang: str) -> Path:
        html = page.read_text(encoding="utf-8")
        # the banner's switch (the hreflang alternates are in sitemap.xml, see overrides/main.html)
        found = re.search(rf'<a class="edition-twin" href="([^"]+)" hreflang="{lang}"', html)
        assert found, (page, lang)
        url = posixpath.normpath(posixpath.join(posixpath.dirname(page.relative_to(site_root).as_posix()), found.group(1)))
        target = site_root / url
        return target / "index.html" if target.is_dir() else target

    zh_pages = [p for p in built_site.rglob("*.html") if not p.relative_to(built_site).as_posix().startswith("en/")]
    assert len(zh_pages) == len(english_pages(built_site))
    for page in zh_pages:
        if page.name == "404.html":
            continue
        assert '<html lang="zh"' in page.read_text(encoding="utf-8")
        twin = twin_of(built_site, page, "en")
        assert twin.exists(), page
        assert '<html lang="en"' in twin.read_text(encoding="utf-8")
        assert twin_of(built_site, twin, "zh") == page, twin


def test_the_language_switch_lands_on_the_same_page(built_site):
    html = (built_site / "plans" / "tianjin-baodi-2023" / "index.html").read_text(encoding="utf-8")
    assert 'class="edition-twin" href="../../en/plans/tianjin-baodi-2023/"' in html
    english = (built_site / "en" / "plans" / "tianjin-baodi-2023" / "index.html").read_text(encoding="utf-8")
    assert 'class="edition-twin" href="../../../plans/tianjin-baodi-2023/"' in english


def test_seed_plans_are_translated_completely(seed_plans, built_site):
    for row in translation_stats(list(seed_plans.values())):
        assert (row.fuzzy, row.untranslated) == (0, 0), row
        assert row.translated == row.units and row.statuses == {"machine": row.units}, row
    for plan in seed_plans.values():
        html = (built_site / "en" / "plans" / plan.id / "index.html").read_text(encoding="utf-8")
        assert 'data-translation="missing"' not in html and 'data-translation="fuzzy"' not in html
        assert html.count('data-translation="machine"') > 20
        assert "Machine translation: the Chinese text prevails" in html


def test_english_pages_compose_titles_agencies_and_targets_from_the_data(built_site):
    html = (built_site / "en" / "plans" / "tianjin-baodi-2023" / "index.html").read_text(encoding="utf-8")
    assert "<title>Carbon Peaking Implementation Plan of Baodi District, Tianjin" in html
    assert "Baodi District Development and Reform Commission" in html
    # 全区投产可再生能源电力装机容量力争超过100万千瓦: the comparator, the converted value, and the value as printed
    assert '&gt; 1,000,000 kW</strong> <span class="printed">(<span lang="zh">超过100万千瓦</span>)</span>' in html
    jinshi = (built_site / "en" / "plans" / "changde-jinshi-2024" / "index.html").read_text(encoding="utf-8")
    assert "Carbon Peaking Implementation Plan of Jinshi City, Changde City (draft for comment)" in jinshi


def test_committed_catalogs_round_trip_byte_identically():
    paths = sorted((TRANSLATIONS / "en").glob("*.po"))
    assert len(paths) == 4
    for path in paths:
        assert catalog_bytes(read_catalog(path)) == path.read_bytes(), path


def test_a_changed_sentence_becomes_fuzzy_and_is_shown_as_out_of_date(seed_plans, tmp_path, site_builder):
    """Change the Chinese of one paragraph: `translate update` marks its entry fuzzy (with the old
    translation kept for the translator) and the English page shows the Chinese, labelled out of date."""
    import shutil

    shutil.copytree(TRANSLATIONS, tmp_path / "translations")
    plan = seed_plans["000_2b8445057e662679.txt"]
    segment = next(s for s in plan.sections if s.id == "p8")
    changed = segment.model_copy(update={"text": segment.text.replace("结合我区实际", "结合本区实际")})
    edited = plan.model_copy(update={"sections": [changed if s.id == "p8" else s for s in plan.sections]})
    update_translations([edited], tmp_path / "translations")
    catalog = read_catalog(tmp_path / "translations" / "en" / f"{plan.id}.po")
    old = read_catalog(TRANSLATIONS / "en" / f"{plan.id}.po").get(segment.text).string
    entry = catalog.get(changed.text)
    assert entry is not None and entry.fuzzy and entry.string == old
    assert catalog.get(segment.text) is None  # the old msgid is obsolete, not current
    from build_tools.render.pages import render_site_content

    render_site_content([edited], tmp_path / "content", tmp_path / "translations")
    page = (tmp_path / "content" / "en" / "plans" / f"{plan.id}.md").read_text(encoding="utf-8")
    block = page[page.index('id="p8"') - 80: page.index('id="p8"') + 600]
    assert 'data-translation="fuzzy"' in block and "translation out of date" in block and "结合本区实际" in block


def test_the_translation_memory_fills_the_same_sentence_in_another_plan(seed_plans, tmp_path):
    """A sentence translated in one plan fills the identical sentence of another plan (local plans repeat
    template language); the entry says where it came from and keeps its status."""
    import shutil

    shutil.copytree(TRANSLATIONS, tmp_path / "translations")
    plan = seed_plans["000_2b8445057e662679.txt"]
    copy = plan.model_copy(update={"id": "tianjin-copy-2023"})
    update_translations(list(seed_plans.values()) + [copy], tmp_path / "translations")
    stats = {row.plan_id: row for row in translation_stats(list(seed_plans.values()) + [copy], "en", tmp_path / "translations")}
    assert stats["tianjin-copy-2023"].from_memory == stats["tianjin-copy-2023"].units == stats["tianjin-copy-2023"].translated
    text = (tmp_path / "translations" / "en" / "tianjin-copy-2023.po").read_text(encoding="utf-8")
    assert "# from translation memory: tianjin-baodi-2023" in text and "# status: machine" in text


def test_every_interface_word_has_a_current_chinese_translation():
    template = extract_template()
    catalog = read_catalog(ROOT / "build_tools" / "render" / "locale" / "zh" / "LC_MESSAGES" / "messages.po")
    wanted = {m.id for m in template if m.id}
    assert len(wanted) > 100
    missing = sorted(msgid for msgid in wanted if catalog.get(msgid) is None or not catalog.get(msgid).string or catalog.get(msgid).fuzzy)
    assert missing == [], "run `make messages` and translate these in messages.po"
    assert ui_translations("zh").gettext("Responsible agencies") == "责任单位"


# Code that writes what a reader sees: no Chinese literal outside the catalogs and the taxonomy. (The parse
# and ingest stages read Chinese documents, so their patterns are Chinese by nature and are not scanned.)
SCANNED = ["build_tools/render/**/*.py", "build_tools/render/templates/*.j2", "build_tools/link/atlas.py", "build_tools/link/names.py",
           "build_tools/link/vocabulary.py", "build_tools/translate/*.py", "build_tools/site/*.py", "overrides/**/*.html",
           "content/assets/*.js"]


def cjk_literals_in_python(path: Path) -> list[str]:
    found = []
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
    skip = (tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT)
    for index, token in enumerate(tokens):
        if token.type == tokenize.STRING and CJK.search(token.string):
            before = next((t for t in reversed(tokens[:index]) if t.type not in skip), None)
            after = next((t for t in tokens[index + 1:] if t.type not in skip), None)
            # a string that is a statement of its own is a docstring (of a module, class, function or field)
            alone = (before is None or before.type == tokenize.NEWLINE) and (after is None or after.type in (tokenize.NEWLINE, tokenize.ENDMARKER))
            if not alone:
                found.append(f"{path.relative_to(ROOT)}:{token.start[0]}: {token.string[:40]}")
    return found


def cjk_literals_in_text(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".j2":
        text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    elif path.suffix == ".js":
        text = re.sub(r"//[^\n]*", "", text)
    else:
        text = re.sub(r"\{#.*?#\}|<!--.*?-->", "", text, flags=re.S)
    return [f"{path.relative_to(ROOT)}:{n}: {line.strip()[:40]}" for n, line in enumerate(text.splitlines(), 1) if CJK.search(line)]


def test_no_chinese_literal_in_code_that_writes_the_site():
    files = sorted({p for pattern in SCANNED for p in ROOT.glob(pattern)})
    assert len(files) > 25
    found = []
    for path in files:
        found += cjk_literals_in_python(path) if path.suffix == ".py" else cjk_literals_in_text(path)
    assert found == []


def test_the_literal_check_can_fail(tmp_path, monkeypatch):
    sample = ROOT / "build_tools" / "render" / "templates" / "_probe_cjk.j2"
    try:
        sample.write_text('{# 注释可以 #}\n<p>{{ _("Plan") }} 方案</p>\n', encoding="utf-8")
        assert cjk_literals_in_text(sample) == ["build_tools/render/templates/_probe_cjk.j2:2: <p>{{ _(\"Plan\") }} 方案</p>"]
    finally:
        sample.unlink()
    probe = ROOT / "build_tools" / "render" / "_probe_cjk.py"
    try:
        probe.write_text('"""模块说明 allowed."""\nLABEL = "责任单位"\n', encoding="utf-8")
        assert cjk_literals_in_python(probe) == ['build_tools/render/_probe_cjk.py:2: "责任单位"']
    finally:
        probe.unlink()


@pytest.mark.parametrize("query", ["photovoltaic", "green buildings", "Development and Reform Commission", "new energy vehicles"])
def test_english_search_finds_english_words_on_plan_pages(built_site, query):
    results = [entry["url"] for entry in search_site(built_site / "en", query)]
    assert any(url.startswith("plans/") for url in results), results[:5]


def test_the_english_index_holds_an_untranslated_plans_structure_not_the_pages_words(seed_plans, site_builder, tmp_path):
    """An untranslated plan's English page says, per paragraph, that it is not yet translated: the search
    index leaves those words and the status labels out (a query for "translated" or "Chinese" found every
    untranslated paragraph of every plan), and keeps the structure in English (its agencies)."""
    from build_tools.search.index import INDEX_DIRECTORY
    from build_tools.search.query import read_index, search_site, stored_text

    plan = seed_plans["000_2b8445057e662679.txt"].model_copy(update={"id": "untranslated-baodi-2023"})
    site = site_builder([plan], tmp_path)
    page = (site / "en" / "plans" / plan.id / "index.html").read_text(encoding="utf-8")
    assert page.count("Not yet translated: read this paragraph in Chinese") > 20
    assert "not yet translated</span>" in page
    stored = stored_text(read_index(site / "en" / INDEX_DIRECTORY))
    assert "read this paragraph in Chinese" not in stored
    # the page's notice at its top says so once ("This plan's text is not yet translated … each paragraph
    # links to its Chinese original"); no paragraph's link and no heading's badge does
    for query in ("not yet translated", "read this paragraph in Chinese"):
        hits = [entry for entry in search_site(site / "en", query) if entry["url"].startswith(f"plans/{plan.id}/")]
        assert len(hits) == 1, (query, hits)
    found = [entry["url"] for entry in search_site(site / "en", "Development and Reform Commission")]
    assert f"plans/{plan.id}/" in {url.split("#")[0] for url in found}, found[:5]


def test_an_untranslated_plan_links_each_paragraph_to_the_chinese_instead_of_copying_it(seed_plans, tmp_path):
    """At national scale most plans are untranslated: their English pages carry the structure in English
    and link each paragraph to its Chinese original, so the English edition does not duplicate the text."""
    from build_tools.render.pages import render_site_content

    plan = seed_plans["000_2b8445057e662679.txt"]
    render_site_content([plan], tmp_path / "content", tmp_path / "no-translations")
    page = (tmp_path / "content" / "en" / "plans" / f"{plan.id}.md").read_text(encoding="utf-8")
    paragraphs = [s for s in plan.sections if s.kind == "paragraph" and s.title_end is None]
    assert page.count("Not yet translated: read this paragraph in Chinese") >= len(paragraphs) > 20
    assert f'href="../../../plans/{plan.id}/#p8"' in page
    assert all(s.text not in page for s in paragraphs if len(s.text) > 30)  # no body text copied
    assert "Baodi District Development and Reform Commission" in page  # the structure stays in English
