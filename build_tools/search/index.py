"""Search entries -> a static, sharded index: a small manifest, postings shards, a store of sentences.

Layout written under ``<edition>/search-index/`` (every file compressed on disk, gzip but the sentence
chunks: the browser inflates it with DecompressionStream, so the disk holds what the wire carries)::

    manifest.json.gz  format, shard count, entry counts, page boundaries, agency synonyms (a few KB)
    s/<n>.json.gz     postings of the tokens whose FNV-1a hash modulo the shard count is n:
                      {"光伏": "<2 * entry delta + in_title, ... as varints>", "碳排": [7, 5120, " 放"], ...}
    h/<n>.json.gz     a hot token's postings (碳排 on most pages), a file of its own, named in its shard by
                      [n, bytes on disk, the characters almost always written before and after it]; or,
                      for a token mostly beside another (碳达 beside 达峰), its postings against that
                      base's, named [n, bytes, characters, base's n, base's bytes] (postings.py: the
                      formats, and why)
    e/<n>.json.gz     entries n*ENTRY_CHUNK ...: [page, anchor, count of title sentences, heading (0: the
                      entry's title, 1: the row before's heading, else its sentences), sentences]
                      (sentence ids as varints, see encode_ids) and their pages {page: [url, title]}
    t/<n>.deflate     sentences n*SENTENCE_CHUNK ...: each distinct sentence of the site once, as JSON in raw
                      deflate with a preset dictionary, t.dict.gz (sentences sampled from the whole store):
                      the browser inflates a chunk after the dictionary as a stored block, so that a chunk of
                      32 sentences packs better than one of 64 without it (see sentence_dictionary)
    f.json.gz         the filters: {facet: {value: pages}} (region, level, theme, year of plan pages)

Postings say which entries hold a token, not where: a phrase is verified on the entry's text (the
browser fetches it only for the results it shows). Without positions the postings are about a third of
their size with them (34% -> 16% of the text, gzip, 300 synthetic plans), and a 2-character Chinese
query or one English word, a single token, is exact from the postings alone. Text is stored as
sentences (split after 。；！？ and line ends), each distinct sentence once: plans share much of their
wording (a province's plan is copied by its cities), so the store is a fraction of the text.

A query downloads the manifest, the shards of its tokens and the hot files of those it needs (a base's
too; not a hot token almost always written beside another of the phrase's: postings.py), and for the
results it shows their entry chunks, the sentences' dictionary and sentence chunks. Entry ids put plan
pages first, so ``id < plan_entries`` says "plan text" without any download. Output is byte-identical
for the same pages (sorted input, sorted keys, gzip without a timestamp).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zlib
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from build_tools.render import urls
from build_tools.search.extract import Entry, page_url, read_page, site_pages
from build_tools.search.synonyms import SUFFIXES, synonym_groups
from build_tools.search.postings import decode_varints, encode_postings, encode_varints, recompute, shard_postings
from build_tools.search.tokens import token_set

FORMAT = 3
INDEX_DIRECTORY = "search-index"
MANIFEST = "manifest.json.gz"
# entries per entry chunk and sentences per sentence chunk: a result needs one of the first and a few of
# the second; small chunks keep the bytes of a page of ten results low
ENTRY_CHUNK = 32
SENTENCE_CHUNK = 32
# the sentence chunks' preset dictionary: deflate's window, the most of it a back-reference can reach
DICTIONARY_BYTES = 32_768
DICTIONARY = "t.dict.gz"
# pages per group of the index's postings (``page_groups``), on average: at 3,000 plans 77 groups of the
# Chinese edition's 9,091 pages (1 to 495 pages)
GROUP_SPAN = 128
# a sentence ends after 。；！？ or a line end: 推进海绵城市建设。| 到2025年，…； a sentence is a run of other
# characters and the end that follows it, or an end alone (findall: a fifth faster than splitting after
# each end, 3.5 against 4.5 s on the 429,000 entries of 3,000 plans' Chinese edition)
SENTENCES = re.compile(r"[^。；！？\n]+[。；！？\n]?|[。；！？\n]")
# plan pages rank before index pages (agencies, themes, targets, regions, lists of plans): the folder
# render/urls.py publishes plans in (plans/<plan-id>/), whose own index page is the list of plans
PLAN_PAGE_PREFIX = urls.page_url(urls.plans_index())


@dataclass(frozen=True)
class Page:
    url: str
    title: str
    entries: list[Entry]
    facets: dict[str, list[str]] = field(default_factory=dict)
    """the plan's region, level, themes and year, as the filters show them (extract.read_facets)"""
    source: tuple[str, str] | None = None
    """(edition:URL, digest of the HTML the entries were read from): the build cache keeps the page's own
    postings by it (``page_postings``), so that a rebuild tokenises only the pages that changed"""

    @property
    def is_plan(self) -> bool:
        """plans/tianjin-baodi-2023/ is a plan page; plans/ (the list) and every other page are index pages."""
        return self.url.startswith(PLAN_PAGE_PREFIX) and self.url != PLAN_PAGE_PREFIX


