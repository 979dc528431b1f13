"""MkDocs hooks (mkdocs.yml `hooks:`), independent of the theme's internals.

``on_files`` adds the hand-written assets shared by both editions (content/assets/) to each build, so
that they are kept once in the repository and each edition still serves them itself. ``on_post_build``
writes the edition's search index (build_tools/search) into <site_dir>/search-index/ from the pages
just built, so every MkDocs build, `plansite site` and the tests' builds alike, has its index."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

SHARED = "assets"


def on_files(files: Files, config) -> Files:
    content = Path(config.config_file_path).resolve().parent / "content"
    for path in sorted((content / SHARED).rglob("*")):
        if path.is_file():
            relative = path.relative_to(content).as_posix()
            if files.get_file_from_path(relative) is None:
                files.append(File(relative, src_dir=str(content), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls))
    return files


def on_post_build(config) -> None:
    from build_tools.search.index import write_index

    write_index(Path(config.site_dir), config.extra["edition"]["lang"])
