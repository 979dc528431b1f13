"""A synthetic corpus of N seed-like plans: the seeds' lines recombined under other place names.

Each synthetic plan takes one seed as its skeleton (its headings and numbered items, so the parser finds
the same structure), replaces seven in ten unnumbered body paragraphs by a body paragraph drawn from
any seed, and renames the seed's places (天津市宝坻区,
宝坻区, 宝坻, 天津市 …) to a generated place (e.g. 清河市安平区). The text is therefore varied (different
paragraph mixes and places), not copies, while every sentence is real plan language.

    python tests/benchmarks/synthetic_plans.py 300 /tmp/synthetic   # writes 300 .txt sources

Deterministic for a given N (random.Random(N)). Used by tests/benchmarks/bench_search.py.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.ingest.readers import SourceText, read_source  # noqa: E402
from build_tools.parse.plan import parse_plan  # noqa: E402
from build_tools.paths import SOURCES  # noqa: E402
from build_tools.pipeline import source_files  # noqa: E402

# 一、总体要求 / （一）指导思想 / 1．积极构建低碳工业体系 / 第一章: lines that carry the outline
STRUCTURE_LINE = re.compile(r"^\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[．.、]|第[一二三四五六七八九十]+[章节])")
# characters for generated place names: common in real place names, few enough to read as places
PLACE_CHARACTERS = "安平清河东西南北阳江山宁远兴华丰泰新城昌永和德康瑞桥湖林源浦明广云海定"
BODY_MIN_CHARACTERS = 30


def seed_texts() -> list[tuple[SourceText, list[str]]]:
    """Each seed source with the place names to replace, longest first (天津市宝坻区 before 宝坻)."""
    seeds = []
    for path in source_files(SOURCES):
        text = read_source(path)
        plan = parse_plan(text)
        region, parent = plan.region, plan.parent_region or ""
        seeds.append((text, place_roles(parent, region)))
    return seeds


def place_roles(parent: str, region: str) -> dict[str, str]:
    """The forms a place is printed in, by role: 天津市宝坻区, 宝坻区, 宝坻, 天津市, 天津."""
    roles = {"full": parent + region, "region": region, "region_stem": region[:-1], "parent": parent, "parent_stem": parent[:-1]}
    return {role: name for role, name in roles.items() if len(name) >= 2 and name}


def generate_places(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """``count`` distinct (parent, region) pairs such as (清河市, 安平区)."""
    places: list[tuple[str, str]] = []
    seen = set()
    while len(places) < count:
        parent = "".join(rng.sample(PLACE_CHARACTERS, 2)) + "市"
        region = "".join(rng.sample(PLACE_CHARACTERS, 2)) + rng.choice("区县")
        if region[:2] != parent[:2] and (parent, region) not in seen:
            seen.add((parent, region))
            places.append((parent, region))
    return places


def recombine(text: str, pool: list[str], names: dict[str, str], parent: str, region: str, rng: random.Random) -> str:
    """One seed's lines with body paragraphs drawn from the pool, items shuffled, places renamed."""
    lines = text.split("\n")
    out = []
    for line in lines:
        stripped = line.strip()
        if len(stripped) >= BODY_MIN_CHARACTERS and not STRUCTURE_LINE.match(stripped) and rng.random() < 0.7:
            line = rng.choice(pool)
        out.append(line)
    joined = "\n".join(out)
    new = place_roles(parent, region)
    old = sorted(names.items(), key=lambda item: len(item[1]), reverse=True)
    for index, (role, name) in enumerate(old):  # placeholders first, so 宝坻 inside 宝坻区 is not renamed twice
        joined = joined.replace(name, f"\x00{index}\x00")
    for index, (role, name) in enumerate(old):
        joined = joined.replace(f"\x00{index}\x00", new.get(role, name))
    return joined


def synthetic_sources(count: int) -> list[SourceText]:
    """``count`` synthetic sources (deterministic for ``count``)."""
    rng = random.Random(count)
    seeds = seed_texts()
    pool = sorted({line for text, _ in seeds for line in text.text.split("\n")
                   if len(line.strip()) >= BODY_MIN_CHARACTERS and not STRUCTURE_LINE.match(line.strip())})
    sources = []
    for number, (parent, region) in enumerate(generate_places(count, rng)):
        seed, names = seeds[number % len(seeds)]
        body = recombine(seed.text, pool, names, parent, region, rng)
        sources.append(SourceText(file=f"synthetic_{number:05d}.txt", sha256=f"{number:064d}", text=body))
    return sources


def synthetic_plans(count: int) -> list:
    """The synthetic sources parsed; a source the parser rejects is skipped (and counted on stderr)."""
    plans, failed, ids = [], 0, set()
    for source in synthetic_sources(count):
        try:
            plan = parse_plan(source)
        except Exception:  # noqa: BLE001 - a benchmark corpus: count and go on
            failed += 1
            continue
        if plan.id in ids:
            plan = plan.model_copy(update={"id": f"{plan.id}-{len(ids)}"})
        ids.add(plan.id)
        plans.append(plan)
    if failed:
        print(f"{failed} synthetic sources did not parse", file=sys.stderr)
    return plans


if __name__ == "__main__":
    count, directory = int(sys.argv[1]), Path(sys.argv[2])
    directory.mkdir(parents=True, exist_ok=True)
    for source in synthetic_sources(count):
        (directory / source.file).write_text(source.text, encoding="utf-8")
    print(f"wrote {count} sources to {directory}")
