"""Web-page bytes -> str, decoded the way a browser would read a saved Chinese government page.

A byte-order mark decides first; then the bytes are tried as UTF-8, since scraped copies are often
re-encoded to UTF-8 but keep their old ``<meta charset="gb2312">``; then the charset the page declares
(``<meta charset>`` or ``<?xml encoding>``), with GB2312 and GBK widened to their superset GB18030 as the
WHATWG Encoding Standard does; and last charset-normalizer's guess. A page that fits none of them is a
``SourceError`` naming the file, never text with replacement characters.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from build_tools.errors import SourceError

# <meta charset="gb2312">  <meta http-equiv="Content-Type" content="text/html; charset=GBK">
META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# <?xml version="1.0" encoding="gb2312"?>
XML_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# declared names -> the codec a browser uses (WHATWG Encoding Standard): GB2312 and GBK pages are
# decoded as GB18030, their superset, since CMSs write characters like 䶮 into pages labelled gb2312
CHARSET_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030",
    "gb_2312-80": "gb18030", "csgb2312": "gb18030", "chinese": "gb18030", "windows-936": "gb18030",
    "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252",
}


def decode_html(data: bytes, file: str) -> str:
    """Bytes -> str: BOM, then valid UTF-8, then the declared charset, then charset-normalizer's guess.

    UTF-8 comes before the declaration because scraped copies are often re-encoded to UTF-8 but keep
    their ``<meta charset="gb2312">``; Chinese text in GB18030 is practically never valid UTF-8.
    """
    for bom, codec, name in ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
                             (codecs.BOM_UTF16_BE, "utf-16", "UTF-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise SourceError(file, f"the page starts with a {name} byte-order mark, but its bytes at {error.start} are not {name}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is None:
        raise SourceError(file, f"cannot decode the page: its bytes fit neither its declared charset ({declared or 'none'}) nor any other")
    return str(best)


def declared_charset(data: bytes) -> str | None:
    """The codec of ``<meta charset="gb2312">`` (-> ``gb18030``) in the page's head; None if absent or unknown."""
    head_end = data.find(b"</head>", 0, 16384)
    head = data[: head_end if head_end >= 0 else 16384]
    found = META_CHARSET.search(head) or XML_ENCODING.search(head)
    if not found:
        return None
    name = found.group(1).decode("ascii").lower()
    name = CHARSET_SUPERSETS.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return CHARSET_SUPERSETS.get(codec, codec)
