"""The search page in real Chromium on the seed site, served under a sub-path (/site/, as /<repo>/ on
GitHub Pages): every page whose text contains a query is found and every result contains it (the truth
is read from the built HTML, not from the index), abbreviations, English stems, ?q=, nothing fetched
before a query, no request beyond 127.0.0.1, no console errors, and search.js tokenising as Python does.
"""

from __future__ import annotations

from array import array
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from build_tools.search.extract import page_url, site_pages
from build_tools.search.index import MANIFEST, entry_text, packed, read_site, unpacked
from build_tools.search.postings import decode, decode_relative, encode_postings, encode_relative, encode_varints
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
    assert any(u.endswith("manifest.json.gz") for u in fetched)
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
    manifest = unpacked((built_site / "search-index" / MANIFEST).read_bytes())
    queries = ["发改委", "发展和改革委员会", "区生态环境局", "环境", "海绵城市"]
    expanded = v.page.evaluate("([qs, groups, suffixes]) => qs.map(q => window.planSearch.expandPhrase(q, groups, suffixes))",
                               [queries, manifest["synonyms"], manifest["suffixes"]])
    assert expanded == [expand_phrase(q, manifest["synonyms"], manifest["suffixes"]) for q in queries]
    numbers = [0, 1, 31, 32, 1023, 1024, 2**20, 2**31 + 7]
    assert v.page.evaluate("text => window.planSearch.decodeVarints(text)", encode_varints(numbers)) == numbers
    base, values = array("I", [0, 2, 5, 6, 9, 40]), array("I", [2, 4, 7, 18, 41, 61])
    relative = encode_relative(values, base, {value >> 1: index for index, value in enumerate(base)})
    assert v.page.evaluate("([r, b]) => window.planSearch.decodeRelative(r, b)", [relative, encode_postings(base)]) == [
        [entry, in_title] for entry, in_title in decode_relative(relative, decode(encode_postings(base))).items()]
    for query in ['"solar panels" grid', "海绵城市  垃圾分类", '""']:
        from build_tools.search.tokens import query_parts

        assert v.page.evaluate("q => window.planSearch.queryParts(q)", query) == query_parts(query)


def facets_of(edition: Path) -> dict[str, dict[str, list[str]]]:
    """url -> the plan page's facets, read from the built HTML (the truth for the filters)."""
    from build_tools.search.extract import read_facets

    return {page_url(path, edition): read_facets(path.read_text(encoding="utf-8")) for path in site_pages(edition)}


def test_the_header_box_leads_to_the_results_and_nothing_for_search_loads_before(built_site, served, visit):
    v = visit()
    sizes: list[tuple[str, int]] = []
    v.page.on("requestfinished", lambda request: sizes.append((request.url, request.sizes()["responseBodySize"])))
    v.page.goto(served + "plans/tianjin-baodi-2023/")
    v.page.wait_for_load_state("networkidle")
    assert not [url for url, _ in sizes if "search" in url.rsplit("/", 1)[-1] or "search-index" in url]
    assert sum(size for url, size in sizes if url.endswith("highlight.js")) < 4000  # a few KB, the only search code
    form = v.page.locator("form.site-search")
    assert form.get_attribute("method") == "get" and form.get_attribute("action").endswith("/search/")  # works without JS
    v.page.locator("#site-search-input").fill("海绵城市")
    v.page.locator("#site-search-input").press("Enter")
    v.page.wait_for_url("**/search/?q=*")
    assert v.results() and all("海绵城市" in normalise(r["text"]) for r in v.results())
    assert v.errors == []


def test_no_console_errors_on_any_kind_of_page(served, visit):
    """Material fetched sitemap.xml beside each <link rel=alternate> (our hreflang twins): 404s, now gone."""
    v = visit()
    for path in ("", "plans/", "plans/tianjin-baodi-2023/", "agencies/", "themes/energy/", "search/", "en/", "en/plans/tianjin-baodi-2023/"):
        v.page.goto(served + path)
        v.page.wait_for_load_state("networkidle")
    assert v.errors == []
    assert not [u for u in v.requests if u.endswith("sitemap.xml")]


def test_a_result_leads_to_its_passage_with_the_words_marked(served, visit):
    v = visit()
    v.page.goto(served + "search/?q=" + quote("海绵城市"))
    first = v.results()[0]
    v.page.locator("[data-search-results] a").first.click()
    v.page.wait_for_load_state("load")
    anchor = urlsplit(first["href"]).fragment
    assert urlsplit(v.page.url).fragment == anchor
    marks = v.page.locator("mark.search-hit")
    assert marks.count() >= 1 and set(marks.all_text_contents()) == {"海绵城市"}
    assert marks.first.is_visible() and marks.first.evaluate(
        "m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }")
    assert v.errors == []


