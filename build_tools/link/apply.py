"""Link stage: add canonical ids to a parsed plan (agency types and entities, indicators, commitment)."""

from __future__ import annotations

from build_tools.link.agencies import agency_type_of, entity_id
from build_tools.link.indicators import indicator_of
from build_tools.link.units import to_base
from build_tools.models import Agency, Plan, Target

COMMITTED = {"确保", "完成"}
ASPIRATIONAL = {"力争", "争取", "力求", "努力"}


def commitment_of(strength: str | None) -> str:
    """确保 / 完成 -> committed; 力争 / 争取 / 力求 / 努力 -> aspirational; 原则上 -> in-principle."""
    if strength in COMMITTED:
        return "committed"
    if strength in ASPIRATIONAL:
        return "aspirational"
    if strength == "原则上":
        return "in-principle"
    return "stated"


def link_agency(agency: Agency, plan: Plan) -> Agency:
    agency_type = agency_type_of(agency.name, plan.region, plan.parent_region)
    if agency_type is None:
        return agency.model_copy(update={"type": None, "entity": None})
    return agency.model_copy(
        update={"type": agency_type.id, "entity": entity_id(plan.region_id, agency_type, agency.name, plan.region, plan.parent_region)}
    )


def link_target(target: Target, plan_id: str | None = None) -> Target:
    """Commitment, canonical indicator and the value in its base unit (link/units.py)."""
    indicator = indicator_of(target.indicator, target.unit, plan_id)
    base_value, base_unit = to_base(target.value, target.unit)
    return target.model_copy(update={"commitment": commitment_of(target.strength), "indicator_id": indicator.id if indicator else None,
                                     "base_value": base_value, "base_unit": base_unit})


def link_plan(plan: Plan) -> Plan:
    """The same plan with every agency and target linked."""
    targets = [link_target(t, plan.id) for t in plan.targets]
    actions = []
    for action in plan.actions:
        tasks = [task.model_copy(update={"agencies": [link_agency(a, plan) for a in task.agencies]}) for task in action.tasks]
        actions.append(action.model_copy(update={"tasks": tasks}))
    measures = [m.model_copy(update={"agencies": [link_agency(a, plan) for a in m.agencies]}) for m in plan.measures]
    return plan.model_copy(update={"actions": actions, "measures": measures, "targets": targets})
