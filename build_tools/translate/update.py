"""``plansite translate update`` and ``stats``: extract every plan's units, merge them into its catalog
(new entries empty, changed Chinese fuzzy with the previous msgid, vanished entries obsolete), and fill
empty entries from the translation memory: the same Chinese already translated in any plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from build_tools.models import Plan
from build_tools.paths import TRANSLATIONS
from build_tools.translate.catalog import (MEMORY_PREFIX, STATUS_PREFIX, catalog_bytes, from_memory, is_translated,
                                           new_catalog, read_catalog, status_of)
from build_tools.translate.units import plan_units

LANGUAGES = ("en",)


@dataclass
class PlanStats:
    plan_id: str
    units: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    from_memory: int = 0
    statuses: dict[str, int] = field(default_factory=dict)


def catalog_path(plan_id: str, lang: str, directory: Path = TRANSLATIONS) -> Path:
    return directory / lang / f"{plan_id}.po"


def template_for(plan: Plan, lang: str) -> Catalog:
    """The plan's units as a catalog without translations (what gettext calls the template)."""
    template = new_catalog(plan.id, lang)
    for unit in plan_units(plan):
        location = (unit.segment or "metadata", None)
        message = template.get(unit.msgid)
        if message is None:
            template.add(unit.msgid, "", locations=[location], auto_comments=[unit.part])
        else:
            if location not in message.locations:
                message.locations.append(location)
            if unit.part not in message.auto_comments:
                message.auto_comments.append(unit.part)
    return template


def load_catalogs(lang: str, directory: Path = TRANSLATIONS) -> dict[str, Catalog]:
    folder = directory / lang
    return {path.stem: read_catalog(path) for path in sorted(folder.glob("*.po"))} if folder.is_dir() else {}


def contribution(catalog: Catalog) -> list[tuple[str, str, str | None]]:
    """What one catalog gives the translation memory: its own current translations (msgid, msgstr,
    status), in catalog order; none of the entries it took from the memory."""
    return [(message.id, message.string, status_of(message)) for message in catalog
            if is_translated(message) and not from_memory(message)]


def memory_from(contributions: dict[str, list[tuple[str, str, str | None]]]) -> dict[str, tuple[str, str | None, str]]:
    """The memory from each plan's contribution: the first plan in id order that translated a text gives it."""
    memory: dict[str, tuple[str, str | None, str]] = {}
    for plan_id in sorted(contributions):
        for msgid, string, status in contributions[plan_id]:
            memory.setdefault(msgid, (string, status, plan_id))
    return memory


def read_contributions(lang: str, directory: Path = TRANSLATIONS) -> dict[str, tuple[bytes, list]]:
    """plan id -> (the catalog file's bytes, its contribution to the memory). Through the build cache by
    the file's bytes, so that a build whose catalogs are unchanged does not read 3,000 catalogs with Babel
    to learn that most of them translate nothing (the parse stage's rebuild at 3,000 plans spent 14 s
    loading whole catalogs for the memory)."""
    from build_tools import cache

    folder = directory / lang
    found = {}
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        content = path.read_bytes()
        found[path.stem] = (content, cache.by_content("catalog-memory", f"{lang}/{path.name}", content,
                                                      lambda path=path, content=content: contribution(read_catalog(path, content))))
    return found


def merged_catalog(plan: Plan, lang: str, existing: Catalog | None, memory: dict) -> tuple[Catalog, int]:
    """The plan's catalog brought up to date with its text, and how many entries the memory filled."""
    template = template_for(plan, lang)
    catalog = existing if existing is not None else new_catalog(plan.id, lang)
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False, keep_user_comments=True)
    catalog.header_comment = template.header_comment
    filled = 0
    for message in catalog:
        if not message.id or message.string:
            continue
        remembered = memory.get(message.id)
        if remembered is not None and remembered[2] != plan.id:
            translation, status, source = remembered
            message.string = translation
            message.user_comments = ([f"{STATUS_PREFIX}{status}"] if status else []) + [f"{MEMORY_PREFIX}{source}"]
            filled += 1
    return catalog, filled


