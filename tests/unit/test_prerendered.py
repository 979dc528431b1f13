"""The prerendered-HTML extension (build_tools/site/prerendered.py) in a real `mkdocs build --strict`: the
blocks between the markers reach the page as they stand, they are stashed before MkDocs' scan of the page's
raw HTML (the early pass, which needs MkDocs' scan by name), and links to anchors inside them are still
checked: a link to an id or <a name> in a block passes, a link to an id that no block has fails."""

from __future__ import annotations

import logging

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from build_tools.site import prerendered

BLOCK = '<table>\n<tr><td id="inside&amp;out" class="x">1 &lt; 2</td><td><a name="named">n</a></td></tr>\n</table>'


def site(tmp_path, link: str):
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text(f"# Home\n\n<!-- html -->\n{BLOCK}\n<!-- /html -->\n\nAfter the block.\n", encoding="utf-8")
    (docs / "other.md").write_text(f"# Other\n\n[to the block](index.md#{link})\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\ndocs_dir: docs\nsite_dir: site\nmarkdown_extensions:\n  - build_tools.site.prerendered\n"
                      "validation:\n  anchors: warn\n", encoding="utf-8")
    return load_config(str(config), strict=True)


@pytest.mark.parametrize("anchor", ["inside&out", "named"])
def test_a_link_to_an_anchor_inside_a_block_passes_a_strict_build(tmp_path, monkeypatch, anchor):
    scanned = []
    real = prerendered.ids_in
    monkeypatch.setattr(prerendered, "ids_in", lambda html: scanned.append(html) or real(html))
    build(site(tmp_path, anchor))
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert BLOCK in page and "<p>After the block.</p>" in page
    assert scanned == [BLOCK]  # the early pass ran: MkDocs' scan was found and never read the block


def test_a_link_to_an_anchor_no_block_has_fails_a_strict_build(tmp_path, caplog):
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build(site(tmp_path, "absent"))
    assert any("absent" in record.getMessage() for record in caplog.records)


def test_ids_in_finds_what_an_html_parser_finds():
    from mkdocs.structure.pages import _HTMLHandler

    html = ("<p id=\"a&amp;b\" class=x><a name='n' href=\"#q\">x</a><div data-x=\"id=&quot;no&quot;\" ID=up>"
            "<span title='a > b' id=\"after-gt\"></span><b name=\"not-an-anchor\"></b><A NAME=\"upper\"></A><img id=bare/>")
    handler = _HTMLHandler()
    handler.feed(html)
    handler.close()
    # an unquoted value runs to the next space or ">": the parser reads id=bare/ as "bare/" too
    assert prerendered.ids_in(html) == handler.present_anchor_ids == {"a&b", "n", "up", "after-gt", "upper", "bare/"}
