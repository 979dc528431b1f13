"""The reference query over a built index, as ``content/assets/search.js`` runs it in the browser.

    >>> files = build_index(pages)                      # doctest: +SKIP
    >>> [hit.entry for hit in search(files, "海绵城市")]   # doctest: +SKIP

A query is split into phrases at spaces (all must occur in one entry); each phrase is expanded with the
agency synonyms; the postings give the candidate entries, those holding every token of a variant, and
the entry's text decides: a Han phrase must occur in it as written, a Latin phrase as a chain of
consecutive tokens (solar panels, not "panels; solar"). Ranking: plan pages before index pages, a match
in a heading before one in the body, then document order (entry id).
When no entry holds all phrases, ``search_pages`` gives the pages holding each of them somewhere.
search.js reads the candidates of a phrase from fewer postings (a hot token almost always written
beside another of the phrase's is left out, see postings.choose_bases): more candidates, the same
results once the text decides.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from build_tools.search.index import DICTIONARY, INDEX_DIRECTORY, MANIFEST, decode_ids, dumps, inflated, unpacked
from build_tools.search.postings import decode, decode_relative, decode_varints
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


class Index:
    """The files of a built index (name -> bytes or text), read as the browser reads them."""

    def __init__(self, files: dict):
        self.files = files
        self.manifest = unpacked(files[MANIFEST])
        self.dictionary = gzip.decompress(files[DICTIONARY])
        self.cache: dict[str, object] = {}

    def read(self, name: str):
        """A file of the index, inflated and parsed once."""
        if name not in self.cache:
            self.cache[name] = read_file(self.files, name, self.dictionary)
        return self.cache[name]

    def postings(self, token: str) -> dict[int, bool]:
        """{entry: in_title} of a token: from its shard, its own file (h/), or its file and its base's."""
        value = self.read(f"s/{token_hash(token) % self.manifest['shards']}.json.gz").get(token, "")
        if isinstance(value, str):
            return decode(value)
        if len(value) == 3:  # [file, bytes, neighbours]
            return decode(self.read(f"h/{value[0]}.json.gz"))
        return decode_relative(self.read(f"h/{value[0]}.json.gz"), decode(self.read(f"h/{value[3]}.json.gz")))

    def entry(self, number: int) -> dict:
        """{page, url, page_title, anchor, title, heading, text} of an entry."""
        chunk = self.read(f"e/{number // self.manifest['entry_chunk']}.json.gz")
        row = number % self.manifest["entry_chunk"]
        page, anchor, title_count, heading, sentences = chunk["entries"][row]
        text = [self.sentence(s) for s in decode_ids(sentences)]
        url, page_title = chunk["pages"][str(page)]
        while heading == 1:  # the heading of the row before
            row -= 1
            heading = chunk["entries"][row][3]
        if heading == 0:  # that row's title
            heading = decode_ids(chunk["entries"][row][4])[:chunk["entries"][row][2]]
        else:
            heading = decode_ids(heading)
        return {"page": page, "url": url, "page_title": page_title, "anchor": anchor, "title": "".join(text[:title_count])[:-1],
                "heading": "".join(self.sentence(s) for s in heading)[:-1], "text": "".join(text)}

    def sentence(self, number: int) -> str:
        return self.read(f"t/{number // self.manifest['sentence_chunk']}.deflate")[number % self.manifest["sentence_chunk"]]

    def page_starts(self) -> list[int]:
        """The first entry of each page (the manifest keeps their differences)."""
        starts, total = [], 0
        for delta in self.manifest["page_starts"]:
            total += delta
            starts.append(total)
        return starts

    def filtered_pages(self, filters: dict[str, str]) -> set[int] | None:
        """The pages every filter keeps ({"level": "区级", "year": "2023"}), None without filters."""
        if not filters:
            return None
        facets = self.read("f.json.gz")
        kept: set[int] | None = None
        for name, value in filters.items():
            pages, page = set(), 0
            for delta in decode_varints(facets.get(name, {}).get(value, "")):
                page += delta
                pages.add(page)
            kept = pages if kept is None else kept & pages
        return kept