def update_translations(plans: list, directory: Path = TRANSLATIONS, write: bool = True) -> dict[str, dict[str, bytes]]:
    """Bring every plan's catalog up to date (plans, or the parse stage's entries: pipeline.PlanEntry);
    returns lang -> file name -> bytes (written when ``write``)."""
    import hashlib

    from build_tools import cache
    from build_tools.pipeline import as_entries

    entries = sorted(as_entries(plans), key=lambda e: e.id)
    out: dict[str, dict[str, bytes]] = {}
    for lang in LANGUAGES:
        files = read_contributions(lang, directory)
        memory = memory_from({plan_id: given for plan_id, (_, given) in files.items()})
        remembered = hashlib.sha256(repr(sorted(memory.items())).encode("utf-8")).digest()
        out[lang] = {}
        keys = []
        for entry in entries:
            current = files[entry.id][0] if entry.id in files else b""
            name = f"{lang}/{entry.id}"
            plan_digest = bytes.fromhex(entry.yaml_digest())
            digest = hashlib.sha256(plan_digest + remembered + current).hexdigest()
            keys.append((entry, name, plan_digest, current, digest))
        # a catalog is a function of its plan, its file and the memory: with the three unchanged, the merge
        # comes from the build cache, and neither the catalog nor the plan is read (a plan is known by its
        # YAML's digest: the parse stage need not load it); the others are merged together, on every core
        made: dict[str, bytes] = {}
        missing = []
        for row in keys:
            hit, data = cache.found_by_digest("catalog-merge", row[1], row[4])
            if hit:
                made[row[0].id] = data
            else:
                missing.append(row)
        merged = merged_catalogs([(entry, catalog_path(entry.id, lang, directory) if entry.id in files else None, current)
                                  for entry, _, _, current, _ in missing], lang, memory)
        for (entry, name, _, _, digest), data in zip(missing, merged):
            made[entry.id] = data
            cache.put_by_digest("catalog-merge", name, digest, data)
        for entry, name, plan_digest, current, digest in keys:
            data = made[entry.id]
            out[lang][f"{entry.id}.po"] = data
            if write and data != current:
                path = catalog_path(entry.id, lang, directory)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                # merging is idempotent: the catalog just written, merged again with the same plan and memory,
                # is itself (tested without the cache). Recorded, so that the next build does not merge every
                # catalog again to learn it (the first rebuild after a build that wrote 2,851 new catalogs
                # spent 40 s of its parse stage there)
                cache.put_by_content("catalog-merge", name, plan_digest + remembered + data, data)
    return out


# what the forked merge workers read (merged_catalogs): set before the pool starts, cleared after
_PENDING: dict = {}


def merged_catalogs(missing: list[tuple], lang: str, memory: dict) -> list[bytes]:
    """The bytes of each (entry, catalog file or None, its bytes) merged with its plan and the memory, in
    order; on every core when there are many (Babel's update and writer, about 10 ms a catalog: a cold
    parse at 3,000 plans merged 2,851 in its parent process, one after another)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from build_tools.pipeline import POOL_THRESHOLD, jobs

    workers = min(jobs(), len(missing))
    if workers < 2 or len(missing) < POOL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        return [merge_one(item, lang, memory) for item in missing]
    _PENDING.update(missing=missing, lang=lang, memory=memory)
    try:
        # forked: the workers read the entries (each loads its plan from the build cache) and the memory
        # without pickling them
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(merge_pending, range(len(missing)), chunksize=8))
    finally:
        _PENDING.clear()


def merge_pending(index: int) -> bytes:
    return merge_one(_PENDING["missing"][index], _PENDING["lang"], _PENDING["memory"])


def merge_one(item: tuple, lang: str, memory: dict) -> bytes:
    entry, path, current = item
    existing = read_catalog(path, current) if path is not None else None
    return catalog_bytes(merged_catalog(entry.plan(), lang, existing, memory)[0])


def check_translations(plans: list[Plan], directory: Path = TRANSLATIONS) -> list[str]:
    """Catalogs that `translate update` would change, each saying what to do."""
    problems = []
    for lang, files in update_translations(plans, directory, write=False).items():
        for name, data in sorted(files.items()):
            path = directory / lang / name
            if not path.exists() or path.read_bytes() != data:
                problems.append(f"{path.relative_to(directory.parent.parent) if directory.parent.parent in path.parents else path}: "
                                "stale (the plan's text changed); run `plansite translate update` and review the fuzzy entries")
    return problems


def translation_stats(plans: list[Plan], lang: str = "en", directory: Path = TRANSLATIONS) -> list[PlanStats]:
    """Per plan: units, translated (current), fuzzy (out of date), untranslated, filled by the memory."""
    catalogs = load_catalogs(lang, directory)
    rows = []
    for plan in sorted(plans, key=lambda p: p.id):
        stats = PlanStats(plan.id)
        catalog = catalogs.get(plan.id)
        wanted = {unit.msgid for unit in plan_units(plan)}
        stats.units = len(wanted)
        for msgid in sorted(wanted):
            message = catalog.get(msgid) if catalog is not None else None
            if message is not None and is_translated(message):
                stats.translated += 1
                stats.from_memory += from_memory(message)
                status = status_of(message) or "unknown"
                stats.statuses[status] = stats.statuses.get(status, 0) + 1
            elif message is not None and message.fuzzy and message.string:
                stats.fuzzy += 1
            else:
                stats.untranslated += 1
        rows.append(stats)
    return rows
