"""Read everything, then write: sources -> plans (data/plans/*.yml) -> pages (content/)."""

from __future__ import annotations

import difflib
import hashlib
import io
import os
import re
import sys
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from build_tools import cache
from build_tools.corrections import apply_corrections, load_corrections
from build_tools.errors import SourceError
from build_tools.ingest.clean import normalize_characters
from build_tools.ingest.readers import read_source
from build_tools.models import Plan
from build_tools.paths import CORRECTIONS, PLANS, SOURCES
from build_tools.link.apply import link_plan
from build_tools.link.provenance import recorded_url, with_provenance
from build_tools.merge import merge_documents, same_document
from build_tools.parse.plan import Document, document_from_source, parse_document

IGNORED_SOURCE_NAMES = {"README.md", ".gitkeep"}


@dataclass
class ParseResult:
    entries: list = field(default_factory=list)
    """The plans as ``PlanEntry`` (sorted by id), each loaded when asked: what the parse stage writes from."""
    errors: list[str] = field(default_factory=list)
    texts: Mapping[str, str] = field(default_factory=dict)
    """Each source's text as read (for the accounting of `plansite check`), read when asked."""

    @property
    def plans(self) -> list[Plan]:
        """Every plan, loaded."""
        return [entry.plan() for entry in self.entries]


def source_files(directory: Path = SOURCES) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file() and p.name not in IGNORED_SOURCE_NAMES and not p.name.startswith("."))


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def plan_identity(plan: Plan) -> tuple:
    """Sources with the same title, region, year and status may be copies of one plan."""
    return (plan.region_id, re.sub(r"[\s《》“”\"]", "", plan.title), plan.year, plan.status)


def corrected(document: Document, plan: Plan, directory: Path) -> Plan:
    """The plan re-parsed with its hand corrections (data/corrections/<plan-id>.yml), if it has any."""
    corrections = load_corrections(plan.id, directory)
    if not corrections:
        return plan
    document, applied = apply_corrections(document, corrections, str(directory / f"{plan.id}.yml"))
    return parse_document(document, plan.id).model_copy(update={"corrections": applied})


def source_key(path: Path) -> str:
    """The cache key of a source: the SHA-256 of its name and bytes (the output names the file, so a renamed
    copy is a new entry)."""
    return hashlib.sha256(path.name.encode("utf-8") + b"\0" + path.read_bytes()).hexdigest()


def ingested(path: Path, use_cache: bool = True, key: str | None = None):
    """The source's clean text (``read_source``), from the ingest cache when this file was read before by
    the same ingest code: a PDF's text is extracted once."""
    if not use_cache or not path.is_file():
        return read_source(path)  # raises the SourceError that names the file
    return cache.memoised("ingest", key or source_key(path), lambda: read_source(path))


def parse_source(path: Path, use_cache: bool = True, key: str | None = None) -> tuple[Document, Plan] | str:
    """One file read and parsed (before merging and linking), from the parse cache when the file and the
    code and taxonomy that parse it are unchanged; an error message naming the file when it is unusable.
    ``key``: the file's ``source_key`` when the caller has it (reading and hashing the file once)."""
    return parsed_source(path, use_cache, key)[0]


def has_corrections(directory: Path, plan_id: str) -> bool:
    """Whether the plan has a corrections file (then it is parsed again from its document, see ``corrected``)."""
    return (directory / f"{plan_id}.yml").exists()


@dataclass(frozen=True)
class Head:
    """What the build must know of every parsed source before it reads any of them whole: which plan it is
    (to find copies of one plan and its corrections), its progress line, or why it is unusable. A few
    hundred bytes in the cache (stage parse-head) beside the source's parse entry (its document and plan,
    ~150 KB): a rebuild reads every source's head and linked plan (stage plan), not every document sent
    back from worker processes (the parse stage's rebuild at 3,000 plans spent most of its 88 s there)."""
    plan_id: str = ""
    identity: tuple = ()
    summary: str = ""
    error: str = ""
    # what ``distinct_ids`` orders plans of one id by: the plan's date and its first source's SHA-256
    date: str | None = None
    sha256: str = ""


