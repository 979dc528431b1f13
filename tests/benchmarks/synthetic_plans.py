"""A synthetic corpus of N seed-like plans: the seeds' lines recombined under other place names.

Each synthetic plan takes one seed as its skeleton (its headings and numbered items, so the parser finds
the same structure), replaces seven in ten unnumbered body paragraphs by a body paragraph drawn from
any seed, and renames the seed's places (天津市宝坻区, 宝坻区, 宝坻, 天津市 …) to a division of the national
gazetteer and its parent (石家庄市井陉县, 河北省石家庄市, or a province alone). The divisions are drawn
without replacement from all of the gazetteer's 3,212, so N plans have China's proportions of
provinces, cities, counties and districts (at 3,000: about 31, 310 and 2,660) and its geography: the
pages and bundles by province, and the namesakes (朝阳区 of Beijing and of Changchun), are those real
plans make. The text is therefore varied (different paragraph mixes and places), not copies, while
every sentence is real plan language.

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
from build_tools.link.gazetteer import load_gazetteer, split_name  # noqa: E402
from build_tools.parse.plan import parse_plan  # noqa: E402
from build_tools.paths import SOURCES  # noqa: E402
from build_tools.pipeline import source_files  # noqa: E402

# 一、总体要求 / （一）指导思想 / 1．积极构建低碳工业体系 / 第一章: lines that carry the outline
STRUCTURE_LINE = re.compile(r"^\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[．.、]|第[一二三四五六七八九十]+[章节])")
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
    """The forms a place is printed in, by role: 天津市宝坻区, 宝坻区, 宝坻, 天津市, 天津 (a province is its
    own parent: 河北省, not 河北省河北省)."""
    full = region if parent == region else parent + region
    roles = {"full": full, "region": region, "region_stem": split_name(region)[0], "parent": parent,
             "parent_stem": split_name(parent)[0] if parent else ""}
    return {role: name for role, name in roles.items() if len(name) >= 2}


def generate_places(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """``count`` distinct (parent, division) pairs of the gazetteer: (石家庄市, 井陉县), (河北省, 石家庄市),
    and for a province (河北省, 河北省), so that the seed's 天津市 becomes the province too."""
    gazetteer = load_gazetteer()
    divisions = list(gazetteer)
    if count > len(divisions):
        raise SystemExit(f"synthetic_plans: {count} plans asked for, the gazetteer has {len(divisions)} divisions")
    places = []
    for region in rng.sample(divisions, count):
        parent = gazetteer.parent_of(region)
        places.append((parent.name if parent else region.name, region.name))
    return places


def recombine(text: str, pool: list[str], names: dict[str, str], parent: str, region: str, rng: random.Random) -> str:
    """One seed's lines with body paragraphs drawn from the pool, places renamed. The head (the lines before
    the first outline line: title, notice, issuer, date) is kept: a long title line drawn away left 5% of
    the plans without one, and the parser rightly refused them."""
    lines = text.split("\n")
    out = []
    in_head = True
    for line in lines:
        stripped = line.strip()
        in_head = in_head and not STRUCTURE_LINE.match(stripped)
        if (not in_head and len(stripped) >= BODY_MIN_CHARACTERS and not STRUCTURE_LINE.match(stripped)
                and rng.random() < 0.7):
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
