"""What must hold for every plan built (seeds and corpus alike), and what is flagged where it does not.

``plan_problems`` lists broken invariants (a parser bug: the build reports them per plan);
``title_flags`` marks task titles that are most likely whole paragraphs (the plan is kept, the title is
flagged on its page); ``not_a_plan`` says why a document in which no key task was found is not a plan
(called only then: a news report or a notice that carries the plan's text is a plan)."""

from __future__ import annotations

import re
from collections import Counter

from build_tools.models import Flag, Plan
from build_tools.parse.metadata import find_notice
from build_tools.parse.patterns import CN_NUM

# a task title longer than this without a 。 is most likely a whole paragraph taken as a title
# (issue 9: 197 titles over 80 characters in 58 of 461 plans; the longest real titles in the corpus are
# about 40 characters, e.g. 推动数据中心和5G等新型基础设施绿色高质量发展)
TITLE_MAX_CHARS = 60
LONG_TITLE = "long task title"
NO_TASKS = "no tasks"

# 第一条 为了… / 第十二条 … (a regulation is a list of articles, not of tasks)
ARTICLE = re.compile(rf"^第[{CN_NUM}]{{1,5}}条")
# 新华社北京10月24日电 / 本报讯 / 人民网北京3月5日电（记者…） (a news dateline)
NEWS_DATELINE = re.compile(r"^(?:新华社|中新社|本报讯|人民网|新华网|央视网|[\u4e00-\u9fff]{2,8}(?:网|报|日报|电视台))[^。]{0,20}?(?:\d{1,2}月\d{1,2}日)?电|^本报讯|记者[\u4e00-\u9fff]{2,4}(?:报道|摄)")
# articles before a plan's first chapter in this share or more of its paragraphs make it a regulation
ARTICLE_SHARE = 0.3


def plan_problems(plan: Plan) -> list[str]:
    """Broken invariants of one plan, each saying where: task ids unique, every segment id unique, every
    target inside a segment that exists, every segment's task an existing task."""
    problems: list[str] = []
    tasks = [task for action in plan.actions for task in action.tasks]
    for task_id, count in sorted(Counter(task.id for task in tasks).items()):
        if count > 1:
            problems.append(f"task id {task_id} is used by {count} tasks")
    segment_ids = Counter(segment.id for segment in plan.sections)
    for segment_id, count in sorted(segment_ids.items()):
        if count > 1:
            problems.append(f"segment id {segment_id} is used by {count} segments")
    texts = {segment.id: segment.text for segment in plan.sections}
    for target in plan.targets:
        if target.segment not in texts:
            problems.append(f"a target refers to segment {target.segment}, which does not exist")
        elif not 0 <= target.start < target.end <= len(texts[target.segment]):
            problems.append(f"a target's span {target.start}-{target.end} is outside its segment {target.segment}")
    keys = {task.id[1:].replace("-", ".", 1) for task in tasks}
    for segment in plan.sections:
        if segment.task and segment.task not in keys:
            problems.append(f"segment {segment.id} belongs to task {segment.task}, which does not exist")
    return problems


def title_flags(plan: Plan) -> list[Flag]:
    """``t1-3``'s title is 120 characters with no 。: most likely the task's whole paragraph; flag it so a
    reader sees the heading is not a title (the text is kept as printed)."""
    flags = []
    for action in plan.actions:
        for task in action.tasks:
            title = plan.title_of(task.segments[0])
            if len(title) > TITLE_MAX_CHARS:
                flags.append(Flag(segment=task.segments[0], kind=LONG_TITLE, text=title))
    return flags


def not_a_plan(paragraphs: list[str], has_chapters: bool = False) -> str | None:
    """Why a document without key tasks is not a plan, or None when it may be a plan the parser failed on:
    a regulation of articles (第一条 …), a news report (新华社北京10月24日电), a notice without its plan
    (only where no chapter is numbered: a notice followed by chapters is a plan the parser failed on)."""
    if not paragraphs:
        return None
    articles = sum(1 for text in paragraphs if ARTICLE.match(text))
    if articles >= 3 and articles >= ARTICLE_SHARE * len(paragraphs):
        return ("a regulation of articles (第一条, 第二条 …), not a plan with numbered tasks; "
                "plans are read by their chapters 一、 / （一） / 1．")
    if any(NEWS_DATELINE.search(text) for text in paragraphs[:3]):
        return "a news report (it opens with a dateline), not the text of a plan; add the plan itself"
    if not has_chapters and find_notice(paragraphs[:6])[0]:  # 关于印发《减污降碳协同增效实施方案》的通知, and no plan after it
        return "a covering notice without the plan it issues; add the file with the plan's own text"
    return None