def head_of(plan: Plan) -> Head:
    return Head(plan_id=plan.id, identity=plan_identity(plan), date=plan.date, sha256=plan.sources[0].sha256,
                summary=f"{plan.title} ({sum(len(a.tasks) for a in plan.actions)} tasks, {len(plan.targets)} targets)")


class PlanEntry:
    """A plan of this build, its data loaded when asked (``plan()``): what writing data/plans and the
    catalogs must know of an unchanged plan is its id and the digest of its YAML, both known without
    loading it. A rebuild after one changed source at 3,000 plans spent most of its parse stage loading
    every linked plan from the cache and serialising it again to learn that its file was unchanged.

    ``key``: what the plan's YAML is a function of beyond the code (its source's cache key, the address
    data/provenance.yml records for it, its id), for a plan of one source without corrections; None for a
    plan made in this build (merged copies, corrections), whose YAML is made from the plan."""

    def __init__(self, plan_id: str, date: str | None, sha256: str, status: str, make: Callable[[], Plan],
                 key: str | None = None, plan: Plan | None = None) -> None:
        self.id, self.date, self.sha256, self.status = plan_id, date, sha256, status
        self.make, self.key, self._plan, self._digest = make, key, plan, None

    @classmethod
    def of(cls, plan: Plan) -> "PlanEntry":
        return cls(plan.id, plan.date, plan.sources[0].sha256, plan.status, lambda: plan, plan=plan)

    def renamed(self, plan_id: str) -> "PlanEntry":
        """This plan under another id (``distinct_ids``)."""
        make = self.make
        key = None if self.key is None else cache.text_digest(f"{self.key}\0{plan_id}")
        return PlanEntry(plan_id, self.date, self.sha256, self.status, lambda: make().model_copy(update={"id": plan_id}), key,
                         None if self._plan is None else self._plan.model_copy(update={"id": plan_id}))

    @property
    def loaded(self) -> bool:
        return self._plan is not None

    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = self.make()
            if self.key is not None:  # the render stage keys its pages by the committed bytes (memo.plan_digest)
                cache.remember_committed(self._plan, self.yaml_digest())
        return self._plan

    def yaml(self) -> str:
        return cached_plan_yaml(self.plan())

    def yaml_digest(self) -> str:
        """The SHA-256 of the plan's canonical YAML (data/plans/<id>.yml): from the build cache by ``key``
        without loading the plan where it has one (only a build through the cache gives one); else the digest
        its committed file was read with, or of the YAML made now."""
        if self._digest is None:
            if self.key is not None:
                self._digest = cache.memoised("plan-yaml", self.key, lambda: cache.text_digest(self.yaml()))
            else:
                known = cache.committed_digest(self._plan) if self._plan is not None else None
                self._digest = known or cache.text_digest(self.yaml())
        return self._digest


def as_entries(plans: list) -> list[PlanEntry]:
    """Plans or entries -> entries."""
    return [item if isinstance(item, PlanEntry) else PlanEntry.of(item) for item in plans]


def parsed_source(path: Path, use_cache: bool = True, key: str | None = None) -> tuple[tuple[Document, Plan] | str, Head | None]:
    """``parse_source`` and the source's head (None for a file that cannot be read or a parser bug: those
    are tried again on every build; an unusable file's message is its head, as deterministic as a plan)."""
    def make() -> tuple[Document, Plan]:
        document = document_from_source(ingested(path, use_cache, key))
        return document, parse_document(document)

    try:
        outcome = cache.memoised("parse", key or source_key(path), make) if use_cache and path.is_file() else make()
    except SourceError as error:
        message = f"{error.file}: {error.message}"
        return message, (Head(error=message) if path.is_file() else None)
    except Exception as error:  # a parser bug must still name the file, not print a traceback
        return f"{path}: internal error while parsing ({type(error).__name__}: {error}); please report it", None
    return outcome, head_of(outcome[1])


