"""Benchmark: build the search index of an already built edition and print its size against the text.

    python tests/benchmarks/bench_search_index.py SITE_DIR [lang]

Prints the time to read the pages and to build the index, the entries, the text's bytes (UTF-8), and
the bytes of postings, chunks and manifest, raw and gzip-compressed (GitHub Pages serves gzip).
Figures for notes; tests never assert time.
"""

from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.search.index import INDEX_DIRECTORY, build_index, entry_text, read_site  # noqa: E402


def main() -> None:
    root, lang = Path(sys.argv[1]), (sys.argv[2] if len(sys.argv) > 2 else "zh")
    start = time.perf_counter()
    pages = read_site(root)
    read = time.perf_counter() - start
    files = build_index(pages, lang=lang)
    built = time.perf_counter() - start - read
    text = sum(len(entry_text(e).encode("utf-8")) for p in pages for e in p.entries)
    print(f"{len(pages)} pages, {sum(len(p.entries) for p in pages)} entries, text {text / 1e6:.1f} MB; "
          f"read {read:.1f} s, index {built:.1f} s")
    for kind, prefix in (("postings", "s/"), ("chunks", "c/"), ("manifest", "manifest")):
        names = [n for n in files if n.startswith(prefix)]
        raw = sum(len(files[n].encode("utf-8")) for n in names)
        packed = sum(len(gzip.compress(files[n].encode("utf-8"), 6)) for n in names)
        print(f"{kind}: {len(names)} files, {raw / 1e6:.2f} MB ({100 * raw / text:.0f}% of the text), "
              f"gzip {packed / 1e6:.2f} MB ({100 * packed / text:.0f}%), largest {max(len(files[n].encode()) for n in names) / 1e3:.0f} KB")
    directory = root / INDEX_DIRECTORY
    for name, content in files.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(content, encoding="utf-8")
    print(f"written to {directory}")


if __name__ == "__main__":
    main()
