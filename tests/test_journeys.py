"""The three users' journeys of issue 10, in Chromium on the seed site, each click counted:

- the official of 宝坻区: the tasks her 区发展改革委 leads, with deadlines, as a spreadsheet;
- the researcher: new-energy-vehicle and renewable targets across plans, values converted, side by side;
- the public: a plan found by its region and level.

Plus the compare page itself: addressable (compare/?plans=a,b), keyboard usable, under a sub-path, and
plain about needing JavaScript when it is off. Skipped where /usr/bin/chromium is absent."""

from __future__ import annotations

import io
import re

import pytest

from test_browser import CHROMIUM, QuietHandler, browser, local_server, page, served_site  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed (apt-get install chromium)")


class Clicks:
    """Clicks a user makes (typing is not a click); each journey asserts its count."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()
        self.page.wait_for_load_state("load")

    def choose(self, select, value: str):
        """Picking an option of a select: one click to open it, one to pick."""
        self.count += 2
        select.select_option(value)


def test_the_officials_journey(page, served_site):
    """Home -> Agencies -> lookup 宝坻 发改 -> her agency's page -> the spreadsheet: 3 clicks."""
    from openpyxl import load_workbook

    user = Clicks(page)
    page.goto(served_site)
    user.click(page.locator(".md-nav__link", has_text="责任单位").first)
    page.locator("#agency-lookup-input").fill("宝坻 发改")
    result = page.locator(".agency-lookup-results li a").first
    result.wait_for()
    assert "宝坻" in result.text_content() and "发展改革" in result.text_content()
    user.click(result)
    # her agency's section on the page of Baodi's agencies
    assert page.url.endswith("agencies/tianjin-baodi/#development-reform")
    # roles are said honestly: the plan names no lead unit
    assert "未区分" in page.locator("article").text_content()
    link = page.locator("a[href$='tianjin-baodi.xlsx']").first
    with page.expect_download() as download:
        user.count += 1
        link.click()
    workbook = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    sheet = workbook["区发展改革委"]  # one sheet per agency of Baodi, named as printed
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows and sheet.freeze_panes == "A3" and sheet.auto_filter.ref
    assert all(re.search(r"plans/tianjin-baodi-2023/#[tm]\d", str(row[7])) for row in rows)
    # Baodi prints no 完成期限: the deadline column stays empty rather than invented; the target years are on
    # every row whose task states targets with a year (8 of 31)
    assert not any(row[8] for row in rows)
    assert sum(1 for row in rows if row[6]) == 8 and all(row[6] for row in rows if row[5] and re.search(r"20\d\d", str(row[6] or "")))
    assert user.count == 3


def test_the_researchers_journey_on_the_targets_page(page, served_site):
    """Home -> Targets -> the new-energy-vehicle family's indicator: 2 clicks to a chart and table whose
    values are converted, with the related (not merged) indicators one click away."""
    user = Clicks(page)
    page.goto(served_site + "en/")
    user.click(page.locator(".md-nav__link", has_text="Targets").first)
    family = page.locator("table tr", has_text="New-energy vehicles").first
    assert "Share of new-energy vehicles in new and replaced official vehicles" in family.text_content()
    user.click(family.locator("a", has_text="official vehicles").first)
    # the indicator's own page: its chart and its table
    assert page.url.endswith("targets/official-vehicle-nev-share/")
    assert page.locator("h1").text_content().startswith("Share of new-energy vehicles")
    table = page.locator("article table").first
    text = table.text_content()
    assert "Baodi" in text and "Nankai" in text
    assert user.count == 2


def test_the_researchers_journey_side_by_side(page, served_site):
    """Home -> Compare plans -> two plans picked: 5 clicks (a select is two) to renewable and
    new-energy-vehicle targets of both plans side by side, converted, with the value as printed."""
    user = Clicks(page)
    page.goto(served_site)
    user.click(page.locator(".md-nav__link", has_text="方案对比").first)
    user.choose(page.locator("#compare-plan-1"), "tianjin-baodi-2023")
    user.choose(page.locator("#compare-plan-2"), "tianjin-xiqing-2023")
    row = page.locator("#indicator-renewable-power-capacity")
    row.wait_for()
    cells = row.locator("td").all_text_contents()
    assert "超过100万千瓦" in cells[0] and "40万千瓦以上" in cells[1]
    assert page.locator("#indicator-renewable-power-capacity").evaluate("r => r.closest('tbody').rows[0].textContent").startswith("两份及以上")
    for indicator in ("new-clean-energy-vehicle-share", "nev-new-vehicle-share", "official-vehicle-nev-share"):
        assert page.locator(f"#indicator-{indicator} .compare-family").text_content().endswith("新能源汽车和绿色交通工具")
    assert re.search(r"compare/\?plans=tianjin-baodi-2023,tianjin-xiqing-2023$", page.url)
    assert user.count == 5


