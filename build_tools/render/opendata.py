"""Open data downloads under the site's data/: CSVs with a Frictionless Data Package (with ``*_en``
columns for names, types, themes, indicators and units), the glossary, the agency lookup's files,
and one responsibilities spreadsheet per agency entity."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from pathlib import Path

import xlsxwriter

from build_tools.link.agencies import alias_spellings
from build_tools.link.atlas import Atlas
from build_tools.link.names import agency_en, region_en
from build_tools.link.vocabulary import entry, term
from build_tools.render import urls
from build_tools.render.glossary import GLOSSARY_FIELDS, glossary_entries
from build_tools.render.i18n import N_, scaled, ui_translations, value_as_printed
from build_tools.render.indexes import jurisdictions, region_groups
from build_tools.render.output import gzipped, write
# spreadsheets carry a creation date; a fixed one keeps the download byte-identical between builds
FIXED_CREATED = datetime.datetime(2000, 1, 1)

TABLES = {
    "tasks": [
        ("plan_id", "string", "Plan id (see plans/<plan-id>.json)"),
        ("task_id", "string", "Permalink anchor on the plan page: t<action>-<task> for key tasks, m<chapter>-<n> for measures, the segment id for projects"),
        ("kind", "string", "task (a numbered item of the key-tasks chapter), measure (an item of a later chapter) or project (a listed major project)"),
        ("action_number", "integer", "Action ordinal (tasks) or chapter number (measures)"),
        ("task_number", "integer", "Number as printed"),
        ("theme", "string", "Theme id (data/taxonomy/themes.yml)"),
        ("title", "string", "Short heading as printed: the run-in title of the task's first paragraph"),
        ("theme_en", "string", "Theme in English"),
        ("title_en", "string", "Title in English where a current translation exists (machine translation unless the catalog says otherwise), else empty"),
        ("deadline", "string", "The deadline as printed in the responsibility clause, else empty"),
        ("deadline_date", "date", "The last day that deadline allows (YYYY-MM-DD), empty when it is not a date"),
    ],
    "task_agencies": [
        ("plan_id", "string", "Plan id"),
        ("task_id", "string", "Task or measure id"),
        ("agency_id", "string", "Agency entity id (agencies.csv.gz)"),
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
        ("name_en", "string", "English name, composed from the jurisdiction and the agency name glossary (data/taxonomy/agency_names.yml)"),
        ("type_en", "string", "Agency type in English"),
        ("jurisdiction_en", "string", "Region in English"),
    ],
    "targets": [
        ("plan_id", "string", "Plan id"),
        ("task_id", "string", "Task id (t<action>-<task>), empty for targets outside key tasks"),
        ("year", "integer", "Target year, empty when none is stated"),
        ("indicator", "string", "What is measured, as extracted from the clause"),
        ("value", "number", "Value as printed (low end of a range)"),
        ("value_high", "number", "High end of a range, else empty"),
        ("unit", "string", "Unit as printed"),
        ("qualifier", "string", "The comparator as printed in Chinese (or more, or less, about, no less than, ...); see the glossary, kind qualifier"),
        ("strength", "string", "committed (ensure, complete), aspirational (strive to), in-principle or stated; see the glossary, kind commitment"),
        ("clause", "string", "The sentence part stating the target"),
        ("indicator_id", "string", "Canonical indicator (data/taxonomy/indicators.yml) when comparable"),
        ("strength_word", "string", "The commitment word as printed"),
        ("segment", "string", "Segment id (page anchor) the target was read from"),
        ("value_as_printed", "string", "Value with its comparator and unit as printed: the qualifier is never dropped"),
        ("indicator_en", "string", "Canonical indicator in English, when comparable"),
        ("unit_en", "string", "English unit of value_en"),
        ("value_en", "number", "Value converted to unit_en (the Chinese unit of ten thousand kW becomes 10000 kW); low end of a range"),
        ("value_high_en", "number", "High end of a range, converted"),
        ("base_value", "number", "Value converted to base_unit, the unit all targets of one indicator are compared in (12 hundred-million kW -> 1200000000 kW); low end of a range"),
        ("base_value_high", "number", "High end of a range in base_unit, else empty"),
        ("base_unit", "string", "Base unit as the vocabulary writes it in Chinese (the kW, m3, t of unit_en; % and percentage points are different units); empty when the printed unit is unknown"),
        ("indicator_family", "string", "Family of related indicators (indicators.yml families): compare within an indicator, read a family together"),
    ],
    "glossary": [(name, "string", description) for name, description in zip(GLOSSARY_FIELDS, (
        "agency type, agency name, theme, indicator, region, plan type, or a vocabulary kind",
        "Id of the term in its taxonomy file", "Chinese", "English used on the site", "Note", "Source of an official English form"))],
}
PRIMARY_KEYS = {"tasks": ["plan_id", "task_id"], "agencies": ["agency_id"]}
FOREIGN_KEYS = {
    "task_agencies": [
        {"fields": ["plan_id", "task_id"], "reference": {"resource": "tasks", "fields": ["plan_id", "task_id"]}},
        {"fields": "agency_id", "reference": {"resource": "agencies", "fields": "agency_id"}},
    ],
}


def table_rows(atlas: Atlas, translations: dict | None = None) -> dict[str, list[dict]]:
    translations = translations or {}
    themes = {t["id"]: t for t in atlas.themes}
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for item in atlas.items:
        if item.kind == "task":
            action_number, _, task_number = item.label.partition(".")
        elif item.kind == "measure":
            action_number, _, task_number = item.anchor[1:].partition("-")
        else:  # a major project: numbered within its group only
            action_number, task_number = "", ""
        english = translations[item.plan.id].get(item.title)[0] if item.plan.id in translations else None
        rows["tasks"].append({"plan_id": item.plan.id, "task_id": item.anchor, "kind": item.kind, "action_number": action_number,
                              "task_number": task_number, "theme": item.theme or "", "title": item.title,
                              "theme_en": themes[item.theme]["en"] if item.theme in themes else "", "title_en": english or "",
                              "deadline": item.deadline or "", "deadline_date": item.deadline_date or ""})
        for agency in item.agencies:
            rows["task_agencies"].append({"plan_id": item.plan.id, "task_id": item.anchor, "agency_id": agency.entity or "",
                                          "agency_name": agency.name, "role": agency.role or ""})
    for entity in atlas.entities.values():
        rows["agencies"].append({
            "agency_id": entity.id, "name": entity.name, "names": "|".join(entity.names), "type_id": entity.type_id,
            "type_zh": atlas.agency_types[entity.type_id].zh, "jurisdiction": entity.jurisdiction,
            "tasks_total": len(entity.responsibilities), "tasks_lead": entity.count("lead"),
            "tasks_support": entity.count("support"), "tasks_unspecified": entity.count(None),
            "name_en": agency_en(entity.type_id, entity.type_en, entity.core, entity.jurisdiction),
            "type_en": atlas.agency_types[entity.type_id].en, "jurisdiction_en": region_en(entity.jurisdiction),
        })
    for plan in atlas.plans:
        for target in plan.targets:
            low, high = (target.value if isinstance(target.value, list) else [target.value, ""])
            unit = entry("units", target.unit) if target.unit else None
            base = target.base_value
            base_low, base_high = (base if isinstance(base, list) else [base if base is not None else "", ""])
            rows["targets"].append({
                "plan_id": plan.id, "task_id": f"t{target.task.replace('.', '-')}" if target.task else "",
                "year": target.year or "", "indicator": target.indicator, "value": low, "value_high": high,
                "unit": target.unit, "qualifier": target.qualifier or "", "strength": target.commitment,
                "clause": plan.clause(target), "indicator_id": target.indicator_id or "", "strength_word": target.strength or "",
                "segment": target.segment, "value_as_printed": value_as_printed(target),
                "indicator_en": atlas.indicators[target.indicator_id].en if target.indicator_id else "",
                "unit_en": unit["en"] if unit else "", "value_en": scaled(low, unit["factor"] if unit else 1),
                "value_high_en": scaled(high, unit["factor"] if unit else 1) if high != "" else "",
                "base_value": base_low, "base_value_high": base_high, "base_unit": target.base_unit if target.base_unit is not None else "",
                "indicator_family": (atlas.indicators[target.indicator_id].family or "") if target.indicator_id else "",
            })
    rows["glossary"] = glossary_entries(atlas)
    return rows


# the tables that grow with the plans are published gzip-compressed (tasks.csv.gz): at 3,000 plans
# targets.csv alone would be ~22 MB, past the 10 MB a static host's file should stay under; pandas, R,
# DuckDB and Frictionless read .csv.gz as they read .csv, and each jurisdiction's workbook (.xlsx) serves
# spreadsheet users. The glossary does not grow with the plans and stays a plain .csv.
COMPRESSED = ("tasks", "task_agencies", "agencies", "targets")


def table_file(name: str) -> str:
    """The file name of a table under data/: ``tasks.csv.gz``, ``glossary.csv``."""
    return f"{name}.csv.gz" if name in COMPRESSED else f"{name}.csv"


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
        resources.append({"name": name.replace("_", "-"), "path": table_file(name), "format": "csv", "mediatype": "text/csv",
                          **({"compression": "gz"} if name in COMPRESSED else {}), "encoding": "utf-8", "schema": schema})
    for resource in resources:
        for key in resource["schema"].get("foreignKeys", []):
            key["reference"]["resource"] = key["reference"]["resource"].replace("_", "-")
    return {
        "name": "plan-atlas",
        "title": "Plan Atlas: China's local carbon-peaking plans",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }


# characters Excel refuses in a sheet name, and its length limit
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LIMIT = 31


def sheet_names(entities) -> list[str]:
    """A sheet name per agency, as printed (区发展改革委), within Excel's rules (31 characters, no []:*?/\\)
    and unique within the workbook (a repeated name gets its number: 区发展改革委 (2))."""
    names, seen = [], set()
    for entity in entities:
        base = SHEET_NAME_FORBIDDEN.sub(" ", entity.name)[:SHEET_NAME_LIMIT] or entity.id[:SHEET_NAME_LIMIT]
        name, number = base, 1
        while name.lower() in seen:
            number += 1
            suffix = f" ({number})"
            name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        seen.add(name.lower())
        names.append(name)
    return names


def jurisdiction_spreadsheet(place: dict, atlas: Atlas, base_url: str = "") -> bytes:
    """The responsibilities workbook of one jurisdiction, as an official uses it: one sheet per agency,
    one row per task or measure naming it, with the plan, its role, theme, targets with their qualifiers
    as printed, target years, deadline, a link (clickable and absolute once the site has a ``site_url``)
    and the task's whole text. Headers in Chinese with English below them, frozen, with a filter."""
    gettext = ui_translations("zh").gettext
    # document text is data: never a formula or a link, whatever it starts with (=HYPERLINK(…), http:…)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    workbook.set_properties({"title": f"{place['place'] or ''} {gettext(N_('Responsibilities'))}", "created": FIXED_CREATED})
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    headers = [N_("Plan"), N_("No."), N_("Task"), N_("Role"), N_("Theme"), N_("Targets"), N_("Target years"), N_("Link"),
               N_("Deadline"), N_("Task text")]
    themes = {t["id"]: t["zh"] for t in atlas.themes}
    for entity, name in zip(place["entities"], sheet_names(place["entities"])):
        sheet = workbook.add_worksheet(name)
        sheet.write_row(0, 0, [gettext(h) for h in headers], bold)
        sheet.write_row(1, 0, headers, bold)
        for row, r in enumerate(entity.responsibilities, start=2):
            plan = r.item.plan
            targets = term("separators", "clauses", "zh").join(f"{t.indicator} {value_as_printed(t)}" for t in r.item.targets)
            years = term("separators", "list", "zh").join(sorted({str(t.year) for t in r.item.targets if t.year}))
            link = f"{base_url}{urls.page_url(urls.plan(plan.id))}#{r.item.anchor}"
            sheet.write_row(row, 0, [plan.title, r.item.label, r.item.title, term("roles", r.role or "unspecified", "zh"),
                                     themes.get(r.item.theme, ""), targets, years], wrap)
            sheet.write_url(row, 7, link, string=link) if base_url.startswith("http") else sheet.write_string(row, 7, link)
            deadline = r.item.deadline or ""
            sheet.write_string(row, 8, f"{deadline} ({r.item.deadline_date})" if r.item.deadline_date else deadline, wrap)
            sheet.write_string(row, 9, plan.segments_text(r.item.segments), wrap)
        sheet.freeze_panes(2, 0)
        sheet.autofilter(1, 0, len(entity.responsibilities) + 1, len(headers) - 1)
        sheet.set_column(0, 0, 28)
        sheet.set_column(2, 2, 40)
        sheet.set_column(5, 5, 50)
        sheet.set_column(9, 9, 80)
    workbook.close()
    return buffer.getvalue()


