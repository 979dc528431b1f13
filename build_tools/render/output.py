"""The render stage's files: a file is written only when its bytes change, and what a run did not write is
removed afterwards.

Rendering everything into freshly cleared folders gave every page a new modification time, so nothing
after the render stage could tell the one plan that changed from the thousands that did not. Here an
unchanged file keeps its bytes and its time: ``mkdocs build --dirty`` (``plansite site --dirty``) then
rebuilds only the pages whose Markdown changed, and a reader of ``content/`` sees exactly what changed.
A file a previous run wrote that this run did not (a plan removed, a page renamed) is deleted by
``sweep``, so the folders hold what a render into empty folders would have held, byte for byte.

Each process records what it wrote (the two editions render in two processes, each sweeps its own
folder).
"""

from __future__ import annotations

import gzip
import io
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Tally:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    paths: set[str] = field(default_factory=set)


_tally = Tally()


def begin() -> None:
    """Start a run: forget what an earlier run in this process wrote."""
    global _tally
    _tally = Tally()


def tally() -> Tally:
    return _tally


def write(path: Path, content: str | bytes) -> bool:
    """Write ``content`` (text as UTF-8) to ``path`` unless the file already holds exactly these bytes;
    True if it was written."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    name = os.path.abspath(path)
    _tally.paths.add(name)
    try:
        if os.path.getsize(name) == len(data):
            with open(name, "rb") as stream:
                if stream.read() == data:
                    _tally.unchanged += 1
                    return False
    except FileNotFoundError:
        os.makedirs(os.path.dirname(name), exist_ok=True)
    with open(name, "wb") as stream:
        stream.write(data)
    _tally.written += 1
    return True


def keep(path: str | Path) -> None:
    """Count a file as written by this run and unchanged, without reading it (the caller knows its bytes
    are right: build_tools/render/memo.py Memo.write)."""
    _tally.paths.add(os.path.abspath(path))
    _tally.unchanged += 1


def sweep(directory: Path, names: tuple[str, ...]) -> int:
    """Delete the files under ``directory``/<each of names> that this run did not write, and the folders
    left empty; the number of files deleted."""
    removed = 0
    for name in names:
        top = Path(os.path.abspath(directory / name))
        if top.is_file():
            if str(top) not in _tally.paths:
                top.unlink()
                removed += 1
            continue
        if not top.is_dir():
            continue
        for root, folders, files in os.walk(top, topdown=False):
            for file in files:
                path = os.path.join(root, file)
                if path not in _tally.paths:
                    os.unlink(path)
                    removed += 1
            if not os.listdir(root):
                os.rmdir(root)
    _tally.removed += removed
    return removed


def gzipped(data: bytes) -> bytes:
    """gzip bytes identical for identical data (no file name or time in the header)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", filename="", mtime=0, compresslevel=9) as stream:
        stream.write(data)
    return buffer.getvalue()
