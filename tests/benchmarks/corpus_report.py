"""Per-file report on the real corpus in ../shared/corpus (not committed): what each PDF yielded.

Run with `make corpus-report`; prints a Markdown table and the wall-clock time."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.pipeline import account, parse_files  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


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
    print(f"\n{len(result.plans)} plans from {len(pdfs)} PDFs in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
