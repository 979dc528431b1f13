"""What the renderer asks of the catalogs: the current translation of a unit and its status."""

from __future__ import annotations

import hashlib
from pathlib import Path

from babel.messages.catalog import Catalog

from build_tools.paths import TRANSLATIONS
from build_tools.translate.catalog import read_catalog, status_of


def translation_table(catalog: Catalog) -> dict[str, tuple[str | None, str]]:
    """msgid -> (translation, status) for every entry with a translation: what ``PlanTranslation.get``
    answers, without Babel's objects (a catalog's table is a tenth of its Catalog's pickle)."""
    table: dict[str, tuple[str | None, str]] = {}
    for message in catalog:
        if not message.id or not message.string:
            continue
        table[message.id] = (None, "fuzzy") if message.fuzzy else (message.string, status_of(message) or "machine")
    return table


class PlanTranslation:
    """One plan's catalog in one language (or none), read when first asked (``get``): a render that keeps
    a plan's pages needs only the digest of its file."""

    def __init__(self, catalog: Catalog | None = None, digest: str = "", read=None):
        self._table = translation_table(catalog) if catalog is not None else None
        self._read = read
        self.digest = digest
        """the SHA-256 of the catalog file's bytes ("" for none): what every translation of the plan is a
        function of (the render cache keys a page by it, build_tools/render/memo.py)"""

    @property
    def table(self) -> dict[str, tuple[str | None, str]]:
        if self._table is None:
            self._table = self._read() if self._read is not None else {}
            self._read = None
        return self._table

    def get(self, msgid: str) -> tuple[str | None, str]:
        """(translation, status): status machine / human / reviewed for a current translation, fuzzy
        for one whose Chinese changed since (not shown), missing for none. An entry without a status
        comment counts as machine: the site never claims a person wrote what nobody said they did."""
        found = self.table.get(msgid) if msgid else None
        return found if found is not None else (None, "missing")

    def counts(self, msgids: list[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for msgid in dict.fromkeys(msgids):
            status = self.get(msgid)[1]
            counts[status] = counts.get(status, 0) + 1
        return counts


def load_translations(lang: str, directory: Path = TRANSLATIONS) -> dict[str, PlanTranslation]:
    """plan id -> its catalog in ``lang``, each file's bytes read and hashed now and its table read when
    asked (through the build cache by those bytes: Babel's reader is 12 ms a plan)."""
    from build_tools import cache

    folder = directory / lang
    found = {}
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        content = path.read_bytes()
        digest = hashlib.sha256(content).hexdigest()

        def read(path=path, content=content, digest=digest) -> dict:
            return cache.by_digest("translation-table", f"{path.parent.name}/{path.name}", digest,
                                   lambda: translation_table(read_catalog(path, content)))

        found[path.stem] = PlanTranslation(digest=digest, read=read)
    return found