def parse_and_summarise(path: Path, use_cache: bool, corrections: Path = CORRECTIONS,
                        send: bool = True) -> tuple[tuple[Document, Plan] | str | None, Head | None]:
    """A worker's job: the source parsed and, for a plan without corrections, linked (on this core: linking
    is most of a plan's time after parsing), the parse entry, the linked plan and the head stored in the
    cache. With ``send`` false and the cache on, only the head is returned: the build reads the linked
    plan from the cache, and sending each document and plan back through a pipe cost more than that."""
    key = source_key(path) if use_cache and path.is_file() else None
    outcome, head = parsed_source(path, use_cache, key)
    if key is not None and head is not None:
        if not head.error and not has_corrections(corrections, head.plan_id):
            plan = cache.memoised("plan", key, lambda: linked(outcome[1], use_cache))
            # its canonical YAML and the YAML's digest, here on every core rather than in the parent one
            # plan after another (16-18 ms a plan, a third of a cold parse at 1,000 plans): the parent finds
            # them by the plan entry's key (PlanEntry.yaml_digest, write_plans)
            lazy_entry(Source(path, key, head, outcome, use_cache), use_cache, plan).yaml_digest()
        cache.store("parse-head", key, head)
        if not send:
            return None, head
    return outcome, head


def jobs() -> int:
    """Worker processes for independent work: the cores this process may use (PLANSITE_JOBS overrides)."""
    configured = os.environ.get("PLANSITE_JOBS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


# below this many files a pool of processes costs more than it saves (starting workers, sending results back)
POOL_THRESHOLD = 16


def parse_sources(paths: list[Path], use_cache: bool = True) -> list[tuple[Document, Plan] | str]:
    """``parse_source`` for each path, in order, on every core when there are enough files."""
    return [outcome if outcome is not None else parse_source(path, use_cache)
            for path, (outcome, _) in zip(paths, summarised_sources(paths, use_cache))]


def summarised_sources(paths: list[Path], use_cache: bool = True, corrections: Path = CORRECTIONS,
                       ) -> list[tuple[tuple[Document, Plan] | str | None, Head | None]]:
    """``parse_and_summarise`` for each path, in order, on every core when there are enough files (the
    workers return heads only when the cache is on)."""
    workers = min(jobs(), len(paths))
    if workers < 2 or len(paths) < POOL_THRESHOLD:
        return [parse_and_summarise(path, use_cache, corrections) for path in paths]
    count = len(paths)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(parse_and_summarise, paths, [use_cache] * count, [corrections] * count, [not use_cache] * count, chunksize=4))


class SourceTexts(Mapping):
    """file name -> the source's text as read (for the accounting of `plansite check`), read when asked
    (``Source.text``): a build holds no source's text it does not need."""

    def __init__(self) -> None:
        self.readers: dict[str, Callable[[], str]] = {}

    def __getitem__(self, name: str) -> str:
        return self.readers[name]()

    def __iter__(self):
        return iter(self.readers)

    def __len__(self) -> int:
        return len(self.readers)


class Source:
    """One usable source of this build: its head, and its document and parsed plan when asked (the
    worker's result when it was parsed in this build, else its parse entry)."""

    def __init__(self, path: Path, key: str | None, head: Head, outcome: tuple[Document, Plan] | None, use_cache: bool) -> None:
        self.path, self.key, self.head, self.outcome, self.use_cache = path, key, head, outcome, use_cache

    def parsed(self) -> tuple[Document, Plan]:
        if self.outcome is not None:
            return self.outcome
        outcome = parse_source(self.path, self.use_cache, self.key)
        if isinstance(outcome, str):  # its entry was deleted and the file changed since its head was read
            file, _, message = outcome.partition(": ")
            raise SourceError(file, message)
        return outcome

    def text(self) -> str:
        """The source's text as read (the ingest entry: a third of the parse entry's bytes)."""
        if self.outcome is not None:
            return self.outcome[0].sources[0].text
        return ingested(self.path, self.use_cache, self.key).text


