"""Where each source was published: data/provenance.yml, one entry per file of data/sources/ (which holds
the files exactly as downloaded and is never edited), read here and added to each plan's ``sources``.

Rule, in this order (a source's ``url`` and ``url_from``):

1. ``data/provenance.yml`` gives a ``url``: a person recorded where the file came from (``provenance``).
2. Else the source states its own address: a saved web page's ``<link rel="canonical">``, ``og:url`` or
   browser "saved from" note (build_tools/ingest/html.py ``page_address``; ``source``). Text copies and
   PDFs of the corpus print no address of their own, so nothing is taken from their text.
3. Else none: the plan page says that the original's address is not recorded. A URL is never guessed
   from a title, an issuer or a document number."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from build_tools.models import Plan
from build_tools.paths import PROVENANCE


@lru_cache(maxsize=4)
def load_provenance(path: Path = PROVENANCE) -> dict[str, dict]:
    """file name -> its entry ({url, note}); an absent file means nothing is recorded."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {row["file"]: row for row in data.get("sources", [])}


def recorded_url(file: str, path: Path = PROVENANCE) -> str | None:
    """The address data/provenance.yml records for a source file, if any."""
    return (load_provenance(path).get(file) or {}).get("url")


def with_provenance(plan: Plan, path: Path = PROVENANCE) -> Plan:
    """The plan with each source's url from data/provenance.yml where it records one."""
    sources = []
    for source in plan.sources:
        url = recorded_url(source.file, path)
        sources.append(source.model_copy(update={"url": url, "url_from": "provenance"}) if url else source)
    return plan.model_copy(update={"sources": sources})


def provenance_problems(source_names: set[str], path: Path = PROVENANCE) -> list[str]:
    """Entries for files that are not in data/sources/, and urls that are not absolute http(s) addresses."""
    problems = []
    for name, row in sorted(load_provenance(path).items()):
        if name not in source_names:
            problems.append(f"{path.name}: {name} is not a file of data/sources/; remove the entry or fix its name")
        url = row.get("url")
        if url is not None and not str(url).startswith(("https://", "http://")):
            problems.append(f"{path.name}: {name}: url {url!r} is not an absolute http(s) address; give the address or null")
        if "url" not in row:
            problems.append(f"{path.name}: {name}: no url; write url: null when the address is not known")
    return problems