def dumps(value) -> str:
    """Compact, key-sorted JSON with Chinese as characters (not 6-byte \\uXXXX escapes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def packed(value) -> bytes:
    """``dumps`` gzip-compressed without a timestamp (byte-identical for the same value)."""
    return gzip.compress(dumps(value).encode("utf-8"), compresslevel=9, mtime=0)


def unpacked(data: bytes):
    """The inverse of ``packed``."""
    return json.loads(gzip.decompress(data))


def deflated(value, dictionary: bytes) -> bytes:
    """``dumps`` as raw deflate with a preset dictionary (the sentence chunks)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, zdict=dictionary)
    return compressor.compress(dumps(value).encode("utf-8")) + compressor.flush()


def inflated(data: bytes, dictionary: bytes):
    """The inverse of ``deflated``."""
    return json.loads(zlib.decompressobj(-15, zdict=dictionary).decompress(data))


def sentence_dictionary(sentences: list[str], size: int = DICTIONARY_BYTES) -> bytes:
    """Sentences at even steps through the store, ``size`` bytes of them: the phrases the plans share
    (推动…绿色低碳发展, 按职责分工负责) in every small chunk's reach. At 3,000 synthetic plans the sentence
    store takes 9.7 MB in chunks of 64 without it, 5.4 MB in chunks of 32 with it (5.6 MB in chunks of 16,
    and ten queries read a median 15 KB of chunks to their first results, 9 KB in chunks of 16, 40 KB
    before); on the corpus (43 plans) 0.58 and 0.45 MB. Sampled, not the most used: the store holds
    each sentence once, what recurs is their wording."""
    total = sum(len(sentence.encode("utf-8")) for sentence in sentences)
    step = max(1, -(-total // size))  # at most ``size`` bytes, from the whole store
    return "".join(sentences[step // 2::step]).encode("utf-8")[-size:]


def entry_text(entry: Entry) -> str:
    """What is tokenised and shown: the title, a line break, the body."""
    return f"{entry.title}\n{entry.body}" if entry.title else entry.body


def split_sentences(text: str) -> list[str]:
    """推进海绵城市建设。到2025年，… -> ['推进海绵城市建设。', '到2025年，…']; ''.join() gives the text back."""
    return SENTENCES.findall(text)


def order_pages(pages: list[Page]) -> list[Page]:
    """Plan pages first, then index pages, each sorted by URL: entry ids follow this order."""
    return sorted(pages, key=lambda page: (not page.is_plan, page.url))


def encode_ids(numbers: list[int]) -> str:
    """Sentence ids of an entry as varints: the first, then each one's difference from the one before,
    zigzag-signed (0, -1, 1, -2 … as 0, 1, 2, 3 …): an entry's sentences are mostly new and consecutive.

    >>> encode_ids([40, 41, 42, 7])
    'm222b2'
    """
    deltas = [b - a for a, b in zip([0] + numbers, numbers)]
    return encode_varints([2 * d if d >= 0 else -2 * d - 1 for d in deltas])


def decode_ids(text: str) -> list[int]:
    """The inverse of ``encode_ids``."""
    numbers, value = [], 0
    for zigzag in decode_varints(text):
        value += zigzag // 2 if zigzag % 2 == 0 else -(zigzag + 1) // 2
        numbers.append(value)
    return numbers


def heading_field(heading: list[int], title: list[int], previous: list[int] | None) -> int | str:
    """An entry's heading in its row: 0 for its own title (a heading, a numbered task), 1 for the heading
    of the row before (the paragraphs under 二、重点任务), else its sentence ids (encode_ids)."""
    if heading and heading == title:
        return 0
    if heading == previous:
        return 1
    return encode_ids(heading)


def build_postings(entries: list[Entry]) -> dict[str, array]:
    """token -> array of 2 * entry + in_title, one per entry holding the token, in entry order."""
    postings: dict[str, array] = defaultdict(lambda: array("I"))
    for number, entry in enumerate(entries):
        in_title = token_set(entry.title) if entry.title else set()
        for token in token_set(entry_text(entry)):
            postings[token].append(2 * number + (token in in_title))
    return postings


def compact(postings: dict[str, array]) -> tuple[list[str], array, array]:
    """Postings as (tokens, how many values each, all values): three objects, which pickle and load ~10x
    faster than a dict of thousands of arrays (a dirty rebuild loads every page's)."""
    tokens = list(postings)
    counts = array("I", [len(postings[token]) for token in tokens])
    values = array("I")
    for token in tokens:
        values.extend(postings[token])
    return tokens, counts, values


def page_postings(page: Page) -> tuple[list[str], array, array]:
    """``build_postings`` of one page's entries (numbered from 0), ``compact``, from the build cache when
    the page says what HTML it was read from (tokenising every entry was a third of a dirty rebuild's
    site stage at 1,000 plans)."""
    if page.source is None:
        return compact(build_postings(page.entries))
    from build_tools import cache

    return cache.by_digest("search-postings", *page.source, lambda: compact(build_postings(page.entries)))


def page_groups(pages: list[Page], span: int = GROUP_SPAN) -> list[list[Page]]:
    """Consecutive pages in groups of about ``span``: a group ends after a page whose URL's CRC-32 is a
    multiple of ``span``, so that a page added or removed moves no other group's boundary."""
    groups: list[list[Page]] = [[]]
    for page in pages:
        groups[-1].append(page)
        if zlib.crc32(page.url.encode("utf-8")) % span == 0:
            groups.append([])
    return [group for group in groups if group]


def merged(parts: list[tuple[list[str], array, array]], offsets: list[int]) -> dict[str, array]:
    """Compact postings of consecutive parts (pages, groups of pages), their entries numbered from
    ``offsets`` on (0: as they are), as one token -> postings."""
    postings: dict[str, array] = defaultdict(lambda: array("I"))
    for (tokens, counts, values), offset in zip(parts, offsets):
        if offset:  # map with a bound method runs in C: 3x the list comprehension
            values = array("I", map((2 * offset).__add__, values))
        start = 0
        for token, count in zip(tokens, counts):
            postings[token].extend(values[start:start + count])
            start += count
    return postings


def group_postings(group: list[Page], offset: int) -> tuple[list[str], array, array]:
    """The compact postings of a group of pages, its entries numbered from ``offset`` on, from the build
    cache when its pages say what HTML they were read from: keyed by its first page, the digests of all of
    them and the offset. A rebuild after one changed page merges that page's group again, and the groups
    after it too only where the page's count of entries changed; every other group is one entry loaded.
    Merging every page's postings a token at a time was 40% of the Chinese index's time in a dirty rebuild
    at 3,000 plans (17.2 million tokens of 9,091 pages; 0.56 million of 77 groups), and numbering them
    from their offset (48 million values) most of the rest."""
    def make() -> tuple[list[str], array, array]:
        offsets = list(accumulate((len(page.entries) for page in group[:-1]), initial=offset))
        return compact(merged([page_postings(page) for page in group], offsets))

    if any(page.source is None for page in group):
        return make()
    from build_tools import cache

    digest = cache.text_digest("\n".join([str(offset)] + [f"{page.source[0]} {page.source[1]}" for page in group]))
    return cache.by_digest("search-group", group[0].source[0], digest, make)


def site_postings(pages: list[Page], span: int = GROUP_SPAN) -> dict[str, array]:
    """``build_postings`` of the entries of every page in order, merged from each group's postings
    (``page_groups``), themselves merged from each page's own."""
    parts, offset = [], 0
    for group in page_groups(pages, span):
        parts.append(group_postings(group, offset))
        offset += sum(len(page.entries) for page in group)
    return merged(parts, [0] * len(parts))


def facet_pages(pages: list[Page]) -> dict[str, dict[str, str]]:
    """{facet: {value: varints of the page number deltas}}: which pages a filter keeps (f.json.gz,
    fetched with the first results); index pages have no facets, so any filter leaves them out."""
    found: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for number, page in enumerate(pages):
        for name, values in page.facets.items():
            for value in values:
                found[name][value].append(number)
    return {name: {value: encode_varints([b - a for a, b in zip([0] + numbers, numbers)]) for value, numbers in values.items()}
            for name, values in found.items()}


class SentenceStore:
    """Each distinct sentence once, numbered in order of first appearance (plan pages first)."""

    def __init__(self) -> None:
        self.number: dict[str, int] = {}

    def add(self, text: str) -> list[int]:
        return [self.number.setdefault(sentence, len(self.number)) for sentence in split_sentences(text)]

    def sentences(self) -> list[str]:
        return list(self.number)


class Memo:
    """What the last build of an edition's index compressed and encoded, by the digest of the input:
    gzip at level 9 of each shard, hot file and entry chunk (and of each candidate a hot token is weighed
    in, postings.encode_hot), each sentence chunk deflated with its dictionary, the varints of each
    token's postings, and how each hot token was weighed against its base and sampled for its neighbours
    (encode_hot, choose_bases). A dirty rebuild after one
    changed plan changes a few shards of thousands: the others' bytes come from here (compressing and
    encoding were a third of the index's time in a dirty rebuild at 1,000 plans). Kept in the build cache
    (stage search-memo, one entry per edition) holding only what the last build used, so it does not
    grow; the output is the same bytes with it or without it (tests/unit/test_search.py)."""

    def __init__(self, name: str = "") -> None:
        from build_tools import cache

        self.name = name
        self.enabled = bool(name) and cache.enabled()
        found = cache.load("search-memo", cache.text_digest(name)) if self.enabled else None
        self.before: dict[bytes, object] = found if isinstance(found, dict) else {}
        self.used: dict[bytes, object] = {}

    def get(self, key: bytes, make):
        found = self.used.get(key)
        if found is None:
            found = self.before.get(key)
            if found is None:
                found = make()
            self.used[key] = found
        return found

    def packed(self, value) -> bytes:
        text = dumps(value).encode("utf-8")
        return self.get(b"p" + hashlib.sha256(text).digest(),
                        lambda: gzip.compress(text, compresslevel=9, mtime=0))

    def deflater(self, dictionary: bytes):
        """``deflated`` with this dictionary, through the memo."""
        key = hashlib.sha256(dictionary).digest()
        return lambda value: self.get(b"d" + hashlib.sha256(key + dumps(value).encode("utf-8")).digest(), lambda: deflated(value, dictionary))

    def encoded(self, values: array) -> str:
        return self.get(b"e" + hashlib.sha256(values.tobytes()).digest(), lambda: encode_postings(values))

    def save(self) -> None:
        from build_tools import cache

        if self.enabled and self.used.keys() != self.before.keys():
            cache.store("search-memo", cache.text_digest(self.name), self.used)


def build_index(pages: list[Page], groups: list[list[str]] | None = None, lang: str = "zh", memo: Memo | None = None) -> dict[str, bytes]:
    """Every file of the index, by path under search-index/, as the bytes written (``memo``: what the last
    build of this index compressed and encoded)."""
    memo = memo or Memo()
    pack = memo.packed if memo.enabled else packed
    encode = memo.encoded if memo.enabled else encode_postings
    remember = memo.get if memo.enabled else recompute
    pages = order_pages(pages)
    entries, page_of, page_starts = [], [], []
    for number, page in enumerate(pages):
        page_starts.append(len(entries))
        entries.extend(page.entries)
        page_of.extend([number] * len(page.entries))
    plan_entries = sum(len(page.entries) for page in pages if page.is_plan)
    # as written: normalise changes no Han character, and bases and neighbours are Han
    shards, hot = shard_postings(site_postings(pages), lambda number: entry_text(entries[number]), pack=pack, encode=encode, remember=remember)
    files: dict[str, bytes] = {f"s/{number}.json.gz": pack(shard) for number, shard in enumerate(shards)}
    files.update({f"h/{number}.json.gz": data for number, data in enumerate(hot)})
    store = SentenceStore()
    for start in range(0, len(entries), ENTRY_CHUNK):
        rows, previous = [], None
        for i, entry in enumerate(entries[start:start + ENTRY_CHUNK], start):
            title = store.add(entry.title + "\n") if entry.title else []
            # the heading is a heading entry's title: the same sentences (line end included), no new text
            heading = store.add(entry.heading + "\n") if entry.heading else []
            rows.append([page_of[i], entry.anchor, len(title), heading_field(heading, title, previous),
                         encode_ids(title + store.add(entry.body))])
            previous = heading
        used = sorted({row[0] for row in rows})
        files[f"e/{start // ENTRY_CHUNK}.json.gz"] = pack({
            "entries": rows, "pages": {str(p): [pages[p].url, pages[p].title] for p in used}})
    files["f.json.gz"] = pack(facet_pages(pages))
    sentences = store.sentences()
    dictionary = sentence_dictionary(sentences)
    deflate = memo.deflater(dictionary) if memo.enabled else (lambda value: deflated(value, dictionary))
    files[DICTIONARY] = gzip.compress(dictionary, compresslevel=9, mtime=0)
    for start in range(0, len(sentences), SENTENCE_CHUNK):
        files[f"t/{start // SENTENCE_CHUNK}.deflate"] = deflate(sentences[start:start + SENTENCE_CHUNK])
    manifest = {
        "format": FORMAT, "lang": lang, "shards": len(shards), "entry_chunk": ENTRY_CHUNK, "sentence_chunk": SENTENCE_CHUNK,
        "entries": len(entries), "plan_entries": plan_entries, "pages": len(pages), "plan_pages": sum(page.is_plan for page in pages),
        "page_starts": [b - a for a, b in zip([0] + page_starts, page_starts)],
        "synonyms": synonym_groups() if groups is None else groups,
        "suffixes": [list(pair) for pair in SUFFIXES],
    }
    files[MANIFEST] = pack(manifest)
    return files


def read_site(root: Path, lang: str = "") -> list[Page]:
    """The pages of one built edition (site/ or site/en/) with their entries. With the build cache on, a
    page whose HTML is byte for byte what it was is not parsed again (a dirty rebuild rewrites a few pages
    of thousands)."""
    from build_tools import cache

    pages = []
    for path in site_pages(root):
        url = page_url(path, root)
        html = path.read_bytes()
        digest = hashlib.sha256(html).hexdigest()
        title, entries, facets = cache.by_digest("search", f"{lang}:{url}", digest, lambda: read_page(html.decode("utf-8"), url))
        if entries:
            pages.append(Page(url=url, title=title, entries=entries, facets=facets, source=(f"{lang}:{url}", digest)))
    return pages


def write_index(root: Path, lang: str) -> dict[str, int]:
    """Build the index of the edition built in ``root`` into root/search-index/; returns sizes."""
    memo = Memo(f"{lang}:{root.resolve()}")
    files = build_index(read_site(root, lang), lang=lang, memo=memo)
    memo.save()
    directory = root / INDEX_DIRECTORY
    # a dirty build keeps the site folder: files of an earlier index that this one does not have are removed,
    # and a file already holding its bytes is not written again
    wanted = {str(directory / name) for name in files}
    if directory.exists():
        for path in [p for p in directory.rglob("*") if p.is_file() and str(p) not in wanted]:
            path.unlink()
    for name, content in sorted(files.items()):
        path = directory / name
        try:
            if path.stat().st_size == len(content) and path.read_bytes() == content:
                continue
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return {name: len(content) for name, content in files.items()}


def main(argv: list[str] | None = None) -> int:
    """``python -m build_tools.search.index SITE_DIR LANG``: write the index of the edition built in
    SITE_DIR (the site stage runs it for each edition once MkDocs has exited, build_tools/site)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[1] not in ("zh", "en"):
        print("usage: python -m build_tools.search.index SITE_DIR zh|en", file=sys.stderr)
        return 2
    root = Path(args[0])
    if not (root / "index.html").is_file():
        print(f"error: {root}: not a built edition (no index.html); run the MkDocs build first", file=sys.stderr)
        return 1
    write_index(root, args[1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