def read_sources(paths: list[Path], use_cache: bool, show_progress: bool, corrections: Path = CORRECTIONS) -> tuple[list[Source], list[str]]:
    """Every path's head (from the cache, or by parsing the file now, on every core), in order, and the
    error of each unusable one."""
    keys = {path: source_key(path) for path in paths if path.is_file()} if use_cache else {}
    heads: dict[Path, Head] = {}
    for path, key in keys.items():
        head = cache.load("parse-head", key)
        if isinstance(head, Head):
            heads[path] = head
    missing = [path for path in paths if path not in heads]
    fresh: dict[Path, tuple[Document, Plan] | str] = {}
    for path, (outcome, head) in zip(missing, summarised_sources(missing, use_cache, corrections)):
        fresh[path] = outcome
        if head is not None:
            heads[path] = head
    sources, errors = [], []
    for index, path in enumerate(paths, start=1):
        head, outcome = heads.get(path), fresh.get(path)
        if head is None or head.error:
            errors.append(head.error if head is not None else outcome)
            continue
        sources.append(Source(path, keys.get(path), head, outcome if isinstance(outcome, tuple) else None, use_cache))
        if show_progress:
            progress(f"[{index}/{len(paths)}] {path.name}: {head.summary}")
    return sources, errors


def parse_files(paths: list[Path], show_progress: bool = False, corrections: Path = CORRECTIONS, use_cache: bool | None = None) -> ParseResult:
    """Read and parse every file (in parallel, through the build cache), merge copies of one plan, link;
    a bad file is reported by name and does not stop the others."""
    result = ParseResult(texts=SourceTexts())
    use_cache = cache.enabled() if use_cache is None else use_cache
    sources, result.errors = read_sources(paths, use_cache, show_progress, corrections)
    for source in sources:
        result.texts.readers[source.path.name] = source.text

    groups: dict[tuple, list[Source]] = {}
    for source in sources:
        groups.setdefault(source.head.identity, []).append(source)
    reference: list[str] | None = None
    entries: list[PlanEntry] = []
    for key in sorted(groups, key=str):
        group = groups[key]
        if len(group) == 1 and not has_corrections(corrections, group[0].head.plan_id):
            # one source and no corrections: the linked plan is a function of the source, the code and the
            # taxonomy, read from the cache (stage plan) without its document, and only when asked
            source, made = group[0], None
            try:
                if source.key is None:
                    entries.append(PlanEntry.of(with_provenance(linked(source.parsed()[1], use_cache))))
                    continue
                if not cache.entry_path("plan", source.key).exists():  # made now: an unusable file is reported here
                    made = cache.memoised("plan", source.key, lambda: linked(source.parsed()[1], use_cache))
            except SourceError as error:
                result.errors.append(f"{error.file}: {error.message}")
                continue
            entries.append(lazy_entry(source, use_cache, made))
            continue
        clusters: list[list[tuple[Document, Plan]]] = []
        for source in group:
            document, plan = source.parsed()
            home = next((c for c in clusters if same_document(c[0][0], document)), None)
            if home is None:
                clusters.append([(document, plan)])
            else:
                home.append((document, plan))
        for cluster in clusters:
            document, plan = cluster[0]
            files = ", ".join(d.sources[0].file for d, _ in cluster)
            try:
                if len(cluster) > 1:
                    if reference is None:  # every source's text: what a copy's replacements are weighed against
                        reference = [s.text() for s in sources]
                    document = merge_documents([d for d, _ in cluster], reference)
                    plan = parse_document(document)
                    if show_progress:
                        progress(f"merged {files} -> {plan.id}")
                plan = corrected(document, plan, corrections)
            except SourceError as error:
                result.errors.append(f"{error.file}: {error.message}")
                continue
            entries.append(PlanEntry.of(with_provenance(linked(plan, use_cache))))

    result.entries = distinct_entries(entries)
    return result


def lazy_entry(source: Source, use_cache: bool, made: Plan | None = None) -> PlanEntry:
    """The entry of a plan of one source without corrections, its linked plan read from the cache when
    asked (the caller made sure the entry exists), or the one ``made`` in this build."""
    head = source.head

    def make() -> Plan:
        plan = made if made is not None else cache.memoised("plan", source.key, lambda: linked(source.parsed()[1], use_cache))
        return with_provenance(plan)

    status = head.identity[-1]  # plan_identity's last field
    return PlanEntry(head.plan_id, head.date, head.sha256, status, make, key=entry_key(source.key, source.path.name, head.plan_id))


def entry_key(source_key: str, file: str, plan_id: str) -> str:
    """What a plan of one source without corrections is a function of beyond the code (PlanEntry.key): the
    source's cache key, the address data/provenance.yml records for the file, the plan's id."""
    return cache.text_digest(f"{source_key}\0{recorded_url(file) or ''}\0{plan_id}")


