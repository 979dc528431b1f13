"""Numbering markers: 一、 / （一） / 1． / 1. / 1、 / （1） / ①, and decimals that are not markers."""

import pytest

from build_tools.parse.patterns import MARKER_START, chinese_numeral_value, match_marker

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、总体要求", ("chapter", "一、", 1, "总体要求")),
        ("十二、保障措施", ("chapter", "十二、", 12, "保障措施")),
        ("第一章 总体要求", ("chapter_word", "第一章", 1, "总体要求")),
        ("（三）主要目标", ("section", "（三）", 3, "主要目标")),
        ("（十）绿色低碳区域示范行动", ("section", "（十）", 10, "绿色低碳区域示范行动")),
        # half-width brackets with a space, as in 津市市's table of contents
        ("(一) 指导思想", ("section", "(一)", 1, "指导思想")),
        ("1．积极构建低碳工业体系。", ("item", "1．", 1, "积极构建低碳工业体系。")),
        ("1.推动产业结构优化升级。", ("item", "1.", 1, "推动产业结构优化升级。")),
        ("2. 构建绿色高效交通运输体系。", ("item", "2.", 2, "构建绿色高效交通运输体系。")),
        ("10.实施碳汇能力提升工程。", ("item", "10.", 10, "实施碳汇能力提升工程。")),
        ("1、加快发展新能源。", ("item", "1、", 1, "加快发展新能源。")),
        ("（1）推进钢铁行业节能降碳。", ("subitem", "（1）", 1, "推进钢铁行业节能降碳。")),
        ("(2) 加快淘汰落后产能。", ("subitem", "(2)", 2, "加快淘汰落后产能。")),
        # '①'.isdigit() is True, yet int('①') raises: the circled branch must come first
        ("①推进煤炭清洁高效利用。", ("circled", "①", 1, "推进煤炭清洁高效利用。")),
        ("⑫加强宣传教育。", ("circled", "⑫", 12, "加强宣传教育。")),
    ],
)
def test_match_marker_reads_style_marker_number_and_rest(text, expected):
    assert match_marker(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1.6%，单位地区生产总值能耗降至",  # 下降 1.6% wrapped onto a new line
        "0.75以下。",  # 降至 0.75 以下 wrapped onto a new line
        "3.5万千瓦，光伏装机达到21万千瓦。",
        "2025年，新能源汽车新车销售量占比达到25%左右。",
        "10家各自领域“两业”融合“生态圈”。",
        "——节约优先、提质增效。把节约能源资源放在首位。",
        "“十四五”期间，全区绿色低碳循环发展的经济体系初步形成。",
        "二〇三五年远景目标纲要，以推动能源结构优化调整",
        "为深入贯彻落实党中央、国务院关于碳达峰、碳中和重大战略决策部署。",
    ],
)
def test_decimals_years_and_prose_are_not_markers(text):
    assert match_marker(text) is None
    assert MARKER_START.match(text) is None


@pytest.mark.parametrize(
    "line",
    [
        "一、总体要求",
        "（一）指导思想",
        "(二) 基本原则",
        "1．积极构建低碳工业体系。",
        "1.推动产业结构优化升级。",
        "1、加快发展新能源。",
        "（1）推进钢铁行业节能降碳。",
        "第二章 主要目标",
        "①推进煤炭清洁高效利用。",
    ],
)
def test_marker_start_sees_every_numbering_style(line):
    assert MARKER_START.match(line)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("三", 3),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十一", 21),
        ("一百零五", 105),
        ("7", 7),
        ("12", 12),
        ("③", 3),
    ],
)
def test_chinese_numeral_value(text, value):
    assert chinese_numeral_value(text) == value
