"""Words for values in the data (levels, statuses, roles, commitment, qualifiers, units, ...) in Chinese
and English, from data/taxonomy/vocabulary.yml: the renderer looks every such word up here."""

from __future__ import annotations

from functools import lru_cache

import yaml

from build_tools.paths import TAXONOMY

LANGUAGES = ("zh", "en")


@lru_cache(maxsize=1)
def load_vocabulary() -> dict[str, dict[str, dict]]:
    return yaml.safe_load((TAXONOMY / "vocabulary.yml").read_text(encoding="utf-8"))


def term(kind: str, key: str | None, lang: str, default: str | None = None) -> str:
    """``term("levels", "district", "en")`` -> ``District``; a key the vocabulary lacks gives ``default``
    (or the key itself), so that a new reason in the data shows as written rather than breaking the site."""
    entry = load_vocabulary().get(kind, {}).get(key if key is not None else "unspecified")
    if entry is None:
        return default if default is not None else (key or "")
    return entry[lang]


def entry(kind: str, key: str) -> dict | None:
    """The whole vocabulary entry (with extra fields such as ``factor`` for units), or None."""
    return load_vocabulary().get(kind, {}).get(key)


def missing_english() -> list[str]:
    """Vocabulary entries without an English word (`plansite check` lists them)."""
    problems = []
    for kind, entries in load_vocabulary().items():
        for key, value in entries.items():
            if not isinstance(value, dict) or "en" not in value or value["en"] is None:
                problems.append(f"{kind}.{key}")
    return problems
