"""Render stage: plans -> Markdown pages and JSON downloads under content/.

Text from documents is always inert: headings go through ``markdown_inline`` (HTML-escaped, Markdown
syntax characters as numeric entities), everything else is HTML escaped by Jinja2's autoescape inside
raw HTML blocks, which Markdown leaves alone. No document text is ever used as a template.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from difflib import SequenceMatcher
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from build_tools.link.atlas import build_atlas
from build_tools.link.themes import load_themes
from build_tools.render.indexes import COMMITMENT_ZH, ROLE_ZH, region_pages, render_indexes
from build_tools.render.opendata import write_open_data
from build_tools.render.values import format_value
from build_tools.models import Plan, ParseOutput, plan_json_schema
from build_tools.paths import CONTENT, ROOT

GENERATED = ("index.md", "plans", "data", "themes", "agencies", "targets", "regions")
LEVEL_ZH = {"national": "国家", "province": "省级", "city": "市级", "county": "县级", "district": "区级"}
STATUS_ZH = {"final": "正式", "draft": "征求意见稿"}
# characters that mean something to Markdown or attr_list; written as numeric entities in headings
MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+!|~:<>&\"'=-]")


def markdown_inline(text: str) -> Markup:
    """Document text for a Markdown heading: ``<script>`` -> ``&#60;script&#62;``, ``{#x}`` -> entities."""
    return Markup(MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text))


def front_matter_title(text: str) -> Markup:
    """A page title for YAML front matter. The theme inserts titles into the page header unescaped, so
    document text is HTML-escaped here: ``某某区<img onerror=…>方案`` shows as text, never as markup."""
    return Markup(json.dumps(html.escape(text, quote=False), ensure_ascii=False))


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
    env.filters["changes"] = variant_changes
    env.filters["groupby_reason"] = lambda removed: [
        ((file, reason), [r for r in removed if (r.file, r.reason) == (file, reason)])
        for file, reason in dict.fromkeys((r.file, r.reason) for r in removed)
    ]
    env.filters["front_matter_title"] = front_matter_title
    env.globals.update(LEVEL_ZH=LEVEL_ZH, STATUS_ZH=STATUS_ZH, ROLE_ZH=ROLE_ZH, COMMITMENT_ZH=COMMITMENT_ZH)
    return env


def heading_level(depth: int) -> str:
    return "#" * min(depth + 1, 6)


INJECTED_PLACEHOLDER = "〔网站注入文字〕"


