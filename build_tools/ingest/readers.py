"""Readers by format: bytes of a source file -> Unicode text."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from build_tools.errors import SourceError

TEXT_SUFFIXES = {".txt", ".text", ".md"}


@dataclass(frozen=True)
class SourceText:
    file: str
    sha256: str
    text: str


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
    """Read one source file; raise SourceError naming the file for anything unusable."""
    name = path.name
    if not path.exists():
        raise SourceError(str(path), "no such file")
    if not path.is_file():
        raise SourceError(str(path), "not a file")
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(name, "the file is empty")
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise SourceError(name, f"unsupported format {path.suffix or '(no suffix)'}; expected one of {sorted(TEXT_SUFFIXES)}")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SourceError(name, "binary data in a text file")
    text = decode_text(data, name)
    return SourceText(file=name, sha256=hashlib.sha256(data).hexdigest(), text=text)
