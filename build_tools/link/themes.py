"""Action headings -> theme ids, from data/taxonomy/themes.yml (data a person can read and correct)."""

from __future__ import annotations

from functools import lru_cache

import yaml

from build_tools.paths import TAXONOMY


@lru_cache(maxsize=1)
def load_themes() -> list[dict]:
    return yaml.safe_load((TAXONOMY / "themes.yml").read_text(encoding="utf-8"))["themes"]


def theme_of(heading: str) -> str | None:
    """``产业低碳转型提质行动`` -> industry; ``试点有序推动碳达峰行动`` -> regions; None when no keyword fits."""
    for theme in load_themes():
        if heading == theme["zh"] or any(keyword in heading for keyword in theme["keywords"]):
            return theme["id"]
    return None
