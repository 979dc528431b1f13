"""Behaviour that lives in the browser, in a real browser: Debian's chromium driven by Playwright.

Skipped with a message where /usr/bin/chromium is absent (`.ci/run` installs it with apt-get)."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed (apt-get install chromium)")
# the closed network refuses Chromium's background connections; these flags keep it quiet
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def search(page, query: str):
    """Type a query into the banner's search box as a person does and wait for the results page
    (search/?q=…) to show its first results."""
    page.locator("#site-search-input").fill(query)
    page.locator("#site-search-input").press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.locator("[data-search-results] > li").first.wait_for(timeout=30000)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def local_server(handler: type, directory: Path) -> http.server.ThreadingHTTPServer:
    """A threaded HTTP server on 127.0.0.1 (a free port) serving ``directory``, already running; the
    caller shuts it down."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def served_site(built_site):
    server = local_server(QuietHandler, built_site)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, served_site):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_agency_lookup_finds_agencies_by_part_of_a_name(page, served_site):
    page.goto(served_site + "agencies/")
    box = page.locator("#agency-lookup-input")
    box.fill("发改")
    results = page.locator(".agency-lookup-results li")
    results.first.wait_for()
    texts = results.all_text_contents()
    assert len(texts) == 3, texts
    assert any("宝坻区 · 区发展改革委" in t for t in texts)
    assert any("津市市 · 市发改局<市国动办>" in t for t in texts)
    assert "找到 3 个单位" in page.locator(".agency-lookup-status").text_content()
    page.locator(".agency-lookup-results a", has_text="宝坻区 · 区发展改革委").click()
    # the agency's section on its jurisdiction's page
    page.wait_for_url("**/agencies/tianjin-baodi/#development-reform")
    assert "宝坻区" in page.locator("h1").text_content()
    assert page.locator("h2#development-reform").text_content().startswith("区发展改革委")


def test_agency_lookup_shows_document_text_as_text(page, served_site):
    page.goto(served_site + "agencies/")
    page.locator("#agency-lookup-input").fill("国动办")
    page.locator(".agency-lookup-results li").first.wait_for()
    assert page.locator(".agency-lookup-results li a").first.text_content() == "津市市 · 市发改局<市国动办>"
    assert page.locator(".agency-lookup-results 市国动办").count() == 0


def test_chinese_search_in_the_browser_finds_the_plan(page, served_site):
    page.goto(served_site)
    search(page, "宝坻")
    links = page.locator("[data-search-results] a").evaluate_all("els => els.map(e => e.href)")
    assert any("plans/tianjin-baodi-2023/" in link for link in links), links


def test_hostile_text_stays_inert_in_search_results(browser, site_builder, tmp_path):
    """A plan whose text holds <script>, onerror and javascript: links: searching shows it as text."""
    from build_tools.ingest.readers import SourceText
    from build_tools.parse.plan import parse_plan
    from tests.test_inert_text import HOSTILE

    plan = parse_plan(SourceText(file="hostile.txt", sha256="0" * 64, text=HOSTILE))
    site = site_builder([plan], tmp_path)
    server = local_server(QuietHandler, site)
    dialogs: list[str] = []
    try:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"http://127.0.0.1:{server.server_port}/plans/{plan.id}/")
        search(page, "新能源")
        results = page.locator("[data-search-results]")
        assert results.locator("script, img, b, i").count() == 0
        assert "<script>alert(4)</script>" in results.inner_text()
        assert page.locator("a[href^='javascript:']").count() == 0
        context.close()
    finally:
        server.shutdown()
    assert dialogs == []


@pytest.mark.parametrize("query, expected", [
    ("发改委", {"宝坻区 · 区发展改革委", "南开区 · 区发展改革委", "津市市 · 市发改局<市国动办>"}),
    ("宝坻 发改", {"宝坻区 · 区发展改革委"}),
    ("发展和改革委员会", {"宝坻区 · 区发展改革委", "南开区 · 区发展改革委", "津市市 · 市发改局<市国动办>"}),
])
def test_the_lookup_understands_abbreviations_and_a_place_word(page, served_site, query, expected):
    """An official types the everyday abbreviation (发改委), or her district and the agency (宝坻 发改)."""
    page.goto(served_site + "agencies/")
    page.locator("#agency-lookup-input").fill(query)
    results = page.locator(".agency-lookup-results li a")
    results.first.wait_for()
    assert set(results.all_text_contents()) == expected


def test_the_lookup_reads_only_the_province_a_place_word_names(page, served_site):
    """宝坻 发改 reads the lookup's index and Tianjin's file; 发改 alone reads every province's file."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url.rsplit("/data/lookup/", 1)[-1])
            if "/data/lookup/" in request.url else None)
    page.goto(served_site + "agencies/")
    box = page.locator("#agency-lookup-input")
    box.fill("宝坻 发改")
    page.locator(".agency-lookup-results li").first.wait_for()
    assert fetched == ["index.json", "tianjin.json"]
    box.fill("国动办")
    page.locator(".agency-lookup-results li a", has_text="津市市").wait_for()
    assert sorted(fetched) == ["hunan.json", "index.json", "tianjin.json"]


def test_the_english_lookup_finds_agencies_by_english_name(page, served_site):
    page.goto(served_site + "en/agencies/")
    page.locator("#agency-lookup-input").fill("Baodi ecology")
    results = page.locator(".agency-lookup-results li a")
    results.first.wait_for()
    assert results.all_text_contents() == ["Baodi District Bureau of Ecology and Environment"]


def test_a_citation_is_copied_with_one_click(browser, served_site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served_site + "plans/tianjin-baodi-2023/#t2-3")
    details = page.locator("#t2-3 ~ div.task-facts details.cite").first
    details.locator("summary").click()
    button = details.locator("button.copy-citation")
    button.click()
    page.wait_for_function("document.querySelector('#t2-3 ~ div.task-facts button.copy-citation').textContent === '已复制'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("天津市宝坻区人民政府. 天津市宝坻区碳达峰实施方案：2.3 强化天然气保障[EB/OL]")
    context.close()


def test_the_plans_list_sorts_by_a_column_from_the_keyboard(page, served_site):
    page.goto(served_site + "plans/")
    header = page.locator(".sortable thead th").nth(6)  # tasks
    header.focus()
    page.keyboard.press("Enter")
    counts = [int(t) for t in page.locator(".sortable tbody tr td:nth-child(7)").all_text_contents()]
    assert counts == sorted(counts) and header.get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Enter")
    counts = [int(t) for t in page.locator(".sortable tbody tr td:nth-child(7)").all_text_contents()]
    assert counts == sorted(counts, reverse=True) and header.get_attribute("aria-sort") == "descending"