def test_filters_keep_the_plans_of_a_level_region_theme_or_year(built_site, served, visit):
    facets = facets_of(built_site)
    texts = page_texts(built_site)
    for name in ("level", "region", "year", "theme"):
        value = sorted({value for page in facets.values() for value in page.get(name, [])})[0]
        truth = {url for url, text in texts.items() if "光伏" in text and value in facets[url].get(name, [])}
        assert truth, (name, value)
        v = visit()
        v.page.goto(served + "search/?q=" + quote("光伏") + f"&{name}=" + quote(value))
        found = {result_page(r["href"], served) for r in v.results()}
        assert found == truth, (name, value)
        assert v.page.locator(f"select[data-facet={name}]").input_value() == value
        status = v.page.locator(".plan-search-status").inner_text()
        assert f"{len(truth)}" in status
        assert v.errors == []
    # choosing a filter in the page narrows the results and puts it in the URL
    v = visit()
    v.page.goto(served + "search/?q=" + quote("光伏"))
    everything = {result_page(r["href"], served) for r in v.results()}
    level = sorted({value for page in facets.values() for value in page.get("level", [])})[0]
    v.page.locator("select[data-facet=level]").select_option(level)
    v.page.wait_for_url("**level=*")
    narrowed = {result_page(r["href"], served) for r in v.results()}
    assert narrowed and narrowed < everything and all(level in facets[url]["level"] for url in narrowed)


def test_words_on_one_page_in_different_passages_find_the_page(built_site, served, visit):
    texts = page_texts(built_site)
    query = "海绵城市 风电"
    truth = {url for url, text in texts.items() if all(part in text for part in query.split())}
    assert truth
    v = visit()
    v.page.goto(served + "search/?q=" + quote(query))
    results = v.results()
    found = {result_page(r["href"], served) for r in results}
    assert truth <= found
    for result in results:  # every page found holds every word
        assert all(part in texts[result_page(result["href"], served)] for part in query.split())
    assert v.errors == []


@pytest.fixture(scope="module")
def corpus_served(seed_plans, site_builder, tmp_path_factory):
    """The seeds and the real corpus (../shared/corpus, not in the repository) built and served under /site/."""
    from build_tools.pipeline import parse_files
    from tests.conftest import SHARED_CORPUS

    pdfs = sorted(SHARED_CORPUS.glob("*.pdf")) if SHARED_CORPUS.is_dir() else []
    if not pdfs:
        pytest.skip(f"no corpus at {SHARED_CORPUS} (it is not part of the repository)")
    site = site_builder(parse_files(pdfs).plans + list(seed_plans.values()), tmp_path_factory.mktemp("corpus"))
    server = local_server(QuietHandler, site.parent)
    yield site, f"http://127.0.0.1:{server.server_port}/{site.name}/"
    server.shutdown()


@pytest.mark.parametrize("query", ["碳排放", "非化石能源", "新能源汽车", "绿色建筑", "发改委"])
def test_corpus_queries_find_every_page_that_contains_them(query, corpus_served, visit):
    site, served = corpus_served
    texts = page_texts(site)
    variants = expand_phrase(query, synonym_groups())
    truth = {url for url, text in texts.items() if any(variant in text for variant in variants)}
    assert truth
    v = visit()
    v.page.goto(served + "search/?q=" + quote(query))
    results = v.results()
    found = {result_page(r["href"], served) for r in results}
    assert truth <= found, sorted(truth - found)
    assert all(any(variant in normalise(r["text"]) for variant in variants) for r in results)
    assert v.errors == []
    assert all(url.startswith(served) for url in v.requests)


