"""Outline -> Plan: sections, key-task actions and tasks, agencies, targets, projects, metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from build_tools.errors import SourceError
from build_tools.ingest.clean import Paragraph, clean_text, metadata_from_lines
from build_tools.ingest.readers import SourceText
from build_tools.link.plan_types import plan_type_slug
from build_tools.link.regions import resolve_region
from build_tools.models import Flag, Plan, Reading, RemovedText, Segment, Source, Variant
from build_tools.parse.agencies import RoleConvention
from build_tools.parse.invariants import NO_TASKS, not_a_plan, plan_problems, title_flags
from build_tools.parse.metadata import Metadata, extract_metadata
from build_tools.parse.outline import Node, build_outline
from build_tools.parse.structure import (annual_year, build_actions, build_measures, build_projects, collect_targets, find_actions_chapter,
                                         task_key, title_end)

# 2023-05-25 / 2023-5-25 (a date in a metadata table)
ISO_DATE = re.compile(r"^\s*((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})")
# 推动?业绿色 (a ? standing for a lost character between Chinese characters)
LOST_CHARACTER = re.compile(r"[\u4e00-\u9fff][?\ufffd]|[?\ufffd][\u4e00-\u9fff]")


def build_sections(root: Node, task_of: dict[int, str], measure_of: dict[int, str]) -> list[Segment]:
    segments = []
    for node in root.descendants():
        paragraph = node.paragraph
        segments.append(
            Segment(
                id=node.id,
                kind="heading" if node.is_heading else "paragraph",
                depth=node.depth,
                marker=node.marker,
                text=node.text,
                title_end=title_end(node),
                task=task_of.get(id(node)),
                measure=measure_of.get(id(node)),
                source=paragraph.source,
                lines=[paragraph.line, paragraph.end or paragraph.line],
            )
        )
    return segments


@dataclass
class Document:
    """The cleaned text of one plan, from one source or merged from several (see build_tools.merge)."""

    sources: list[SourceText]
    paragraphs: list[Paragraph]
    removed: list[RemovedText] = field(default_factory=list)
    variants: list[tuple[Paragraph, str, str, list[Reading]]] = field(default_factory=list)
    """(paragraph shown, chosen file, reason, readings) where sources print a paragraph differently."""
    injected: list[str] = field(default_factory=list)
    """Strings found injected by a website into one copy (see build_tools.merge.injected_strings)."""


def document_from_source(source: SourceText) -> Document:
    """One source -> its cleaned paragraphs, with what the reader and the cleaner removed."""
    paragraphs, removed = clean_text(source.text)
    paragraphs = [replace(p, source=source.file) for p in paragraphs]
    dropped = [RemovedText(file=source.file, line=0, text=text, reason=reason) for text, reason in source.removed]
    dropped += [RemovedText(file=source.file, line=r.line, text=r.text, reason=r.reason) for r in removed]
    return Document(sources=[source], paragraphs=paragraphs, removed=dropped)


def parse_plan(source: SourceText, plan_id: str | None = None) -> Plan:
    """One source text -> one Plan (with the lines the cleaner removed, and why)."""
    return parse_document(document_from_source(source), plan_id)


def source_metadata(document: Document) -> dict[str, tuple[str, str]]:
    """Metadata the sources state apart from the text (a web page's 政务公开 table, or its lines in a
    text copy): label -> (value, file), first source first."""
    found: dict[str, tuple[str, str]] = {}
    for source in document.sources:
        for label, value in source.metadata.items():
            found.setdefault(label, (value, source.file))
    lines_by_file: dict[str, list] = {}
    for removed in document.removed:
        lines_by_file.setdefault(removed.file, []).append(removed)
    for file, removed in sorted(lines_by_file.items()):
        for label, value in metadata_from_lines(removed).items():
            found.setdefault(label, (value, file))
    return found


# plan fields read only from the 政务公开 table of a portal copy -> its canonical label (govinfo.METADATA_LABELS)
PORTAL_FIELDS = {"index_number": "索引号", "subject": "主题分类", "validity": "有效性"}


def portal_fields(document: Document) -> tuple[dict[str, str], dict[str, str]]:
    """``索引号：111201110001807180/2023-00008`` -> ({"index_number": …}, {"index_number": file})."""
    stated = source_metadata(document)
    values = {name: stated[label][0] for name, label in PORTAL_FIELDS.items() if label in stated}
    return values, {name: stated[label][1] for name, label in PORTAL_FIELDS.items() if label in stated}


def flags_of(segments: list[Segment]) -> list[Flag]:
    """``推动?业绿色低碳发展``: a ? between Chinese characters stands for a lost character."""
    return [Flag(segment=s.id, kind="lost character", text=s.text) for s in segments if LOST_CHARACTER.search(s.text)]


def read_metadata(document: Document, root: Node) -> tuple[Metadata, dict[str, str]]:
    """Metadata from the text (front matter and signature), completed from what the sources state apart
    (a web page's 政务公开 table), with the file each field came from."""
    source = document.sources[0]
    front_nodes = [n for n in root.children if n.style is None and n.line < _first_marked_line(root)]
    front = [n.text for n in front_nodes]
    tail = [n.text for n in list(root.walk())[-3:]]
    meta = extract_metadata(front, tail)
    provenance: dict[str, str] = {}
    for name in ("title", "notice_title", "issuer", "date", "date_text", "doc_number"):
        value = getattr(meta, name)
        if value:
            holder = next((n for n in front_nodes + list(root.walk())[-3:] if n.paragraph and value.replace("-", "") in n.text.replace(" ", "")), None)
            provenance[name] = holder.paragraph.source if holder else source.file
    stated = source_metadata(document)
    fills = {"doc_number": "发文字号", "issuer": "发布机构"}
    for name, label in fills.items():
        if not getattr(meta, name) and label in stated:
            setattr(meta, name, stated[label][0])
            provenance[name] = stated[label][1]
    if not meta.date:
        for label in ("成文日期", "发文日期", "发布日期"):
            found = ISO_DATE.match(stated.get(label, ("", ""))[0].replace("年", "-").replace("月", "-").replace("日", ""))
            if found:
                meta.date = f"{int(found.group(1)):04d}-{int(found.group(2)):02d}-{int(found.group(3)):02d}"
                meta.year = meta.year or int(found.group(1))
                provenance["date"] = stated[label][1]
                break
    return meta, provenance


def parse_document(document: Document, plan_id: str | None = None) -> Plan:
    """Cleaned paragraphs of one plan -> Plan."""
    source = document.sources[0]
    paragraphs = document.paragraphs
    if not paragraphs:
        raise SourceError(source.file, "no text left after cleaning")
    root = build_outline(paragraphs)
    if not any(node.style for node in root.children):
        reason = not_a_plan([p.text for p in paragraphs])
        raise SourceError(source.file, f"this is {reason}" if reason else "no numbered headings (一、 / （一） / 1．) found: this does not look like a plan")

    meta, provenance = read_metadata(document, root)
    portal, portal_provenance = portal_fields(document)
    provenance.update(portal_provenance)
    if not meta.title:
        raise SourceError(source.file, "no plan title found in the text before the first chapter")

    action_nodes, later_chapters = find_actions_chapter(root, meta.title)
    convention = RoleConvention()
    actions = build_actions(action_nodes, convention)
    if not any(action.tasks for action in actions):
        reason = not_a_plan([p.text for p in paragraphs], has_chapters=True)
        if reason:
            raise SourceError(source.file, f"this is {reason}")
    measures, measure_nodes = build_measures(later_chapters, convention)
    measure_of = {id(part): measure.id for measure, node in zip(measures, measure_nodes) for part in node.walk()}
    task_of: dict[int, str] = {}
    for action, node in zip(actions, action_nodes):
        for task, child in zip(action.tasks, [c for c in node.children if c.style is not None]):
            for part in child.walk():
                task_of[id(part)] = task_key(task)

    targets = collect_targets(root, task_of, annual_year(meta.title))

    region, parent = region_of(meta)
    level = region.level if region else "national"  # no jurisdiction in title, notice or issuers: a national (ministry or State Council) plan
    year = meta.year
    sections = build_sections(root, task_of, measure_of)
    # a paragraph is known by its place in its source, which a hand correction does not change
    node_of = {paragraph_key(n.paragraph): n for n in root.walk() if n.paragraph is not None}
    variants = [
        Variant(segment=node_of[paragraph_key(paragraph)].id, chosen=chosen, reason=reason, readings=readings,
                injected=[s for s in document.injected if any(s in r.text for r in readings)])
        for paragraph, chosen, reason, readings in document.variants
        if paragraph_key(paragraph) in node_of
    ]
    plan = Plan(
        id=plan_id or make_plan_id(region, parent, year, meta.title),
        region_id=make_plan_id(region, parent, None),
        title=meta.title,
        notice_title=meta.notice_title,
        region=region.name if region else None,
        parent_region=parent.name if parent else None,
        level=level,
        issuer=meta.issuer,
        date=meta.date,
        date_text=meta.date_text,
        year=year,
        doc_number=meta.doc_number,
        **portal,
        status=meta.status,
        sources=[Source(file=s.file, sha256=s.sha256, url=s.url, url_from="source" if s.url else None) for s in document.sources],
        sections=sections,
        actions=actions,
        targets=targets,
        measures=measures,
        projects=build_projects(root),
        removed=sorted(document.removed, key=lambda r: (r.file, r.line, r.text)),
        provenance=dict(sorted(provenance.items())),
        variants=variants,
        flags=flags_of(sections),
    )
    plan.flags += title_flags(plan)
    if not any(action.tasks for action in actions):
        first = sections[0].id if sections else ""
        plan.flags.append(Flag(segment=first, kind=NO_TASKS, text="no key tasks found: the chapters were not recognised as tasks"))
    problems = plan_problems(plan)
    if problems:
        raise SourceError(source.file, "internal inconsistency, please report it: " + "; ".join(problems))
    return plan


def paragraph_key(paragraph: Paragraph) -> tuple[str, int]:
    """A paragraph's place: (source file, first line). Stable across hand corrections, unlike the object."""
    return (paragraph.source, paragraph.line)


def region_of(meta: Metadata):
    """(region, parent) from the title, else the notice title, else any of the issuing bodies:
    ``中共湖南省委 湖南省人民政府关于…的实施意见`` and ``绿色金融支持三明碳达峰、碳中和工作方案`` issued by
    ``三明银保监分局、三明市地方金融监督管理局`` (三明市) are not national plans. A name several divisions
    share (朝阳区: Beijing and Changchun) is decided by the notice and the issuer where they name its city
    or province, else it is the first by code (see regions.choose)."""
    candidates = [meta.title, meta.notice_title] + (meta.issuer or "").split("、")
    hints = [text for text in (meta.notice_title, meta.issuer) if text]
    for text in candidates:
        if text:
            region, parent = resolve_region(re.sub(r"^中共", "", text), hints)
            if region is not None:
                return region, parent
    return None, None


def _first_marked_line(root: Node) -> int:
    return next(node.line for node in root.children if node.style is not None)


def make_plan_id(region, parent, year: int | None, title: str | None = None) -> str:
    """``tianjin-baodi-2023``; a province's own plan ``hunan-2022``; a plan with no region ``national-2021``;
    other plan types add their slug (data/taxonomy/plan_types.yml): ``tianjin-energy-saving-2021``."""
    parts = []
    if parent is not None:
        parts.append(parent.slug)
    parts.append(region.slug if region is not None else "national")
    kind = plan_type_slug(title) if title else ""
    if kind:
        parts.append(kind)
    if year:
        parts.append(str(year))
    return "-".join(parts)
