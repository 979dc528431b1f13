"""Benchmark: parse and render the seeds (and a scaled-up corpus of copies), then a strict MkDocs build.

Run with `make bench`. Prints wall-clock figures; tests never assert time.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.ingest.readers import read_source  # noqa: E402
from build_tools.parse.plan import parse_plan  # noqa: E402
from build_tools.paths import SOURCES  # noqa: E402
from build_tools.pipeline import source_files  # noqa: E402


def timed(function, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    files = source_files(SOURCES)
    texts = [read_source(path) for path in files]
    size = sum(len(t.text) for t in texts)
    parse_all = lambda: [parse_plan(t) for t in texts]  # noqa: E731
    seconds = timed(parse_all)
    print(f"parse {len(texts)} seeds ({size} characters): {seconds * 1000:.0f} ms median of 5, "
          f"{size / seconds / 1000:.0f} k chars/s")
    plans = parse_all()
    from tests.conftest import build_site

    for copies in (1, 25):
        scaled = []
        for index in range(copies):
            for plan in plans:
                scaled.append(plan.model_copy(update={"id": f"{plan.id}-{index}"}))
        with tempfile.TemporaryDirectory() as workdir:
            start = time.perf_counter()
            site = build_site(scaled, Path(workdir))
            index = (site / "search" / "search_index.json").stat().st_size
            print(f"render + mkdocs build --strict, {len(scaled)} plans: {time.perf_counter() - start:.1f} s, "
                  f"search index {index / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