# the columns of an agency's row in the lookup's files (data/lookup/: see lookup_files)
LOOKUP_FIELDS = ["place", "type", "name", "other_names", "name_en", "tasks", "lead", "anchor"]
LOOKUP = "lookup"


def write_tables(atlas: Atlas, data_dir: Path, translations: dict | None = None) -> None:
    """The CSV tables, datapackage.json and the agency lookup's files (data/lookup/)."""
    rows = table_rows(atlas, translations)
    for name in TABLES:
        text = csv_text(name, rows[name]).encode("utf-8")
        write(data_dir / table_file(name), gzipped(text) if name in COMPRESSED else text)
    write(data_dir / "datapackage.json", json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n")
    for name, lookup in lookup_files(atlas).items():
        write(data_dir / LOOKUP / name, json.dumps(lookup, ensure_ascii=False, separators=(",", ":")) + "\n")


def lookup_files(atlas: Atlas) -> dict[str, dict]:
    """The agency lookup's files (content/assets/agency-lookup.js), by name under data/lookup/:

    - ``index.json``: ``fields`` (the columns of an agency's row), ``types`` (each agency type once: its
      names in both languages, every spelling of it on the site, so that 发改 finds 区发展改革委 as well as
      市发改局, and the spellings the taxonomy knows, so that a query containing 发改 finds the type),
      ``parts`` ([file, name, English name] of each province's file) and ``places`` ([page URL, name,
      English name, part] of each jurisdiction, the part being the position of its province in ``parts``);
    - ``<province>.json``: ``agencies``, the rows of the agencies of that province's jurisdictions (the
      region groups of the plans bundles and theme pages), each referring to its place by position in
      ``places`` and to its type by id, in the order of the atlas.

    One national file was 8.4 MB at 3,000 plans and grew past the site's 10 MB limit for a file at about
    3,600; split by province, a query naming a place (宝坻 发改) reads the index and that province's file
    alone, and a query naming none reads every file, as the one file did."""
    spellings: dict[str, set[str]] = {}
    for entity in atlas.entities.values():
        spellings.setdefault(entity.type_id, set()).update(entity.names)
    type_aliases = {type_id: sorted({s for pattern in agency_type.alias_patterns for s in alias_spellings(pattern)})
                    for type_id, agency_type in atlas.agency_types.items()}
    types = {type_id: {"zh": agency_type.zh, "en": agency_type.en, "names": sorted(spellings.get(type_id, ())),
                       "aliases": type_aliases[type_id]}
             for type_id, agency_type in sorted(atlas.agency_types.items()) if type_id in spellings}
    groups = region_groups(atlas)
    part_of_region = {plan.region_id: index for index, (_, members) in enumerate(groups) for plan in members}
    parts = [[f"{region['id']}.json", region["name"], region_en(region["name"])] for region, _ in groups]
    places: dict[str, int] = {}
    place_rows: list[list] = []
    part_rows: list[list[list]] = [[] for _ in groups]
    for e in atlas.entities.values():
        page = urls.href(urls.home(), urls.agency(e.id))
        part = part_of_region[e.region_id]
        if page not in places:
            places[page] = len(place_rows)
            place_rows.append([page, e.jurisdiction or "", region_en(e.jurisdiction), part])
        part_rows[part].append([places[page], e.type_id, e.name, [n for n in e.names if n != e.name],
                                agency_en(e.type_id, e.type_en, e.core, e.jurisdiction), len(e.responsibilities),
                                e.count("lead"), urls.agency_anchor(e.id)])
    files = {"index.json": {"fields": LOOKUP_FIELDS, "types": types, "parts": parts, "places": place_rows}}
    for (name, _, _), rows in zip(parts, part_rows):
        files[name] = {"agencies": rows}
    return files


def write_workbooks(atlas: Atlas, data_dir: Path, base_url: str = "", memo=None) -> None:
    """data/agencies/<jurisdiction>.xlsx: each jurisdiction's agencies, a sheet each."""
    from build_tools.render.memo import Memo, plan_digest

    memo = memo or Memo("data", (base_url,))
    plans = {plan.id: plan for plan in atlas.plans}
    for place in jurisdictions(atlas):
        # a workbook is made from the plans naming the jurisdiction's agencies (and the code, the taxonomy
        # and the address in memo): kept while they are unchanged
        name = f"agencies/{place['id']}.xlsx"
        memo.write(data_dir / name, name, [plan_digest(plans[plan_id]) for plan_id in place["plans"]],
                   lambda: jurisdiction_spreadsheet(place, atlas, base_url))
