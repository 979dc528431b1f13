"""Search entries -> a static, sharded index: a small manifest, postings shards, text chunks.

Layout written under ``<edition>/search-index/``::

    manifest.json   format, shard count, entry counts, page boundaries, agency synonyms (a few KB)
    s/<n>.json      postings of the tokens whose FNV-1a hash modulo the shard count is n:
                    {"光伏": "<entry delta, 2*count + in_title, position deltas, ... as varints>", ...}
    c/<n>.json      entries n*CHUNK_ENTRIES ... as [page, anchor, title, body, heading], with their pages

A query downloads the manifest, the shards of its tokens and the chunks of the results it shows.
Entry ids put plan pages first, so ``id < plan_entries`` says "plan text" without any download.
Positions are token ordinals (see ``tokens.py``): a phrase is a chain of consecutive positions.
Output is byte-identical for the same pages (sorted input, sorted keys, no timestamps).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from build_tools.search.extract import Entry, page_url, read_entries, site_pages
from build_tools.search.synonyms import SUFFIXES, synonym_groups
from build_tools.search.tokens import token_hash, tokenise

FORMAT = 1
INDEX_DIRECTORY = "search-index"
# a shard's size bound: a query of a few tokens stays well under 100 KB at 3,000 plans
MAX_SHARD_BYTES = 48_000
MAX_SHARDS = 4096
# entries per text chunk: a page of results (10) touches at most ten chunks of a few KB each (8 entries)
CHUNK_ENTRIES = 8
# postings are written as varints in 64 JSON-safe characters: a digit below 32 ends a number, a digit of
# 32 or more carries 5 bits and continues it (low bits first): 5 -> "5", 40 = 8 + 32 -> "e1"
VARINT_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
# plan pages rank before index pages (agencies, themes, targets, regions, lists of plans)
PLAN_PAGE_PREFIX = "plans/"


@dataclass(frozen=True)
class Page:
    url: str
    title: str
    entries: list[Entry]

    @property
    def is_plan(self) -> bool:
        """plans/tianjin-baodi-2023/ is a plan page; plans/ (the list) and every other page are index pages."""
        return self.url.startswith(PLAN_PAGE_PREFIX) and self.url != PLAN_PAGE_PREFIX


def dumps(value) -> str:
    """Compact, key-sorted JSON with Chinese as characters (not 6-byte \\uXXXX escapes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def entry_text(entry: Entry) -> str:
    """What is tokenised: the title, a line break, the body (offsets in the snippet refer to this)."""
    return f"{entry.title}\n{entry.body}" if entry.title else entry.body


def order_pages(pages: list[Page]) -> list[Page]:
    """Plan pages first, then index pages, each sorted by URL: entry ids follow this order."""
    return sorted(pages, key=lambda page: (not page.is_plan, page.url))


def encode_varints(numbers: list[int]) -> str:
    """[5, 40, 0] -> "5e10": each number in groups of 5 bits, low first, the last group below 32.

    >>> encode_varints([5, 40, 0])
    '5e10'
    """
    out = []
    for number in numbers:
        while number >= 32:
            out.append(VARINT_DIGITS[32 + (number & 31)])
            number >>= 5
        out.append(VARINT_DIGITS[number])
    return "".join(out)


def decode_varints(text: str) -> list[int]:
    """The inverse of ``encode_varints``."""
    numbers, value, shift = [], 0, 0
    for character in text:
        digit = VARINT_DIGITS.index(character)
        value |= (digit & 31) << shift
        if digit < 32:
            numbers.append(value)
            value, shift = 0, 0
        else:
            shift += 5
    return numbers


def build_postings(entries: list[Entry]) -> dict[str, list[int]]:
    """token -> flat list [entry delta, 2*count + in_title, position delta ...] per entry holding it."""
    occurrences: dict[str, list[tuple[int, int, list[int]]]] = defaultdict(list)
    for number, entry in enumerate(entries):
        tokens = tokenise(entry_text(entry))
        title_end = len(entry.title)
        positions: dict[str, list[int]] = defaultdict(list)
        in_title: dict[str, bool] = {}
        for token, start, _, ordinal in tokens:
            positions[token].append(ordinal)
            in_title[token] = in_title.get(token, False) or start < title_end
        for token, ordinals in positions.items():
            occurrences[token].append((number, int(in_title[token]), ordinals))
    postings = {}
    for token, rows in occurrences.items():
        flat, previous = [], 0
        for number, title_flag, ordinals in rows:
            flat += [number - previous, 2 * len(ordinals) + title_flag]
            flat += [ordinals[0]] + [b - a for a, b in zip(ordinals, ordinals[1:])]
            previous = number
        postings[token] = flat
    return postings


def shard_postings(postings: dict[str, list[int]], max_bytes: int = MAX_SHARD_BYTES) -> list[dict[str, str]]:
    """Split the postings by token hash into the fewest (power of two) shards under ``max_bytes`` each.

    A token whose postings alone exceed the bound (碳达 on every page) keeps its shard over it: doubling
    stops when the largest shard is one token's."""
    encoded = {token: encode_varints(flat) for token, flat in postings.items()}
    sizes = {token: len(token.encode("utf-8")) + len(text) + 6 for token, text in encoded.items()}
    hashes = {token: token_hash(token) for token in postings}
    count = 1
    while count < MAX_SHARDS:
        totals = defaultdict(int)
        for token, size in sizes.items():
            totals[hashes[token] % count] += size
        largest = max(totals.values(), default=0)
        biggest_token = max(sizes.values(), default=0)
        if largest <= max_bytes or largest <= biggest_token + 2:
            break
        count *= 2
    shards: list[dict[str, str]] = [{} for _ in range(count)]
    for token in sorted(postings):
        shards[hashes[token] % count][token] = encoded[token]
    return shards


def build_index(pages: list[Page], groups: list[list[str]] | None = None, lang: str = "zh") -> dict[str, str]:
    """Every file of the index, by path under search-index/, as text."""
    pages = order_pages(pages)
    entries, page_of, page_starts = [], [], []
    for number, page in enumerate(pages):
        page_starts.append(len(entries))
        entries.extend(page.entries)
        page_of.extend([number] * len(page.entries))
    plan_entries = sum(len(page.entries) for page in pages if page.is_plan)
    shards = shard_postings(build_postings(entries))
    files = {f"s/{number}.json": dumps(shard) for number, shard in enumerate(shards)}
    for start in range(0, len(entries), CHUNK_ENTRIES):
        rows = [[page_of[i], e.anchor, e.title, e.body, e.heading] for i, e in enumerate(entries[start:start + CHUNK_ENTRIES], start)]
        used = sorted({row[0] for row in rows})
        chunk = {"entries": rows, "pages": {str(p): [pages[p].url, pages[p].title] for p in used}}
        files[f"c/{start // CHUNK_ENTRIES}.json"] = dumps(chunk)
    manifest = {
        "format": FORMAT, "lang": lang, "shards": len(shards), "chunk_entries": CHUNK_ENTRIES,
        "entries": len(entries), "plan_entries": plan_entries, "pages": len(pages),
        "page_starts": [b - a for a, b in zip([0] + page_starts, page_starts)],
        "synonyms": synonym_groups() if groups is None else groups,
        "suffixes": [list(pair) for pair in SUFFIXES],
    }
    files["manifest.json"] = dumps(manifest)
    return files


def read_site(root: Path) -> list[Page]:
    """The pages of one built edition (site/ or site/en/) with their entries."""
    pages = []
    for path in site_pages(root):
        url = page_url(path, root)
        title, entries = read_entries(path.read_text(encoding="utf-8"), url)
        if entries:
            pages.append(Page(url=url, title=title, entries=entries))
    return pages


def write_index(root: Path, lang: str) -> dict[str, int]:
    """Build the index of the edition built in ``root`` into root/search-index/; returns sizes."""
    files = build_index(read_site(root), lang=lang)
    directory = root / INDEX_DIRECTORY
    for name, text in sorted(files.items()):
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return {name: len(text.encode("utf-8")) for name, text in files.items()}
