"""MkDocs hooks (mkdocs.yml `hooks:`), independent of the theme's internals.

``on_files`` adds the hand-written assets shared by both editions (content/assets/) to each build, so
that they are kept once in the repository and each edition still serves them itself."""

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
