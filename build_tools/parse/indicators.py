"""What a target measures: the indicator named before its value (``全区森林覆盖率达到14%``), or after it
where the words before are only a verb (``新建1座天然气LNG储气站``), shared by values listed after 分别."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from build_tools.parse.patterns import PERIOD, TIME_WORD_START, YEAR

# copulas stripped from the indicator; direction verbs (下降, 提高) stay in it
COPULA = re.compile(r"(?:力争|确保|争取|力求|努力|原则上|基本)?(?:分别)?(?:达到|达|提高到|提高至|提升到|提升至|增加到|增加至|增长到|增长至|降低到|降低至|下降到|下降至|降到|降至|控制在|稳定在|保持在|保持|为|实现|超过|不低于|不少于|不超过|不高于|低于|少于|小于|高于|大于|超)$")
STRENGTH_TAIL = re.compile(r"(?:力争|确保|争取|力求|努力|原则上|基本|分别|均)$")
# 新能源汽车新车销售量达到汽车新车销售量的50%左右 (247): a share of a whole, named as such
SHARE_OF = re.compile(r"^(?P<part>.+?)(?:达到|达|为|占)(?P<whole>[^，。；]+)的$")

# 新建 / 累计 / 创建 / 培育 / 具备 …: an indicator that is only an action counts or measures what follows the value
ACTION_VERB_END = re.compile(
    r"(?:新建|新增|累计|创建|培育|打造|建设|建成|具备|形成|遴选|认定|制定|实施|开展|引进|启动|选择|完成|取得|建立|布局|改造|推广|发展|引导|实现)$"
)
# what follows the value up to a second verb or a second count: 10个左右园区和产业集群整体清洁生产审核试点并给予奖补
# -> …审核试点 ; 4个万亿级产业、5个千亿级企业 -> 万亿级产业
MEASURED_END = re.compile(r"(?:并|，|。|；|以及|同时|[、和及与](?=[^，。；]*\d)).*$")
# how long a name after the value may be before it is a sentence, not the name of what is counted
MEASURED_MAX_CHARS = 30


@dataclass(frozen=True)
class Named:
    """How the previous target of a sentence was named: its indicator, the verb before its value
    and the thing named after it (so that a list of counts after one verb is read as printed)."""

    indicator: str
    verb: str
    measured: str


def choose_indicator(before: str, rest: str, previous: Named) -> tuple[str, Named]:
    """What a value measures, from the text before it (``before``), after it (``rest``) and the previous
    target of the sentence; returns the indicator and how this target was named."""
    indicator = indicator_of(before, "")
    measured = measured_after(rest)
    between = before.strip(" 、和及与")
    if previous.measured and between == previous.measured and measured and previous.verb:
        # 打造3条美丽公路、12个绿色机场: the second count, after the first's name, under the same verb
        return previous.verb + measured, Named(previous.verb + measured, previous.verb, measured)
    if indicator and ACTION_VERB_END.search(indicator) and measured:
        # 新建1座天然气LNG储气站 / 本区电网基本具备5%以上的尖峰负荷响应能力: the verb before, the thing after
        verb = verb_phrase(before)
        return verb + measured, Named(verb + measured, verb, measured)
    if indicator and previous.indicator.endswith(indicator) and previous.indicator != indicator:
        # 大宗固废年利用量达到40亿吨左右；到2030年，年利用量达到45亿吨左右: the same indicator, shortened
        return previous.indicator, Named(previous.indicator, "", "")
    if not indicator:
        # 力争80%以上的处级及以上机关达到… / 力争80%以上党政机关建成节约型机关: the thing follows the value
        indicator = measured or previous.indicator
    return indicator, Named(indicator, "", "")


def measured_after(rest: str) -> str:
    """The name of what a count or share is of, after the value: ``座天然气LNG储气站`` is already cut to
    ``天然气LNG储气站`` by the caller; ``的尖峰负荷响应能力`` -> ``尖峰负荷响应能力``; ``（含）…`` -> empty."""
    text = MEASURED_END.sub("", re.sub(r"^(?:以上|以下|左右)?的?", "", re.sub(r"\s+", "", rest)))
    if not text or not re.match(r"[\u4e00-\u9fff“\"]", text) or len(text) > MEASURED_MAX_CHARS:
        return ""
    if re.search(r"\d", text):
        return ""  # 86家国家高新区森林覆盖率超过25%: what follows states a value of its own
    return text


def verb_phrase(before: str) -> str:
    """The text before the value without its year and commitment word: ``到2025年，累计为`` -> ``累计为``
    (kept whole, so that ``累计为`` + ``企业提供公益性节能诊断服务`` reads as printed)."""
    text = TIME_WORD_START.sub("", PERIOD.sub("", YEAR.sub("", before)).strip())
    text = re.sub(r"^[、和及\s]*(?:期间|时期|底|末|前)?", "", text)
    text = re.sub(r"^(?:力争|确保|争取|力求|努力|原则上)", "", text)
    return re.sub(r"(?:分别)$", "", text).strip(" ，、")


def indicator_of(before: str, previous: str) -> str:
    """The clause before the value without the year and copula: ``到2025年全区森林覆盖率达到`` -> ``全区森林覆盖率``.
    An empty indicator repeats the previous one: ``…达到10%，2030年达到15%``."""
    text = YEAR.sub("", before)
    text = PERIOD.sub("", text)
    text = re.sub(r"^[、和及\s]*(?:期间|时期|底|末|前)?(?:分别)?", "", text)
    text = TIME_WORD_START.sub("", text)  # 年底前70%以上…: a time, not what is measured
    text = re.sub(r"^其中", "", text)  # 其中50%的国家高新区…: the share is of what follows
    text = re.sub(r"^.*\d.*的$|^的$", "", text)  # 总面积309万亩的12个…片区: a size of what follows
    previous_text = None
    while previous_text != text:
        previous_text = text
        text = STRENGTH_TAIL.sub("", COPULA.sub("", text.strip()))
    text = text.strip(" ，、")
    share = SHARE_OF.match(text)
    if share:
        text = f"{share.group('part')}占{share.group('whole')}的比例"
    return text or previous


# 分别降低 / 分别达到 (the verb after 分别; a direction verb stays in each indicator)
RESPECTIVELY = re.compile(r"分别(下降|降低|减少|提高|提升|增长|增加)?")


def distribute_indicators(clause: str, found: list[tuple[int, Any]]) -> None:
    """``单位地区生产总值能源消耗和二氧化碳排放分别降低15%和18%``: as many names before 分别 as values
    after it pair up (能源消耗降低 15%, 二氧化碳排放降低 18%); otherwise the indicator is left whole.
    ``found`` holds (position, FoundTarget) pairs of build_tools.parse.targets."""
    match = RESPECTIVELY.search(clause)
    head = clause[: match.start()]
    head = re.sub(r"^.*?(?:到|至)?20\d\d年(?:底|末|前)?", "", head)
    items = [item for item in re.split(r"[、和与及]", head) if item]
    if len(items) != len(found):
        return
    for item, (_, target) in zip(items, found):
        target.indicator = item + (match.group(1) or "")
