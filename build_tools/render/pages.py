"""Render stage: plans -> Markdown pages and JSON downloads under content/.

Text from documents is always inert: headings go through ``markdown_inline`` (HTML-escaped, Markdown
syntax characters as numeric entities), everything else is HTML escaped by Jinja2's autoescape inside
raw HTML blocks, which Markdown leaves alone. No document text is ever used as a template.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from build_tools.link.themes import load_themes
from build_tools.models import Plan, ParseOutput, Segment, plan_json_schema
from build_tools.paths import CONTENT

GENERATED = ("index.md", "plans", "data")
LEVEL_ZH = {"national": "国家", "province": "省级", "city": "市级", "county": "县级", "district": "区级"}
STATUS_ZH = {"final": "正式", "draft": "征求意见稿"}
# characters that mean something to Markdown or attr_list; written as numeric entities in headings
MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+!|~:<>&\"'=-]")


def markdown_inline(text: str) -> Markup:
    """Document text for a Markdown heading: ``<script>`` -> ``&#60;script&#62;``, ``{#x}`` -> entities."""
    return Markup(MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text))


def mark_spans(text: str, spans: list[tuple[str, str, str]]) -> Markup:
    """Escape text and wrap each (phrase, css class, title) at its first place after the previous one."""
    out: list[str] = []
    position = 0
    for phrase, css, title in spans:
        if not phrase:
            continue
        found = text.find(phrase, position)
        if found < 0:
            continue
        out.append(str(escape(text[position:found])))
        out.append(f'<mark class="{css}" title="{escape(title)}">{escape(phrase)}</mark>')
        position = found + len(phrase)
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def format_value(target) -> str:
    value = target.value
    shown = f"{value[0]}—{value[1]}" if isinstance(value, list) else str(value)
    qualifier = target.qualifier or ""
    if qualifier in ("以上", "以下", "左右", "以内", "及以上", "及以下", "之内"):
        return f"{shown}{target.unit}{qualifier}"
    if "…" in qualifier:
        pre, post = qualifier.split("…")
        return f"{pre}{shown}{target.unit}{post}"
    return f"{qualifier}{shown}{target.unit}"


def target_title(target) -> str:
    year = f"{target.year}年" if target.year else "未注明年份"
    return f"目标：{year} · {target.indicator} {format_value(target)}"


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("build_tools.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown_inline
    env.filters["value"] = format_value
    env.filters["mark"] = mark_spans
    env.filters["yaml_string"] = lambda s: Markup(json.dumps(s, ensure_ascii=False))
    env.globals.update(LEVEL_ZH=LEVEL_ZH, STATUS_ZH=STATUS_ZH)
    return env


def heading_level(depth: int) -> str:
    return "#" * min(depth + 1, 6)


def plan_blocks(plan: Plan) -> list[dict]:
    """The plan text as a list of blocks for the template, in document order."""
    tasks = {f"{a.number}.{t.number}": (a, t) for a in plan.actions for t in a.tasks}
    targets_by_segment: dict[str, list] = {}
    for target in plan.targets:
        targets_by_segment.setdefault(target.segment, []).append(target)
    themes = {t["id"]: t for t in load_themes()}
    action_by_heading_id = {}
    segment_ids = [s.id for s in plan.sections]
    for action in plan.actions:
        if action.tasks:
            first_task_segment = next((s for s in plan.sections if s.task == f"{action.number}.{action.tasks[0].number}"), None)
            if first_task_segment:
                parent = first_task_segment.id.rsplit("-", 1)[0]
                action_by_heading_id[parent] = action
    blocks: list[dict] = []
    seen_tasks: set[str] = set()
    for index, segment in enumerate(plan.sections):
        spans = [(t.clause, "target", target_title(t)) for t in targets_by_segment.get(segment.id, [])]
        block = {"segment": segment, "spans": spans, "task": None, "task_footer": None, "theme": None,
                 "action": action_by_heading_id.get(segment.id)}
        if block["action"] is not None and block["action"].theme:
            block["theme"] = themes[block["action"].theme]
        if segment.task and segment.task not in seen_tasks and segment.marker:
            seen_tasks.add(segment.task)
            action, task = tasks[segment.task]
            block["task"] = task
            block["action_number"] = action.number
            block["agencies_last"] = last_segment_of_task(plan.sections, index, segment.task)
        if segment.marker:
            title, _, body = segment.text.partition("。")
            block["heading"] = segment.text if segment.kind == "heading" else title
            block["body"] = "" if segment.kind == "heading" else body
        else:
            block["heading"] = None
            block["body"] = segment.text
        block["level"] = heading_level(segment.depth)
        blocks.append(block)
    # agencies and targets are shown after the last paragraph of their task
    for block in blocks:
        if block["task"] is not None:
            last_id = block["agencies_last"]
            owner = next(b for b in blocks if b["segment"].id == last_id)
            owner["task_footer"] = block["task"]
    return blocks


def last_segment_of_task(sections: list[Segment], index: int, task: str) -> str:
    last = sections[index].id
    for segment in sections[index + 1 :]:
        if segment.task != task:
            break
        last = segment.id
    return last


def render_site_content(plans: list[Plan], content: Path = CONTENT) -> None:
    """Write content/index.md, content/plans/*.md and content/data/* (generated files only)."""
    for name in GENERATED:
        target = content / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    env = environment()
    (content / "plans").mkdir(parents=True)
    (content / "data" / "plans").mkdir(parents=True)
    (content / "data" / "schema").mkdir(parents=True)
    (content / "index.md").write_text(env.get_template("home.md.j2").render(plans=plans), encoding="utf-8")
    (content / "plans" / "index.md").write_text(env.get_template("plans_index.md.j2").render(plans=plans), encoding="utf-8")
    for plan in plans:
        page = env.get_template("plan.md.j2").render(plan=plan, blocks=plan_blocks(plan))
        (content / "plans" / f"{plan.id}.md").write_text(page, encoding="utf-8")
        (content / "data" / "plans" / f"{plan.id}.json").write_text(plan_json(plan), encoding="utf-8")
    everything = ParseOutput(plans=plans).model_dump(mode="json")
    (content / "data" / "plans.json").write_text(json.dumps(everything, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (content / "data" / "schema" / "plan.schema.json").write_text(
        json.dumps(plan_json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def plan_json(plan: Plan) -> str:
    return json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"

