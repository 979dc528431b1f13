"""Benchmark of the whole build at national scale: `make bench N=300` (figures for notes; tests never
assert time).

In a scratch copy of the project (the code, taxonomy, templates and configs of this checkout; the data is
N synthetic seed-like plans from synthetic_plans.py, no translations), it runs each stage as the README
does — `plansite ingest`, `parse`, `render`, `site` (both editions) — and prints for each its wall time and
the peak memory of its process tree (sampled from /proc every 0.1 s, each process's proportional set size: the
two MkDocs builds run at once and the render stage's worker shares the atlas with its parent, so the sum of
their shares is what the machine must hold). Then the site: files, megabytes, the largest files, the search
index; a rebuild after one plan's source changes (one sentence, as an editor's fix would: `plansite parse`,
`plansite render` and `plansite site --dirty`, with the build cache the full build left); and, in the same
run, plain Material (no hooks, no search, the same Markdown extensions) building the Chinese plan pages
alone, for the ratio the issue asks for.

    python tests/benchmarks/bench_build.py 300 [--workdir /tmp/bench-300] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# what a build needs from the checkout (data/sources, data/plans and data/translations are the benchmark's own)
SKELETON = ("build_tools", "overrides", "mkdocs.yml", "mkdocs.en.yml", "pyproject.toml", "data/taxonomy", "data/corrections",
            "content/assets", "content/zh/about.md", "content/en/about.md")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
# the memory sampler's interval: reading every process's smaps_rollup each 0.1 s took 18% of a core at
# 3,000 plans (1 min 21 s of CPU in the first 7 minutes), taken from the 2 cores the build is timed on
SAMPLE_SECONDS = 0.5


def resident(pid: int, rss_pages: int) -> int:
    """A process's share of the memory in use: its proportional set size (Pss in smaps_rollup: a page
    shared by n processes counts 1/n in each, so forked workers sharing the atlas are not counted twice),
    or its resident size where the kernel does not say."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as stream:
            for line in stream:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss_pages * PAGE_SIZE


def tree_memory(root_pid: int) -> int:
    """Memory of a process and all its descendants (Linux /proc): the sum of their ``resident``."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stream:
                fields = stream.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)  # fields[1] is the parent's pid
        rss[pid] = int(fields[21])  # resident pages
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        if pid in rss:
            total += resident(pid, rss[pid])
        stack.extend(children.get(pid, ()))
    return total


def run(command: list[str], cwd: Path, env: dict) -> tuple[float, int, int]:
    """(seconds, peak bytes of the process tree, exit code) of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_memory(process.pid))
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    sampler.join()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        print(f"  {' '.join(command[2:])} exited with {process.returncode}:\n{stderr[-2000:]}", file=sys.stderr)
    return seconds, peak[0], process.returncode


def make_project(workdir: Path, count: int) -> None:
    from tests.benchmarks.synthetic_plans import synthetic_sources

    for relative in SKELETON:
        source, target = ROOT / relative, workdir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target)
    sources = workdir / "data" / "sources"
    sources.mkdir(parents=True)
    for source in synthetic_sources(count):
        (sources / source.file).write_text(source.text, encoding="utf-8")


def site_figures(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    sizes = sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in files), reverse=True)
    index = [p for p in files if "search-index" in p.parts]
    return {"files": len(files), "bytes": sum(s for s, _ in sizes), "largest": sizes[:6],
            "index_files": len(index), "index_bytes": sum(p.stat().st_size for p in index),
            "over_10_mb": sum(1 for s, _ in sizes if s > 10 * 2**20)}


def plain_material(workdir: Path, env: dict) -> tuple[float, int]:
    """Plain Material on the Chinese plan pages alone: (seconds, peak bytes)."""
    plain = workdir / "plain"
    docs = plain / "docs"
    shutil.copytree(workdir / "content" / "zh" / "plans", docs / "plans")
    (docs / "index.md").write_text("# Plans\n", encoding="utf-8")
    (plain / "mkdocs.yml").write_text(
        "site_name: plain\ntheme:\n  name: material\n  language: zh\n  font: false\nplugins: []\n"
        "markdown_extensions:\n  - attr_list\n  - tables\n  - admonition\n  - toc:\n      permalink: true\n"
        "validation:\n  links:\n    not_found: info\n    anchors: info\n    unrecognized_links: info\n", encoding="utf-8")
    seconds, peak, _ = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain / "mkdocs.yml")], plain, env)
    return seconds, peak


def change_one_plan(workdir: Path) -> str:
    """Edit one sentence of one source, as a correction would: the first paragraph that ends in 。 gets a
    clause more."""
    path = sorted((workdir / "data" / "sources").iterdir())[len(list((workdir / "data" / "sources").iterdir())) // 2]
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines):
        if len(line) > 40 and line.endswith("。"):
            lines[number] = line[:-1] + "，并定期评估实施情况。"
            break
    path.write_text("\n".join(lines), encoding="utf-8")
    return path.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of synthetic plans")
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix=f"plan-atlas-bench-{args.count}-"))
    if workdir.exists() and any(workdir.iterdir()):
        sys.exit(f"{workdir} is not empty")
    env = dict(os.environ, PYTHONPATH=str(workdir), NO_MKDOCS_2_WARNING="1")
    env.pop("PLANSITE_CACHE", None)
    print(f"{args.count} synthetic plans in {workdir}, {os.cpu_count()} cores")
    make_project(workdir, args.count)
    plansite = [sys.executable, "-m", "build_tools"]
    stages = {}
    for stage in ("ingest", "parse", "render", "site"):
        stages[stage] = run(plansite + [stage], workdir, env)
        seconds, peak, code = stages[stage]
        print(f"  {stage:7s} {seconds:8.1f} s  peak {peak / 2**20:7.0f} MB" + ("" if code == 0 else f"  (exit {code})"))
    total = sum(s for s, _, _ in stages.values())
    print(f"  full build {total:.1f} s ({total / 60:.1f} min), peak {max(p for _, p, _ in stages.values()) / 2**20:.0f} MB")
    figures = site_figures(workdir / "site")
    print(f"site: {figures['files']:,} files, {figures['bytes'] / 1e6:.1f} MB; files over 10 MB: {figures['over_10_mb']}; "
          f"search index {figures['index_files']:,} files, {figures['index_bytes'] / 1e6:.1f} MB")
    for size, name in figures["largest"]:
        print(f"  {size / 1e6:7.2f} MB  {name}")
    plans = len(list((workdir / "data" / "plans").glob("*.yml")))
    print(f"plans built: {plans} of {args.count} sources")

    changed = change_one_plan(workdir)
    # what an editor runs after a correction: the stages again, the site as a dirty (incremental) build
    rebuild = {" ".join(stage): run(plansite + list(stage), workdir, env) for stage in (("parse",), ("render",), ("site", "--dirty"))}
    again = sum(s for s, _, _ in rebuild.values())
    print(f"rebuild after one change ({changed}): " + ", ".join(f"{k} {v[0]:.1f} s" for k, v in rebuild.items()) + f"; total {again:.1f} s")

    seconds, peak = plain_material(workdir, env)
    print(f"plain Material, the {plans} Chinese plan pages alone: {seconds:.1f} s, peak {peak / 2**20:.0f} MB; "
          f"this site's MkDocs stage (both editions, all pages) {stages['site'][0]:.1f} s = {stages['site'][0] / seconds:.1f}x")
    if not args.keep and args.workdir is None:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
