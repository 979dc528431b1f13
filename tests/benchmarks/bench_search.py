"""Benchmark: this project's search, Pagefind and Material's search on the same built site, in Chromium.

    python tests/benchmarks/synthetic_plans.py ...        # or any built site; then:
    python tests/benchmarks/bench_search.py SITE_DIR [--material] [--all | --no-recall]

SITE_DIR is a built Chinese edition with search-index/ (bench_search_index.py writes it) and, for the
Pagefind figures, pagefind/ (``pagefind_extended --site SITE_DIR --output-subdir pagefind``, from the
PyPI package pagefind-bin-extended==1.5.2; it runs offline). Per query it prints the milliseconds from
the query to the first results drawn (typing and Enter included; and by the page's own clock, from
Enter), the bytes transferred (response bodies), and whether the results contain the query (precision
of the first ten) and the pages found against the pages whose built HTML contains it (recall; truth
from the pages' text, not from any index; the pages found are query.py's, or with --all every result
through the page's "more" button). --no-recall leaves recall out (minutes at 300 plans), for a site
whose index is not its pages' (the index of bench_search_scale.py's 3,000 plans behind a built site's
search page). --material also times Material's box (slow: it downloads its whole index). Figures for
notes; tests never assert time.
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

# the page's own clock from the Enter key to the first results drawn (aria-busy false), without the
# milliseconds Playwright takes to type and to notice the results (tens of ms on a shared machine)
IN_PAGE_CLOCK = """() => {
  const list = document.querySelector("[data-search-results]");
  window.__clock = {};
  document.querySelector("#plan-search-input").addEventListener("keydown", (e) => { if (e.key === "Enter") window.__clock.start = performance.now(); });
  new MutationObserver(() => {
    if (list.getAttribute("aria-busy") === "false" && window.__clock.start && !window.__clock.end) window.__clock.end = performance.now();
  }).observe(list, {attributes: true});
}"""

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
    page.evaluate(IN_PAGE_CLOCK)
    done.clear()
    start = time.perf_counter()
    page.fill("#plan-search-input", query)
    page.keyboard.press("Enter")
    page.locator("[data-search-results][aria-busy=false]").wait_for(state="attached", timeout=120000)
    ms = (time.perf_counter() - start) * 1000
    in_page = page.evaluate("() => window.__clock.end - window.__clock.start")
    first = transferred(done)
    items = page.locator("[data-search-results] > li").evaluate_all("els => els.map(e => ({href: e.querySelector('a').href, text: e.textContent}))")
    if "--all" in sys.argv:  # every result through the page's "more" button: slow (ten at a time)
        while page.locator(".plan-search-more").count():
            page.locator(".plan-search-more").click()
            page.locator("[data-search-results][aria-busy=false]").wait_for(state="attached", timeout=120000)
        every = page.locator("[data-search-results] > li a.plan-search-link").evaluate_all("els => els.map(e => e.href)")
        found = {unquote(urlsplit(href).path).lstrip("/") for href in every}
    elif "--no-recall" in sys.argv:
        found = set()
    else:  # the same results from the reference query (query.py; the browser tests check search.js against it)
        found = reference_pages(Path(sys.argv[1]), query)
    page.close()
    return {"ms": ms, "in_page": in_page, "bytes": first, "top": items, "found": found, "parts": query.split()}


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


@functools.lru_cache(maxsize=None)
def variants_of(part: str) -> tuple[str, ...]:
    """The phrase and its agency variants (发改委: 发展改革委, 发展和改革委 …), read from the taxonomy once
    (60 ms a read: eleven minutes for the pages of 300 plans and ten queries)."""
    from build_tools.search.synonyms import expand_phrase, synonym_groups

    return tuple(expand_phrase(part, synonym_groups()))


def contains_all(text: str, parts: list[str]) -> bool:
    """Every phrase, or one of its agency variants, is in the text."""
    return all(any(variant in text for variant in variants_of(part)) for part in parts)


def main() -> None:
    from playwright.sync_api import sync_playwright

    root = Path(sys.argv[1])
    texts = {} if "--no-recall" in sys.argv else page_texts(root)
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
            found_text = "" if "--no-recall" in sys.argv else f", pages found {len(truth & mine['found'])}/{len(truth)} (recall {recall:.0%})"
            print(f"ours      {query}: {mine['ms']:.0f} ms ({mine['in_page']:.0f} in the page), {mine['bytes'] / 1e3:.0f} KB, "
                  f"{precise}/{len(mine['top'])} of the first results contain it{found_text}")
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
            in_page = f" ({statistics.median(r['in_page'] for r in measured):.0f} in the page)" if "in_page" in measured[0] else ""
            print(f"{name}: median {statistics.median(r['ms'] for r in measured):.0f} ms{in_page}, "
                  f"median {statistics.median(r['bytes'] for r in measured) / 1e3:.0f} KB per query")


if __name__ == "__main__":
    main()