def contains_phrase(text: str, phrase: str) -> bool:
    """The text holds the phrase: as written for Han phrases, as a chain of consecutive tokens otherwise."""
    if HAN_RUN.search(phrase):
        return normalise(phrase) in normalise(text)
    wanted = [(token, position) for token, _, _, position in tokenise(phrase)]
    have = {(token, position) for token, _, _, position in tokenise(text)}
    return any(all((token, start + position - wanted[0][1]) in have for token, position in wanted)
               for token, start in have if token == wanted[0][0])


def candidates(index: Index, phrase: str) -> dict[int, bool]:
    """Entries holding every token of the phrase: {entry: every token in the title}."""
    lists = [index.postings(token) for token in dict.fromkeys(t for t, *_ in tokenise(phrase))]
    if not lists:
        return {}
    common = set.intersection(*(set(p) for p in lists))
    return {entry: all(p[entry] for p in lists) for entry in common}


def phrase_matches(index: Index, part: str) -> dict[int, bool]:
    """Entries holding the phrase or one of its agency variants, verified on the text."""
    found: dict[int, bool] = {}
    for variant in expand_phrase(part, index.manifest["synonyms"], index.manifest["suffixes"]):
        for entry, in_title in candidates(index, variant).items():
            if contains_phrase(index.entry(entry)["text"], variant):
                found[entry] = found.get(entry, False) or in_title
    return found


def search(files: dict, query: str, filters: dict[str, str] | None = None) -> list[Hit]:
    """Every entry matching every phrase of the query (on the pages the filters keep), best first."""
    index = Index(files)
    matched: dict[int, bool] | None = None
    for part in query_parts(query):
        if not tokenise(part):
            raise RefusedQuery(part)
        found = phrase_matches(index, part)
        matched = found if matched is None else {e: t or found[e] for e, t in matched.items() if e in found}
    kept, starts = index.filtered_pages(filters or {}), index.page_starts()
    hits = [Hit(entry=e, in_plan=e < index.manifest["plan_entries"], in_title=t) for e, t in (matched or {}).items()
            if kept is None or page_of(starts, e) in kept]
    return sorted(hits, key=lambda hit: hit.rank)


def search_pages(files: dict, query: str, filters: dict[str, str] | None = None) -> list[int]:
    """The pages holding every phrase of the query, each in some entry (the fallback when no single
    passage holds them all), in page order."""
    index = Index(files)
    starts = index.page_starts()
    pages: set[int] | None = None
    for part in query_parts(query):
        found = {page_of(starts, entry) for entry in phrase_matches(index, part)}
        pages = found if pages is None else pages & found
    kept = index.filtered_pages(filters or {})
    return sorted(p for p in pages or () if kept is None or p in kept)


def page_of(starts: list[int], entry: int) -> int:
    """The page holding an entry, from the pages' first entries (a binary search)."""
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= entry:
            low = middle
        else:
            high = middle - 1
    return low


def read_index(directory: Path) -> dict[str, bytes | str]:
    """The files of a written index (site/search-index/), as ``build_index`` returned them."""
    return {path.relative_to(directory).as_posix(): path.read_bytes() for path in sorted(directory.rglob("*")) if path.is_file()}


def read_file(files: dict[str, bytes], name: str, dictionary: bytes):
    """A file of the index, parsed: a sentence chunk inflated with the dictionary, any other gunzipped."""
    return inflated(files[name], dictionary) if name.endswith(".deflate") else unpacked(files[name])


def stored_text(files: dict) -> str:
    """Every word the index stores (sentences, anchors, page titles, facets), inflated: for checks that
    some text never reaches it."""
    dictionary = gzip.decompress(files[DICTIONARY])
    return "\n".join(dumps(read_file(files, name, dictionary)) for name in sorted(files) if name[:2] in ("t/", "e/"))


def search_site(edition: Path, query: str) -> list[dict]:
    """The entries an edition's written index finds for a query, best first (see ``Index.entry``)."""
    files = read_index(edition / INDEX_DIRECTORY)
    index = Index(files)
    return [index.entry(hit.entry) for hit in search(files, query)]
