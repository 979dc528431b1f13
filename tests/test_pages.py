"""The site as GitHub Pages publishes it: under a sub-path, https://<owner>.github.io/<repo>/.

The seed site is built with ``SITE_URL=http://127.0.0.1:PORT/plan-atlas/`` (as the Pages workflow sets
it from configure-pages' ``base_url``) and served under /plan-atlas/ by a small threaded http.server
that answers an unknown path with status 404 and the nearest 404.html above it: the root's for
/plan-atlas/…, as GitHub Pages does for every path, and en/404.html for /plan-atlas/en/…, as hosts
that honour nested 404 pages do. In Debian's Chromium the 404 pages must load their stylesheets and
scripts with no failed request and no request outside 127.0.0.1. Without SITE_URL the 404 page's links
are root-absolute (/assets/…) and break under the sub-path: the control test shows the check sees it.
"""

from __future__ import annotations

import gzip
import http.server
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.test_browser import CHROMIUM, browser, local_server  # noqa: F401  (browser: a fixture)

SUBPATH = "/plan-atlas/"
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed (apt-get install chromium)")


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` at SUBPATH; anything else under it that is not a file is a 404 with the nearest
    404.html above the path; a path outside SUBPATH is a bare 404 (what a root-absolute link meets)."""

    def log_message(self, *args):
        pass

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        return super().translate_path("/" + path[len(SUBPATH):] if path.startswith(SUBPATH) else path)

    def send_head(self):
        path = urlsplit(self.path).path
        target = Path(self.translate_path(self.path))
        if path.startswith(SUBPATH) and (target.is_file() or (target / "index.html").is_file()):
            return super().send_head()
        page = self.nearest_not_found_page(path)
        if page is None:
            self.send_error(404)
            return None
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def nearest_not_found_page(self, path: str) -> Path | None:
        if not path.startswith(SUBPATH):
            return None
        parts = [part for part in path[len(SUBPATH):].split("/") if part]
        for depth in range(len(parts), -1, -1):
            candidate = Path(self.directory, *parts[:depth], "404.html")
            if candidate.is_file():
                return candidate
        return None


@pytest.fixture(scope="module")
def published(seed_plans, site_builder, tmp_path_factory):
    """(site folder, its address): the seed site built for and served at http://127.0.0.1:PORT/plan-atlas/."""
    workdir = tmp_path_factory.mktemp("published")
    site = workdir / "site"
    server = local_server(SubPathHandler, site)  # started first: the build needs its address
    address = f"http://127.0.0.1:{server.server_port}{SUBPATH}"
    site_builder(list(seed_plans.values()), workdir, env={"SITE_URL": address})
    yield site, address
    server.shutdown()


@pytest.fixture(scope="module")
def unpublished(built_site):
    """The seed site built without SITE_URL, served under the same sub-path (the control)."""
    server = local_server(SubPathHandler, built_site)
    yield f"http://127.0.0.1:{server.server_port}{SUBPATH}"
    server.shutdown()


def visit_unknown_page(browser, url: str) -> dict:
    """Open ``url`` (expected to be a 404) and record every request: its status, the failed ones, those
    that left 127.0.0.1, and whether Material's stylesheet and script took effect."""
    context = browser.new_context()
    page = context.new_page()
    record = {"responses": [], "failed": [], "outside": [], "errors": []}
    page.on("request", lambda r: record["outside"].append(r.url) if urlsplit(r.url).hostname != "127.0.0.1" else None)
    page.on("requestfailed", lambda r: record["failed"].append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: record["responses"].append((r.status, r.url)))
    page.on("pageerror", lambda error: record["errors"].append(str(error)))
    try:
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        record["status"] = response.status
        record["lang"] = page.locator("html").get_attribute("lang")
        # Material's stylesheet makes the header sticky; its bundle defines document$ (RxJS subjects)
        record["header_position"] = page.locator(".md-header").evaluate("e => getComputedStyle(e).position")
        record["bundle"] = page.evaluate("typeof window.document$ !== 'undefined'")
    finally:
        context.close()
    record["bad"] = [(status, u) for status, u in record["responses"] if status >= 400 and u != url]
    return record


def assert_assets_loaded(record: dict, url: str, edition_root: str, lang: str) -> None:
    assert record["status"] == 404
    assert record["lang"] == lang
    assert record["failed"] == [] and record["bad"] == [], (record["failed"], record["bad"])
    assert record["outside"] == []
    assert record["errors"] == []
    loaded = [u for status, u in record["responses"] if status == 200]
    for pattern in (r"assets/stylesheets/main\.[0-9a-f]+\.min\.css$", r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$",
                    r"assets/plan\.css$", r"assets/agency-lookup\.js$"):
        assert any(re.match(re.escape(edition_root) + pattern, u) for u in loaded), (pattern, loaded)
    assert record["header_position"] == "sticky"
    assert record["bundle"] is True


@needs_chromium
def test_404_page_loads_its_assets_under_the_sub_path(browser, published):
    _, address = published
    url = address + "plans/no-such-plan/"
    assert_assets_loaded(visit_unknown_page(browser, url), url, address, "zh")


@needs_chromium
def test_english_404_page_loads_its_assets_under_the_sub_path(browser, published):
    _, address = published
    url = address + "en/no-such-page/"
    assert_assets_loaded(visit_unknown_page(browser, url), url, address + "en/", "en")


@needs_chromium
def test_without_site_url_the_404_page_breaks_under_a_sub_path(browser, unpublished):
    """The control: links written root-absolute (/assets/…) leave the sub-path and fail."""
    record = visit_unknown_page(browser, unpublished + "plans/no-such-plan/")
    assert any(urlsplit(u).path.startswith("/assets/") for _, u in record["bad"]), record["bad"]
    assert record["header_position"] != "sticky"


def test_sitemaps_and_canonical_links_carry_the_published_address(published):
    site, address = published
    for edition, root in (("", address), ("en/", address + "en/")):
        sitemap = (site / edition / "sitemap.xml").read_text(encoding="utf-8")
        locations = re.findall(r"<loc>([^<]*)</loc>", sitemap)
        assert root in locations and root + "plans/tianjin-baodi-2023/" in locations
        assert all(location.startswith(root) for location in locations), locations
        # dated by SOURCE_DATE_EPOCH (1700000000, build_site), not by the clock: the same bytes every build
        assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {"2023-11-14"}
        compressed = (site / edition / "sitemap.xml.gz").read_bytes()
        assert gzip.decompress(compressed).decode("utf-8") == sitemap
        # the gzip header's mtime: the start of that day (MkDocs' build date), 2023-11-14T00:00:00Z
        assert int.from_bytes(compressed[4:8], "little") == 1699920000
        # each page's hreflang twins are in the sitemap (not in the head, where Material fetched sitemap.xml
        # beside each <link rel=alternate> and logged 404s)
        twin = address + ("en/" if not edition else "")
        assert (f'<xhtml:link rel="alternate" hreflang="{"en" if edition else "zh"}" href="{root}plans/tianjin-baodi-2023/"/>' in sitemap)
        assert (f'<xhtml:link rel="alternate" hreflang="{"zh" if edition else "en"}" href="{twin}plans/tianjin-baodi-2023/"/>' in sitemap)
        home = (site / edition / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{root}">' in home
        assert 'rel="alternate"' not in home
        not_found = (site / edition / "404.html").read_text(encoding="utf-8")
        prefix = urlsplit(root).path
        assert f'href="{prefix}assets/plan.css"' in not_found
        assert 'href="/assets/' not in not_found and 'src="/assets/' not in not_found


def test_citations_carry_the_published_address(published):
    site, address = published
    chinese = (site / "plans" / "tianjin-baodi-2023" / "index.html").read_text(encoding="utf-8")
    english = (site / "en" / "plans" / "tianjin-baodi-2023" / "index.html").read_text(encoding="utf-8")
    assert address + "plans/tianjin-baodi-2023/#t" in chinese
    assert address + "en/plans/tianjin-baodi-2023/#t" in english


@pytest.mark.parametrize("value, expected", [
    ("", ""),
    ("https://owner.github.io/plan-atlas", "https://owner.github.io/plan-atlas/"),
    ("https://owner.github.io/plan-atlas/", "https://owner.github.io/plan-atlas/"),
])
def test_render_stage_reads_site_url_from_the_environment(value, expected):
    from build_tools.render.pages import site_url

    assert site_url({"SITE_URL": value}) == expected
    assert site_url({}) == ""


@pytest.mark.parametrize("value", ["https://owner.github.io/plan-atlas", "https://owner.github.io/plan-atlas/"])
def test_each_edition_gets_its_site_url_from_the_variable(value, monkeypatch):
    """configure-pages gives base_url without the final "/": MkDocs adds it, the hook adds en/."""
    from mkdocs.config import load_config

    from build_tools.paths import ROOT
    from build_tools.site import hooks

    monkeypatch.setenv("SITE_URL", value)
    urls = {}
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        config = load_config(str(ROOT / name))
        urls[name] = hooks.on_config(config).site_url
    assert urls == {"mkdocs.yml": "https://owner.github.io/plan-atlas/", "mkdocs.en.yml": "https://owner.github.io/plan-atlas/en/"}
