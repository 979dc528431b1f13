"""Benchmark: build the search index of an already built edition and print its size against the text.

    python tests/benchmarks/bench_search_index.py SITE_DIR [lang] [--write]

Prints the time to read the pages and to build the index, the process's peak memory, the entries, the
text's bytes (UTF-8, what the entries hold), and per kind of file (s/ postings shards, h/ hot tokens,
e/ entries, t/ sentences and their dictionary, f.json.gz filters, manifest) the bytes on disk (gzip, as served) and inflated.
--write writes the index into SITE_DIR/search-index/ (replacing it). Figures for notes; tests never
assert time.
"""

from __future__ import annotations

import gzip
import resource
import shutil
import sys
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.search.index import DICTIONARY, INDEX_DIRECTORY, MANIFEST, build_index, entry_text, read_site  # noqa: E402


def size_of(content: bytes, dictionary: bytes) -> tuple[int, int]:
    """(bytes on disk, bytes inflated): gzip, or raw deflate with the sentences' dictionary."""
    if content[:2] == b"\x1f\x8b":
        return len(content), len(gzip.decompress(content))
    return len(content), len(zlib.decompressobj(-15, zdict=dictionary).decompress(content))


def print_sizes(files: dict, text: int) -> None:
    """Each kind of index file (count, bytes on disk and inflated, largest) and the whole against the text."""
    total, dictionary = 0, gzip.decompress(files[DICTIONARY])
    for kind in ("s/", "h/", "e/", "t/", DICTIONARY, "f.json.gz", MANIFEST):
        names = [n for n in files if n.startswith(kind)]
        if not names:
            continue
        sizes = [size_of(files[n], dictionary) for n in names]
        disk, inflated = sum(d for d, _ in sizes), sum(i for _, i in sizes)
        total += disk
        print(f"{kind:16} {len(names):6} files, disk {disk / 1e6:6.2f} MB ({100 * disk / text:4.1f}% of the text), "
              f"inflated {inflated / 1e6:6.2f} MB, largest {max(d for d, _ in sizes) / 1e3:.1f} KB")
    print(f"index on disk {total / 1e6:.2f} MB = {100 * total / text:.1f}% of the text")


def main() -> None:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    root, lang = Path(arguments[0]), (arguments[1] if len(arguments) > 1 else "zh")
    start = time.perf_counter()
    pages = read_site(root)
    read = time.perf_counter() - start
    files = build_index(pages, lang=lang)
    built = time.perf_counter() - start - read
    text = sum(len(entry_text(e).encode("utf-8")) for p in pages for e in p.entries)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(pages)} pages, {sum(len(p.entries) for p in pages)} entries, text {text / 1e6:.1f} MB; "
          f"read {read:.1f} s, index {built:.1f} s, peak memory {peak:.0f} MB")
    print_sizes(files, text)
    if "--write" in sys.argv:
        directory = root / INDEX_DIRECTORY
        shutil.rmtree(directory, ignore_errors=True)
        for name, content in files.items():
            (directory / name).parent.mkdir(parents=True, exist_ok=True)
            (directory / name).write_bytes(content)
        print(f"written to {directory}")


if __name__ == "__main__":
    main()