def variant_changes(variant) -> list[dict]:
    """Where the other readings differ from the chosen one, with a little context; text a website
    injected is shown as 〔网站注入文字〕, never as plan text."""
    chosen = next((r.text for r in variant.readings if r.file == variant.chosen), variant.readings[0].text)
    changes = []
    for reading in variant.readings:
        if reading.file == variant.chosen:
            continue
        matcher = SequenceMatcher(None, chosen, reading.text, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            other = reading.text[j1:j2]
            for injected in variant.injected:
                other = other.replace(injected, INJECTED_PLACEHOLDER)
            changes.append({"file": reading.file, "before": chosen[max(0, i1 - 8):i1], "chosen": chosen[i1:i2],
                            "other": other, "after": chosen[i2:i2 + 8]})
    return changes


def site_url() -> str:
    """``site_url`` of mkdocs.yml (absolute links in citations), or "" for site-relative links."""
    config = ROOT / "mkdocs.yml"
    found = re.search(r"^site_url:\s*(\S+)\s*$", config.read_text(encoding="utf-8"), re.M) if config.exists() else None
    return found.group(1).rstrip("/") + "/" if found else ""


def citations(plan: Plan, anchor: str, label: str, title: str) -> dict[str, str]:
    """A GB/T 7714-style Chinese reference and an English one for a task, with its permalink."""
    url = f"{site_url()}plans/{plan.id}/#{anchor}"
    author = plan.issuer or plan.region or "中华人民共和国国务院"
    date = plan.date or plan.date_text or ""
    where = f"{plan.parent_region or ''}{plan.region or ''}"
    return {
        "zh": f"{author}. {plan.title}：{label} {title}[EB/OL]. ({date}). {url}",
        "en": f"{author} ({where or 'national'}). {plan.title}, item {label}: {title} [online]. {date}. Plan Atlas. {url}",
    }


def plan_items(plan: Plan) -> dict[str, dict]:
    """Key tasks ("2.3") and measures ("m4-1") by the key segments carry, with what the page shows of them."""
    items: dict[str, dict] = {}
    for action in plan.actions:
        for task in action.tasks:
            label = f"{action.number}.{task.number}"
            items[label] = {"anchor": task.id, "label": label, "agencies": task.agencies, "targets": task.targets,
                            "cite": citations(plan, task.id, f"任务{label}", task.title)}
    for measure in plan.measures:
        items[measure.id] = {"anchor": measure.id, "label": measure.id, "agencies": measure.agencies, "targets": [],
                             "cite": citations(plan, measure.id, measure.chapter, measure.title)}
    return items


def plan_blocks(plan: Plan) -> list[dict]:
    """The plan text as a list of blocks for the template, in document order. The first segment of a
    task or measure is its heading (with the permalink anchor); its agencies, targets and citation
    follow its last segment."""
    items = plan_items(plan)
    targets_by_segment: dict[str, list] = {}
    for target in plan.targets:
        targets_by_segment.setdefault(target.segment, []).append(target)
    themes = {t["id"]: t for t in load_themes()}
    action_by_heading_id = {}
    for action in plan.actions:
        if action.tasks:
            first = next((s for s in plan.sections if s.task == f"{action.number}.{action.tasks[0].number}"), None)
            if first:
                action_by_heading_id[first.id.rsplit("-", 1)[0]] = action
    blocks: list[dict] = []
    seen: set[str] = set()
    last_of: dict[str, str] = {}
    for segment in plan.sections:
        key = segment.task or segment.measure
        if key:
            last_of[key] = segment.id
    for segment in plan.sections:
        key = segment.task or segment.measure
        action = action_by_heading_id.get(segment.id)
        block = {
            "segment": segment,
            "spans": [(t.clause, "target", target_title(t)) for t in targets_by_segment.get(segment.id, [])],
            "item": None,
            "footer": None,
            "action": action,
            "theme": themes.get(action.theme) if action is not None and action.theme else None,
            "level": heading_level(segment.depth),
        }
        if key and key not in seen and segment.marker:
            seen.add(key)
            block["item"] = items[key]
        if segment.marker:
            title, _, body = segment.text.partition("。")
            block["heading"] = segment.text if segment.kind == "heading" else title
            block["body"] = "" if segment.kind == "heading" else body
        else:
            block["heading"] = None
            block["body"] = segment.text
        if key and last_of.get(key) == segment.id:
            block["footer"] = items[key]
        blocks.append(block)
    return blocks


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
    atlas = build_atlas(plans)
    plans = atlas.plans
    regions = region_pages(atlas)
    (content / "index.md").write_text(env.get_template("home.md.j2").render(plans=plans, atlas=atlas), encoding="utf-8")
    (content / "plans" / "index.md").write_text(env.get_template("plans_index.md.j2").render(plans=plans), encoding="utf-8")
    render_indexes(env, atlas, content)
    write_open_data(atlas, content / "data")
    themes = {t["id"]: t for t in load_themes()}
    for plan in plans:
        page = env.get_template("plan.md.j2").render(plan=plan, blocks=plan_blocks(plan), themes=themes,
                                                      region_page=regions.get(plan.region_id))
        (content / "plans" / f"{plan.id}.md").write_text(page, encoding="utf-8")
        (content / "data" / "plans" / f"{plan.id}.json").write_text(plan_json(plan), encoding="utf-8")
    everything = ParseOutput(plans=plans).model_dump(mode="json")
    (content / "data" / "plans.json").write_text(json.dumps(everything, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (content / "data" / "schema" / "plan.schema.json").write_text(
        json.dumps(plan_json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def plan_json(plan: Plan) -> str:
    return json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"

