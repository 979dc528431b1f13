"""Benchmark: the search index of N synthetic plans without building their site (index build time,
peak memory and size at 3,000 plans, where a full MkDocs build takes too long on a shared machine).

    python tests/benchmarks/bench_search_scale.py 3000 [--processes 2] [--write DIR]

The plans of tests/benchmarks/synthetic_plans.py are parsed (in worker processes; not timed as part
of the index) and each becomes a page of entries as the plan page shows them: one entry per segment,
a numbered segment's title as the entry's title (build_tools/search/extract.py reads the same from the
built page). Index pages (themes, targets, regions: about 13% of the text at 300 plans) are left out,
so the figures are for plan text only. Prints the index build time, the process's peak memory (the
parse runs in other processes) and the bytes per kind of file against the text. --write DIR writes the
index into DIR, which can stand for the search-index/ of a copy of a built site, so that
``bench_search.py COPY --no-recall`` times queries on 3,000 plans' index (its results link to pages the
copy does not have). Figures for notes.
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.search.extract import Entry  # noqa: E402
from build_tools.search.index import Page, build_index, entry_text  # noqa: E402
from tests.benchmarks.bench_search_index import print_sizes  # noqa: E402


def plan_page(plan) -> Page:
    """A parsed plan as the entries of its page (plans/<id>/), headings carried to the paragraphs after them."""
    url, entries, heading = f"plans/{plan.id}/", [], ""
    for segment in plan.sections:
        title = plan.title_of(segment.id) if segment.title_end is not None else ""
        body = plan.body_of(segment.id) if segment.title_end is not None else segment.text
        if segment.kind == "heading":
            title, body = segment.text, ""
        heading = title or heading
        entries.append(Entry(url=url, anchor=segment.id, title=title, body=body, heading=heading))
    return Page(url=url, title=plan.title, entries=entries, facets={"year": [str(plan.year or "")], "level": [plan.level or ""]})


def pages_of(numbers: tuple[int, int, int]) -> list[Page]:
    """The pages of synthetic sources start..stop of a corpus of ``count`` (a worker's share)."""
    from build_tools.parse.plan import parse_plan
    from tests.benchmarks.synthetic_plans import synthetic_sources

    count, start, stop = numbers
    pages = []
    for number, source in enumerate(synthetic_sources(count)[start:stop], start):
        try:
            plan = parse_plan(source)
        except Exception:  # noqa: BLE001 - a benchmark corpus: skip what does not parse
            continue
        page = plan_page(plan)
        pages.append(Page(url=f"plans/{plan.id}-{number}/", title=page.title,
                          entries=[Entry(f"plans/{plan.id}-{number}/", e.anchor, e.title, e.body, e.heading) for e in page.entries],
                          facets=page.facets))
    return pages


def main() -> None:
    count = int(sys.argv[1])
    processes = int(sys.argv[sys.argv.index("--processes") + 1]) if "--processes" in sys.argv else 2
    step = -(-count // processes)
    start = time.perf_counter()
    with multiprocessing.Pool(processes) as pool:
        pages = [page for part in pool.map(pages_of, [(count, i, min(i + step, count)) for i in range(0, count, step)]) for page in part]
    parsed = time.perf_counter() - start
    text = sum(len(entry_text(e).encode("utf-8")) for p in pages for e in p.entries)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    files = build_index(pages, lang="zh")
    built = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(pages)} plan pages, {sum(len(p.entries) for p in pages)} entries, text {text / 1e6:.1f} MB; parsed in {parsed:.0f} s; "
          f"index built in {built:.1f} s, peak memory {peak:.0f} MB (pages alone {before:.0f} MB)")
    print_sizes(files, text)
    if "--write" in sys.argv:
        directory = Path(sys.argv[sys.argv.index("--write") + 1])
        for name, content in files.items():
            (directory / name).parent.mkdir(parents=True, exist_ok=True)
            (directory / name).write_bytes(content)
        print(f"written to {directory}")


if __name__ == "__main__":
    main()