def linked(plan: Plan, use_cache: bool) -> Plan:
    """``link_plan`` through the build cache, keyed by the plan as parsed (its JSON): a rebuild links only
    the plans whose text, corrections or taxonomy changed."""
    if not use_cache:
        return link_plan(plan)
    return cache.memoised("link", cache.text_digest(plan.model_dump_json()), lambda: link_plan(plan))


def distinct_ids(plans: list[Plan]) -> list[Plan]:
    """``distinct_entries`` of plans."""
    return [entry.plan() for entry in distinct_entries(as_entries(plans))]


def distinct_entries(plans: list[PlanEntry]) -> list[PlanEntry]:
    """The plans sorted by id, no two on one id.

    A plan id is the region's path in the gazetteer (unique by construction: gazetteer.py), the plan
    type and the year, so two plans share one only when they are different plans of one place, type and
    year (a draft and a final text that are not copies of each other). The first published (by date,
    then by its first source's SHA-256) keeps the id, so a plan added later never renames one already
    published; each other gets a suffix: its status where that differs (``changde-jinshi-2024-draft``),
    else the first six hex digits of its first source's SHA-256."""
    by_id: dict[str, list[PlanEntry]] = {}
    for plan in plans:
        by_id.setdefault(plan.id, []).append(plan)
    distinct: list[PlanEntry] = []
    for plan_id, group in by_id.items():
        group.sort(key=lambda p: (p.date or "9999", p.sha256))
        distinct.append(group[0])
        taken = {plan_id}
        for plan in group[1:]:
            suffix = plan.status if plan.status != group[0].status else plan.sha256[:6]
            new_id = f"{plan_id}-{suffix}"
            if new_id in taken or new_id in by_id:
                new_id = f"{plan_id}-{plan.sha256[:6]}"
            taken.add(new_id)
            distinct.append(plan.renamed(new_id))
    return sorted(distinct, key=lambda p: p.id)