def test_a_hot_tokens_own_file_and_its_base_are_followed(built_site, served, visit):
    """The seeds have no hot token (h/): serve 城市's postings from h/0.json.gz (its shard naming file 0),
    then written against a base (h/1.json.gz: 城市's entries but every third, and others), and 城市 finds
    the same passages each time."""
    manifest = unpacked((built_site / "search-index" / MANIFEST).read_bytes())
    number = token_hash("城市") % manifest["shards"]
    shard = unpacked((built_site / "search-index" / "s" / f"{number}.json.gz").read_bytes())
    postings = shard["城市"]
    entries = decode(postings)  # {entry: in_title}
    others = [e for e in range(0, manifest["entries"], 7) if e not in entries]
    base = array("I", sorted([2 * e for i, e in enumerate(entries) if i % 3] + [2 * e + 1 for e in others]))
    relative = encode_relative(array("I", [2 * e + t for e, t in entries.items()]), base, {v >> 1: i for i, v in enumerate(base)})
    assert relative[0] and relative[1]  # entries inside the base and outside it
    v = visit()
    v.page.goto(served + "search/?q=" + quote("城市"))
    expected = [r["href"] for r in v.results()]
    assert expected
    served_files = {
        "own file": ([0, len(packed(postings)), "  "], {0: postings}),
        "against a base": ([0, len(packed(relative)), "  ", 1, len(packed(encode_postings(base)))], {0: relative, 1: encode_postings(base)}),
    }
    def serving(value):
        return lambda route: route.fulfill(body=packed(value), content_type="application/gzip")

    for case, (value, files) in served_files.items():
        hot = visit()
        hot.page.route(f"**/search-index/s/{number}.json.gz", serving({**shard, "城市": value}))
        for n, content in files.items():
            hot.page.route(f"**/search-index/h/{n}.json.gz", serving(content))
        hot.page.goto(served + "search/?q=" + quote("城市"))
        assert [r["href"] for r in hot.results()] == expected, case
        assert all(any(u.endswith(f"/h/{n}.json.gz") for u in hot.requests) for n in files) and hot.errors == [], case


def status_count(status: str) -> int:
    """The passages a status names: 在 3 个页面（其中方案 2 个）中找到 12 处 -> 12."""
    import re

    return int(re.search(r"找到 (\d+) 处", status).group(1))


@pytest.mark.parametrize("query, one_token", [("海绵城市", False), ("光伏", True)])
def test_counts_before_every_candidate_is_read_are_an_upper_bound_said_as_such(query, one_token, served, visit):
    """Candidates hold every token of the phrase: a bound (至多) until each is read, exact for one token."""
    v = visit()
    v.page.goto(served + "search/?q=" + quote(query))
    v.page.locator("[data-search-results][aria-busy=false]").wait_for(state="attached")
    assert v.page.locator(".plan-search-more").count(), "fewer than a page of results: the test would prove nothing"
    first = v.page.locator(".plan-search-status").inner_text()
    results = v.results()
    last = v.page.locator(".plan-search-status").inner_text()
    assert ("至多" in first) is not one_token and "至多" not in last
    assert status_count(last) == len(results) and (status_count(first) == len(results) if one_token else status_count(first) >= len(results))
    assert v.errors == []


def test_a_hot_token_almost_always_beside_its_neighbour_is_not_fetched(built_site, served, visit):
    """海绵城市 with 海绵, 绵城 and 城市 served as hot tokens, 绵城 the cheapest and almost always written 海绵城市
    (neighbours "海市"): 绵城's file alone gives the candidates, the same passages, and 海绵's and 城市's
    files are not fetched."""
    manifest = unpacked((built_site / "search-index" / MANIFEST).read_bytes())
    shards: dict[int, dict] = {}
    files, values = {}, {}
    for n, (token, weight, around) in enumerate([("海绵", 5000, "  "), ("绵城", 100, "海市"), ("城市", 90000, "  ")]):
        number = token_hash(token) % manifest["shards"]
        shard = shards.setdefault(number, unpacked((built_site / "search-index" / "s" / f"{number}.json.gz").read_bytes()))
        files[n], shard[token] = shard[token], [n, weight, around]
    v = visit()
    v.page.goto(served + "search/?q=" + quote("海绵城市"))
    expected = [r["href"] for r in v.results()]
    hot = visit()

    def serving(value):
        return lambda route: route.fulfill(body=packed(value), content_type="application/gzip")

    for number, shard in shards.items():
        hot.page.route(f"**/search-index/s/{number}.json.gz", serving(shard))
    for n, content in files.items():
        hot.page.route(f"**/search-index/h/{n}.json.gz", serving(content))
    hot.page.goto(served + "search/?q=" + quote("海绵城市"))
    assert [r["href"] for r in hot.results()] == expected and expected
    fetched = [u.rsplit("/search-index/", 1)[1] for u in hot.requests if "/search-index/h/" in u]
    assert fetched == ["h/1.json.gz"] and hot.errors == []


def test_a_damaged_index_file_says_so_without_uncaught_errors(served, visit):
    """Sentence chunks that do not inflate: the status says the index could not be loaded, and the streams'
    failures are caught (no console error, no unhandled rejection)."""
    v = visit()
    v.page.route("**/search-index/t/*.deflate", lambda route: route.fulfill(body=b"not deflate", content_type="application/octet-stream"))
    v.page.goto(served + "search/?q=" + quote("光伏"))
    failed = v.page.locator("[data-search]").get_attribute("data-failed")
    v.page.locator(".plan-search-status").filter(has_text=failed).wait_for()
    assert v.page.locator("[data-search-results] > li").count() == 0 and v.errors == []
