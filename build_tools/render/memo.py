"""The render stage's cache: a page or download made again only when what it is made from changed.

A plan's page is a function of the plan, its translation, the labels of the agencies it names (an
agency's English name follows the spelling its jurisdiction's plans print most often, so another plan of
the same place can change it), the templates, the interface catalogs, the code and the taxonomy, the
edition and the published address. A jurisdiction's agencies page and workbook are functions of the
plans that name its agencies. ``Memo.get(name, parts, make)`` returns ``make()``'s result, or the stored
result when ``name`` was last made from the same ``parts`` under the same code: the caller lists the
parts, and a test renders pages with the cache and without it, and after changing another plan, to show
that the lists are complete (tests/test_render_cache.py).

Entries live in ``.cache/render/<fingerprint>/`` (one file per page, holding the digest of its parts and
its bytes): new code starts a new folder and the older folders are removed. PLANSITE_CACHE=off (the
tests) renders everything.

``Memo.write(path, name, parts, make)`` also skips reading what is already in place: each memo keeps a
record of the files it wrote or found right (the digest of their parts, their size and modification
time, ``files-<record>.pickle``, saved by ``Memo.save``), and a file whose parts are unchanged and whose
size and time are those recorded is left as it is without loading the stored page or reading the file
(as make and git's index trust a file's time). A file edited or replaced since has another time and is
made again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from pathlib import Path

from build_tools import cache
from build_tools.render import output

STAGE = "render"


def digest(*parts) -> str:
    """A digest of strings, bytes and (nested) tuples and lists of them, None and numbers."""
    hasher = hashlib.sha256()

    def feed(part) -> None:
        if isinstance(part, (tuple, list)):
            hasher.update(b"(")
            for item in part:
                feed(item)
            hasher.update(b")")
        elif isinstance(part, bytes):
            hasher.update(b"b%d:" % len(part) + part)
        else:
            text = repr(part) if not isinstance(part, str) else part
            data = text.encode("utf-8")
            hasher.update(b"s%d:" % len(data) + data)

    feed(parts)
    return hasher.hexdigest()


_digests: dict[int, tuple[object, str]] = {}
# pages and downloads made and reused by this process since forget()
counts = {"made": 0, "reused": 0, "kept": 0}


def forget() -> None:
    """Drop the digests of earlier renders (the plans they hold) and the counts."""
    _digests.clear()
    counts.update(made=0, reused=0, kept=0)


def plan_digest(plan) -> str:
    """The digest of a plan's data, once per plan object (the plan page, its agencies pages and workbooks
    ask for it): the digest of its committed YAML (data/plans/<id>.yml) where the plan was read from it or
    written to it in this process (cache.remember_committed: `plansite render` and `plansite build` give
    the same keys), else of its JSON."""
    found = _digests.get(id(plan))
    if found is None or found[0] is not plan:
        value = cache.committed_digest(plan) or hashlib.sha256(plan.model_dump_json().encode("utf-8")).hexdigest()
        found = _digests[id(plan)] = (plan, value)
    return found[1]


class Memo:
    def __init__(self, edition: str, environment: tuple = (), directory: Path | None = None, record: str | None = None):
        """``record`` names this memo's record of files (one per render job: two jobs of one edition run in
        two processes, each saving its own); the entries are keyed by the edition and the name alone."""
        self.enabled = cache.enabled()
        self.edition = edition
        self.record = record or edition
        self.salt = digest(edition, environment)
        self.directory = (directory or cache.CACHE / STAGE) / cache.fingerprint(STAGE)
        self.files: dict | None = None
        self.seen: set[str] = set()
        self.changed = False
        if self.enabled:
            self.directory.mkdir(parents=True, exist_ok=True)
            for other in self.directory.parent.iterdir():
                if other.is_dir() and other != self.directory:
                    shutil.rmtree(other, ignore_errors=True)

    def get(self, name: str, parts, make):
        if not self.enabled:
            counts["made"] += 1
            return make()
        return self.made(name, digest(self.salt, parts), make)

    def made(self, name: str, key: str, make):
        path = self.directory / f"{hashlib.sha256(f'{self.edition}:{name}'.encode()).hexdigest()[:32]}.pickle"
        try:
            with path.open("rb") as stream:
                found_key, value = pickle.load(stream)
            if found_key == key:
                counts["reused"] += 1
                return value
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            pass
        value = make()
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as stream:
            pickle.dump((key, value), stream, protocol=cache.PICKLE_PROTOCOL)
        temporary.replace(path)
        counts["made"] += 1
        return value

    @property
    def files_record(self) -> Path:
        return self.directory / f"files-{self.record}.pickle"

    def write(self, target: Path, name: str, parts, make) -> bool:
        """``output.write(target, self.get(name, parts, make))``, but a file already holding what these
        parts make (recorded with its size and time) is only counted, not read; True if written."""
        if not self.enabled:
            return output.write(target, self.get(name, parts, make))
        if self.files is None:
            self.files = self.read_files()
        key = digest(self.salt, parts)
        place = os.path.abspath(target)
        self.seen.add(place)
        recorded = self.files.get(place)
        if recorded is not None and recorded[0] == key:
            try:
                status = os.stat(place)
            except OSError:
                status = None
            if status is not None and (status.st_size, status.st_mtime_ns) == recorded[1:]:
                output.keep(place)
                counts["reused"] += 1
                counts["kept"] += 1
                return False
        written = output.write(target, self.made(name, key, make))
        status = os.stat(place)
        self.files[place] = (key, status.st_size, status.st_mtime_ns)
        self.changed = True
        return written

    def read_files(self) -> dict:
        try:
            with self.files_record.open("rb") as stream:
                found = pickle.load(stream)
            return found if isinstance(found, dict) else {}
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return {}

    def save(self) -> None:
        """Keep the record of the files written or found right (the next run trusts them)."""
        if not self.enabled or self.files is None or not (self.changed or self.files.keys() - self.seen):
            return
        self.files = {place: record for place, record in self.files.items() if place in self.seen}
        temporary = self.files_record.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as stream:
            pickle.dump(self.files, stream, protocol=cache.PICKLE_PROTOCOL)
        temporary.replace(self.files_record)
        self.changed = False
