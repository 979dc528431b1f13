"""Paragraphs -> outline: nesting by marker style, ids from the outline path, headings vs run-in items."""

import pytest

from build_tools.ingest.clean import Paragraph, clean_text
from build_tools.parse.outline import Node, build_outline


def outline(*texts: str) -> Node:
    return build_outline([Paragraph(text, number) for number, text in enumerate(texts, start=1)])


def shape(root: Node) -> list[tuple[str, int, str | None, str]]:
    return [(node.id, node.depth, node.style, node.text) for node in root.descendants()]


def test_plan_nests_chapter_section_item_subitem():
    root = outline(
        "天津市宝坻区碳达峰实施方案",
        "为深入贯彻落实党中央、国务院关于碳达峰、碳中和重大战略决策部署，制定本实施方案。",
        "一、总体要求",
        "（一）指导思想",
        "以习近平新时代中国特色社会主义思想为指导。",
        "二、重点任务",
        "（一）工业绿色低碳转型行动",
        "坚持高质量发展理念，构建低碳工业体系。",
        "1．积极构建低碳工业体系。坚持以“产业第一”为导向。（区工业和信息化局负责）",
        "2．推动重点行业碳达峰。",
        "（1）推进钢铁行业节能降碳。",
        "（2）推进化工行业节能降碳。",
        "3．坚决遏制高耗能高排放低水平项目盲目发展。",
        "（二）能源绿色低碳转型行动",
        "1．大力发展可再生能源。",
        "三、保障措施",
    )
    assert shape(root) == [
        ("p1", 1, None, "天津市宝坻区碳达峰实施方案"),
        ("p2", 1, None, "为深入贯彻落实党中央、国务院关于碳达峰、碳中和重大战略决策部署，制定本实施方案。"),
        ("s1", 1, "chapter", "总体要求"),
        ("s1-1", 2, "section", "指导思想"),
        ("s1-1-p1", 3, None, "以习近平新时代中国特色社会主义思想为指导。"),
        ("s2", 1, "chapter", "重点任务"),
        ("s2-1", 2, "section", "工业绿色低碳转型行动"),
        ("s2-1-p1", 3, None, "坚持高质量发展理念，构建低碳工业体系。"),
        ("s2-1-1", 3, "item", "积极构建低碳工业体系。坚持以“产业第一”为导向。（区工业和信息化局负责）"),
        ("s2-1-2", 3, "item", "推动重点行业碳达峰。"),
        ("s2-1-2-1", 4, "subitem", "推进钢铁行业节能降碳。"),
        ("s2-1-2-2", 4, "subitem", "推进化工行业节能降碳。"),
        ("s2-1-3", 3, "item", "坚决遏制高耗能高排放低水平项目盲目发展。"),
        ("s2-2", 2, "section", "能源绿色低碳转型行动"),
        ("s2-2-1", 3, "item", "大力发展可再生能源。"),
        ("s3", 1, "chapter", "保障措施"),
    ]


def test_marker_and_number_are_kept_apart_from_the_text():
    node = next(outline("一、总体要求", "（十二）加强宣传引导").descendants())
    assert (node.marker, node.number) == ("一、", 1)
    section = node.children[0]
    assert (section.marker, section.number, section.text, section.line) == ("（十二）", 12, "加强宣传引导", 2)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # a plan without （一）: 1． sits directly under 一、
        (("一、主要目标", "1.推动产业结构优化升级。", "二、重点任务", "1.推进煤炭减量。"),
         [("s1", 1), ("s1-1", 2), ("s2", 1), ("s2-1", 2)]),
        # 1、 style items under （一）, a new （二） closes them
        (("（一）能源领域", "1、津市市罗家台羊角汉渔光互补项目", "（二）建筑领域", "1、津市市公共建筑节能改造工程"),
         [("s1", 1), ("s1-1", 2), ("s2", 1), ("s2-1", 2)]),
        # half-width (一) and （一） are the same style
        (("一、总体要求", "(一) 指导思想", "（二）基本原则"),
         [("s1", 1), ("s1-1", 2), ("s1-2", 2)]),
        # 第一章 over 一、
        (("第一章 总体要求", "一、指导思想", "二、基本原则", "第二章 主要目标"),
         [("s1", 1), ("s1-1", 2), ("s1-2", 2), ("s2", 1)]),
    ],
)
def test_the_first_style_seen_is_depth_one(texts, expected):
    assert [(node.id, node.depth) for node in outline(*texts).descendants()] == expected


def test_repeated_number_gets_a_letter_suffix():
    root = outline("一、总体要求", "（一）指导思想", "（一）基本原则")
    assert [node.id for node in root.descendants()] == ["s1", "s1-1", "s1-1b"]


def test_unnumbered_paragraphs_are_counted_per_parent():
    root = outline("（一）指导思想", "第一段。", "第二段。", "（二）基本原则", "第三段。")
    assert [node.id for node in root.descendants()] == ["s1", "s1-p1", "s1-p2", "s2", "s2-p1"]


