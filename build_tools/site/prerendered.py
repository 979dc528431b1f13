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
the output is the same HTML. It runs after MkDocs' own scan of the page's raw HTML for ids (priority 21),
so links to anchors inside the block are still checked by ``mkdocs build --strict``; before Python-Markdown's
html_block (20). A marker that is not closed leaves the text to Python-Markdown as it is. Without this
extension the markers are HTML comments and the page renders the same through the slower path.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

OPEN = "<!-- html -->"
CLOSE = "<!-- /html -->"


class PrerenderedPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if OPEN not in lines:
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
                out.extend(["", self.md.htmlStash.store("\n".join(lines[index + 1:end])), ""])
                index = end + 1
                continue
            out.append(line)
            index += 1
        return out


class PrerenderedExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(PrerenderedPreprocessor(md), "prerendered_html", 20.5)


def makeExtension(**kwargs) -> PrerenderedExtension:  # noqa: N802 (Python-Markdown's entry point)
    return PrerenderedExtension(**kwargs)
