"""The search page in real Chromium on the seed site, served under a sub-path (/site/, as /<repo>/ on
GitHub Pages): every page whose text contains a query is found and every result contains it (the truth
is read from the built HTML, not from the index), abbreviations, English stems, ?q=, nothing fetched
before a query, no request beyond 127.0.0.1, no console errors, and search.js tokenising as Python does.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from build_tools.search.extract import page_url, site_pages
from build_tools.search.index import read_site, entry_text
from build_tools.search.synonyms import expand_phrase, synonym_groups
from build_tools.search.tokens import normalise, token_hash, tokenise
from tests.test_browser import CHROMIUM, QuietHandler, browser, local_server  # noqa: F401  (browser: a fixture)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed (apt-get install chromium)")
CHINESE_QUERIES = ["海绵城市", "垃圾分类", "光伏", "发改委"]
# Material fetches sitemap.xml beside every <link rel="alternate"> (it expects the link to be an edition's
# root; ours point to the page's twin): a 404 of the theme's, not of search, reported in the issue.
KNOWN_THEME_ERRORS = ("sitemap.xml",)


def page_texts(edition: Path) -> dict[str, str]:
    """url -> the article's text as the built page shows it, without [data-search-exclude] and the ¶ signs."""
    texts = {}
    for path in site_pages(edition):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        article = tree.css_first("article.md-content__inner")
        if article is None:
            continue
        for node in article.css("[data-search-exclude], a.headerlink, script, style"):
            node.decompose()
        texts[page_url(path, edition)] = normalise(" ".join(article.text().split()))
    return texts


@pytest.fixture(scope="module")
def served(built_site):
    """The built site under /site/ of a local server; yields the site's URL."""
    server = local_server(QuietHandler, built_site.parent)
    yield f"http://127.0.0.1:{server.server_port}/{built_site.name}/"
    server.shutdown()


class Visit:
    """A page with every request and console error recorded."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.errors.append(message.text + " " + str(message.location)) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def results(self) -> list[dict]:
        """Every result (clicking 'more' until all are shown): href, text, marked words, in rank order."""
        page = self.page
        done = "[data-search-results][aria-busy=false]"
        page.locator(done).wait_for(state="attached", timeout=30000)
        while page.locator(".plan-search-more").count():
            page.locator(".plan-search-more").click()
            page.locator(done).wait_for(state="attached", timeout=30000)
        return page.locator("[data-search-results] > li").evaluate_all(
            "items => items.map(li => ({href: li.querySelector('a').href, text: li.textContent,"
            " marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent)}))")

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    visits = []

    def open_visit():
        visits.append(Visit(browser))
        return visits[-1]

    yield open_visit
    for v in visits:
        v.close()


def result_page(href: str, site: str) -> str:
    """http://127.0.0.1:port/site/plans/x/#t1-1 -> plans/x/ (en/ stripped by the caller)."""
    return unquote(urlsplit(href).path)[len(urlsplit(site).path):]


@pytest.mark.parametrize("query", CHINESE_QUERIES)
def test_chinese_query_finds_every_page_that_contains_it(query, built_site, served, visit):
    texts = page_texts(built_site)
    variants = expand_phrase(query, synonym_groups())
    truth = {url for url, text in texts.items() if query in text}
    assert truth, f"{query} is on no page: the test would prove nothing"
    v = visit()
    v.page.goto(served + "search/?q=" + quote(query))
    results = v.results()
    found = {result_page(r["href"], served) for r in results}
    assert truth <= found, f"pages containing {query} not found: {sorted(truth - found)} {v.errors} {v.page.locator('.plan-search-status').inner_text()}"
    for result in results:
        assert any(variant in normalise(result["text"]) for variant in variants), result  # every result contains it
        assert result["marks"] and all(mark in variants for mark in result["marks"]), result
        assert any(variant in texts[result_page(result["href"], served)] for variant in variants)
        assert "#" in result["href"]  # the deepest anchor, not the top of the page
    ranks = [result_page(r["href"], served).startswith("plans/") for r in results]
    assert ranks == sorted(ranks, reverse=True)  # plan pages before index pages
    assert v.errors == []
    assert all(url.startswith(served) for url in v.requests), [u for u in v.requests if not u.startswith(served)]


