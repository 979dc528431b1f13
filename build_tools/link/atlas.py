"""Cross-plan indexes: themes, agency entities and types, targets, regions (derived, never stored)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from build_tools.link.agencies import load_agency_types, strip_jurisdiction
from build_tools.link.indicators import load_indicators
from build_tools.link.themes import load_themes
from build_tools.models import Plan, Target


@dataclass
class Item:
    """A key task (t2-3), a measure (m4-1) or a major project (its segment id) of one plan."""

    plan: Plan
    anchor: str
    label: str
    """2.3 for a task, 四（一） style m4-1 for a measure."""
    title: str
    theme: str | None
    kind: str
    targets: list[Target]
    agencies: list = field(default_factory=list)
    deadline: str | None = None
    deadline_date: str | None = None
    segments: list[str] = field(default_factory=list)
    """The item's segments (its text is theirs)."""


@dataclass
class Responsibility:
    item: Item
    role: str | None
    printed_name: str


@dataclass
class Entity:
    id: str
    type_id: str
    region_id: str
    jurisdiction: str | None
    """The region the entity belongs to (宝坻区), None for a national body."""
    parent: str | None
    type_en: str = ""
    names: list[str] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)

    @cached_property
    def name(self) -> str:
        """The spelling printed most often (ties: the first in sort order). Read once the atlas is built
        (every page that links the entity asks for it, so it is computed once)."""
        counts = Counter(r.printed_name for r in self.responsibilities)
        return sorted(counts, key=lambda n: (-counts[n], n))[0]

    @cached_property
    def core(self) -> str:
        """The most printed spelling without its jurisdiction words: 区发展改革委 -> 发展改革委."""
        return strip_jurisdiction(self.name, self.jurisdiction, self.parent)

    def count(self, role: str | None) -> int:
        return sum(1 for r in self.responsibilities if r.role == role)


@dataclass
class Atlas:
    plans: list[Plan]
    items: list[Item]
    entities: dict[str, Entity]
    themes: list[dict]
    agency_types: dict
    indicators: dict

    def items_by_theme(self) -> dict[str, list[Item]]:
        grouped: dict[str, list[Item]] = defaultdict(list)
        for item in self.items:
            grouped[item.theme or "unmapped"].append(item)
        return grouped

    def entities_by_type(self) -> dict[str, list[Entity]]:
        grouped: dict[str, list[Entity]] = defaultdict(list)
        for entity in self.entities.values():
            grouped[entity.type_id].append(entity)
        return grouped

    def regions(self) -> dict[str, list[Plan]]:
        """Plans by region name, and by parent region name (a parent lists its children's plans too)."""
        grouped: dict[str | None, list[Plan]] = defaultdict(list)
        for plan in self.plans:
            grouped[plan.region].append(plan)
            if plan.parent_region:
                grouped[plan.parent_region].append(plan)
        return grouped


def plan_items(plan: Plan) -> list[tuple[Item, list]]:
    """Every task, measure and major project of a plan with its agencies."""
    found = []
    for action in plan.actions:
        for task in action.tasks:
            key = task.key
            item = Item(plan, task.id, key, plan.title_of(task.segments[0]), task.theme, "task", plan.targets_of(key), task.agencies,
                        task.deadline, task.deadline_date, task.segments)
            found.append((item, task.agencies))
    for measure in plan.measures:
        item = Item(plan, measure.id, measure.id, plan.title_of(measure.segments[0]), measure.theme, "measure", [], measure.agencies,
                    measure.deadline, measure.deadline_date, measure.segments)
        found.append((item, measure.agencies))
    for number, project in enumerate(plan.projects, start=1):
        targets = [t for t in plan.targets if t.segment in project.segments]
        item = Item(plan, project.segments[0], f"P{number}", plan.title_of(project.segments[0]), "projects", "project", targets, [],
                    segments=project.segments)
        found.append((item, []))
    return found


def build_atlas(plans: list[Plan]) -> Atlas:
    items: list[Item] = []
    entities: dict[str, Entity] = {}
    agency_types = {t.id: t for t in load_agency_types()}
    for plan in sorted(plans, key=lambda p: p.id):
        for item, agencies in plan_items(plan):
            items.append(item)
            for agency in agencies:
                if agency.entity is None:
                    continue
                entity = entities.setdefault(
                    agency.entity,
                    Entity(agency.entity, agency.type, plan.region_id, plan.region, plan.parent_region, agency_types[agency.type].en),
                )
                if agency.name not in entity.names:
                    entity.names.append(agency.name)
                entity.responsibilities.append(Responsibility(item, agency.role, agency.name))
    for entity in entities.values():
        entity.names.sort()
    return Atlas(
        plans=sorted(plans, key=lambda p: p.id),
        items=items,
        entities=dict(sorted(entities.items())),
        themes=load_themes(),
        agency_types=agency_types,
        indicators={i.id: i for i in load_indicators()},
    )
