"""MkDocs hooks (mkdocs.yml `hooks:`), independent of the theme's internals.

``on_config`` gives each edition its own ``site_url``: mkdocs.yml reads the site's address from the
environment (``site_url: !ENV [SITE_URL, ""]``, which mkdocs.en.yml inherits) and the English edition,
published under en/, appends its ``extra.edition.prefix``: https://owner.github.io/repo/en/.

``on_files`` adds the hand-written assets shared by both editions (content/assets/) to each build, so
that they are kept once in the repository and each edition still serves them itself, and leaves out
Material's search files when its search plugin is off (it is: the site has its own search). ``on_post_build``
writes the edition's search index (build_tools/search) into <site_dir>/search-index/ from the pages
just built, so every MkDocs build, `plansite site` and the tests' builds alike, has its index."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.structure.files import File, Files

SHARED = "assets"
# Material's search files (lunr with its language packs, the search worker) are theme files copied into
# every build; with no search plugin (mkdocs.yml: plugins: []) no page loads them: 1.2 MB per edition
SEARCH_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def on_config(config):
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
    return files


def on_post_build(config) -> None:
    from build_tools.search.index import write_index

    write_index(Path(config.site_dir), config.extra["edition"]["lang"])
