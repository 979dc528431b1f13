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
    assert [plan.title_of(a.segment) for a in plan.actions] == ["能源绿色低碳转型行动", "城乡建设碳达峰行动"]
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
    assert [plan.title_of(a.segment) for a in plan.actions] == ["能源转型", "工业降碳"]
    main = [t for t in plan.targets if t.task is None]
    assert [(t.year, t.value, t.unit, t.qualifier) for t in main] == [(2025, 20, "%", "左右")]
    steel = plan.targets_of("2.3")[0]
    assert (steel.year, steel.value, steel.unit, steel.qualifier) == (2030, 1.6, "%", "以上")


def test_nothing_is_lost_every_paragraph_is_a_section():
    plan = parse(NO_KEY_TASKS_CHAPTER)
    texts = "".join((s.marker or "") + s.text for s in plan.sections)
    for line in NO_KEY_TASKS_CHAPTER.splitlines():
        assert line.strip() in texts
