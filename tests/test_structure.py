"""Plan layouts other than the seeds': the parser meets plans it has never seen."""

from __future__ import annotations

from build_tools.ingest.readers import SourceText
from build_tools.parse.plan import parse_plan

NO_KEY_TASKS_CHAPTER = """某某市某某县人民政府关于印发某某县碳达峰实施方案的通知
某某政发〔2023〕7号
2023年3月1日
某某县碳达峰实施方案
一、总体要求
（一）指导思想
以习近平新时代中国特色社会主义思想为指导。
（二）基本原则
1.统筹谋划。坚持全县一盘棋。
2.节约优先。把节约能源资源放在首位。
二、能源绿色低碳转型行动
（一）大力发展新能源。到2025年，全县光伏装机达到10—15万千瓦。（县发改局牵头，县自然资源局配合）
（二）严控煤炭消费。到2025年，煤炭消费比重下降至50%以下。（县发改局、县工信局按职责分工负责）
三、城乡建设碳达峰行动
（一）推广绿色建筑。到2025年，城镇新建建筑中绿色建筑面积占比达到100%。
（县住建局负责）
（二）推进农房节能改造。完成农房节能改造500户。（县住建局、各乡镇）
四、保障措施
（一）加强组织领导。成立县碳达峰碳中和工作领导小组。
"""

STRAIGHT_THROUGH = """某某市碳达峰实施方案
一、主要目标
到2025年，非化石能源消费比重达到20%左右。
二、重点任务
（一）能源转型
1.发展风电。到2025年，风电装机超过200万千瓦。
2.发展光伏。推进整县屋顶光伏。
（二）工业降碳
3.推进钢铁降碳。到2030年，吨钢综合能耗下降1.6%以上。
4.推进建材降碳。水泥熟料单位产品综合能耗降至100千克标准煤以下。
三、保障措施
1.加强统筹。建立工作机制。
"""


def parse(text: str):
    return parse_plan(SourceText(file="sample.txt", sha256="0" * 64, text=text))


def test_chapters_named_action_hold_the_tasks_when_there_is_no_key_tasks_chapter():
    plan = parse(NO_KEY_TASKS_CHAPTER)
    assert [plan.action_title(a) for a in plan.actions] == ["能源绿色低碳转型行动", "城乡建设碳达峰行动"]
    assert [[plan.title_of(t.segments[0]) for t in a.tasks] for a in plan.actions] == [["大力发展新能源", "严控煤炭消费"], ["推广绿色建筑", "推进农房节能改造"]]
    energy = plan.actions[0].tasks
    assert [(a.name, a.role) for a in energy[0].agencies] == [("县发改局", "lead"), ("县自然资源局", "support")]
    first, second = plan.targets_of("1.1")[0], plan.targets_of("1.2")[0]
    assert first.value == [10, 15] and first.unit == "万千瓦"
    assert second.value == 50 and second.qualifier == "以下"
    # the responsibility clause in a paragraph of its own
    assert [a.name for a in plan.actions[1].tasks[0].agencies] == ["县住建局"]
    assert [a.name for a in plan.actions[1].tasks[1].agencies] == ["县住建局", "各乡镇"]


def test_numbered_lists_under_principles_are_not_tasks_and_metadata_is_read():
    plan = parse(NO_KEY_TASKS_CHAPTER)
    titles = [plan.title_of(t.segments[0]) for a in plan.actions for t in a.tasks]
    assert "统筹谋划" not in titles and "加强组织领导" not in titles
    assert plan.title == "某某县碳达峰实施方案"
    assert plan.issuer == "某某市某某县人民政府"
    assert plan.doc_number == "某某政发〔2023〕7号"
    assert plan.date == "2023-03-01"
    assert plan.level == "county"


