"""Plan ids are stable and unique: the seeds and the 39 corpus plans keep the ids they were published
under (the national gazetteer pins their slugs), and two different plans never share an id."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from build_tools.paths import PLANS
from build_tools.pipeline import distinct_ids, parse_files

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PDFS = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []

# the ids of the corpus plans as published before the national gazetteer (issue 11)
CORPUS_IDS = """
anhui-hefei-energy-retrofit-2022 beijing-low-carbon-pilots-2022 beijing-manufacturing chongqing-energy-efficiency-2022
fujian-data-centres fujian-longyan-green-economy-2022 fujian-sanming-green-finance-2022 gansu-dingxi-green-economy-2021
gansu-energy-saving-2022 gansu-tianshui-green-economy-2022 guangxi-dual-carbon-opinions-2022
guangxi-laibin-green-economy-2021 guangxi-wuzhou-green-economy-2022 hebei-energy-efficiency-2022
hunan-dual-carbon-opinions-2022 hunan-manufacturing-2022 jiangxi-shangrao-green-economy-2022
jilin-dual-carbon-opinions-2021 jilin-liaoyuan-green-economy-2022 liaoning-dalian-green-economy national-2021
national-data-centres national-dual-carbon-opinions-2021 national-green-consumption-2022 national-high-tech-zones
national-pollution-carbon-2022 national-public-institutions-2021 national-urban-rural neimenggu-baotou-carbon-sinks-2021
neimenggu-dual-carbon-opinions shandong-green-transition shanghai-green-economy-2021 sichuan-dazhou-policy-system-2022
sichuan-dual-carbon-opinions-2022 tianjin-energy-saving-2022 tianjin-green-economy-2022 yunnan-green-economy-2022
zhejiang-energy-efficiency-2022 zhejiang-innovation
""".split()


def test_seeds_keep_their_ids(seed_plans):
    ids = sorted(plan.id for plan in seed_plans.values())
    assert ids == ["changde-jinshi-2024", "tianjin-baodi-2023", "tianjin-nankai-2022", "tianjin-xiqing-2023"]
    assert ids == sorted(path.stem for path in PLANS.glob("*.yml"))


@pytest.mark.skipif(not PDFS, reason="../shared/corpus is not present")
def test_corpus_keeps_its_ids():
    result = parse_files(PDFS)
    assert sorted(plan.id for plan in result.plans) == sorted(CORPUS_IDS)


def test_different_plans_of_one_place_type_and_year_get_different_ids(seed_plans):
    """A draft and a final text that are not copies, and a third plan on the same id: the first by date
    keeps the id, the others get their status or their source's hash."""
    final = seed_plans["000_2b8445057e662679.txt"]
    source = final.sources[0]
    draft = final.model_copy(update={"status": "draft", "date": "2099-01-01",
                                     "sources": [source.model_copy(update={"sha256": "ab" * 32})]})
    other = final.model_copy(update={"date": "2099-02-01", "sources": [source.model_copy(update={"sha256": "cd" * 32})]})
    ids = [plan.id for plan in distinct_ids([other, draft, final])]
    assert ids == ["tianjin-baodi-2023", "tianjin-baodi-2023-cdcdcd", "tianjin-baodi-2023-draft"]
    assert max(Counter(ids).values()) == 1


def test_distinct_ids_leaves_distinct_plans_alone(seed_plans):
    plans = list(seed_plans.values())
    assert [p.id for p in distinct_ids(plans)] == sorted(p.id for p in plans)
