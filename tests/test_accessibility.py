"""Accessibility in a real browser: axe-core (bundled by axe-playwright-python) finds no serious or critical
violation on any kind of page, in both editions; the language switch and the agency lookup work from the
keyboard alone. Skipped where /usr/bin/chromium is absent (`.ci/run` installs it)."""

from __future__ import annotations

import pytest

from test_browser import CHROMIUM, browser, page, served_site  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed (apt-get install chromium)")

# one page of every kind, as published (the English edition has the same paths under en/); the compare
# page empty and with three plans drawn
PAGE_KINDS = ["", "plans/", "plans/tianjin-baodi-2023/", "plans/changde-jinshi-2024/", "themes/", "themes/energy/",
              "agencies/", "agencies/tianjin-baodi/", "agencies/types/development-reform/",
              "targets/", "targets/renewable-power-capacity/", "regions/", "regions/tianjin/", "glossary/", "about/", "404.html",
              "compare/", "compare/?plans=tianjin-baodi-2023,tianjin-xiqing-2023,changde-jinshi-2024",
              "search/", "search/?q=%E5%85%89%E4%BC%8F"]


def serious_violations(page) -> list[tuple[str, str, int]]:
    from axe_playwright_python.sync_playwright import Axe

    report = Axe().run(page).response
    return [(v["id"], v["impact"], len(v["nodes"])) for v in report["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("edition", ["", "en/"])
def test_no_serious_axe_violation_on_any_kind_of_page(page, served_site, edition):
    found = {}
    for path in PAGE_KINDS:
        page.goto(served_site + edition + path)
        page.wait_for_load_state("load")
        if "plans=" in path:  # the comparison is drawn by its script: check it drawn
            page.locator(".compare-table").first.wait_for()
        violations = serious_violations(page)
        if violations:
            found[edition + path] = violations
    assert found == {}


def test_axe_finds_a_violation_when_there_is_one(page, served_site):
    """The check can fail: grey text on white (2.3:1) is reported."""
    page.goto(served_site)
    page.evaluate("document.querySelector('.md-content p').style.color = '#aaaaaa'")
    assert any(v[0] == "color-contrast" for v in serious_violations(page))


def test_the_language_switch_works_from_the_keyboard(page, served_site):
    page.goto(served_site + "plans/tianjin-baodi-2023/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('edition-twin')"):
            break
    else:
        raise AssertionError("the language switch cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/plans/tianjin-baodi-2023/")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_the_agency_lookup_works_from_the_keyboard(page, served_site):
    page.goto(served_site + "en/agencies/")
    page.locator("#agency-lookup-input").focus()
    page.keyboard.type("development and reform")
    results = page.locator(".agency-lookup-results li a")
    results.first.wait_for()
    assert "Development and Reform" in results.first.text_content()
    results.first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/agencies/*/#development-reform")