def test_tasks_numbered_straight_through_keep_their_printed_numbers():
    plan = parse(STRAIGHT_THROUGH)
    assert [(t.id, t.number) for a in plan.actions for t in a.tasks] == [("t1-1", 1), ("t1-2", 2), ("t2-3", 3), ("t2-4", 4)]
    assert [plan.action_title(a) for a in plan.actions] == ["能源转型", "工业降碳"]
    main = [t for t in plan.targets if t.task is None]
    assert [(t.year, t.value, t.unit, t.qualifier) for t in main] == [(2025, 20, "%", "左右")]
    steel = plan.targets_of("2.3")[0]
    assert (steel.year, steel.value, steel.unit, steel.qualifier) == (2030, 1.6, "%", "以上")


def test_nothing_is_lost_every_paragraph_is_a_section():
    plan = parse(NO_KEY_TASKS_CHAPTER)
    texts = "".join((s.marker or "") + s.text for s in plan.sections)
    for line in NO_KEY_TASKS_CHAPTER.splitlines():
        assert line.strip() in texts


def parse_lines(*lines: str):
    return parse("\n".join(lines) + "\n")


# 262 绿色金融支持三明碳达峰、碳中和工作方案 (shortened): 二、主要任务 > （一）…工程 > 1 .… numbered straight through
SANMING = (
    "绿色金融支持三明碳达峰、碳中和工作方案",
    "一、总体目标",
    "围绕省级绿色金融改革试验区建设重点，力争绿色融资增量40亿元以上。",
    "二、主要任务",
    "（一）实施融资总量提升工程",
    "1 .围绕优势产业提总量。立足三明林业资源优势，深化林业金融创新。",
    "2 .围绕动能转换提总量。对接传统工业改造升级。",
    "（二）实施组织体系提升工程",
    "3 .深化“绿色机构”组织体系。推广“绿色银行”做法。",
    "4 .构建“人才保障”组织体系。着力打造一批绿色金融人才。",
    "三、保障措施",
    "（一）加强组织领导。成立绿色金融工作领导小组。",
)


def test_key_task_chapter_sections_are_actions_and_items_are_tasks():
    plan = parse_lines(*SANMING)
    assert [plan.action_title(a) for a in plan.actions] == ["实施融资总量提升工程", "实施组织体系提升工程"]
    assert [[(t.id, plan.title_of(t.segments[0])) for t in a.tasks] for a in plan.actions] == [
        [("t1-1", "围绕优势产业提总量"), ("t1-2", "围绕动能转换提总量")],
        [("t2-3", "深化“绿色机构”组织体系"), ("t2-4", "构建“人才保障”组织体系")],
    ]


def test_a_work_tasks_chapter_whose_sections_are_mostly_paragraphs_is_one_action():
    """340 北京市: 五、试点主体工作任务 — only （二） lists items, so the sections are the tasks."""
    plan = parse_lines(
        "北京市“十四五”时期低碳试点工作方案",
        "一、总体要求",
        "深入贯彻习近平生态文明思想，坚持将降碳作为“十四五”时期生态文明建设的重点战略方向。",
        "五、试点主体工作任务",
        "各类试点实施主体应主要从以下方面开展试点工作：",
        "（一）编制试点方案",
        "结合实际编制试点实施方案，包括试点意义、目标愿景、创建指标、行动措施。",
        "（二）落实试点方案",
        "落实好资金、人员及组织保障，按计划组织实施试点方案。",
        "1.创新试点建设方式。发挥创新带动作用，探索各具特色的试点建设模式。",
        "2.应用先进低碳技术。提升绿色低碳创新水平。",
        "（三）总结提升",
        "完成试点建设任务后，试点主体向市生态环境局提交自评报告。",
        "六、组织实施",
        "（一）试点申报",
    )
    assert [plan.action_title(a) for a in plan.actions] == ["试点主体工作任务"]
    assert [plan.title_of(t.segments[0]) for t in plan.actions[0].tasks] == ["编制试点方案", "落实试点方案", "总结提升"]