def test_abbreviation_and_full_name_find_the_same_entries(served, visit):
    hrefs = []
    for query in ("发改委", "发展改革委", "发展和改革委员会"):
        v = visit()
        v.page.goto(served + "search/?q=" + quote(query))
        hrefs.append([urlsplit(r["href"])._replace(query="").geturl() for r in v.results()])  # ?h= names the words found
    assert hrefs[0] and hrefs[0] == hrefs[1] == hrefs[2]


def test_english_query_finds_stems_on_the_english_edition(built_site, served, visit):
    texts = page_texts(built_site / "en")
    truth = {url for url, text in texts.items() if "photovoltaic" in text}
    assert any("photovoltaics" in text for text in texts.values())
    v = visit()
    v.page.goto(served + "en/search/")
    v.page.fill("#plan-search-input", "photovoltaic")
    v.page.keyboard.press("Enter")
    v.page.locator("[data-search-results] > li").first.wait_for()
    results = v.results()
    found = {result_page(r["href"], served + "en/") for r in results}
    assert truth <= found
    assert all("photovoltaic" in r["text"].lower() for r in results)
    assert "q=photovoltaic" in v.page.url  # the results are addressable
    assert v.errors == []


def test_nothing_is_fetched_before_a_query_and_then_only_part_of_the_index(built_site, served, visit):
    v = visit()
    v.page.goto(served + "search/")
    v.page.wait_for_load_state("networkidle")
    assert not [u for u in v.requests if "search-index" in u]
    v.page.fill("#plan-search-input", "海绵城市")
    v.page.locator("[data-search-results] > li").first.wait_for()
    fetched = {u for u in v.requests if "search-index" in u}
    shards = len(list((built_site / "search-index" / "s").iterdir()))
    assert any(u.endswith("manifest.json") for u in fetched)
    assert 0 < len([u for u in fetched if "/s/" in u]) <= 3 < shards
    v.page.fill("#plan-search-input", "光")
    v.page.locator(".plan-search-status").filter(has_text="光").wait_for()
    assert v.page.locator("[data-search-results] > li").count() == 0


def test_the_page_says_when_javascript_is_off(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "search/")
    assert "JavaScript" in page.locator("noscript, .plan-search-noscript").first.inner_text()
    context.close()


def test_search_js_tokenises_hashes_and_expands_as_python(built_site, served, visit):
    v = visit()
    v.page.goto(served + "search/")
    pages = read_site(built_site)[:3] + read_site(built_site / "en")[:3]
    texts = [entry_text(e) for p in pages for e in p.entries][:400] + ["ＣＯ２排放 photovoltaics, buses", "海绵，绵城 solar  panels"]
    in_js = v.page.evaluate("texts => texts.map(t => window.planSearch.tokenise(t))", texts)
    assert in_js == [[list(t) for t in tokenise(text)] for text in texts]
    tokens = sorted({t[0] for text in texts for t in tokenise(text)})[:2000]
    assert v.page.evaluate("tokens => tokens.map(t => window.planSearch.tokenHash(t))", tokens) == [token_hash(t) for t in tokens]
    manifest = json.loads((built_site / "search-index" / "manifest.json").read_text(encoding="utf-8"))
    queries = ["发改委", "发展和改革委员会", "区生态环境局", "环境", "海绵城市"]
    expanded = v.page.evaluate("([qs, groups, suffixes]) => qs.map(q => window.planSearch.expandPhrase(q, groups, suffixes))",
                               [queries, manifest["synonyms"], manifest["suffixes"]])
    assert expanded == [expand_phrase(q, manifest["synonyms"], manifest["suffixes"]) for q in queries]
    numbers = [0, 1, 31, 32, 1023, 1024, 2**20, 2**31 + 7]
    from build_tools.search.index import encode_varints

    assert v.page.evaluate("text => window.planSearch.decodeVarints(text)", encode_varints(numbers)) == numbers
    for query in ['"solar panels" grid', "海绵城市  垃圾分类", '""']:
        from build_tools.search.tokens import query_parts

        assert v.page.evaluate("q => window.planSearch.queryParts(q)", query) == query_parts(query)
