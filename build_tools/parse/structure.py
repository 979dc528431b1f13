"""Outline -> the plan's working parts: actions and their tasks, measures of later chapters, projects,
and the targets read from every segment. Each rule says which layout of real plans it serves."""

from __future__ import annotations

import re

from build_tools.link.themes import theme_of
from build_tools.models import Action, Measure, Project, Target, Task
from build_tools.parse.agencies import RoleConvention, find_agencies
from build_tools.parse.deadlines import task_deadline
from build_tools.parse.outline import Node
from build_tools.parse.targets import extract_targets, period_year

# 二、重点任务 / 三、主要任务 / 四、重点行动 / 二、工作任务 (the chapter whose sections are the actions)
KEY_TASKS = re.compile(r"重点任务|主要任务|工作任务|重点行动|重点工作|主要工作|主要行动|具体行动|重点举措")
# 四、重大支撑和示范项目 / 重大工程 (a chapter listing projects)
PROJECTS = re.compile(r"重大.{0,6}项目|重点项目|示范项目|重大工程|重点工程")
# the frame of a plan, not its work: 一、总体要求 / 二、主要目标 / 五、保障措施 / 六、组织实施
FRAMEWORK = re.compile(
    r"总体要求|指导思想|基本原则|工作原则|主要原则|总体思路|工作思路|主要目标|总体目标|发展目标|工作目标|行动目标|目标任务"
    r"|行动背景|编制背景|背景|重要意义|保障措施|保障机制|组织实施|组织保障|实施保障|组织领导|工作要求|附件|重大项目|重点项目"
)


def first_sentence(text: str) -> str:
    """Task title: ``积极构建低碳工业体系。坚持制造业立区…`` -> ``积极构建低碳工业体系``."""
    head = text.split("。", 1)[0]
    return head.strip()


def title_end(node: Node) -> int | None:
    """Where a numbered segment's title ends: ``（一）能源绿色低碳转型行动。`` (a heading) -> before the 。;
    ``1．积极构建低碳工业体系。坚持…`` (a run-in title) -> before the first 。. Unnumbered: None."""
    if node.style is None:
        return None
    title = node.text.rstrip("。.") if node.is_heading else first_sentence(node.text)
    return node.text.find(title) + len(title) if title else 0


def segment_ids(node: Node) -> list[str]:
    """The ids of a node's segment and of all its descendants, in document order."""
    return [node.id] + [child.id for child in node.descendants()]


def plan_chapters(root: Node) -> list[Node]:
    """The numbered chapters of the plan itself: not an annex (附件) printed after it, whose own 一、重点任务
    (360 定西市: a 重点任务分工方案 table) is not the plan's key-task chapter."""
    return [node for node in root.children if node.style not in (None, "annex")]


def find_actions_chapter(root: Node, title: str = "") -> tuple[list[Node], list[Node]]:
    """(actions, chapters after them). Actions are the numbered children of the 重点任务 chapter; without
    one, the top-level chapters named …行动 hold the tasks; without those, the chapters that are not the
    frame of the plan; and where those chapters are single paragraphs, they are the tasks of one action
    headed by the plan's title."""
    chapters = plan_chapters(root)
    for index, chapter in enumerate(chapters):
        if chapter.is_heading and KEY_TASKS.search(chapter.text):
            children = [child for child in chapter.children if child.style is not None]
            with_items = [child for child in children if any(grandchild.style for grandchild in child.children)]
            if children and len(with_items) * 2 < len(children):
                # 二、重点任务 （一）建立企业项目能效清单。…: the numbered items are the tasks of one action
                # (340 北京市 五、试点主体工作任务: one of its three sections lists items; they are details of that task)
                return [chapter], chapters[index + 1 :]
            # 二、主要任务 （一）…行动 1．… 2．…: the sections are the actions, their items the tasks
            return children, chapters[index + 1 :]
    action_chapters = [c for c in chapters if c.is_heading and c.text.endswith("行动")]
    if len(action_chapters) >= 2:
        return action_chapters, chapters[chapters.index(action_chapters[-1]) + 1 :]
    # 三、推动实施重点工程 （一）…  四、健全完善政策机制 （一）…: chapters that are not the frame of the plan
    working = [c for c in chapters if not FRAMEWORK.search(c.text[:20]) and any(child.style for child in c.children)]
    if working:
        return working, chapters[chapters.index(working[-1]) + 1 :]
    paragraphs = [c for c in chapters if not c.is_heading and not FRAMEWORK.search(c.text[:20])]
    if len(paragraphs) >= CHAPTER_TASKS_MIN:
        # 一、严格…。…  二、加快…。… : chapters of one paragraph each are the tasks themselves
        plan = Node(text=title, line=paragraphs[0].line, style="plan", depth=0, id="", children=paragraphs)
        return [plan], chapters[chapters.index(paragraphs[-1]) + 1 :]
    return [], []


# fewer run-in chapters than this are a notice's points, not a plan's tasks
CHAPTER_TASKS_MIN = 3


def build_measures(chapters: list[Node], convention: RoleConvention) -> tuple[list[Measure], list[Node]]:
    """Numbered items of the chapters after the actions (not the projects chapter), and their nodes."""
    measures, nodes = [], []
    for chapter in chapters:
        if not chapter.is_heading or PROJECTS.search(chapter.text) or chapter.style == "annex":
            continue
        for child in chapter.children:
            if child.style is None:
                continue
            paragraphs = [child.text] + [d.text for d in child.descendants()]
            agencies, _ = find_agencies(paragraphs, convention)
            deadline, deadline_date = task_deadline(paragraphs)
            measures.append(
                Measure(
                    id=f"m{chapter.number}-{child.number}",
                    chapter=chapter.id,
                    chapter_number=chapter.number,
                    number=child.number,
                    segments=segment_ids(child),
                    theme=theme_of(chapter.text),
                    agencies=agencies,
                    deadline=deadline,
                    deadline_date=deadline_date,
                )
            )
            nodes.append(child)
    return measures, nodes


