"""A Python-Markdown extension: HTML the render stage wrote between two marker lines is passed through as
it stands, without Python-Markdown reading it again.

    <!-- html -->
    <table class="sortable">…</table>
    <!-- /html -->

The render stage writes most of a page as HTML already (escaped by Jinja2: text from documents is inert),
and Python-Markdown spent most of the site stage re-reading it: its raw-HTML preprocessor parses every
block with an HTML parser, and a Markdown table runs every cell through the inline patterns (2.1 s per MB
of Markdown for the agencies pages at 1,000 plans, against 0.55 s per MB for the plan pages). Between the
markers the HTML goes straight into Python-Markdown's stash, as a raw HTML block would after that parse:
the output is the same HTML. A marker that is not closed leaves the text to Python-Markdown as it is.
Without this extension the markers are HTML comments and the page renders the same through the slower path.

In MkDocs the blocks are stashed before MkDocs' own scan of the page's raw HTML for ids (its preprocessor
``mkdocs_raw_html``, priority 21: an HTML parser over the whole page, a fifth of the site stage's time at
1,000 plans), and the ids of their tags are given to that scan afterwards (``ids_in``: the start tags' ``id``
and ``<a name>``, as the scan collects them), so ``mkdocs build --strict`` still checks links to anchors
inside the blocks (tests/unit/test_prerendered.py builds a site to show it, and would fail if MkDocs renamed
its scan). Without MkDocs' scan the blocks are stashed just before Python-Markdown's html_block (20).
"""

from __future__ import annotations

import re
from html import unescape

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

OPEN = "<!-- html -->"
CLOSE = "<!-- /html -->"


# a start tag and its attributes, as an HTML parser reads them (values in double, single or no quotes)
START_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
MKDOCS_SCAN = "mkdocs_raw_html"


def ids_in(html: str) -> set[str]:
    """The anchors MkDocs' scan would find in ``html``: each start tag's ``id``, and ``name`` of ``<a>``."""
    found: set[str] = set()
    for tag in START_TAG.finditer(html):
        name = tag.group(1).lower()
        for attribute in ATTRIBUTE.finditer(tag.group(2)):
            key = attribute.group(1).lower()
            if key == "id" or (key == "name" and name == "a"):
                value = next((v for v in attribute.groups()[1:] if v is not None), None)
                if value is not None:
                    found.add(unescape(value))
    return found


def mkdocs_scan(md: Markdown):
    """MkDocs' scan of the page's raw HTML for ids, where this Markdown instance has it."""
    if MKDOCS_SCAN not in md.preprocessors:
        return None
    scan = md.preprocessors[MKDOCS_SCAN]
    return scan if isinstance(getattr(scan, "present_anchor_ids", None), set) else None


class PrerenderedPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: "PrerenderedExtension", early: bool) -> None:
        super().__init__(md)
        self.extension, self.early = extension, early

    def run(self, lines: list[str]) -> list[str]:
        # the early pass (before MkDocs' scan) where MkDocs scans, else the late one
        if self.early != (mkdocs_scan(self.md) is not None) or OPEN not in lines:
            return lines
        out: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            if line == OPEN:
                try:
                    end = lines.index(CLOSE, index + 1)
                except ValueError:
                    out.extend(lines[index:])
                    break
                block = "\n".join(lines[index + 1:end])
                if self.early:
                    self.extension.ids |= ids_in(block)
                out.extend(["", self.md.htmlStash.store(block), ""])
                index = end + 1
                continue
            out.append(line)
            index += 1
        return out


class AnchorsPreprocessor(Preprocessor):
    """After MkDocs' scan: the ids of the blocks stashed before it, added to what it found."""

    def __init__(self, md: Markdown, extension: "PrerenderedExtension") -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        scan = mkdocs_scan(self.md)
        if scan is not None and self.extension.ids:
            scan.present_anchor_ids |= self.extension.ids
        self.extension.ids = set()
        return lines


class PrerenderedExtension(Extension):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.ids: set[str] = set()

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(PrerenderedPreprocessor(md, self, early=True), "prerendered_html_early", 21.5)
        md.preprocessors.register(AnchorsPreprocessor(md, self), "prerendered_html_anchors", 20.9)
        md.preprocessors.register(PrerenderedPreprocessor(md, self, early=False), "prerendered_html", 20.5)

    def reset(self) -> None:
        self.ids = set()


def makeExtension(**kwargs) -> PrerenderedExtension:  # noqa: N802 (Python-Markdown's entry point)
    return PrerenderedExtension(**kwargs)
