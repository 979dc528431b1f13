"""Open data downloads under the site's data/: CSVs with a Frictionless Data Package, agencies.json
for the lookup, and one spreadsheet per agency entity (责任分工表)."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import xlsxwriter

from build_tools.link.atlas import Atlas
from build_tools.render.values import format_value

ROLE_ZH = {"lead": "牵头", "support": "配合", None: "未区分"}
# spreadsheets carry a creation date; a fixed one keeps the download byte-identical between builds
FIXED_CREATED = datetime.datetime(2000, 1, 1)

TABLES = {
    "tasks": [
        ("plan_id", "string", "Plan id (see plans.json)"),
        ("task_id", "string", "Permalink anchor on the plan page: t<action>-<task> for key tasks, m<chapter>-<n> for measures, the segment id for projects"),
        ("kind", "string", "task (a key task under 重点任务), measure (an item of a later chapter) or project (a listed major project)"),
        ("action_number", "integer", "Action ordinal (tasks) or chapter number (measures)"),
        ("task_number", "integer", "Number as printed"),
        ("theme", "string", "Theme id (data/taxonomy/themes.yml)"),
        ("title", "string", "Short heading: the text before the first 。"),
    ],
    "task_agencies": [
        ("plan_id", "string", "Plan id"),
        ("task_id", "string", "Task or measure id"),
        ("agency_id", "string", "Agency entity id (agencies.csv)"),
        ("agency_name", "string", "The agency as printed in the plan"),
        ("role", "string", "lead, support, or empty where the plan does not say"),
    ],
    "agencies": [
        ("agency_id", "string", "Agency entity id: <jurisdiction>.<type>[.<name>]"),
        ("name", "string", "The spelling printed most often"),
        ("names", "string", "All spellings printed, separated by |"),
        ("type_id", "string", "Agency type id (data/taxonomy/agency_types.yml)"),
        ("type_zh", "string", "Agency type in Chinese"),
        ("jurisdiction", "string", "Region the entity belongs to"),
        ("tasks_total", "integer", "Tasks and measures naming the agency"),
        ("tasks_lead", "integer", "... as lead unit"),
        ("tasks_support", "integer", "... as supporting unit"),
        ("tasks_unspecified", "integer", "... where the plan does not say"),
    ],
    "targets": [
        ("plan_id", "string", "Plan id"),
        ("task_id", "string", "Task id (t<action>-<task>), empty for targets outside key tasks"),
        ("year", "integer", "Target year, empty when none is stated"),
        ("indicator", "string", "What is measured, as extracted from the clause"),
        ("value", "number", "Value as printed (low end of a range)"),
        ("value_high", "number", "High end of a range, else empty"),
        ("unit", "string", "Unit as printed"),
        ("qualifier", "string", "以上, 以下, 左右, 不低于, ..."),
        ("strength", "string", "committed (确保/完成), aspirational (力争/争取/...), in-principle (原则上) or stated"),
        ("clause", "string", "The sentence part stating the target"),
        ("indicator_id", "string", "Canonical indicator (data/taxonomy/indicators.yml) when comparable"),
        ("strength_word", "string", "The commitment word as printed"),
        ("segment", "string", "Segment id (page anchor) the target was read from"),
    ],
}
PRIMARY_KEYS = {"tasks": ["plan_id", "task_id"], "agencies": ["agency_id"]}
FOREIGN_KEYS = {
    "task_agencies": [
        {"fields": ["plan_id", "task_id"], "reference": {"resource": "tasks", "fields": ["plan_id", "task_id"]}},
        {"fields": "agency_id", "reference": {"resource": "agencies", "fields": "agency_id"}},
    ],
}


def table_rows(atlas: Atlas) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for item in atlas.items:
        if item.kind == "task":
            action_number, _, task_number = item.label.partition(".")
        elif item.kind == "measure":
            action_number, _, task_number = item.anchor[1:].partition("-")
        else:  # a major project: numbered within its group only
            action_number, task_number = "", ""
        rows["tasks"].append({"plan_id": item.plan.id, "task_id": item.anchor, "kind": item.kind, "action_number": action_number,
                              "task_number": task_number, "theme": item.theme or "", "title": item.title})
        for agency in item.agencies:
            rows["task_agencies"].append({"plan_id": item.plan.id, "task_id": item.anchor, "agency_id": agency.entity or "",
                                          "agency_name": agency.name, "role": agency.role or ""})
    for entity in atlas.entities.values():
        rows["agencies"].append({
            "agency_id": entity.id, "name": entity.name, "names": "|".join(entity.names), "type_id": entity.type_id,
            "type_zh": atlas.agency_types[entity.type_id].zh, "jurisdiction": entity.jurisdiction,
            "tasks_total": len(entity.responsibilities), "tasks_lead": entity.count("lead"),
            "tasks_support": entity.count("support"), "tasks_unspecified": entity.count(None),
        })
    for plan in atlas.plans:
        for target in plan.targets:
            low, high = (target.value if isinstance(target.value, list) else [target.value, ""])
            rows["targets"].append({
                "plan_id": plan.id, "task_id": f"t{target.task.replace('.', '-')}" if target.task else "",
                "year": target.year or "", "indicator": target.indicator, "value": low, "value_high": high,
                "unit": target.unit, "qualifier": target.qualifier or "", "strength": target.commitment,
                "clause": target.clause, "indicator_id": target.indicator_id or "", "strength_word": target.strength or "",
                "segment": target.segment,
            })
    return rows


def csv_text(name: str, rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[field for field, _, _ in TABLES[name]], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def datapackage() -> dict:
    resources = []
    for name, fields in TABLES.items():
        schema: dict = {"fields": [{"name": f, "type": t, "description": d} for f, t, d in fields], "missingValues": [""]}
        if name in PRIMARY_KEYS:
            schema["primaryKey"] = PRIMARY_KEYS[name]
        if name in FOREIGN_KEYS:
            schema["foreignKeys"] = FOREIGN_KEYS[name]
        resources.append({"name": name.replace("_", "-"), "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
                          "encoding": "utf-8", "schema": schema})
    for resource in resources:
        for key in resource["schema"].get("foreignKeys", []):
            key["reference"]["resource"] = key["reference"]["resource"].replace("_", "-")
    return {
        "name": "plan-atlas",
        "title": "Plan Atlas: China's local carbon-peaking plans (碳达峰实施方案图谱)",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }


def agency_spreadsheet(path: Path, entity, atlas: Atlas) -> None:
    """责任分工表: one row per task or measure naming the agency, with role, theme, targets and years."""
    # document text is data: never a formula or a link, whatever it starts with (=HYPERLINK(…), http:…)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    workbook.set_properties({"title": f"{entity.jurisdiction} {entity.name} 责任分工表", "created": FIXED_CREATED})
    sheet = workbook.add_worksheet("责任分工表")
    bold = workbook.add_format({"bold": True})
    headers = ["方案", "编号", "任务", "角色", "主题", "量化目标", "目标年份", "链接"]
    sheet.write_row(0, 0, headers, bold)
    themes = {t["id"]: t["zh"] for t in atlas.themes}
    for row, r in enumerate(entity.responsibilities, start=1):
        targets = "；".join(f"{t.indicator} {format_value(t)}" for t in r.item.targets)  # 40%以上, not 40%
        years = "、".join(sorted({str(t.year) for t in r.item.targets if t.year}))
        sheet.write_row(row, 0, [r.item.plan.title, r.item.label, r.item.title, ROLE_ZH[r.role],
                                 themes.get(r.item.theme, ""), targets, years, f"plans/{r.item.plan.id}/#{r.item.anchor}"])
    sheet.set_column(0, 0, 28)
    sheet.set_column(2, 2, 40)
    sheet.set_column(5, 5, 50)
    workbook.close()


def write_open_data(atlas: Atlas, data_dir: Path) -> None:
    rows = table_rows(atlas)
    for name in TABLES:
        (data_dir / f"{name}.csv").write_text(csv_text(name, rows[name]), encoding="utf-8")
    (data_dir / "datapackage.json").write_text(json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    # every spelling of a type anywhere on the site, so that 发改 finds 区发展改革委 as well as 市发改局
    spellings: dict[str, set[str]] = {}
    for entity in atlas.entities.values():
        spellings.setdefault(entity.type_id, set()).update(entity.names)
    lookup = [
        {"id": e.id, "name": e.name, "names": e.names, "jurisdiction": e.jurisdiction, "type": atlas.agency_types[e.type_id].zh,
         "type_names": sorted(spellings[e.type_id]), "tasks": len(e.responsibilities), "lead": e.count("lead"), "url": f"{e.id}/"}
        for e in atlas.entities.values()
    ]
    (data_dir / "agencies.json").write_text(json.dumps(lookup, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (data_dir / "agencies").mkdir(exist_ok=True)
    for entity in atlas.entities.values():
        agency_spreadsheet(data_dir / "agencies" / f"{entity.id}.xlsx", entity, atlas)
