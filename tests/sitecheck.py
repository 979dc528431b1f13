"""Checks over a built site, shared by the site tests."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag in ("link", "script") and (attrs.get("href") or attrs.get("src")):
            self.hrefs.append(attrs.get("href") or attrs.get("src"))


def parse_page(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def broken_links(built_site: Path) -> list[str]:
    """Every href, src and #anchor of the built HTML that does not resolve."""
    # 404.html is served at any path, so MkDocs writes its links root-absolute; every other page is checked
    pages = {path: parse_page(path) for path in built_site.rglob("*.html")}
    broken = []
    for page, links in pages.items():
        if page.name == "404.html" and page.parent in (built_site, built_site / "en"):
            continue
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)} -> {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse_page(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(built_site)} -> {href} (no such anchor)")
    return broken
