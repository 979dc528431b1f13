"""Plan -> translation units: the spans of its segments that a page shows on their own."""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.models import Plan


@dataclass(frozen=True)
class Unit:
    msgid: str
    """The Chinese text, as printed."""
    segment: str | None
    """The segment it is a span of (None for the plan's title, which is metadata)."""
    part: str
    """text (a heading or paragraph), title (a run-in title), body (the text after it), clause (a target's)
    or plan title / notice title."""


def segment_units(plan: Plan, segment_id: str) -> list[Unit]:
    """``1．积极构建低碳工业体系。坚持…`` -> a title unit and a body unit; a heading or an unnumbered
    paragraph -> one text unit."""
    segment = plan.segment(segment_id)
    if segment.kind == "paragraph" and segment.title_end is not None:
        units = [Unit(plan.title_of(segment_id), segment_id, "title")]
        body = plan.body_of(segment_id)
        if body:
            units.append(Unit(body, segment_id, "body"))
        return [u for u in units if u.msgid]
    return [Unit(segment.text, segment_id, "text")] if segment.text else []


def plan_units(plan: Plan) -> list[Unit]:
    """Every unit of a plan in document order (titles, segments, then target clauses)."""
    units = [Unit(plan.title, None, "plan title")]
    if plan.notice_title:
        units.append(Unit(plan.notice_title, None, "notice title"))
    for segment in plan.sections:
        units += segment_units(plan, segment.id)
    for target in plan.targets:
        units.append(Unit(plan.clause(target), target.segment, "clause"))
    return units
