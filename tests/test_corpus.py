"""The 39 real policy PDFs of ../shared/corpus (never committed): every one ingests and yields a plan
with actions, tasks and targets, with every line of its text accounted for. Skipped where the corpus
is absent (a user's clone)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.pipeline import account, parse_files

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PDFS = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(not PDFS, reason=f"no corpus at {CORPUS} (it is not part of the repository)")


@pytest.fixture(scope="module")
def corpus():
    return parse_files(PDFS)


def test_every_corpus_pdf_becomes_a_plan(corpus):
    assert corpus.errors == []
    assert len(corpus.plans) == len(PDFS) == 39
    assert len({plan.id for plan in corpus.plans}) == 39


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.name.split("、")[0])
def test_each_plan_has_actions_tasks_and_accounted_text(corpus, pdf):
    plan = next(p for p in corpus.plans if p.sources[0].file == pdf.name)
    assert plan.actions and sum(len(a.tasks) for a in plan.actions) >= 3, plan.title
    for file, (done, total) in account(plan, corpus.texts).items():
        assert done == total, file


def test_the_national_plan_has_its_ten_actions(corpus):
    plan = next(p for p in corpus.plans if p.sources[0].file == "2、2030年前碳达峰行动方案.pdf")
    assert plan.id == "national-2021"
    assert [plan.action_title(a) for a in plan.actions] == [
        "能源绿色低碳转型行动", "节能降碳增效行动", "工业领域碳达峰行动", "城乡建设碳达峰行动", "交通运输绿色低碳行动",
        "循环经济助力降碳行动", "绿色低碳科技创新行动", "碳汇能力巩固提升行动", "绿色低碳全民行动", "各地区梯次有序碳达峰行动",
    ]
    assert [a.theme for a in plan.actions] == ["energy", "efficiency", "industry", "urban-rural", "transport", "circular",
                                               "innovation", "carbon-sinks", "society", "regions"]
    targets = {(t.year, t.value, t.unit) for t in plan.targets}
    assert (2025, 20, "%") in targets and (2030, 25, "%") in targets  # 非化石能源消费比重 20% / 25%左右


def test_seeds_and_corpus_build_one_strict_site_with_working_links(corpus, seed_plans, site_builder, tmp_path):
    """43 plans of every layout through render, `mkdocs build --strict` and the link checker."""
    from tests.sitecheck import broken_links

    from tests.test_english_edition import chinese_outside_lang_zh

    plans = corpus.plans + list(seed_plans.values())
    site = site_builder(plans, tmp_path)
    assert broken_links(site) == []
    for plan in plans:
        assert (site / "plans" / plan.id / "index.html").exists()
    # English pages of 39 untranslated plans of every layout: no Chinese outside lang="zh" either
    assert chinese_outside_lang_zh(site) == {}


def test_no_heading_is_glued_to_the_sentence_before_it(corpus):
    """A marker after 。 or ； on one line of a PDF's text: 定西 (360) had six (…基本实现。 二、推进); the
    reader puts a heading printed after a paragraph indent on its own line (ingest/pdf.py)."""
    import re

    from build_tools.parse.patterns import MARKER_START

    glued = []
    for file, text in corpus.texts.items():
        for line in re.split(r"[\r\n\f]+", text):
            glued += [(file, line[m.start() - 10:m.end() + 8]) for m in re.finditer(r"[。；][ \t\u3000]*", line)
                      if m.end() < len(line) and MARKER_START.match(line[m.end():m.end() + 16])]
    assert glued == []
    plan = next(p for p in corpus.plans if p.sources[0].file.startswith("360、"))
    chapters = [s.text for s in plan.sections if s.kind == "heading" and s.depth == 1]
    assert chapters[:8] == ["总体目标", "推进生产体系绿色升级", "完善绿色循环流通体系", "打造绿色消费体系", "建设绿色基础设施",
                            "构建绿色技术创新体系", "健全绿色法规政策体系", "强化组织实施保障"]