@pytest.mark.parametrize(
    ("text", "style", "heading"),
    [
        ("指导思想", "section", True),
        ("推动产业结构优化升级。", "item", True),  # a title ending in 。 is still a heading
        ("积极构建低碳工业体系。坚持以“产业第一”为导向，着力构建低碳工业体系。", "item", False),  # run-in paragraph
        ("加快推进产业基础高级化、产业链现代化，抢占产业链、创新链顶端尖端，努力形成需求牵引供给的高水平动态平衡", "item", False),  # too long
        ("指导思想", None, False),  # an unnumbered paragraph is never a heading
    ],
)
def test_is_heading(text, style, heading):
    assert Node(text=text, line=1, style=style).is_heading is heading


def test_outline_from_cleaned_text_with_half_width_markers():
    raw = "一、总体要求\n\n(一) 指导思想\n\n以习近平新时代中国特色社会主义思想为指导。\n\n(二) 基本原则\n\n二、主要目标"
    paragraphs, _ = clean_text(raw)
    root = build_outline(paragraphs)
    assert [(node.id, node.line) for node in root.descendants()] == [
        ("s1", 1), ("s1-1", 3), ("s1-1-p1", 5), ("s1-2", 7), ("s2", 9),
    ]


def test_chapter_and_section_words_are_two_levels():
    """第X章 > 第X节 (headings of 《推进绿色循环低碳发展》, a public book: 第三章 … 第一节 … 第二节 …)."""
    root = outline(
        "第三章 党的十八大以来我国推进绿色循环低碳发展成效显著",
        "第一节 经济结构不断优化",
        "一、产业结构优化升级",
        "第二节 资源利用效率大幅提升",
        "第三节 环境质量持续改善",
        "第四章 推进绿色循环低碳发展的主要任务",
    )
    assert [(n.id, n.depth, n.style) for n in root.descendants()] == [
        ("s3", 1, "chapter_word"), ("s3-1", 2, "section_word"), ("s3-1-1", 3, "chapter"),
        ("s3-2", 2, "section_word"), ("s3-3", 2, "section_word"), ("s4", 1, "chapter_word"),
    ]


def test_decimal_headings_are_headings():
    """二、 > 2.1 > 2.1.1 (a public page on the 双碳 action plans: 二、双碳行动方案的主要措施 / 2.1 能源结构调整)."""
    root = outline(
        "二、双碳行动方案的主要措施",
        "2.1 能源结构调整",
        "能源结构调整是实现双碳目标的关键。",
        "2.1.1 可再生能源",
        "2.2 产业结构优化",
        "到2025年，光伏装机达到2.5万千瓦。",
    )
    assert [(n.id, n.depth, n.style, n.marker) for n in root.descendants()] == [
        ("s2", 1, "chapter", "二、"), ("s2-1", 2, "decimal2", "2.1"), ("s2-1-p1", 3, None, None),
        ("s2-1-1", 3, "decimal3", "2.1.1"), ("s2-2", 2, "decimal2", "2.2"), ("s2-2-p1", 3, None, None),
    ]
    assert all(n.is_heading for n in root.descendants() if n.style)


def test_an_annex_after_the_chapters_is_a_part_of_its_own():
    """100 重庆市: 附件：… after 三、保障措施 is not text of the last measure; its 一、 starts its own chapters."""
    root = outline(
        "一、总体要求",
        "三、保障措施",
        "（四）加强宣传引导。加强节能降碳政策宣传。",
        "附件：高耗能行业重点领域能效标杆水平和基准水平（2021年版）",
        "一、炼油",
    )
    assert [(n.id, n.depth, n.style, n.text) for n in root.descendants()] == [
        ("s1", 1, "chapter", "总体要求"), ("s3", 1, "chapter", "保障措施"), ("s3-4", 2, "section", "加强宣传引导。加强节能降碳政策宣传。"),
        ("annex1", 1, "annex", "高耗能行业重点领域能效标杆水平和基准水平（2021年版）"), ("annex1-1", 2, "chapter", "炼油"),
    ]


def test_an_annex_label_in_the_front_matter_is_not_an_annex_part():
    """316 北京市: 附件：北京市…行动方案 before 一、 is the notice's annex line, the plan follows."""
    root = outline("特此通知。", "附件：北京市“十四五”时期制造业绿色低碳发展行动方案", "一、总体要求")
    assert [n.style for n in root.children] == [None, None, "chapter"]


def test_many_repeated_numbers_never_stop_the_parse():
    """Issue 9: two inputs stopped with "too many segments with id …" (a table read as rows numbered 1．)."""
    root = outline("一、重点任务", *["1．表格行。"] * 40)
    ids = [n.id for n in root.descendants()]
    assert len(ids) == len(set(ids)) == 41
