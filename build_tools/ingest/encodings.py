"""Text-layer encodings: characters a font or a web page put where Chinese punctuation belongs.

Three defects of real copies, each repaired by a named step; ``clean.clean_text`` applies the first
before it normalises widths (a GB code point may be a full-width digit: ꎲ is ２, then 2) and the other
two, ``repair_punctuation``, after:

- ``repair_gb_code_points``: a font whose ToUnicode map passes the GB2312 code of a symbol as its
  code point, so ，(GB A3AC) reads as ꎬ U+A3AC YI SYLLABLE and the full stop ．(GB A3AE) as ꎮ;
- ``repair_private_use_decimal_points``: a private-use code point drawn as the decimal point,
  ``下降31\U001001b074%`` (U+1001B0), which the target parser would read as ``74%``;
- ``repair_ascii_punctuation``: ``,`` ``;`` ``:`` typed half-width in Chinese text (``印发给你们,请遵照执行``),
  which the agency and metadata rules do not see as clause punctuation.

None of the 39 PDFs of shared/corpus needs the first two (the reader finds no Yi or private-use
character there); the issue's larger collection has both. Brackets are ``clean.normalize_brackets``.
"""

from __future__ import annotations

import re

from build_tools.ingest.govinfo import CJK

# the GB2312 rows of symbols: A1 (、。“”《》…) and A3 (full-width ASCII: ！，．：；？（）…); read as code
# points, both rows fall inside the Yi Syllables block (U+A000–U+A48F), which no plan is written in
GB_SYMBOL_ROWS = (0xA1, 0xA3)
GB_CELLS = range(0xA1, 0xFF)
YI_SYLLABLES = range(0xA000, 0xA490)
# ．(GB A3AE) is the sentence full stop in these fonts: 加快推进ꎮ -> 加快推进。 ; after the number of
# an item at the start of a line it is the item's point: 1ꎮ 加快构建 -> 1．加快构建
FULLWIDTH_FULL_STOP = "．"
ITEM_NUMBER_BEFORE = re.compile(r"(?:^|\n)[ \t\u3000]*\d{1,2}$")
# 31\U001001b074% (a private-use code point between digits): the BMP area and planes 15-16
PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
PRIVATE_USE_DECIMAL_POINT = re.compile(rf"(?<=\d)[{PRIVATE_USE}](?=\d)")
# half-width , ; : next to a Chinese character or Chinese punctuation: 给你们,请 / 气温:15 / 阵风7;今天
CJK_SIDE = rf"{CJK}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201d"
ASCII_PUNCTUATION = re.compile(rf"(?<=[{CJK_SIDE}])[,;:]|[,;:](?=[{CJK_SIDE}])")
FULL_WIDTH = {",": "，", ";": "；", ":": "："}


def gb_symbol(char: str) -> str | None:
    """``ꎬ`` (U+A3AC) -> ``，`` (GB2312 A3AC); None for a code point that is no GB2312 symbol."""
    code = ord(char)
    if code not in YI_SYLLABLES or code >> 8 not in GB_SYMBOL_ROWS or code & 0xFF not in GB_CELLS:
        return None
    try:
        return bytes((code >> 8, code & 0xFF)).decode("gb2312")
    except UnicodeDecodeError:
        return None


def repair_gb_code_points(text: str) -> str:
    """``推动经济社会发展全面绿色转型ꎬ助力全国碳达峰ꎮ`` -> ``…绿色转型，助力全国碳达峰。``.

    Scope: Yi syllables whose code point, read as two GB2312 bytes, is a symbol of rows A1 or A3; a
    full-width letter or digit this gives is left to ``clean.normalize_characters``.
    """
    if not any(ord(c) in YI_SYLLABLES for c in text):
        return text
    out: list[str] = []
    for char in text:
        symbol = gb_symbol(char)
        if symbol == FULLWIDTH_FULL_STOP and not ITEM_NUMBER_BEFORE.search("".join(out[-4:])):
            symbol = "。"
        out.append(symbol or char)
    return "".join(out)


def repair_private_use_decimal_points(text: str) -> str:
    """``单位地区生产总值二氧化碳排放下降31\U001001b074%`` -> ``下降31.74%``.

    Scope: one private-use code point between two digits; elsewhere such a code point is left as
    printed (it draws something this step cannot know).
    """
    return PRIVATE_USE_DECIMAL_POINT.sub(".", text)


def repair_ascii_punctuation(text: str) -> str:
    """``现将《…》印发给你们,请遵照执行`` -> ``…印发给你们，请遵照执行``; ``阵风7;今天`` -> ``阵风7；今天``.

    Scope: , ; : with a Chinese character or Chinese punctuation on one side. Between digits
    (``1,000``, ``10:30``), in URLs (``http://``) and in Latin text (``CO2, SO2``) they stay.
    """
    return ASCII_PUNCTUATION.sub(lambda m: FULL_WIDTH[m.group()], text)


def repair_punctuation(text: str) -> str:
    """The decimal-point and half-width punctuation steps, on text whose widths are normalised:
    ``下降31\U001001b074%,其中`` -> ``下降31.74%，其中``."""
    return repair_ascii_punctuation(repair_private_use_decimal_points(text))