def build_actions(action_nodes: list[Node], convention: RoleConvention) -> list[Action]:
    actions = []
    for ordinal, node in enumerate(action_nodes, start=1):
        intro = [child.id for child in node.children if child.style is None and not _after_first_task(node, child)]
        tasks = []
        used: set[str] = set()
        for child in node.children:
            if child.style is None:
                continue
            paragraphs = [child.text] + [d.text for d in child.descendants()]
            agencies, _ = find_agencies(paragraphs, convention)
            deadline, deadline_date = task_deadline(paragraphs)
            title = first_sentence(child.text)
            tasks.append(
                Task(
                    id=unique_id(f"t{ordinal}-{child.number}", used),
                    number=child.number,
                    segments=segment_ids(child),
                    theme=theme_of(heading_of(node)) or theme_of(title),
                    agencies=agencies,
                    deadline=deadline,
                    deadline_date=deadline_date,
                )
            )
        heading = heading_of(node)
        actions.append(
            Action(number=ordinal, id=f"a{ordinal}", marker=node.marker, segment=node.id or None, theme=theme_of(heading), intro=intro, tasks=tasks)
        )
    return actions


def unique_id(candidate: str, used: set[str]) -> str:
    """``t2-3``, and ``t2-3b`` for a second 3. in the same action (a list that restarts its numbers): a
    permalink names one task."""
    suffixes = [""] + list("bcdefghijklmnopqrstuvwxyz")
    wanted = next((candidate + s for s in suffixes if candidate + s not in used), None)
    if wanted is None:
        count = 2
        while f"{candidate}x{count}" in used:
            count += 1
        wanted = f"{candidate}x{count}"
    used.add(wanted)
    return wanted


def task_key(task: Task) -> str:
    """The task's key in segments and targets: ``t2-3b`` -> ``2.3b``."""
    return task.key


def heading_of(node: Node) -> str:
    """``（一）能源绿色低碳转型行动。`` -> ``能源绿色低碳转型行动``; a run-in heading is its first sentence."""
    return node.text.rstrip("。.") if node.is_heading else first_sentence(node.text)


def _after_first_task(node: Node, child: Node) -> bool:
    seen_task = False
    for other in node.children:
        if other is child:
            return seen_task
        if other.style is not None:
            seen_task = True
    return False


def build_projects(root: Node) -> list[Project]:
    """Projects listed in a 重大项目 chapter: ``（一）能源领域`` groups ``1.津市市配电网改造和扩容工程。…``."""
    projects: list[Project] = []
    for chapter in plan_chapters(root):
        if not chapter.is_heading or not PROJECTS.search(chapter.text):
            continue
        for group in chapter.children:
            if group.style is None:
                continue
            items = [c for c in group.children if c.style is not None]
            if not items:
                items, name = [group], None
            else:
                name = group.id
            for item in items:
                projects.append(Project(group=name, number=item.number, segments=segment_ids(item)))
    return projects


# 山东省绿色低碳转型2022年行动计划 (a plan for one year; not 2022-2025年)
ANNUAL_PLAN = re.compile(r"(?<![\d—–\-~～至])((?:19|20)\d\d)年(?!前)(?:度)?(?:[\u4e00-\u9fff]{0,6})?(?:行动计划|工作计划|工作要点|行动方案|工作方案)")


def annual_year(title: str) -> int | None:
    """``山东省绿色低碳转型2022年行动计划`` -> 2022; a multi-year plan has none."""
    found = ANNUAL_PLAN.search(title)
    return int(found.group(1)) if found else None


def section_year(ancestors: list[Node]) -> int | None:
    """A heading such as ``（一）“十四五”时期目标`` sets the due year of the targets below it."""
    for node in reversed(ancestors):
        if node.style is not None:
            year = period_year(node.text[:20])
            if year:
                return year
    return None


def clause_spans(text: str, clauses: list[str]) -> list[tuple[int, int]]:
    """Where each target's clause lies in its segment's text, in order; a clause that states two targets
    (“十四五”、“十五五”期间分别…) is one span for both."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for index, clause in enumerate(clauses):
        if index and clause == clauses[index - 1]:
            spans.append(spans[-1])
            continue
        start = text.find(clause, cursor)
        if start < 0:  # extract_targets returns clauses of this text; a miss is a bug, never a guess
            raise ValueError(f"target clause {clause!r} is not in its segment")
        spans.append((start, start + len(clause)))
        cursor = start
    return spans


def collect_targets(root: Node, task_of: dict[int, str], current_year: int | None = None) -> list[Target]:
    targets: list[Target] = []

    def visit(node: Node, ancestors: list[Node]) -> None:
        in_front_matter = node.style is None and ancestors[-1] is root  # the notice and preface before 一、
        if not in_front_matter:
            found_targets = extract_targets(node.text, section_year(ancestors + [node]), current_year)
            spans = clause_spans(node.text, [found.clause for found in found_targets])
            for found, (start, end) in zip(found_targets, spans):
                fields = {k: v for k, v in found.__dict__.items() if k != "clause"}
                targets.append(Target(task=task_of.get(id(node)), segment=node.id, start=start, end=end, **fields))
        for child in node.children:
            visit(child, ancestors + [node])

    for child in root.children:
        visit(child, [root])
    return targets