def account(plan: Plan, texts: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Per source of the plan: (lines accounted for, non-empty lines). A line is accounted for when it
    is in a segment of the plan or in the removed report (page number, table of contents, site chrome,
    metadata table, duplicate of a better copy)."""
    covered: dict[str, set[int]] = {}
    for segment in plan.sections:
        covered.setdefault(segment.source, set()).update(range(segment.lines[0], segment.lines[1] + 1))
    for item in plan.removed:
        if item.line:
            covered.setdefault(item.file, set()).update(range(item.line, (item.end or item.line) + 1))
    shares = {}
    for source in plan.sources:
        lines = normalize_characters(texts.get(source.file, "")).split("\n")
        wanted = {number for number, line in enumerate(lines, start=1) if line.strip()}
        shares[source.file] = (len(wanted & covered.get(source.file, set())), len(wanted))
    return shares


# libyaml's emitter (PyYAML's C extension) writes the same bytes as the pure-Python one about five times
# faster (the Python emitter was 19 s of a 291-plan build); the pure-Python dumper where libyaml is absent
_BASE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# the first characters of the scalars an implicit resolver may claim (digits, signs, y/n/t/f/o, ~ …)
_CLAIMED_FIRST = frozenset(key for key in _BASE_DUMPER.yaml_implicit_resolvers if key)


class DUMPER(_BASE_DUMPER):
    """The dumper, with a resolver that answers at once where PyYAML's must answer ``str``: libyaml asks
    it twice about every scalar (may it be written plain? quoted?), and a plan has thousands of them, most
    starting with a character no implicit resolver claims (Chinese text, ids). Those, and every question
    about a quoted scalar, get the default tag without the table lookups; the others go to PyYAML's
    resolver, its answer remembered for a short scalar (1, 2025, null). Exact only while no path resolver
    and no wildcard implicit resolver is registered (PyYAML's safe dumper has neither), so in their
    presence every question goes to PyYAML's (tests/unit/test_plan_yaml.py compares the answers and the
    files). 13.7 -> 9.6 ms a plan's YAML on synthetic plans."""

    _fast = not _BASE_DUMPER.yaml_path_resolvers and None not in _BASE_DUMPER.yaml_implicit_resolvers
    # PyYAML's answers for short scalars a resolver may claim (numbers, null, true, years), which recur
    _answers: dict[str, str] = {}

    def resolve(self, kind, value, implicit):
        if not self._fast or kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        if not implicit[0] or (value and value[0] not in _CLAIMED_FIRST):
            return self.DEFAULT_SCALAR_TAG
        if len(value) > 16:
            return super().resolve(kind, value, implicit)
        # without path resolvers the answer to a plain scalar depends on its value alone
        answer = self._answers.get(value)
        if answer is None:
            answer = self._answers[value] = super().resolve(kind, value, implicit)
        return answer

    # libyaml tells the resolver of each node it enters and leaves, for path resolvers; there are none
    def descend_resolver(self, current_node, current_index):
        if not self._fast:
            super().descend_resolver(current_node, current_index)

    def ascend_resolver(self):
        if not self._fast:
            super().ascend_resolver()


def plan_yaml(plan: Plan) -> str:
    """Canonical YAML of a plan: field order of the schema, Unicode as is, no line folding: what
    ``yaml.dump(plan.model_dump(mode="json"), Dumper=DUMPER, allow_unicode=True, sort_keys=False,
    width=100000)`` writes, byte for byte (tests/unit/test_plan_yaml.py compares them)."""
    return dump_yaml(plan.model_dump(mode="json"))


_TAG = "tag:yaml.org,2002:"
# how the canonical YAML is written: Unicode as is, the schema's field order, no line folding
YAML_OPTIONS = {"allow_unicode": True, "sort_keys": False, "width": 100000}


def dump_yaml(data) -> str:
    """``yaml.dump`` of JSON-like data with this module's options, its node graph built here instead of by
    PyYAML's representer. For dicts, lists, strings, integers, booleans and None the nodes are those
    SafeRepresenter makes (block style throughout), anything else goes to the representer; the libyaml
    serializer and emitter then write them. Data holding one container twice (which the representer
    writes as an anchor and an alias; model_dump makes every container afresh) is left to ``yaml.dump``.
    The representer's dispatch on each value's type is what this saves: 17.8 -> 15.6 ms a plan on synthetic
    plans, 26.8 -> 11.8 ms on the seed plans (most of the rest was libyaml asking the resolver about each
    scalar: see DUMPER)."""
    stream = io.StringIO()
    dumper = DUMPER(stream, default_style=None, default_flow_style=False, **YAML_OPTIONS)
    scalar, sequence, mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    containers: set[int] = set()

    def node(value):
        kind = type(value)
        if kind is str:
            return scalar(_TAG + "str", value)
        if kind is dict or kind is list:
            if id(value) in containers:
                raise _Shared
            containers.add(id(value))
            if kind is dict:
                return mapping(_TAG + "map", [(node(key), node(item)) for key, item in value.items()], flow_style=False)
            return sequence(_TAG + "seq", [node(item) for item in value], flow_style=False)
        if value is None:
            return scalar(_TAG + "null", "null")
        if kind is bool:
            return scalar(_TAG + "bool", "true" if value else "false")
        if kind is int:
            return scalar(_TAG + "int", str(value))
        return dumper.represent_data(value)

    try:
        graph = node(data)
    except _Shared:
        return yaml.dump(data, Dumper=DUMPER, **YAML_OPTIONS)
    try:
        dumper.open()
        dumper.serialize(graph)
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()


class _Shared(Exception):
    """A container met twice while building a node graph (``dump_yaml``)."""


def cached_plan_yaml(plan: Plan) -> str:
    """``plan_yaml`` through the build cache, keyed by the plan's JSON (PyYAML's representer is Python even
    with libyaml's emitter: 54 ms a plan, most of a rebuild's parse stage at 300 plans)."""
    if not cache.enabled():
        return plan_yaml(plan)
    return cache.memoised("yaml", cache.text_digest(plan.model_dump_json()), lambda: plan_yaml(plan))


def write_plans(plans: list, directory: Path = PLANS) -> None:
    """Write each plan's canonical YAML (plans or ``PlanEntry``) and remove the files of plans that are gone.

    A file this function wrote (or found right) is recorded with its YAML's digest, size and modification
    time (stage plan-files, one record per directory); a plan whose YAML digest is the recorded one, in a
    file of the recorded size and time, is left as it is without loading the plan or reading the file (a
    rebuild after one changed source at 3,000 plans read and compared 3,000 files). A file edited or
    replaced since has another time and is written again."""
    directory.mkdir(parents=True, exist_ok=True)
    entries = {f"{entry.id}.yml": entry for entry in as_entries(plans)}
    for stale in directory.glob("*.yml"):
        if stale.name not in entries:
            stale.unlink()
    use_cache = cache.enabled()
    record_key = cache.text_digest(str(directory.resolve()))
    record = cache.load("plan-files", record_key) if use_cache else None
    record = record if isinstance(record, dict) else {}
    written: dict[str, tuple[str, int, int]] = {}
    for name, entry in entries.items():
        path = directory / name
        digest = entry.yaml_digest()
        if entry.loaded:  # the render stage keys its pages by the committed bytes (memo.plan_digest)
            cache.remember_committed(entry.plan(), digest)
        try:
            status = path.stat()
        except OSError:
            status = None
        if status is not None and record.get(name) == (digest, status.st_size, status.st_mtime_ns):
            written[name] = record[name]
            continue
        text = entry.yaml()
        if status is None or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            status = path.stat()
        written[name] = (digest, status.st_size, status.st_mtime_ns)
        if use_cache:
            # what reading this file back gives (cli.committed_plan: the canonical YAML loads to an equal
            # plan), so the render stage after a parse unpickles it (under 1 ms) instead of loading the YAML
            # (13 ms a plan: 14.7 s of a cold render at 1,000 plans, before its two processes start)
            cache.put_by_digest("plan-file", name, digest, entry.plan())
    if use_cache and written != record:
        cache.store("plan-files", record_key, written)


def check_plans(plans: list[Plan], directory: Path = PLANS) -> list[str]:
    """Problems with the committed data, each saying what to do."""
    problems: list[str] = []
    wanted = {f"{plan.id}.yml": plan_yaml(plan) for plan in plans}
    present = {path.name for path in directory.glob("*.yml")} if directory.exists() else set()
    for name in sorted(present - wanted.keys()):
        problems.append(f"{directory.name}/{name}: no source produces this plan; run `plansite build` to remove it")
    for name, text in sorted(wanted.items()):
        path = directory / name
        if not path.exists():
            problems.append(f"{directory.name}/{name}: missing; run `plansite build`")
            continue
        current = path.read_text(encoding="utf-8")
        try:
            Plan.model_validate(yaml.safe_load(current))
        except (ValidationError, yaml.YAMLError) as error:
            problems.append(f"{directory.name}/{name}: does not match the plan schema: {str(error).splitlines()[0]}")
        if current != text:
            diff = difflib.unified_diff(current.splitlines(), text.splitlines(), f"committed/{name}", f"parsed/{name}", lineterm="", n=1)
            lines = list(diff)
            shown = "\n".join(lines[:40]) + ("\n…" if len(lines) > 40 else "")
            problems.append(f"{directory.name}/{name}: stale or not in canonical form; run `plansite build`\n{shown}")
    unresolved: dict[str, set[str]] = {}
    for plan in plans:
        for action in plan.actions:
            if action.theme is None and any(task.theme is None for task in action.tasks) or not action.tasks and action.theme is None:
                problems.append(f"{plan.id}: action {action.number} {action.heading!r} maps to no theme; add a keyword to data/taxonomy/themes.yml")
        for measure in plan.measures:
            if measure.theme is None:
                problems.append(f"{plan.id}: chapter {measure.chapter!r} maps to no theme; add a keyword to data/taxonomy/themes.yml")
        for agencies in [t.agencies for a in plan.actions for t in a.tasks] + [m.agencies for m in plan.measures]:
            for agency in agencies:
                if agency.type is None:
                    unresolved.setdefault(plan.id, set()).add(agency.name)
    for plan_id, names in sorted(unresolved.items()):
        problems.append(f"{plan_id}: agency names that resolve to no type: {'、'.join(sorted(names))}; add aliases to data/taxonomy/agency_types.yml")
    return problems
