"""Readers by format: bytes of a source file -> Unicode text."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from build_tools.errors import SourceError

TEXT_SUFFIXES = {".txt", ".text", ".md"}
PDF_SUFFIXES = {".pdf"}
HTML_SUFFIXES = {".html", ".htm", ".shtml"}
SUPPORTED = sorted(TEXT_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES)
# a plan is 20 KB to 2 MB of text; a larger text or web page is not a plan (PDFs carry images, so more)
MAX_TEXT_BYTES = 16 * 1024 * 1024
MAX_PDF_BYTES = 128 * 1024 * 1024


@dataclass(frozen=True)
class SourceText:
    file: str
    sha256: str
    text: str
    format: str = "text"
    """text | pdf | html"""
    metadata: dict = field(default_factory=dict)
    """Metadata the source states apart from its text, e.g. a web page's 政务公开 table
    (索引号, 发布机构, 发文字号, 成文日期, 发文日期, 主题分类, 有效性)."""
    removed: tuple = ()
    """(text, reason) pairs the reader dropped, e.g. site chrome of a web page."""
    url: str | None = None
    """The address the source states for itself (a saved web page's canonical link), or None."""


def decode_text(data: bytes, file: str) -> str:
    """Bytes -> str: UTF-8 (with or without BOM) and UTF-16 by BOM, else charset-normalizer's best guess
    (GB18030/GBK copies of government pages are common)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise SourceError(file, "not a text file (no text encoding fits its bytes)")
    return str(best)


def read_source(path: Path) -> SourceText:
    """Read one source file by its format; raise SourceError naming the file for anything unusable."""
    name = path.name
    if not path.exists():
        raise SourceError(str(path), "no such file")
    if not path.is_file():
        raise SourceError(str(path), "not a file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise SourceError(name, f"unsupported format {path.suffix or '(no suffix)'}; expected one of {', '.join(SUPPORTED)}")
    size = path.stat().st_size
    limit = MAX_PDF_BYTES if suffix in PDF_SUFFIXES else MAX_TEXT_BYTES
    if size > limit:
        raise SourceError(name, f"the file is {size / 2**20:.1f} MB, more than the {limit / 2**20:.0f} MB a plan can be; is it the right file?")
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(name, "the file is empty")
    digest = hashlib.sha256(data).hexdigest()
    if suffix in PDF_SUFFIXES:
        from build_tools.ingest.pdf import extract_pdf_text

        return SourceText(file=name, sha256=digest, text=extract_pdf_text(data, name), format="pdf")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SourceError(name, "binary data in a text file")
    if suffix in HTML_SUFFIXES:
        from build_tools.ingest.html import extract_html

        page = extract_html(data, name)
        return SourceText(file=name, sha256=digest, text=page.text, format="html", metadata=page.metadata, removed=tuple(page.removed), url=page.url)
    return SourceText(file=name, sha256=digest, text=decode_text(data, name))
