"""Per-file report on the real corpus in ../shared/corpus (not committed): what each PDF yielded, and
the invariant counts that must hold for every plan (repeated task ids, task titles that are whole
paragraphs, plans without tasks, internal errors, plans per level).

Run with `make corpus-report`; prints a Markdown table, the invariant counts and the wall-clock time."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.parse.invariants import TITLE_MAX_CHARS as LONG_TITLE, plan_problems  # noqa: E402
from build_tools.pipeline import account, parse_files  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def invariant_counts(plans, errors) -> dict[str, int | str]:
    """The figures issue 9 asks for, over every plan parsed."""
    repeated = 0
    for plan in plans:
        ids = Counter(t.id for a in plan.actions for t in a.tasks)
        repeated += sum(n - 1 for n in ids.values() if n > 1)
    long_titles = sum(1 for p in plans for a in p.actions for t in a.tasks if len(p.title_of(t.segments[0])) > LONG_TITLE)
    levels = Counter(p.level for p in plans)
    return {
        "repeated task ids": repeated,
        "plans with repeated task ids": sum(1 for p in plans if len({t.id for a in p.actions for t in a.tasks}) < sum(len(a.tasks) for a in p.actions)),
        f"task titles over {LONG_TITLE} characters": long_titles,
        "plans with 0 tasks": sum(1 for p in plans if not any(a.tasks for a in p.actions)),
        "internal errors": sum(1 for e in errors if "internal" in e),
        "broken invariants (ids, segments, targets)": sum(len(plan_problems(p)) for p in plans),
        "documents told they are not a plan": sum(1 for e in errors if ": this is " in e),
        "other errors": sum(1 for e in errors if "internal" not in e and ": this is " not in e),
        "tasks": sum(len(a.tasks) for p in plans for a in p.actions),
        "tasks with agencies": sum(1 for p in plans for a in p.actions for t in a.tasks if t.agencies),
        "plans per level": ", ".join(f"{level} {n}" for level, n in sorted(levels.items(), key=lambda kv: str(kv[0]))),
    }


def main() -> int:
    pdfs = sorted(CORPUS.glob("*.pdf"), key=lambda p: int(p.name.split("、")[0]))
    if not pdfs:
        print(f"no corpus at {CORPUS}")
        return 0
    start = time.perf_counter()
    result = parse_files(pdfs)
    seconds = time.perf_counter() - start
    by_file = {plan.sources[0].file: plan for plan in result.plans}
    print("| file | plan id | level | date | actions | tasks | tasks with agencies | targets | text accounted |")
    print("|---|---|---|---|---:|---:|---:|---:|---:|")
    for pdf in pdfs:
        plan = by_file.get(pdf.name)
        if plan is None:
            print(f"| {pdf.name.split('、')[0]} | (error) | | | | | | | |")
            continue
        tasks = [t for a in plan.actions for t in a.tasks]
        done, total = account(plan, result.texts)[pdf.name]
        print(f"| {pdf.name.split('、')[0]} | {plan.id} | {plan.level} | {plan.date or plan.date_text or ''} | {len(plan.actions)} | "
              f"{len(tasks)} | {sum(1 for t in tasks if t.agencies)} | {len(plan.targets)} | {100 * done / max(total, 1):.1f}% |")
    for error in result.errors:
        print(f"error: {error}")
    print("\n| invariant | count |\n|---|---:|")
    for name, value in invariant_counts(result.plans, result.errors).items():
        print(f"| {name} | {value} |")
    print(f"\n{len(result.plans)} plans from {len(pdfs)} PDFs in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
