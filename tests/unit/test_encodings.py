"""Text-layer encodings (ingest/encodings.py): GB codes read as Yi syllables, private-use decimal
points, half-width punctuation in Chinese text. Snippets from real plans (the issue's collection and
seed 003, the Xiqing portal page)."""

import pytest

from build_tools.ingest.clean import clean_text
from build_tools.ingest.encodings import (
    gb_symbol,
    repair_ascii_punctuation,
    repair_gb_code_points,
    repair_private_use_decimal_points,
    repair_punctuation,
)


@pytest.mark.parametrize(("raw", "expected"), [
    ("推动经济社会发展全面绿色转型ꎬ助力全国碳达峰ꎮ", "推动经济社会发展全面绿色转型，助力全国碳达峰。"),
    ("能源、工业、城乡建设ꎻ交通运输", "能源、工业、城乡建设；交通运输"),
    ("1ꎮ 加快构建低碳工业体系", "1． 加快构建低碳工业体系"),  # the point of an item number
    ("提高到25%ꎮ\n2ꎮ 推动", "提高到25%。\n2． 推动"),
    ("ꆰ双碳ꆱ目标", "“双碳”目标"),  # row A1: quotation marks
    ("没有彝文的句子。", "没有彝文的句子。"),
])
def test_gb_code_points_read_as_yi_syllables_become_the_symbol(raw, expected):
    assert repair_gb_code_points(raw) == expected


def test_only_gb_symbol_rows_are_mapped():
    assert gb_symbol("ꎬ") == "，"
    assert gb_symbol("ꀀ") is None  # U+A000 YI SYLLABLE IT: row A0 is no GB2312 row
    assert gb_symbol("ꐀ") is None  # U+A400: row A4 is hiragana in GB2312, not punctuation


@pytest.mark.parametrize(("raw", "expected"), [
    ("单位地区生产总值二氧化碳排放下降31\U001001b074%", "单位地区生产总值二氧化碳排放下降31.74%"),
    ("非化石能源消费比重达到13\ue0005%", "非化石能源消费比重达到13.5%"),
    ("\U001001b0标题前的私用字符", "\U001001b0标题前的私用字符"),  # not between digits: left as printed
    ("提高到31.74%", "提高到31.74%"),
])
def test_a_private_use_code_point_between_digits_is_the_decimal_point(raw, expected):
    assert repair_private_use_decimal_points(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("现将《天津市西青区碳达峰实施方案》印发给你们,请遵照执行。", "现将《天津市西青区碳达峰实施方案》印发给你们，请遵照执行。"),
    ("各镇人民政府、街道办事处,区政府各委、办、局,各区属机构:", "各镇人民政府、街道办事处，区政府各委、办、局，各区属机构："),
    ("东南风4-5级阵风7;今天夜间晴间多云", "东南风4-5级阵风7；今天夜间晴间多云"),
    ("发文字号:西青政发〔2023〕5号", "发文字号：西青政发〔2023〕5号"),
    ("装机容量达到1,000万千瓦", "装机容量达到1,000万千瓦"),  # between digits
    ("时间10:30开始", "时间10:30开始"),
    ("详见网站http://www.xq.gov.cn", "详见网站http://www.xq.gov.cn"),  # inside a URL
    ("减少CO2, SO2和NOx排放", "减少CO2, SO2和NOx排放"),  # Latin text
])
def test_ascii_punctuation_in_chinese_text_becomes_full_width(raw, expected):
    assert repair_ascii_punctuation(raw) == expected


def test_the_cleaner_applies_the_repairs():
    paragraphs, _ = clean_text("（一）目标\n到2025年ꎬ单位地区生产总值能耗下降13\U001001b75%ꎮ\n")
    assert paragraphs[1].text == "到2025年，单位地区生产总值能耗下降13.5%。"
    assert repair_punctuation("比重提高到31\U001001b074%,非化石能源:") == "比重提高到31.74%，非化石能源："
    assert clean_text("一、目标\n到ꎲꎰꎲꎵ年ꎬ力争达到ꎱꎲ%ꎮ\n")[0][1].text == "到2025年，力争达到12%。"  # GB digits: ２ then 2
