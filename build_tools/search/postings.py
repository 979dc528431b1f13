"""Postings of the search index: which entries hold a token, as varints in JSON-safe characters; the
shards they are grouped in by token hash; a hot token's own file, written relative to a base when the
token is mostly written beside it.

Overlapping bigrams come in chains: 碳达 is in 68,531 entries, and written 碳达峰 in almost all of them;
绵城 is in every entry holding 海绵 (海绵城市). Such a token costs nearly nothing written as the subset
of its base's entries (a run of "0"s that gzip packs to a few bytes) plus the few entries outside it: at
3,000 synthetic plans the hot tokens' files take 27.7 MB written alone and 19.0 MB with 8,100 of their
12,200 written relative to a base (measured with tests/benchmarks/bench_search_scale.py). Bases are hot
tokens of their own; a token mostly beside its base is rarely a word of its own (深发, 进鸭, 展资: the
seam between two words), so a query rarely needs a base it does not hold.

The same sample tells which character a hot token is almost always written with (展改: 发展改革), which
lets the browser leave out the token that character makes (发展, 32 KB at 3,000 plans) from a phrase's
candidates: see ``choose_bases`` and ``chosenTokens`` in search.js.

``search.js`` decodes the same formats (``decodeVarints``, ``decode``, ``decodeRelative``).
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable

from build_tools.search.tokens import HAN_RUN, token_hash

# remember(key, make): make(), or a value a memo holds for the key (index.py Memo.get)
Remember = Callable[[bytes, Callable[[], object]], object]


def recompute(key: bytes, make: Callable[[], object]) -> object:
    """A ``Remember`` without a memo."""
    return make()

# a shard's mean size (before gzip): a query of a few tokens downloads a shard of about 2 KB for each
SHARD_BYTES = 4_000
MAX_SHARDS = 4096
# a token whose postings exceed this (before gzip) gets a file of its own (h/), so that the shard that
# would hold it stays small for every other token hashed there; about 600 entries. At 3,000 synthetic
# plans (bench_search_scale's pages) shards and hot files take 19.9 MB with 12,200 hot files, 21.2 MB
# with 7,400 at 2,000 (fewer hot tokens, fewer written against a base); with 512 shards instead of 1,024
# of 24 KB, ten queries read a median 101 KB to their first results instead of 114
HOT_TOKEN_BYTES = 1_000
# a hot token is written relative to a hot token it is written beside (碳达 to 达峰) in at least this share
# of its entries, estimated on a sample of its entries (to find it among all tokens sharing a character
# exactly would merge every pair of long lists: minutes at 3,000 plans), then checked exactly
CONTAINED = 0.8
BASE_SAMPLE = 48
# a token written against a base weighs at most this share of its file written alone (gzip)
RELATIVE_WEIGHT = 0.8
# a hot token's neighbour, written before or after it in at least this share of its (sampled) entries,
# lets a query leave out the token made of that neighbour: its entries add (almost) nothing
IMPLIED = 0.85
# postings are written as varints in 64 JSON-safe characters: a digit below 32 ends a number, a digit of
# 32 or more carries 5 bits and continues it (low bits first): 5 -> "5", 40 = 8 + 32 -> "e1"
VARINT_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
DIGIT_VALUE = {character: value for value, character in enumerate(VARINT_DIGITS)}


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
        digit = DIGIT_VALUE[character]
        value |= (digit & 31) << shift
        if digit < 32:
            numbers.append(value)
            value, shift = 0, 0
        else:
            shift += 5
    return numbers


def encode_postings(values: array) -> str:
    """[2 * entry + in_title, ...] -> varints of 2 * (entry delta) + in_title."""
    numbers, previous = [], 0
    for value in values:
        entry = value >> 1
        numbers.append(2 * (entry - previous) + (value & 1))
        previous = entry
    return encode_varints(numbers)


def decode(encoded: str) -> dict[int, bool]:
    """Varints of 2 * (entry delta) + in_title -> {entry: in_title}, in entry order."""
    postings, entry = {}, 0
    for number in decode_varints(encoded):
        entry += number >> 1
        postings[entry] = bool(number & 1)
    return postings


def encode_relative(values: array, base: array, position: dict[int, int]) -> list[str]:
    """A token's postings against its base's (``position``: entry -> index in ``base``) -> [inside, outside]:
    inside, varints of 2 * (index gap - 1) + (in_title xor the base's) for its entries in the base;
    outside, as ``encode_postings`` for the others. A token beside its base everywhere is "000…", "".

    >>> base = array("I", [0, 2, 5, 6])            # entries 0, 1, 2 (in_title), 3
    >>> encode_relative(array("I", [2, 4, 6, 18]), base, {0: 0, 1: 1, 2: 2, 3: 3})
    ['210', 'I']
    """
    inside, outside, previous = [], array("I"), -1
    for value in values:
        index = position.get(value >> 1)
        if index is None:
            outside.append(value)
            continue
        inside.append(2 * (index - previous - 1) + ((value ^ base[index]) & 1))
        previous = index
    return [encode_varints(inside), encode_postings(outside)]


def decode_relative(encoded: list[str], base: dict[int, bool]) -> dict[int, bool]:
    """The inverse of ``encode_relative`` given the base's decoded postings, in entry order."""
    entries, found, index = list(base), {}, -1
    for number in decode_varints(encoded[0]):
        index += (number >> 1) + 1
        found[entries[index]] = base[entries[index]] != bool(number & 1)
    found.update(decode(encoded[1]))
    return dict(sorted(found.items()))


def is_bigram(token: str) -> bool:
    return len(token) == 2 and bool(HAN_RUN.fullmatch(token))


def written_beside(token: str, texts: list[str]) -> tuple[tuple[str, int], tuple[str, int]]:
    """The character written most often right before the token and right after it, each with the number
    of ``texts`` where it is (once is enough): 碳达 in 实现碳达峰目标 -> (现, 1), (峰, 1)."""
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for text in texts:
        left, right, start = set(), set(), text.find(token)
        while start >= 0:
            left.add(text[start - 1:start])
            right.add(text[start + 2:start + 3])
            start = text.find(token, start + 1)
        before.update(left - {""})
        after.update(right - {""})
    return (max(before.items(), key=lambda item: (item[1], item[0]), default=("", 0)),
            max(after.items(), key=lambda item: (item[1], item[0]), default=("", 0)))


def choose_bases(postings: dict[str, array], hot: list[str], text_of: Callable[[int], str],
                 remember: Remember = recompute) -> tuple[dict[str, str], dict[str, str]]:
    """For the hot bigrams, sampled on BASE_SAMPLE of their entries (``text_of``: an entry's text):

    - bases: token -> the hot token it is written against, one it is written beside (碳达 -> 达峰 in 碳达峰,
      绵城 -> 海绵 in 海绵城市) in at least CONTAINED of them, the less frequent of the two sides (the cheaper
      file for a query to fetch). Beside, not merely in the same entry: 储能 is in entries holding 能源 but
      is a word of its own, which a query should fetch alone. Tokens are taken from the most frequent; a
      base is never itself relative (a query fetches at most one more file);
    - neighbours: token -> the characters written before and after it in at least IMPLIED of them, as a
      string of two (a space where none is): 展改 -> "发革" (发展改革); a query for 发展改革委 needs 展改's
      postings, not 发展's: almost every entry holding 展改 holds 发展.
    """
    bigrams = sorted((t for t in hot if is_bigram(t)), key=lambda t: (-len(postings[t]), t))
    is_hot = set(hot)
    bases: dict[str, str] = {}
    pinned: set[str] = set()  # tokens some token is written against
    neighbours: dict[str, str] = {}
    for token in bigrams:
        values = postings[token]
        texts = [text_of(values[len(values) * (2 * k + 1) // (2 * BASE_SAMPLE)] >> 1) for k in range(BASE_SAMPLE)]
        key = b"b" + hashlib.sha256("\x00".join([token, *texts]).encode("utf-8")).digest()
        (before, left), (after, right) = remember(key, lambda: written_beside(token, texts))
        neighbours[token] = "".join(c if n >= IMPLIED * BASE_SAMPLE and HAN_RUN.fullmatch(c) else " " for c, n in ((before, left), (after, right)))
        if token in pinned:
            continue
        sides = [base for base, n in ((before + token[0], left), (token[1] + after, right))
                 if n >= CONTAINED * BASE_SAMPLE and base in is_hot and base not in bases and base != token]
        if sides:
            bases[token] = min(sides, key=lambda base: (len(postings[base]), base))
            pinned.add(bases[token])
    return bases, neighbours


def encode_hot(postings: dict[str, array], encoded: dict[str, str], hot: list[str], text_of: Callable[[int], str],
               weigh: Callable[[str | list[str]], int], remember: Remember = recompute) -> tuple[dict, dict[str, str], dict[str, str]]:
    """The hot tokens' files' contents (varints, or [inside, outside] against a base), their bases and
    neighbours. A token is written against its base if the base holds at least CONTAINED of its entries
    (checked exactly) and its file weighs at most RELATIVE_WEIGHT of its file written alone: 色建 against
    绿色 (绿色建筑) weighed nearly as much, and a query for 色建 would have read 绿色's 34 KB for nothing.

    ``remember(key, make)``: ``make()``, or what it gave last build for the same key (index.py ``Memo``);
    the keys are digests of what each result depends on (a token's postings and its base's; a token and
    the texts it was sampled in), so that a rebuild weighs again only the tokens whose postings changed."""
    chosen, neighbours = choose_bases(postings, hot, text_of, remember)
    by_base: dict[str, list[str]] = defaultdict(list)
    for token, base in sorted(chosen.items()):
        by_base[base].append(token)
    contents: dict[str, str | list[str]] = {token: encoded[token] for token in hot}
    bases: dict[str, str] = {}
    for base, tokens in sorted(by_base.items()):
        base_digest = hashlib.sha256(postings[base].tobytes()).digest()
        position: dict[int, int] = {}

        def relative_to_base(token: str) -> list[str]:
            """[inside, outside] against the base, or [] where the token is written alone."""
            values = postings[token]
            if not position:
                position.update((value >> 1, index) for index, value in enumerate(postings[base]))
            if sum(value >> 1 in position for value in values) < CONTAINED * len(values):
                return []
            relative = encode_relative(values, postings[base], position)
            return relative if weigh(relative) <= RELATIVE_WEIGHT * weigh(contents[token]) else []

        for token in tokens:
            key = b"r" + hashlib.sha256(base_digest + postings[token].tobytes()).digest()
            relative = remember(key, lambda: relative_to_base(token))
            if relative:
                contents[token], bases[token] = relative, base
    return contents, bases, neighbours


def shard_postings(postings: dict[str, array], text_of: Callable[[int], str], mean_bytes: int = SHARD_BYTES,
                   hot_bytes: int = HOT_TOKEN_BYTES, pack=None, encode: Callable[[array], str] = encode_postings,
                   remember: Remember = recompute) -> tuple[list[dict], list]:
    """Split the postings by token hash into the fewest (power of two) shards of ``mean_bytes`` at most;
    a token whose postings exceed ``hot_bytes`` goes to a file of its own (h/), its shard holding
    [file, bytes, neighbours] or, written against a base, [file, bytes, neighbours, base's file, base's
    bytes] (``pack`` gives a file's bytes on disk: what a query weighs before fetching it; neighbours,
    the characters written before and after it almost always, "发革" for 展改, see ``choose_bases``).

    Returns the shards and the hot files (``pack``ed; hot file n is the n-th hot token in sorted order).
    ``encode``: ``encode_postings``, or the same through a memo (index.py ``Memo``); ``remember``: that
    memo's, for the hot tokens' bases (``encode_hot``)."""
    encoded = {token: encode(values) for token, values in postings.items()}
    hot = sorted(token for token, text in encoded.items() if len(text) > hot_bytes)
    contents, bases, neighbours = encode_hot(postings, encoded, hot, text_of, (lambda content: len(pack(content))) if pack else (lambda content: len(str(content))),
                                             remember)
    files = [pack(contents[token]) if pack else contents[token] for token in hot]
    number = {token: n for n, token in enumerate(hot)}
    weight = {token: len(files[n]) if pack else len(str(files[n])) for token, n in number.items()}
    value: dict[str, str | list[int]] = dict(encoded)
    for token in hot:
        value[token] = [number[token], weight[token], neighbours.get(token, "  ")] + (
            [number[bases[token]], weight[bases[token]]] if token in bases else [])
    total = sum(len(token.encode("utf-8")) + len(str(text)) + 6 for token, text in value.items())  # as JSON, about
    count = 1
    while count < MAX_SHARDS and total > count * mean_bytes:
        count *= 2
    shards: list[dict] = [{} for _ in range(count)]
    for token in sorted(value):
        shards[token_hash(token) % count][token] = value[token]
    return shards, files
