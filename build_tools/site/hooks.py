"""MkDocs hooks (mkdocs.yml `hooks:`), independent of the theme's internals.

``on_config`` gives each edition its own ``site_url``: mkdocs.yml reads the site's address from the
environment (``site_url: !ENV [SITE_URL, ""]``, which mkdocs.en.yml inherits) and the English edition,
published under en/, appends its ``extra.edition.prefix``: https://owner.github.io/repo/en/.

``on_files`` adds the hand-written assets shared by both editions (content/assets/) to each build, so
that they are kept once in the repository and each edition still serves them itself, and leaves out
Material's search files when its search plugin is off (it is: the site has its own search). ``on_post_build``
writes the edition's search index (build_tools/search) into <site_dir>/search-index/ from the pages
just built, so that a plain `mkdocs build` or `mkdocs serve` has its index. `plansite site` sets
PLANSITE_SEARCH_AFTER and writes each edition's index itself once that edition's MkDocs process has
exited: it holds every page of its edition until it ends, and the index built inside it was the site
stage's peak of memory at national scale.

In a dirty build (``plansite site --dirty``, which sets PLANSITE_DIRTY; see build_tools/site/__init__.py)
``on_config`` drops MkDocs' one generic warning about dirty builds, so that ``--strict`` still fails on
any real problem of the pages rebuilt, and ``on_post_build`` deletes the files of the last build that no
longer have a source (a plan removed: its HTML and downloads would otherwise stay published)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.structure.files import File, Files

from build_tools.site import DIRTY, SEARCH_AFTER

SHARED = "assets"
# Material's search files (lunr with its language packs, the search worker) are theme files copied into
# every build; with no search plugin (mkdocs.yml: plugins: []) no page loads them: 1.2 MB per edition
SEARCH_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


# what MkDocs logs at the start of every --dirty build (a caution for sites whose navigation or links
# depend on other pages: not this one's, see build_tools/site/__init__.py)
DIRTY_CAUTION = "A 'dirty' build is being performed"


class _DirtyCaution(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_CAUTION)


_built: set[str] = set()


def dirty() -> bool:
    return os.environ.get(DIRTY) == "1"


def on_config(config):
    if dirty():
        build_log = logging.getLogger("mkdocs.commands.build")
        if not any(isinstance(f, _DirtyCaution) for f in build_log.filters):
            build_log.addFilter(_DirtyCaution())
    prefix = config.extra.get("edition", {}).get("prefix", "")
    if config.site_url and prefix:
        # site_url always ends with "/" (MkDocs' URL option with is_dir), so urljoin appends the prefix
        config.site_url = urljoin(config.site_url, prefix)
    return config


def on_files(files: Files, config) -> Files:
    content = Path(config.config_file_path).resolve().parent / "content"
    for path in sorted((content / SHARED).rglob("*")):
        if path.is_file():
            relative = path.relative_to(content).as_posix()
            if files.get_file_from_path(relative) is None:
                files.append(File(relative, src_dir=str(content), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls))
    if not any(name in config.plugins for name in ("search", "material/search")):
        for file in [f for f in files if f.src_uri.startswith(SEARCH_THEME_FILES)]:
            files.remove(file)
    _built.clear()
    _built.update(os.path.abspath(file.abs_dest_path) for file in files)
    return files


def remove_stale(site_dir: Path, keep: set[str], templates) -> int:
    """Delete the files under site_dir that this build did not produce: not one of its files, not a theme
    template's output (404.html, sitemap.xml), not the search index (written next), not in a nested edition
    (site/en/ has its own build). The number of files deleted."""
    site_dir = Path(os.path.abspath(site_dir))
    own = set(keep) | {str(site_dir / name) for name in templates} | {str(site_dir / "sitemap.xml.gz")}
    nested = {str(path.parent) for path in site_dir.glob("*/sitemap.xml")}
    removed, emptied = 0, []
    for root, folders, names in os.walk(site_dir):
        folders[:] = [f for f in folders if f != "search-index" and os.path.join(root, f) not in nested]
        for name in names:
            path = os.path.join(root, name)
            if path not in own:
                os.unlink(path)
                removed += 1
                emptied.append(root)
    for folder in sorted(set(emptied), key=len, reverse=True):  # the folders whose files went, deepest first
        while folder != str(site_dir) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
    return removed


def on_post_build(config) -> None:
    from build_tools.search.index import write_index

    if dirty():
        remove_stale(Path(config.site_dir), _built, config.theme.static_templates)
    if os.environ.get(SEARCH_AFTER) == "1":
        return
    write_index(Path(config.site_dir), config.extra["edition"]["lang"])