def test_the_publics_journey(page, served_site):
    """Home -> Regions -> Tianjin -> the Baodi plan: 3 clicks; or from the home page's plans table, 1."""
    user = Clicks(page)
    page.goto(served_site + "en/")
    user.click(page.locator(".md-nav__link", has_text="Regions").first)
    user.click(page.locator("article a", has_text="Tianjin").first)
    user.click(page.locator("article a", has_text="Implementation Plan of Baodi District").first)
    assert page.url.endswith("en/plans/tianjin-baodi-2023/")
    assert user.count == 3
    page.goto(served_site + "en/")
    row = page.locator(".sortable tbody tr", has_text="Baodi District")
    assert "District" in row.locator("td").nth(2).text_content()
    Clicks(page).click(row.locator("a").first)
    assert page.url.endswith("en/plans/tianjin-baodi-2023/")


def test_a_comparison_is_addressable_and_survives_the_language_switch(page, served_site):
    page.goto(served_site + "compare/?plans=tianjin-nankai-2022,changde-jinshi-2024")
    page.locator(".compare-table").first.wait_for()
    assert page.locator("#compare-plan-1").input_value() == "tianjin-nankai-2022"
    assert page.locator("#compare-plan-3").input_value() == ""
    page.locator(".edition-twin").click()
    page.wait_for_url(re.compile(r".*/en/compare/\?plans=tianjin-nankai-2022,changde-jinshi-2024$"))
    page.locator(".compare-table").first.wait_for()
    assert "Nankai District, Tianjin" in page.locator(".compare-table thead").first.text_content()
    # what an English page cannot translate is marked Chinese
    untranslated = page.locator(".compare-results [lang=zh]").count()
    assert page.evaluate("""() => [...document.querySelectorAll('.compare-results *')].filter(e => e.children.length === 0
        && /[\\u4e00-\\u9fff]/.test(e.textContent) && !e.closest('[lang=zh]')).length""") == 0, untranslated


def test_the_compare_page_works_from_the_keyboard(page, served_site):
    page.goto(served_site + "en/compare/")
    page.locator("#compare-plan-1 option").nth(1).wait_for(state="attached")
    page.locator("#compare-plan-1").focus()
    page.keyboard.press("ArrowDown")  # Chromium on Linux changes a closed select's value with the arrows
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "compare-plan-2"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.locator(".compare-table").first.wait_for()
    assert "plans=" in page.url
    assert page.locator(".compare-status").get_attribute("role") == "status"


def test_the_compare_page_works_under_a_sub_path(browser, built_site, tmp_path):
    (tmp_path / "plan-atlas").symlink_to(built_site, target_is_directory=True)
    server = local_server(QuietHandler, tmp_path)
    try:
        context = browser.new_context()
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"http://127.0.0.1:{server.server_port}/plan-atlas/en/compare/?plans=tianjin-baodi-2023,tianjin-xiqing-2023")
        page.locator(".compare-table").first.wait_for()
        fetched = [u for u in requests if "/data/compare/" in u]
        assert fetched and all("/plan-atlas/data/compare/" in u for u in fetched)
        assert all(u.startswith(f"http://127.0.0.1:{server.server_port}/") for u in requests)
        link = page.locator(".compare-table a").first.get_attribute("href")
        assert "/plan-atlas/en/plans/" in link
        context.close()
    finally:
        server.shutdown()


def test_the_compare_page_says_plainly_when_javascript_is_off(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "en/compare/?plans=tianjin-baodi-2023,tianjin-xiqing-2023")
    assert page.locator(".compare-noscript").is_visible()
    assert "needs JavaScript" in page.locator(".compare-noscript").text_content()
    assert not page.locator("#plan-compare").is_visible()
    context.close()
