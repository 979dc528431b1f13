"""The reference query over a built index, as ``content/assets/search.js`` runs it in the browser.

    >>> files = build_index(pages)                      # doctest: +SKIP
    >>> [hit.entry for hit in search(files, "海绵城市")]   # doctest: +SKIP

A query is split into phrases at spaces (all must occur in one entry); each phrase is expanded with the
agency synonyms; a phrase matches an entry where its tokens hold consecutive positions there, and,
when it holds Han characters, where the entry's text contains it as written (the check on the text).
Ranking: plan pages before index pages, a match in a heading before one in the body, then document
order (entry id).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from build_tools.search.index import decode_varints
from build_tools.search.synonyms import expand_phrase
from build_tools.search.tokens import HAN_RUN, normalise, query_parts, token_hash, tokenise


@dataclass(frozen=True)
class Hit:
    entry: int
    in_plan: bool
    in_title: bool

    @property
    def rank(self) -> tuple:
        return (not self.in_plan, not self.in_title, self.entry)


class RefusedQuery(ValueError):
    """A phrase that gives no token: one Han character alone (光)."""


def decode(encoded: str | list[int]) -> dict[int, tuple[bool, list[int]]]:
    """[entry delta, 2*count + in_title, position deltas ...] (as varints) -> {entry: (in_title, positions)}."""
    flat = decode_varints(encoded) if isinstance(encoded, str) else encoded
    postings, i, entry = {}, 0, 0
    while i < len(flat):
        entry += flat[i]
        count, in_title = divmod(flat[i + 1], 2)
        positions, position = [], 0
        for delta in flat[i + 2:i + 2 + count]:
            position += delta
            positions.append(position)
        postings[entry] = (bool(in_title), positions)
        i += 2 + count
    return postings


def phrase_entries(files: dict[str, str], manifest: dict, phrase: str) -> dict[int, bool]:
    """Entries where the phrase's tokens are consecutive: {entry: in_title}."""
    tokens = tokenise(phrase)
    lists = []
    for token, _, _, _ in tokens:
        shard = json.loads(files[f"s/{token_hash(token) % manifest['shards']}.json"])
        lists.append(decode(shard.get(token, "")))
    if not lists:
        return {}
    found = {}
    for entry in set.intersection(*(set(p) for p in lists)):
        sets = [set(p[entry][1]) for p in lists]
        offsets = [position - tokens[0][3] for *_, position in tokens]
        if any(all(start + offsets[i] in sets[i] for i in range(1, len(sets))) for start in sets[0]):
            found[entry] = all(p[entry][0] for p in lists)
    return found


def entry_text_of(files: dict[str, str], manifest: dict, entry: int) -> str:
    chunk = json.loads(files[f"c/{entry // manifest['chunk_entries']}.json"])
    _, _, title, body, _ = chunk["entries"][entry % manifest["chunk_entries"]]
    return f"{title}\n{body}" if title else body


def search(files: dict[str, str], query: str) -> list[Hit]:
    """Every entry matching every phrase of the query, best first."""
    manifest = json.loads(files["manifest.json"])
    matched: dict[int, bool] | None = None
    for part in query_parts(query):
        if not tokenise(part):
            raise RefusedQuery(part)
        found: dict[int, bool] = {}
        for variant in expand_phrase(part, manifest["synonyms"], manifest["suffixes"]):
            for entry, in_title in phrase_entries(files, manifest, variant).items():
                if HAN_RUN.search(variant) and normalise(variant) not in normalise(entry_text_of(files, manifest, entry)):
                    continue
                found[entry] = found.get(entry, False) or in_title
        matched = found if matched is None else {e: t or found[e] for e, t in matched.items() if e in found}
    hits = [Hit(entry=e, in_plan=e < manifest["plan_entries"], in_title=t) for e, t in (matched or {}).items()]
    return sorted(hits, key=lambda hit: hit.rank)
