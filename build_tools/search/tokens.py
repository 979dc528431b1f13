"""Tokens of the search index: overlapping CJK character bigrams and stemmed Latin words, in text order.

Chinese is indexed as Lucene's CJKBigramFilter does: every run of Han characters gives its overlapping
bigrams (海绵城市 -> 海绵 绵城 城市), so a phrase of two or more characters is found exactly where it is
written, without a dictionary. Latin words are lowercased and stemmed lightly (``stem``). A token's
*position* is its ordinal in the text's token stream, so a phrase is a run of consecutive positions.
Between two runs separated by anything but spaces (a comma, a full stop, a one-character run) the
position skips one, so a chain never joins 海绵 at the end of one clause to 绵城 at the start of the next;
runs written together (2030年前) or apart by spaces (solar panels) stay consecutive.
A run of one Han character gives no token (a query of one character is refused, see ``is_searchable``).

``search.js`` implements the same functions (normalise, tokenise, stem, hash); tests run both on the
seed site's text and require identical output.
"""

from __future__ import annotations

import re

# a run of Han characters: CJK unified ideographs, extension A, compatibility ideographs, 〇 (二〇三〇年)
HAN_RUN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# a Latin word or number after normalisation: photovoltaics, 2030, co2
WORD = re.compile(r"[a-z0-9]+")
# a Han run or a word, whichever comes first: 到2030年 -> 到 | 2030 | 年
TOKEN_RUN = re.compile(HAN_RUN.pattern + r"|[a-z0-9]+")
FULLWIDTH_OFFSET = 0xFEE0  # Ａ (U+FF21) - A (U+0041); full-width ASCII U+FF01..U+FF5E
FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193


def normalise(text: str) -> str:
    """One character for one: full-width ASCII to ASCII, then lowercase ASCII (ＣＯ２ -> co2).

    Length-preserving, so offsets in the normalised text are offsets in the text as printed."""
    return text.translate(NORMALISE_TABLE)


# full-width ASCII (U+FF01..U+FF5E) to ASCII, then A-Z to a-z: one str.translate table
NORMALISE_TABLE = {code: code - FULLWIDTH_OFFSET for code in range(0xFF01, 0xFF5F)}
NORMALISE_TABLE.update({code: code + 32 for code in range(ord("A"), ord("Z") + 1)})
NORMALISE_TABLE.update({code: value + 32 for code, value in NORMALISE_TABLE.items() if ord("A") <= value <= ord("Z")})


def stem(word: str) -> str:
    """A plural stemmer after Harman's S-stemmer (plus -is and short words kept): policies -> policy, emissions -> emission,
    photovoltaics -> photovoltaic; bus, glass and gas stay as they are.

    Written here rather than taken from snowballstemmer because the browser must stem queries exactly as
    the index was stemmed: three rules are easy to keep identical in Python and JavaScript (tested),
    a port of Porter/Snowball is not."""
    if len(word) > 3 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("us", "ss", "is")):
        return word[:-1]
    return word


def tokenise(text: str) -> list[tuple[str, int, int, int]]:
    """(token, start, end, position) in text order; start/end are offsets in ``text``.

    >>> tokenise("推广光伏发电")
    [('推广', 0, 2, 0), ('广光', 1, 3, 1), ('光伏', 2, 4, 2), ('伏发', 3, 5, 3), ('发电', 4, 6, 4)]
    >>> tokenise("Solar PV panels, 光伏")
    [('solar', 0, 5, 0), ('pv', 6, 8, 1), ('panel', 9, 15, 2), ('光伏', 17, 19, 4)]
    """
    normalised = normalise(text)
    tokens, position, previous_end = [], 0, None
    for match in TOKEN_RUN.finditer(normalised):
        run, start = match.group(), match.start()
        if previous_end is not None and normalised[previous_end:start].strip(" "):
            position += 1  # a separator other than spaces: no chain across it
        previous_end = match.end()
        if "a" <= run[0] <= "z" or "0" <= run[0] <= "9":
            tokens.append((stem(run), start, match.end(), position))
            position += 1
        elif len(run) == 1:
            position += 1  # 到 in 到2030年: no token, but a break
        else:
            for i in range(len(run) - 1):
                tokens.append((run[i:i + 2], start + i, start + i + 2, position))
                position += 1
    return tokens


# what ``normalise`` changes that matters to tokens: A-Z, full-width digits and letters (０-９, Ａ-Ｚ, ａ-ｚ)
CHANGED_BY_NORMALISING = re.compile("[A-Z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def token_set(text: str) -> set[str]:
    """The distinct tokens of ``tokenise(text)``, fast (no offsets, no positions): what the index stores.

    >>> sorted(token_set("光伏发电，光伏"))
    ['伏发', '光伏', '发电']
    """
    tokens: set[str] = set()
    # normalising changes a token only where a letter is upper case or a letter or digit full width (a
    # full-width comma is a separator either way): most Chinese text has neither, and translate is slow
    for run in TOKEN_RUN.findall(normalise(text) if CHANGED_BY_NORMALISING.search(text) else text):
        if "a" <= run[0] <= "z" or "0" <= run[0] <= "9":
            tokens.add(stem(run))
        else:
            tokens.update(map(str.__add__, run, run[1:]))  # the bigrams, in C (27% faster than slicing)
    return tokens


def token_hash(token: str) -> int:
    """FNV-1a (32 bit) over the token's code points: picks the token's shard."""
    value = FNV_OFFSET
    for character in token:
        value = ((value ^ ord(character)) * FNV_PRIME) & 0xFFFFFFFF
    return value


# a query's phrases: "solar panels" in quotes is one phrase, else each space-separated word is one
QUERY_PART = re.compile(r'"([^"]+)"|(\S+)')


def query_parts(query: str) -> list[str]:
    """The phrases of a query, each must occur: 海绵城市 垃圾分类 -> two; "solar panels" -> one."""
    return [(quoted or bare).strip() for quoted, bare in QUERY_PART.findall(query) if (quoted or bare).strip(' "')]


def is_searchable(part: str) -> bool:
    """A phrase gives at least one token: one Han character alone (光) does not, and is refused."""
    return bool(tokenise(part))
