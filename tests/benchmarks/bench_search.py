"""Benchmark: this project's search, Pagefind and Material's search on the same built site, in Chromium.

    python tests/benchmarks/synthetic_plans.py ...        # or any built site; then:
    python tests/benchmarks/bench_search.py SITE_DIR [--material]

SITE_DIR is a built Chinese edition with search-index/ (bench_search_index.py writes it) and, for the
Pagefind figures, pagefind/ (``pagefind_extended --site SITE_DIR --output-subdir pagefind``, from the
PyPI package pagefind-bin-extended==1.5.2; it runs offline). Per query it prints the milliseconds from
the query to the first results drawn, the bytes transferred (response bodies), and whether the results
contain the query (precision of the first ten) and the pages found against the pages whose built HTML
contains it (recall; truth from the pages' text, not from any index). --material also times Material's
box (slow: it downloads its whole index). Figures for notes; tests never assert time.
"""

from __future__ import annotations

import functools
import http.server
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, QuietHandler  # noqa: E402
from tests.test_search_browser import page_texts  # noqa: E402

QUERIES = ["海绵城市", "垃圾分类", "光伏", "发改委", "新能源汽车", "碳排放", "非化石能源", "绿色建筑", "光伏 建筑", "节能降碳 工业"]

PAGEFIND_QUERY = """async (q) => {
  const pf = window.__pf || (window.__pf = await import('../pagefind/pagefind.js'));
  const start = performance.now();
  const search = await pf.search(q);
  const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  return {ms: performance.now() - start, count: search.results.length,
          top: data.map(d => ({url: d.url, text: d.content}))};
}"""


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def transferred(page_requests: list) -> int:
    return sum(request.sizes()["responseBodySize"] for request in page_requests)


def ours(browser, base: str, query: str, texts: dict[str, str]) -> dict:
    page = browser.new_page()
    done: list = []
    page.on("requestfinished", lambda request: done.append(request))
    page.goto(base + "search/")
    page.wait_for_load_state("networkidle")
    done.clear()
    start = time.perf_counter()
    page.fill("#plan-search-input", query)
    page.keyboard.press("Enter")
    page.locator("[data-search-results][aria-busy=false]").wait_for(state="attached", timeout=120000)
    ms = (time.perf_counter() - start) * 1000
    first = transferred(done)
    items = page.locator("[data-search-results] > li").evaluate_all("els => els.map(e => ({href: e.querySelector('a').href, text: e.textContent}))")
    if "--all" in sys.argv:  # every result through the page's "more" button: slow (ten at a time)
        while page.locator(".plan-search-more").count():
            page.locator(".plan-search-more").click()
            page.locator("[data-search-results][aria-busy=false]").wait_for(state="attached", timeout=120000)
        every = page.locator("[data-search-results] > li a.plan-search-link").evaluate_all("els => els.map(e => e.href)")
        found = {unquote(urlsplit(href).path).lstrip("/") for href in every}
    else:  # the same results from the reference query (query.py; the browser tests check search.js against it)
        found = reference_pages(Path(sys.argv[1]), query)
    page.close()
    return {"ms": ms, "bytes": first, "top": items, "found": found, "parts": query.split()}


@functools.lru_cache(maxsize=1)
def reference_index(root: Path):
    from build_tools.search.query import Index, read_index

    return Index(read_index(root / "search-index"))


def reference_pages(root: Path, query: str) -> set[str]:
    """The pages search.js lists for a query (passages, then pages holding every phrase), by query.py."""
    from build_tools.search.query import search, search_pages

    index = reference_index(root)
    files = index.files
    urls = {index.entry(hit.entry)["url"] for hit in search(files, query)}
    starts = index.page_starts()
    return urls | {index.entry(starts[page])["url"] for page in search_pages(files, query)}


def pagefind(browser, base: str, query: str) -> dict:
    page = browser.new_page()
    done: list = []
    page.on("requestfinished", lambda request: done.append(request))
    page.goto(base + "search/")
    page.evaluate("() => import('../pagefind/pagefind.js').then(pf => { window.__pf = pf; return pf.init(); })")
    page.wait_for_load_state("networkidle")
    done.clear()
    result = page.evaluate(PAGEFIND_QUERY, query)
    result["bytes"] = transferred(done)
    page.close()
    return result


def material(browser, base: str, query: str) -> dict:
    page = browser.new_page()
    done: list = []
    page.on("requestfinished", lambda request: done.append(request))
    page.goto(base)
    start = time.perf_counter()
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    for _ in range(240):
        if page.locator(".md-search-result__item").count():
            break
        page.keyboard.press("End")
        page.keyboard.type(" ")
        page.keyboard.press("Backspace")
        page.wait_for_timeout(500)
    ms = (time.perf_counter() - start) * 1000
    top = page.locator(".md-search-result__item").evaluate_all("els => els.slice(0, 10).map(e => e.textContent)")
    size = transferred(done)
    page.close()
    return {"ms": ms, "bytes": size, "top": top}


def contains_all(text: str, parts: list[str]) -> bool:
    """Every phrase, or one of its agency variants (发改委: 发展改革委, 发展和改革委 …), is in the text."""
    from build_tools.search.synonyms import expand_phrase, synonym_groups

    groups = synonym_groups()
    return all(any(variant in text for variant in expand_phrase(part, groups)) for part in parts)


def main() -> None:
    from playwright.sync_api import sync_playwright

    root = Path(sys.argv[1])
    texts = page_texts(root)
    server, base = serve(root)
    rows = {"ours": [], "pagefind": [], "material": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for query in QUERIES:
            parts = query.split()
            truth = {url for url, text in texts.items() if contains_all(text, parts)}
            mine = ours(browser, base, query, texts)
            precise = sum(contains_all(item["text"], parts) for item in mine["top"])
            recall = len(truth & mine["found"]) / max(len(truth), 1)
            rows["ours"].append(mine)
            print(f"ours      {query}: {mine['ms']:.0f} ms, {mine['bytes'] / 1e3:.0f} KB, {precise}/{len(mine['top'])} of the first "
                  f"results contain it, pages found {len(truth & mine['found'])}/{len(truth)} (recall {recall:.0%})")
            if (root / "pagefind").is_dir():
                found = pagefind(browser, base, query)
                precise = sum(contains_all(item["text"], parts) for item in found["top"])
                rows["pagefind"].append(found)
                print(f"pagefind  {query}: {found['ms']:.0f} ms, {found['bytes'] / 1e3:.0f} KB, {precise}/{len(found['top'])} of the top "
                      f"10 contain it, {found['count']} results for {len(truth)} pages containing it")
            if "--material" in sys.argv and query == QUERIES[2]:
                lunr = material(browser, base, query)
                precise = sum(contains_all(text, parts) for text in lunr["top"])
                print(f"material  {query}: {lunr['ms']:.0f} ms to a first result, {lunr['bytes'] / 1e6:.1f} MB, "
                      f"{precise}/{len(lunr['top'])} of the top 10 contain it")
        browser.close()
    server.shutdown()
    for name, measured in rows.items():
        if measured:
            print(f"{name}: median {statistics.median(r['ms'] for r in measured):.0f} ms, "
                  f"median {statistics.median(r['bytes'] for r in measured) / 1e3:.0f} KB per query")


if __name__ == "__main__":
    main()
