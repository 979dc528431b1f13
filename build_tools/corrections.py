"""Hand corrections: data/corrections/<plan-id>.yml, one reviewable file per plan.

A correction replaces text as printed with what the plan means, e.g. 天津市 printed where 津市市 is
meant. It is applied to the cleaned text before parsing, so tasks, agencies and targets follow; the
plan records each correction (and the page shows it) so a reader can see what was changed and why.
A correction that no longer matches the text is an error: the source changed, review the file.

    corrections:
    - find: 天津市旅游业数字化升级项目
      replace: 津市市旅游业数字化升级项目
      reason: the draft prints 天津市 for 津市市 in its projects chapter
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml
from pydantic import ValidationError

from build_tools.errors import SourceError
from build_tools.models import Correction
from build_tools.parse.plan import Document


def load_corrections(plan_id: str, directory: Path) -> list[Correction]:
    path = directory / f"{plan_id}.yml"
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return [Correction(**row) for row in data.get("corrections", [])]
    except (yaml.YAMLError, ValidationError, TypeError) as error:
        raise SourceError(str(path), f"not a valid corrections file: {str(error).splitlines()[0]}") from None


def apply_corrections(document: Document, corrections: list[Correction], path: str) -> tuple[Document, list[Correction]]:
    """The document with each correction applied to every paragraph it matches, and the corrections
    with their counts; a correction that matches nothing raises SourceError naming the file."""
    paragraphs = list(document.paragraphs)
    applied = []
    for correction in corrections:
        count = 0
        for index, paragraph in enumerate(paragraphs):
            if correction.find in paragraph.text:
                count += paragraph.text.count(correction.find)
                paragraphs[index] = replace(paragraph, text=paragraph.text.replace(correction.find, correction.replace))
        if count == 0:
            raise SourceError(path, f"correction {correction.find!r} matches nothing in the plan's text; the source changed — review the file")
        applied.append(correction.model_copy(update={"count": count}))
    return replace(document, paragraphs=paragraphs), applied
