"""Postings of the search index: which entries hold a token, as varints in JSON-safe characters; the
shards they are grouped in by token hash; a hot token's own file, written relative to a base when the
token is mostly found beside it.

Overlapping bigrams come in chains: 碳达 is in 68,525 entries, 68,523 of which also hold 达峰 (碳达峰),
and 绵城 is in every entry holding 海绵 (海绵城市). Such a token costs nearly nothing written as the subset
of its base's entries (a run of "0"s that gzip packs to a few bytes) plus the few entries outside it: at
3,000 synthetic plans the hot tokens' files are 23.0 MB gzip written alone and 16.1 MB with 5,300 of
them written relative to a base (measured with tests/benchmarks/bench_search_scale.py). Bases are hot
tokens of their own; a token mostly beside its base is rarely a word of its own (深发, 进鸭, 展资: the
seam between two words), so a query rarely needs a base it does not hold.

``search.js`` decodes the same formats (``decodeVarints``, ``decode``, ``decodeRelative``).
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable

from build_tools.search.tokens import HAN_RUN, token_hash

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
BASE_SAMPLE = 24
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


def choose_bases(postings: dict[str, array], hot: list[str], text_of: Callable[[int], str]) -> dict[str, str]:
    """Hot token -> the hot token it is written against, one it is mostly written beside (碳达 -> 达峰 in
    碳达峰, 绵城 -> 海绵 in 海绵城市): in at least CONTAINED of a sample of its entries (``text_of``: an
    entry's normalised text) the two are written as one trigram. Beside, not merely in the same entry:
    储能 is in entries holding 能源 but is a word of its own, which a query should fetch alone. Tokens are
    taken from the most frequent; a base is never itself relative (a query fetches at most one more file)."""
    by_first, by_last = defaultdict(list), defaultdict(list)
    bigrams = sorted((t for t in hot if is_bigram(t)), key=lambda t: (-len(postings[t]), t))
    chosen: dict[str, str] = {}
    allowed = BASE_SAMPLE - int(CONTAINED * BASE_SAMPLE)
    for token in bigrams:
        values = postings[token]
        texts = [text_of(values[len(values) * (2 * k + 1) // (2 * BASE_SAMPLE)] >> 1) for k in range(BASE_SAMPLE)]
        scored = []
        # 低碳 before 碳达 (低碳达), 达峰 after it (碳达峰)
        for base, written in [(b, b[0] + token) for b in by_last[token[0]]] + [(b, token + b[1]) for b in by_first[token[1]]]:
            if len(postings[base]) < CONTAINED * len(values):
                continue
            misses = 0
            for text in texts:
                misses += written not in text
                if misses > allowed:
                    break
            else:
                scored.append((BASE_SAMPLE - misses, -len(postings[base]), base))
        best = max(scored)[2] if scored else None
        if best is None:
            by_first[token[0]].append(token)
            by_last[token[1]].append(token)
        else:
            chosen[token] = best
    return chosen


def encode_hot(postings: dict[str, array], hot: list[str], text_of: Callable[[int], str]) -> tuple[dict[str, str | list[str]], dict[str, str]]:
    """The hot tokens' files' contents (varints, or [inside, outside] against a base) and their bases,
    those written relative to a base holding at least CONTAINED of their entries (checked exactly)."""
    chosen = choose_bases(postings, hot, text_of)
    by_base: dict[str, list[str]] = defaultdict(list)
    for token, base in sorted(chosen.items()):
        by_base[base].append(token)
    contents: dict[str, str | list[str]] = {token: encode_postings(postings[token]) for token in hot if token not in chosen}
    bases: dict[str, str] = {}
    for base, tokens in sorted(by_base.items()):
        position = {value >> 1: index for index, value in enumerate(postings[base])}
        for token in tokens:
            values = postings[token]
            if sum(value >> 1 in position for value in values) >= CONTAINED * len(values):
                contents[token], bases[token] = encode_relative(values, postings[base], position), base
            else:
                contents[token] = encode_postings(values)
    return contents, bases


def shard_postings(postings: dict[str, array], text_of: Callable[[int], str], mean_bytes: int = SHARD_BYTES,
                   hot_bytes: int = HOT_TOKEN_BYTES, pack=None) -> tuple[list[dict], list]:
    """Split the postings by token hash into the fewest (power of two) shards of ``mean_bytes`` at most;
    a token whose postings exceed ``hot_bytes`` goes to a file of its own (h/), its shard holding
    [file, bytes] or, written against a base, [file, bytes, base's file, base's bytes] (``pack`` gives a
    file's bytes on disk: what a query weighs before fetching it).

    Returns the shards and the hot files (``pack``ed; hot file n is the n-th hot token in sorted order)."""
    encoded = {token: encode_postings(values) for token, values in postings.items()}
    hot = sorted(token for token, text in encoded.items() if len(text) > hot_bytes)
    contents, bases = encode_hot(postings, hot, text_of)
    files = [pack(contents[token]) if pack else contents[token] for token in hot]
    number = {token: n for n, token in enumerate(hot)}
    weight = {token: len(files[n]) if pack else len(str(files[n])) for token, n in number.items()}
    value: dict[str, str | list[int]] = dict(encoded)
    for token in hot:
        value[token] = [number[token], weight[token]] + ([number[bases[token]], weight[bases[token]]] if token in bases else [])
    total = sum(len(token.encode("utf-8")) + len(str(text)) + 6 for token, text in value.items())  # as JSON, about
    count = 1
    while count < MAX_SHARDS and total > count * mean_bytes:
        count *= 2
    shards: list[dict] = [{} for _ in range(count)]
    for token in sorted(value):
        shards[token_hash(token) % count][token] = value[token]
    return shards, files
