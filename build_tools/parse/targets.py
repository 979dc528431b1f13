"""Quantitative targets: 到2025年，…比重力争达到40%以上 -> year 2025, value 40, unit %, qualifier 以上."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from build_tools.parse.indicators import Named, choose_indicator, distribute_indicators
from build_tools.parse.patterns import PERIOD, PERIOD_YEAR, YEAR

# longest first, so 万千瓦时 wins over 万千瓦 and 吨标准煤 over 吨
UNITS = sorted(
    """% ‰ 个百分点 百分点 万千瓦时 亿千瓦时 千瓦时 亿千瓦 万千瓦 千瓦 兆瓦 吉瓦 亿吨标准煤 万吨标准煤 吨标准煤 万吨二氧化碳 亿吨 万吨 吨
    亿立方米 万立方米 立方米 亿平方米 万平方米 平方米 平方公里 万公里 亿亩 万亩 亩 万公顷 千公顷 公顷 亿元 万元 元 万家 家 万个 个 项
    座 万辆 辆 万台 台 套 公里 千米 处 所 条 户 万户 人 万人 名 株 万株 艘 倍 根 批""".split(),
    key=len,
    reverse=True,
)
UNIT = "|".join(map(re.escape, UNITS))
# units that measure size (a 500万元以上 project is a size class); counts such as 家, 个, 项 are not
SIZE_UNITS = {u for u in UNITS if u not in {"家", "万家", "个", "万个", "项", "座", "辆", "万辆", "台", "万台", "套", "处", "所", "条",
                                            "户", "万户", "人", "万人", "名", "株", "万株", "艘", "倍", "根", "批", "%", "‰"}}
NUMBER = r"\d+(?:\.\d+)?"
# 10—15个  3000吨（含）~10000吨  (a range; the unit may be repeated after the low bound)
RANGE_SEPARATOR = r"(?:（含）)?\s*[—–\-~～至]\s*"
# 力争超过100万千瓦 ; 不低于35% ; 达到20%左右 ; 10—15个
VALUE = re.compile(
    rf"(?P<pre>不低于|不少于|不超过|不高于|不大于|不小于|低于|少于|小于|高于|多于|大于|超过|超)?"
    rf"(?P<low>{NUMBER})(?:(?P<low_unit>{UNIT})?{RANGE_SEPARATOR}(?P<high>{NUMBER}))?"
    rf"(?P<unit>{UNIT})?(?P<per>/(?:日|天|年|月|小时))?(?P<inc>（含）)?(?P<post>及以上|及以下|以上|以下|左右|以内|之内)?"
)
BASE_YEAR = re.compile(r"(?:比|较|相比|与|相较|以)\s*(20\d\d)\s*年|(20\d\d)\s*年(?:的)?(?:基础上|水平|相比|基数)")
# 全年 / 年内 / 年底前 (this year, in a one-year plan)
CURRENT_YEAR = re.compile(r"全年|年内|年底前|年底|今年|当年")
# “十四五”、“十五五”期间 (periods listed together)
PERIOD_LIST = re.compile(r"[“\"]?十[四五六]五[”\"]?(?:[、和及][“\"]?十[四五六]五[”\"]?)+")
STRENGTH = re.compile(r"确保|力争|争取|力求|努力|原则上|基本|全面|完成")
STRENGTH_WORDS = ("确保", "完成", "力争", "争取", "力求", "努力", "原则上")
# what cannot be a target: 第35次, 5G, 110kV, PM2.5, “1+3+3”, 7号线
NOT_A_VALUE_BEFORE = re.compile(r"(?:第|[A-Za-z+＋\-/.]|近|约)$")
NOT_A_VALUE_AFTER = re.compile(r"^[A-Za-z+＋/:]")
# a bare number followed by these is a date, an ordinal or a name part, not a value: 2025年, 7号线, 二星级
NOT_A_BARE_VALUE_AFTER = re.compile(r"^(?:年|月|日|号|期|版|级|届|代|轮|次|种|类|星|季|小时|周|天)")
# 现有6处综合公园 / 已建成3座 (a count of what exists, not a target)
# 巩固26条… / 聚焦66项… / 用好1500万吨… / 由30%扩展到…: what exists or where a change starts
DESCRIPTIVE_BEFORE = re.compile(r"(?:巩固|聚焦|用好|由)$")
EXISTING_BEFORE = re.compile(r"(?:现有|已有|已建成|已建|目前|现存)$")
# verbs that make "N单位以上的…" a target rather than a scope: 具备5%以上的…能力
TARGET_VERB_BEFORE = re.compile(r"(?:具备|达到|达|实现|形成|建成|完成|保持|提高到|提升至|培育|打造|创建|新增|累计|力争|确保)$")
# 降至1.3以下 / 控制在0.75以下 (a bare ratio with a trailing qualifier after a "to" verb)
TO_VERB_BEFORE = re.compile(r"(?:降至|降到|下降到|下降至|控制在|达到|提高到|提高至|提升至|提升到|保持在|稳定在|至)$")
CLAUSE_SPLIT = re.compile(r"[，。；：！？,;]")
SENTENCE_SPLIT = re.compile(r"(?<=[。！？])")


@dataclass
class FoundTarget:
    year: int | None
    clause: str
    indicator: str
    value: float | int | list
    unit: str
    qualifier: str | None
    strength: str | None


def number_value(text: str) -> float | int:
    return float(text) if "." in text else int(text)


def period_year(text: str) -> int | None:
    """``“十四五”期间`` -> 2025; ``“十五五”时期目标`` -> 2030."""
    found = PERIOD.search(text)
    return PERIOD_YEAR[found.group(1)] if found else None


# 到2025年，… at the head of a paragraph (13 数据中心: 到2025年，…格局。…降到1.3以下 — the second sentence states no year)
OPENING_YEAR = re.compile(r"^\s*(?:到|至|截至)\s*(20\d\d)\s*年(?:底|末)?\s*[，,]")


def opening_year(text: str) -> int | None:
    """``到2025年，数据中心和5G基本形成…。…平均电能利用效率降到1.3以下`` -> 2025: a paragraph that opens with
    its due year sets it for the sentences after that state none."""
    found = OPENING_YEAR.match(text)
    return int(found.group(1)) if found else None


def target_years(clause: str) -> list[tuple[int, int]]:
    """Due years in a clause with their positions; base years (比2020年, 2020年的基础上) are skipped."""
    base = {m.start(1) if m.group(1) else m.start(2) for m in BASE_YEAR.finditer(clause)}
    years = []
    for found in YEAR.finditer(clause):
        if found.start(1) in base:
            continue
        years.append((found.start(), int(found.group(1))))
    for found in PERIOD.finditer(clause):
        years.append((found.start(), PERIOD_YEAR[found.group(1)]))
    return sorted(years)


def is_year_text(clause: str, start: int, end: int) -> bool:
    return bool(re.match(r"\s*年", clause[end:])) and 1900 <= int(re.match(r"\d+", clause[start:]).group()) <= 2100


def extract_targets(text: str, default_year: int | None = None, current_year: int | None = None) -> list[FoundTarget]:
    """Every quantitative target in a paragraph, in order.

    The due year is the last one stated before the value in the same sentence (到2025年，…40%以上),
    else the paragraph's period (“十四五”期间，…), else ``default_year`` (from the section heading).
    In a one-year plan (山东省绿色低碳转型2022年行动计划) 全年 / 年内 / 年底前 mean ``current_year``.
    """
    targets: list[FoundTarget] = []
    paragraph_year = period_year(text[:12]) or opening_year(text) or default_year or current_year  # a one-year plan's targets fall due that year
    for sentence in SENTENCE_SPLIT.split(text):
        sentence_year = None
        previous = Named("", "", "")
        listed_years: list[int] = []
        offset = 0
        for clause in CLAUSE_SPLIT.split(sentence):
            offset += len(clause) + 1
            years = target_years(clause)
            if current_year:
                years = sorted(years + [(m.start(), current_year) for m in CURRENT_YEAR.finditer(clause)])
            in_clause: list[tuple[int, FoundTarget]] = []
            previous_end = 0
            for found in VALUE.finditer(clause):
                low = found.group("low")
                start, end = found.start("low"), found.end()
                unit = (found.group("unit") or found.group("low_unit") or "") + (found.group("per") or "")
                comparator = found.group("pre") or found.group("post")
                if is_year_text(clause, found.start("low"), found.end("low")):
                    continue
                after_number = clause[found.end("low"):]
                if NOT_A_VALUE_BEFORE.search(clause[:start]) or NOT_A_VALUE_AFTER.match(after_number):
                    continue
                if not unit and NOT_A_BARE_VALUE_AFTER.match(after_number):
                    continue
                if EXISTING_BEFORE.search(clause[: found.start()]) or counts_listed_items(clause[: found.start()], low):
                    continue
                if DESCRIPTIVE_BEFORE.search(clause[: found.start()]):
                    continue
                if BASE_AFTER.match(clause[found.end():]):
                    continue  # 不低于综合绩效考核指标8%的基础上: the level a change starts from
                if not unit and not comparator:
                    continue
                if not unit and not found.group("pre") and not (found.group("post") and TO_VERB_BEFORE.search(clause[: found.start()])):
                    continue
                rest = clause[end:]
                before = clause[previous_end : found.start()].lstrip("、和及与")
                previous_end = end
                if unit != "%" and (rest.startswith("的") or rest.startswith("范围")) \
                        and not TARGET_VERB_BEFORE.search(clause[: found.start()]):
                    # 3000平方米以上的市政建筑 / 1公里范围内: which things are meant, not a target
                    # (but 124 包头: 每年建成不少于500亩的碳汇示范林 — a verb of building before it: a target)
                    continue
                base_unit = found.group("unit") or found.group("low_unit") or ""
                if base_unit in SIZE_UNITS and found.group("post") in ("以上", "及以上", "以下", "及以下") and re.match(r"[\u4e00-\u9fff]", rest):
                    # 投资500万元以上技改项目 / 30万千瓦及以上热电联产电厂 / 严禁新建1000万吨/年以下常减压 (100 重庆):
                    # a size class, per year or not (but 30家以上…企业 is a count)
                    continue
                if re.search(r"(?:在|从)[^，。；]*$", clause[: found.start()]) and re.match(r"^[^，。；]*?(?:中|选择)", rest):
                    continue  # 优先在…和22条产业链群选择…: where to choose from, not a target
                if re.search(r"不受[^，。；]*$", clause[: found.start()]) and re.match(r"^(?:的)?(?:限制|约束)", rest):
                    continue  # 不受上浮20%限制: a limit that does not apply
                if re.search(r"总投资$", clause[: found.start()]) and re.match(r"^[\u4e00-\u9fff“]", rest):
                    continue  # 启动104家总投资60亿元“两高”涉气企业…: the size of what is named
                if not comparator and re.match(r"^[\u4e00-\u9fff“”]*?(?:成果|成效)?巩固", rest):
                    continue  # 12条入海河流消劣成果巩固提升: consolidating what exists

                if re.match(r"\s*[（(]", rest) and not unit:
                    continue
                value: float | int | list = number_value(low)
                if found.group("high"):
                    value = [number_value(low), number_value(found.group("high"))]
                due = [year for position, year in years if position < found.start()]
                year = (due[-1] if due else sentence_year) or paragraph_year
                indicator, previous = choose_indicator(before, clause[end:], previous)
                strength = strength_of(before)
                in_clause.append(
                    (found.start(), FoundTarget(
                        year=year,
                        clause=clause.strip(),
                        indicator=indicator,
                        value=value,
                        unit=unit,
                        qualifier=qualifier_of(found),
                        strength=strength,
                    ))
                )
            periods = PERIOD_LIST.search(clause)
            if len(in_clause) == 1 and periods and "分别" in clause:
                # “十四五”、“十五五”期间分别新增…4000万千瓦左右: the same target for each period
                first = in_clause[0][1]
                due_years = [PERIOD_YEAR[m.group(1)] for m in PERIOD.finditer(periods.group())]
                in_clause = [(in_clause[0][0], replace(first, year=year)) for year in due_years]
            elif len(in_clause) > 1 and "分别" in clause:
                distribute_indicators(clause, in_clause)
                paired = respective_years(clause, listed_years)
                if len(paired) == len(in_clause):
                    # 2025年和2030年，全国短流程炼钢占比分别提升至15%、20%以上: 15% by 2025, 20% by 2030
                    in_clause = [(position, replace(target, year=year)) for (position, target), year in zip(in_clause, paired)]
            elif len(in_clause) > 1:
                split_shared_clause(clause, in_clause)
            targets += [target for _, target in in_clause]
            listed_years = [int(y) for y in re.findall(r"(20\d\d)\s*年", clause)] if YEAR_LIST.match(clause) else []
            if years:
                sentence_year = years[-1][1]
    return targets


# 2025年和2030年 / 2025年、2030年 (a clause that only lists due years, for a 分别 clause after it)
YEAR_LIST = re.compile(r"^\s*(?:到|至)?\s*20\d\d\s*年(?:底|末)?(?:\s*[和、及与]\s*(?:到|至)?\s*20\d\d\s*年(?:底|末)?)+\s*$")


def respective_years(clause: str, listed_years: list[int]) -> list[int]:
    """The due years that 分别 pairs with the values: those listed before 分别 in the clause
    (``2025年、2030年分别达到…``), else those the clause before only listed (``2025年和2030年，…分别…``)."""
    head = clause.split("分别", 1)[0]
    own = [int(y) for y in re.findall(r"(20\d\d)\s*年", head)]
    return own if len(own) >= 2 else listed_years


# 8%的基础上 / 2020年水平基础上 (what follows a value that is a starting level)
BASE_AFTER = re.compile(r"^(?:的)?(?:基础上|基础之上)")


def counts_listed_items(before: str, number: str) -> bool:
    """``做强集成电路、车联网2条产业链``: a number that counts the names listed just before it describes,
    it does not set a target."""
    if "." in number or not before or "、" not in before:
        return False
    items = re.split(r"、", re.split(r"[，。；：]", before)[-1])
    return len(items) == int(number)


def split_shared_clause(clause: str, found: list[tuple[int, "FoundTarget"]]) -> None:
    """Two targets in one clause joined by 、 get their own part: ``能耗下降5%、碳排放下降7%``."""
    parts = re.split(r"(?<=[%\d\u4e00-\u9fff])、", clause)
    if len(parts) < 2:
        return
    bounds, position = [], 0
    for part in parts:
        bounds.append((position, position + len(part), part))
        position += len(part) + 1
    holders = [next(p for a, b, p in bounds if a <= start < b) for start, _ in found]
    if len(set(holders)) == len(holders):
        for (_, target), part in zip(found, holders):
            target.clause = part.strip()


def strength_of(before: str) -> str | None:
    """The commitment word nearest before the value: ``确保…力争达到`` -> 力争; 完成 only where no other
    word is printed (``确保完成节能量1万吨`` -> 确保, ``完成造林1.2万亩`` -> 完成)."""
    found = [(before.rfind(word), word) for word in STRENGTH_WORDS if word in before and word != "完成"]
    if found:
        return max(found)[1]
    return "完成" if "完成" in before else None


def qualifier_of(found: re.Match[str]) -> str | None:
    """``力争超过100万千瓦`` -> 超过; ``40%以上`` -> 以上; ``不低于35%以上`` -> 不低于…以上."""
    pre, post = found.group("pre"), found.group("post")
    if pre and post:
        return f"{pre}…{post}"
    return pre or post