def test_an_annex_after_the_plan_is_not_its_key_task_chapter():
    """364 四川省's chapters hold the tasks; a 重点任务分工方案 annexed after the plan (360 定西市) must not win."""
    plan = parse_lines(
        "关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的实施意见",
        "一、总体要求",
        "（一）指导思想。以习近平新时代中国特色社会主义思想为指导。",
        "二、推进经济社会发展全面绿色转型",
        "（三）强化绿色低碳发展规划引领。将碳达峰、碳中和目标要求全面融入经济社会发展中长期规划。",
        "（四）优化绿色低碳发展区域布局。持续优化重大生产力、重大基础设施和公共资源布局。",
        "三、推动产业结构优化升级",
        "（六）推动产业绿色低碳转型。大力发展绿色低碳循环农业。",
        "四、切实加强组织实施",
        "（三十三）加强组织领导。省碳达峰碳中和工作委员会指导和统筹做好碳达峰、碳中和工作。",
        "附件：加快建立健全绿色低碳循环发展经济体系重点任务分工方案",
        "一、重点任务",
        "（一）实施工业绿色改造",
        "1.开展原材料行业符合规范条件动态核查。",
    )
    assert [plan.action_title(a) for a in plan.actions] == ["推进经济社会发展全面绿色转型", "推动产业结构优化升级"]
    assert [m.id for m in plan.measures] == ["m4-33"]
    annex = [s for s in plan.sections if s.id.startswith("annex")]
    assert [s.text for s in annex][:2] == ["加快建立健全绿色低碳循环发展经济体系重点任务分工方案", "重点任务"]
    assert all(s.task is None and s.measure is None for s in annex)


def test_chapters_of_one_paragraph_each_are_the_tasks():
    """Issue 9's layout 一、…六、, each chapter one paragraph (no corpus file prints it; the sentences are
    247 减污降碳协同增效实施方案's)."""
    plan = parse_lines(
        "减污降碳协同增效实施方案",
        "一、加强源头防控。强化生态环境分区管控，构建城市化地区、农产品主产区、重点生态功能区分类指导的减污降碳政策体系。",
        "二、突出重点领域。推进工业领域协同增效，实施绿色制造工程，推广绿色设计。",
        "三、优化环境治理。推进大气污染防治协同控制，优化治理技术路线。",
        "四、开展模式创新。开展区域减污降碳协同创新，基于深入打好污染防治攻坚战和碳达峰目标要求。",
        "五、强化支撑保障。加强协同技术研发应用，加强减污降碳协同增效基础科学和机理研究。",
    )
    assert [plan.action_title(a) for a in plan.actions] == ["减污降碳协同增效实施方案"]
    assert [(t.id, plan.title_of(t.segments[0])) for t in plan.actions[0].tasks] == [
        ("t1-1", "加强源头防控"), ("t1-2", "突出重点领域"), ("t1-3", "优化环境治理"), ("t1-4", "开展模式创新"), ("t1-5", "强化支撑保障"),
    ]


def test_a_number_printed_twice_in_an_action_gets_its_own_permalink():
    """Issue 9: 580 repeated task ids in the 461-file collection, where a list restarts its numbers inside one
    action (262 三明's sentences, with the third item renumbered 1 .)."""
    plan = parse_lines(
        "绿色金融支持三明碳达峰、碳中和工作方案",
        "二、主要任务",
        "（一）实施融资总量提升工程",
        "1 .围绕优势产业提总量。力争绿色融资增量40亿元以上。",
        "2 .围绕动能转换提总量。对接传统工业改造升级。",
        "1 .围绕生态价值提总量。建立健全增信融资模式，助力完成每年建设200个充电桩目标。",
    )
    tasks = plan.actions[0].tasks
    assert [t.id for t in tasks] == ["t1-1", "t1-2", "t1-1b"]
    assert [[t.value for t in plan.targets_of(task.key)] for task in tasks] == [[40], [], [200]]
    assert {s.task for s in plan.sections if s.text.startswith("围绕生态价值")} == {"1.1b"}
