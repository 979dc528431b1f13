"""Built pages -> search entries: one entry per deepest anchor of a page's article.

An entry starts at every element of the article that carries an ``id`` and is a heading, a paragraph or
a block (``<h4 class="task-heading" id="t1-1">``, ``<p id="s1-1-p1">``, the English edition's
``<div class="parallel segment-text" id="s1-1-p1">``); text without an anchor of its own (the task's
paragraph, its agencies and targets after ``#t1-1``) belongs to the entry before it. Elements marked
``data-search-exclude`` (the Chinese original beside the English text, the list of removed lines) and
the headings' permalink signs (¶) are skipped. Pages are read after MkDocs, as a visitor sees them.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

# elements whose id starts an entry: <h4 id="t1-1">, <p id="s1-1-p1">, <div id="s1-1-p1"> (English)
ENTRY_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "li", "section"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# block elements end a run of text: a bigram never joins the last character of a cell to the next cell
BLOCK_TAGS = ENTRY_TAGS | {"td", "th", "tr", "table", "ul", "ol", "dl", "dt", "dd", "details", "summary", "blockquote", "pre", "br"}
SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript", "button", "input", "select"})
ARTICLE = "article.md-content__inner"
# the search page itself, the 404 page and Material's own files are not searched
SKIPPED_PAGES = ("search/index.html", "404.html")


class Entry(NamedTuple):
    """A searchable piece of a page: ``url#anchor``; ``title`` is a heading's text (empty for a paragraph).
    A named tuple: a rebuild loads every page's entries from the build cache, and tuples unpickle faster
    than dataclass instances."""

    url: str
    anchor: str
    title: str
    body: str
    heading: str
    """the nearest heading before or at the entry, shown with the result (二、重点任务)"""


def page_url(path: Path, root: Path) -> str:
    """site/plans/tianjin-baodi-2023/index.html -> plans/tianjin-baodi-2023/ (relative to the edition)."""
    relative = path.relative_to(root).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


# the facets of a plan page for the search filters: <div class="search-facets" data-facet-theme="a|b" …>
FACETS = "div.search-facets"
FACET_NAMES = ("region", "level", "theme", "year")
FACET_SEPARATOR = "|"


def read_facets(html: str) -> dict[str, list[str]]:
    """A plan page's facets: {"region": ["天津市宝坻区"], "level": ["区级"], "theme": [...], "year": ["2023"]}."""
    return read_page(html, "")[2]


def read_entries(html: str, url: str) -> tuple[str, list[Entry]]:
    """The page title (its h1) and its entries in document order."""
    title, entries, _ = read_page(html, url)
    return title, entries


def read_page(html: str, url: str) -> tuple[str, list[Entry], dict[str, list[str]]]:
    """The page title, its entries and its facets (empty but on plan pages), from one parse."""
    tree = HTMLParser(html)
    article = tree.css_first(ARTICLE)
    if article is None:
        return "", [], {}
    facets = {}
    holder = article.css_first(FACETS)
    if holder is not None:
        for name in FACET_NAMES:
            values = [v for v in (holder.attributes.get(f"data-facet-{name}") or "").split(FACET_SEPARATOR) if v]
            if values:
                facets[name] = values
    pieces: list[list] = []  # [anchor, tag, [text parts]]
    walk(article, pieces)
    entries, heading, page_title = [], "", ""
    for anchor, tag, parts in pieces:
        text = "".join(parts)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if not text:
            continue
        if tag in HEADING_TAGS:
            title, _, body = text.partition("\n")
            heading = title
            page_title = page_title or title
        else:
            title, body = "", text
        entries.append(Entry(url=url, anchor=anchor, title=title, body=body, heading=heading))
    return page_title, entries, facets


def walk(node: Node, pieces: list[list]) -> None:
    """Append text to the current piece; an anchored heading, paragraph or block starts a new piece."""
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            if not pieces:
                pieces.append(["", "", []])
            pieces[-1][2].append(child.text_content or "")
            continue
        attributes = child.attributes
        if tag in SKIPPED_TAGS or "data-search-exclude" in attributes or "headerlink" in (attributes.get("class") or "").split():
            continue
        if tag in ENTRY_TAGS and attributes.get("id"):
            pieces.append([attributes["id"], tag, []])
        if tag in BLOCK_TAGS and pieces:
            pieces[-1][2].append("\n")
        walk(child, pieces)
        if tag in BLOCK_TAGS and pieces:
            pieces[-1][2].append("\n")


def site_pages(root: Path) -> list[Path]:
    """Every page of an edition (sorted), without the search page, 404 and nested editions (site/en/)."""
    nested = {p.parent for p in root.glob("*/sitemap.xml")}
    pages = []
    for path in sorted(root.rglob("index.html")):
        relative = path.relative_to(root).as_posix()
        if relative in SKIPPED_PAGES or any(parent in nested for parent in path.parents):
            continue
        pages.append(path)
    return pages
