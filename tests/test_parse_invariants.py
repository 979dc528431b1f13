"""Invariants that hold for every plan built: over the seeds always, over ../shared/corpus where present
(issue 9: repeated task ids, paragraphs taken as task titles, internal errors, documents that are not plans)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from build_tools.ingest.readers import SourceText
from build_tools.parse.invariants import LONG_TITLE, TITLE_MAX_CHARS, not_a_plan, plan_problems, title_flags
from build_tools.parse.plan import parse_plan
from build_tools.pipeline import parse_files

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def check_every_plan(plans):
    for plan in plans:
        assert plan_problems(plan) == [], plan.id
        ids = Counter(t.id for a in plan.actions for t in a.tasks)
        assert [i for i, n in ids.items() if n > 1] == [], plan.id
        titles = [plan.title_of(t.segments[0]) for a in plan.actions for t in a.tasks]
        long_titles = {title for title in titles if len(title) > TITLE_MAX_CHARS}
        assert {f.text for f in plan.flags if f.kind == LONG_TITLE} == long_titles, plan.id


def test_invariants_hold_for_the_seeds(seed_plans):
    check_every_plan(seed_plans.values())


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS} (it is not part of the repository)")
def test_invariants_hold_for_the_corpus():
    result = parse_files(sorted(CORPUS.glob("*.pdf")))
    assert [e for e in result.errors if "internal" in e] == []
    assert result.errors == []  # every corpus file is a real plan: none is told it is not one
    check_every_plan(result.plans)


def parse(text: str):
    return parse_plan(SourceText(file="sample.txt", sha256="0" * 64, text=text))


def test_a_paragraph_taken_as_a_title_is_flagged():
    """362 大连市: the text layer lost the 。 after the title, so the title runs on for 123 characters."""
    plan = parse(
        "大连市贯彻落实实施方案\n四、健全绿色低碳循环发展的基础设施\n"
        "（十二）构建清洁低碳安全高效的能源体系 强化能源消费总量和强度双控 实行用能预算管理 重点管控化石能源消费提升可再生能源利用比例 "
        "推进海上风电、光伏发电、抽水蓄能等项目建设，着力打造庄河清洁能源产业\n"
        "（十三）改善城乡人居环境。相关空间性规划要贯彻绿色发展理念。\n"
    )
    flags = title_flags(plan)
    assert [(f.kind, f.text[:15]) for f in flags] == [(LONG_TITLE, "构建清洁低碳安全高效的能源体系")]
    assert flags[0].segment == "s4-12"
    assert [f.kind for f in plan.flags] == [LONG_TITLE]


def test_a_repeated_task_id_is_a_problem():
    plan = parse("某市碳达峰实施方案\n二、重点任务\n（一）能源转型\n1.发展风电。\n2.发展光伏。\n（二）工业降碳\n3.推进钢铁降碳。\n")
    broken = plan.model_copy(deep=True)
    broken.actions[0].tasks[1].id = broken.actions[0].tasks[0].id
    assert plan_problems(plan) == []
    assert plan_problems(broken) == ["task id t1-1 is used by 2 tasks", "segment s2-1-2 belongs to task 1.2, which does not exist"]


# 碳排放权交易管理办法（试行）: a regulation of articles
REGULATION = [
    "碳排放权交易管理办法（试行）",
    "第一章 总则",
    "第一条 为落实党中央、国务院关于建设全国碳排放权交易市场的决策部署，在应对气候变化和促进绿色低碳发展中充分发挥市场机制作用，推动温室气体减排，规范全国碳排放权交易及相关活动，根据国家有关温室气体排放控制的要求，制定本办法。",
    "第二条 本办法适用于全国碳排放权交易及相关活动，包括碳排放配额分配和清缴，碳排放权登记、交易、结算，温室气体排放报告与核查等活动，以及对前述活动的监督管理。",
    "第三条 全国碳排放权交易及相关活动应当坚持市场导向、循序渐进、公平公开和诚实守信的原则。",
]
# 247's covering notice, without the plan it issues
NOTICE_ONLY = [
    "关于印发《减污降碳协同增效实施方案》的通知",
    "环综合〔2022〕42号",
    "各省、自治区、直辖市和新疆生产建设兵团生态环境厅（局）、发展改革委、工业和信息化主管部门：",
    "《减污降碳协同增效实施方案》已经碳达峰碳中和工作领导小组同意，现印发给你们，请结合实际认真贯彻落实。",
    "生态环境部",
    "2022年6月10日",
]
NEWS = [
    "新华社北京10月24日电",
    "日前，中共中央、国务院印发《关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的意见》，对碳达峰碳中和这项重大工作进行系统谋划、总体部署。",
]


@pytest.mark.parametrize(
    ("lines", "message"),
    [(REGULATION, "a regulation of articles"), (NOTICE_ONLY, "a covering notice without the plan"), (NEWS, "a news report")],
    ids=["regulation", "notice-only", "news"],
)
def test_a_document_that_is_not_a_plan_gets_a_clear_message(lines, message, tmp_path):
    assert message in (not_a_plan(lines) or "")
    source = tmp_path / "doc.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = parse_files([source])
    assert result.plans == []
    assert len(result.errors) == 1 and result.errors[0].startswith("doc.txt: this is ") and message in result.errors[0]


def test_a_news_report_that_carries_the_plan_is_a_plan():
    """A 新华社 report printing the whole 意见 (as public copies of plan 1 do) is read as the plan."""
    plan = parse(
        "新华社北京10月24日电\n中共中央 国务院关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的意见\n（2021年9月22日）\n"
        "一、总体要求\n（一）指导思想。以习近平新时代中国特色社会主义思想为指导。\n"
        "二、推进经济社会发展全面绿色转型\n（三）强化绿色低碳发展规划引领。将碳达峰、碳中和目标要求全面融入经济社会发展中长期规划。\n"
        "（四）优化绿色低碳发展区域布局。持续优化重大生产力布局。\n"
    )
    assert [plan.title_of(t.segments[0]) for a in plan.actions for t in a.tasks] == ["强化绿色低碳发展规划引领", "优化绿色低碳发展区域布局"]
    assert plan.date == "2021-09-22"


def test_a_notice_followed_by_chapters_is_not_told_it_is_only_a_notice():
    """A real plan the parser fails on must not be told it is not a plan: the notice of 247 followed by
    chapters whose items are not recognised keeps the plan, flagged as having no tasks."""
    lines = NOTICE_ONLY + ["减污降碳协同增效实施方案", "一、面临形势", "二、总体要求", "三、加强源头防控"]
    assert not_a_plan(lines, has_chapters=True) is None
    plan = parse("\n".join(lines) + "\n")
    assert [f.kind for f in plan.flags] == ["no tasks"]
