"""Regular expressions shared by the parse stage, each with an example from a real plan."""

from __future__ import annotations

import re

CN_NUM = "一二三四五六七八九十百零〇"

# Numbering styles, in the order plans usually nest them. Each yields (style, number text, rest).
# 一、总体要求
CHAPTER = re.compile(rf"^([{CN_NUM}]{{1,4}})\s*、\s*(.*)$", re.S)
# 第十一篇 推动绿色发展 / 第二部分 (a part above chapters, as in the 十四五 规划纲要)
PART_WORD = re.compile(rf"^第([{CN_NUM}]{{1,4}})(?:篇|部分)\s*(.*)$", re.S)
# 第一章 总体要求
CHAPTER_WORD = re.compile(rf"^第([{CN_NUM}]{{1,4}})章\s*(.*)$", re.S)
# 第一节 完善生态安全屏障体系 (a level below 第X章, not beside it)
SECTION_WORD = re.compile(rf"^第([{CN_NUM}]{{1,4}})节\s*(.*)$", re.S)
# what a decimal heading's text cannot start with: a unit or a qualifier, so 2.5万千瓦, 0.3吨 and 1.3以下 stay numbers
_NOT_AFTER_DECIMAL = r"(?![万亿千百十个吨米元倍%％度以左的])"
# 2.1 能源结构调整 / 4.1.1 总体目标 (decimal headings; the last number is the heading's own)
DECIMAL2 = re.compile(rf"^[1-9]\d?[．.](\d{{1,2}})(?![．.\d])\s*{_NOT_AFTER_DECIMAL}(?=[\u4e00-\u9fff“])(.*)$", re.S)
DECIMAL3 = re.compile(rf"^[1-9]\d?[．.]\d{{1,2}}[．.](\d{{1,2}})(?![．.\d])\s*{_NOT_AFTER_DECIMAL}(?=[\u4e00-\u9fff“])(.*)$", re.S)
# （一）指导思想   (一) 指导思想
SECTION = re.compile(rf"^[（(]\s*([{CN_NUM}]{{1,4}})\s*[）)]\s*(.*)$", re.S)
# 1．积极构建   1.推动   1、加快   — but not 1.6% or 0.75 (a digit follows the point)
ITEM = re.compile(r"^(\d{1,2})\s*(?:[．.](?!\d)|、)\s*(.*)$", re.S)
# （1）推进   (2) 加快
SUBITEM = re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*(.*)$", re.S)
# ①推进
CIRCLED = re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*(.*)$", re.S)

# 附件：高耗能行业重点领域能效标杆水平和基准水平（2021年版） / 附件2 / 附件 (an annex label after the plan's chapters)
ANNEX = re.compile(r"^附\s*件\s*(\d{0,2})\s*[：:]?\s*(.{0,60})$", re.S)

MARKER_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part_word", PART_WORD),
    ("chapter_word", CHAPTER_WORD),
    ("section_word", SECTION_WORD),
    ("decimal3", DECIMAL3),
    ("decimal2", DECIMAL2),
    ("chapter", CHAPTER),
    ("section", SECTION),
    ("item", ITEM),
    ("subitem", SUBITEM),
    ("circled", CIRCLED),
)

# any line that starts with a numbering marker (used to keep such lines from being joined)
MARKER_START = re.compile(
    rf"^\s*(?:第[{CN_NUM}]{{1,4}}[章部篇节]|[1-9]\d?[．.]\d{{1,2}}(?:[．.]\d{{1,2}})?\s+{_NOT_AFTER_DECIMAL}[\u4e00-\u9fff]|[{CN_NUM}]{{1,4}}\s*、|[（(]\s*[{CN_NUM}]{{1,4}}\s*[）)]"
    r"|\d{1,2}\s*(?:[．.](?!\d)|、)\s*[^\d\s年月日%]|[（(]\s*\d{1,2}\s*[）)]|[①-⑳])"
)

# 2023年5月25日 / 2024年5月 (a date line on its own, spaces removed)
DATE_LINE = re.compile(r"^(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?$")
# 2024年5月 / 2024年 at the start of a printed date (a date without its day, as metadata keeps it)
YEAR_MONTH = re.compile(r"^((?:19|20)\d\d)年(?:(\d{1,2})月)?")
# 二〇二二年三月 / 二〇二一年十一月三十日 (a date printed in Chinese numerals, spaces removed)
CN_DATE_LINE = re.compile(r"^(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?:(?P<d>[一二三四五六七八九十]{1,3})日)?$")
# 关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的实施意见（2022年3月14日） (a date printed after a title)
BRACKETED_DATE_SUFFIX = re.compile(r"[（(]\s*((?:19|20)\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)\s*[）)]$")
# 到2025年 / 2025年底 / 2025年前 / 至2030年 / 2030年  (a year the target is due)
YEAR = re.compile(r"(?<![比较于在])(?:到|至|在|截至)?\s*(20\d\d)\s*年(?:底|末|前|内)?(?![的度])")
# “十四五”期间 / “十四五”末 / 十四五时期 -> 2025 ; “十五五” -> 2030
PERIOD = re.compile(r"[“\"]?十([四五六])五[”\"]?(?:期间|时期|末|期末|规划期)?")
PERIOD_YEAR = {"四": 2025, "五": 2030, "六": 2035}
# 年底前70%以上… / 全年新建… (a time before the value; not 当年新增…比例, where 当年 is part of the indicator)
TIME_WORD_START = re.compile(r"^(?:全年|年内|年底前|年底|今年)")
# 津宝政发〔2023〕5号 / 津政办发[2022]12号 (a document number on a line of its own, spaces removed)
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*\d{1,4}\s*号$")

CIRCLED_DIGITS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_year_value(text: str) -> int:
    """``二〇二二`` -> 2022 (a year printed digit by digit in Chinese numerals)."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    digits.update({"○": 0, "零": 0})
    return int("".join(str(digits[c]) for c in text))


def chinese_numeral_value(text: str) -> int:
    """``十二`` -> 12, ``三`` -> 3, ``二十`` -> 20 (numbers as used in outline markers)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    if text in CIRCLED_DIGITS:  # before isdigit(): '①'.isdigit() is True but int('①') fails
        return CIRCLED_DIGITS.index(text) + 1
    if text.isdecimal():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = digits.get(char, 0)
    return total + current


def match_marker(text: str) -> tuple[str, str, int, str] | None:
    """``（三）主要目标`` -> ("section", "（三）", 3, "主要目标"); None when the text has no marker."""
    for style, pattern in MARKER_STYLES:
        found = pattern.match(text)
        if found:
            rest = found.group(2)
            marker = text[: len(text) - len(rest)].strip() if rest else text.strip()
            return style, marker, chinese_numeral_value(found.group(1)), rest.strip()
    return None
