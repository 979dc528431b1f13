"""What the renderer asks of the catalogs: the current translation of a unit and its status."""

from __future__ import annotations

import hashlib
from pathlib import Path

from babel.messages.catalog import Catalog

from build_tools.paths import TRANSLATIONS
from build_tools.translate.catalog import read_catalog, status_of


class PlanTranslation:
    """One plan's catalog in one language (or none)."""

    def __init__(self, catalog: Catalog | None = None, digest: str = ""):
        self.catalog = catalog
        self.digest = digest
        """the SHA-256 of the catalog file's bytes ("" for none): what every translation of the plan is a
        function of (the render cache keys a page by it, build_tools/render/memo.py)"""

    def get(self, msgid: str) -> tuple[str | None, str]:
        """(translation, status): status machine / human / reviewed for a current translation, fuzzy
        for one whose Chinese changed since (not shown), missing for none. An entry without a status
        comment counts as machine: the site never claims a person wrote what nobody said they did."""
        message = self.catalog.get(msgid) if self.catalog is not None and msgid else None
        if message is None or not message.string:
            return None, "missing"
        if message.fuzzy:
            return None, "fuzzy"
        return message.string, status_of(message) or "machine"

    def counts(self, msgids: list[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for msgid in dict.fromkeys(msgids):
            status = self.get(msgid)[1]
            counts[status] = counts.get(status, 0) + 1
        return counts


def load_translations(lang: str, directory: Path = TRANSLATIONS) -> dict[str, PlanTranslation]:
    folder = directory / lang
    found = {}
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        content = path.read_bytes()
        found[path.stem] = PlanTranslation(read_catalog(path, content), hashlib.sha256(content).hexdigest())
    return found
