"""The build cache: what the ingest and parse stages made of one source file, keyed by the file's SHA-256
and by a fingerprint of the code and data that made it, so that an unchanged source is never read (a PDF's
text extraction) or parsed twice. It lives in ``.cache/`` (ignored by git) and can be deleted at any time:
a missing or unreadable entry is simply made again, and the output is the same bytes either way.

A fingerprint covers every file that can change a stage's result (its own modules, the model, the
taxonomy), not a hand-kept version number: editing a parse rule invalidates the parse entries, not the
ingest ones, so re-parsing a corpus of PDFs after a parser change does not extract their text again."""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import shutil
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from build_tools.paths import ROOT

# PLANSITE_CACHE_DIR puts the cache elsewhere (a test's own folder)
CACHE = Path(os.environ.get("PLANSITE_CACHE_DIR") or ROOT / ".cache")
# PLANSITE_CACHE=off builds without the cache (the tests do: they parse the same files under patched code)
SWITCH = "PLANSITE_CACHE"


def enabled() -> bool:
    return os.environ.get(SWITCH, "").strip().lower() not in ("off", "0", "no", "false")
# what each stage's result depends on, relative to the repository (directories are read recursively)
# what parses a source (the parse stage's entries) and links its plan
PARSING = ("build_tools/ingest", "build_tools/parse", "build_tools/link", "build_tools/models.py", "build_tools/errors.py", "data/taxonomy")
STAGE_INPUTS = {
    "ingest": ("build_tools/ingest", "build_tools/errors.py"),
    "parse": PARSING,
    # a parsed source's head (pipeline.Head: its plan's id and identity, or its error) and a source's plan
    # linked (one source, no corrections): functions of the source and of what parses and links it
    "parse-head": PARSING + ("build_tools/pipeline.py",),
    "plan": PARSING + ("build_tools/pipeline.py",),
    # the digest of a plan's canonical YAML (pipeline.PlanEntry), keyed by its source, its recorded address
    # and its id; and the record of the plan files written (pipeline.write_plans: digest, size, time)
    "plan-yaml": PARSING + ("build_tools/pipeline.py",),
    "plan-files": ("build_tools/pipeline.py",),
    # linking a parsed plan: agencies and targets against the taxonomy
    "link": ("build_tools/link", "build_tools/models.py", "data/taxonomy"),
    # a plan's canonical YAML (pipeline.plan_yaml and the model's field order)
    "yaml": ("build_tools/pipeline.py", "build_tools/models.py"),
    # a built page's search entries (build_tools/search/index.py read_site), keyed by edition and URL, the
    # entry holding the digest of the HTML it was read from
    "search": ("build_tools/search/extract.py",),
    # a page's own postings (search/index.py page_postings), keyed by its edition, URL and HTML
    "search-postings": ("build_tools/search/extract.py", "build_tools/search/tokens.py", "build_tools/search/index.py"),
    # a group of pages' postings merged (search/index.py group_postings), keyed by its first page, the
    # entry holding the digest of its pages' HTML digests
    "search-group": ("build_tools/search/extract.py", "build_tools/search/tokens.py", "build_tools/search/index.py"),
    # what the last build of an edition's index gzipped and encoded, by the input's digest (search/index.py Memo)
    "search-memo": ("build_tools/search/index.py", "build_tools/search/postings.py"),
    # a rendered page or download (build_tools/render/memo.py): the templates and catalogs, the code that
    # fills them, the taxonomy
    "render": ("build_tools/render", "build_tools/link", "build_tools/translate", "build_tools/models.py", "data/taxonomy"),
    # a committed plan file read back (cli.load_committed_plans: YAML -> Plan), and a PO catalog read
    "plan-file": ("build_tools/models.py",),
    "catalog": ("build_tools/translate/catalog.py",),
    # a catalog's translations as the renderer asks for them (translate/lookup.py translation_table)
    "translation-table": ("build_tools/translate/catalog.py", "build_tools/translate/lookup.py"),
    # what a catalog gives the translation memory (translate/update.py contribution)
    "catalog-memory": ("build_tools/translate/catalog.py", "build_tools/translate/update.py"),
    # a plan's catalog brought up to date (translate/update.py): its plan, its file and the memory
    "catalog-merge": ("build_tools/translate", "build_tools/models.py"),
}
# the files of a directory that count: code, data, templates, catalogs
FINGERPRINTED = (".py", ".yml", ".yaml", ".json", ".j2", ".po")
PICKLE_PROTOCOL = 5


@lru_cache(maxsize=None)
def fingerprint(stage: str, root: Path = ROOT) -> str:
    """A digest of the bytes (and relative paths) of every file ``stage`` depends on."""
    digest = hashlib.sha256(stage.encode())
    for entry in STAGE_INPUTS[stage]:
        base = root / entry
        files = sorted(p for p in base.rglob("*") if p.is_file() and p.suffix in FINGERPRINTED) if base.is_dir() else [base]
        for path in files:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def entry_path(stage: str, source_digest: str, cache: Path | None = None) -> Path:
    """.cache/<stage>/<fingerprint>/<key>.pickle: a folder per version of the stage's code and data."""
    return (cache or CACHE) / stage / fingerprint(stage) / f"{source_digest}.pickle"


def entries(stage: str, cache: Path | None = None) -> list[Path]:
    """The stage's entries made by the current code (what the tests count)."""
    folder = (cache or CACHE) / stage / fingerprint(stage)
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


_pruned: set[Path] = set()


def prune(folder: Path) -> None:
    """Once per process and stage: remove the entries of older code (the stage's other folders, and the
    files of the layout before folders). An entry of older code is never read again; a folder of them is
    removed whole instead of looking for each key's older entry when it is stored (that glob listed the
    folder on every store: quadratic, most of a dirty site build at 1,000 plans)."""
    if folder in _pruned:
        return
    _pruned.add(folder)
    for other in folder.parent.iterdir():
        if other != folder:
            if other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
            else:
                other.unlink(missing_ok=True)


def load(stage: str, source_digest: str, cache: Path | None = None):
    """The cached result, or None when there is none (or it cannot be read: it is then made again)."""
    path = entry_path(stage, source_digest, cache)
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def store(stage: str, source_digest: str, value, cache: Path | None = None) -> None:
    """Write an entry atomically (a build interrupted mid-write leaves no half entry); the first store of a
    stage in a process drops the entries of older code (``prune``)."""
    path = entry_path(stage, source_digest, cache)
    path.parent.mkdir(parents=True, exist_ok=True)
    prune(path.parent)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(pickle.dumps(value, protocol=PICKLE_PROTOCOL))
    temporary.replace(path)


def memoised(stage: str, source_digest: str, make, cache: Path | None = None):
    """The cached result of ``make()`` for this key, or ``make()``'s result stored for next time. An
    exception from ``make`` propagates and stores nothing (an unusable file is reported on every build)."""
    found = load(stage, source_digest, cache)
    if found is None:
        found = make()
        store(stage, source_digest, found, cache)
    return found


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused while a stage loads or builds millions of objects that stay
    alive (every plan, the atlas): each collection walks all of them and frees none. At 3,000 plans loading
    the committed plans took 8.7 s with it and 6.1 s without, building the atlas 3.8 s and 1.6 s (in one
    process, measured twice each; reference counting still frees what is dropped)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# objects made from (or written as) a committed file -> the digest of its bytes (plans: data/plans/*.yml);
# each entry holds its object, so an id is never reused while it is here
_committed: dict[int, tuple[object, str]] = {}


def remember_committed(item: object, digest: str) -> None:
    """Record that ``item`` is the content of a file whose bytes have ``digest`` (a plan read from or
    written to data/plans): ``committed_digest`` then gives that digest without serialising ``item``."""
    _committed[id(item)] = (item, digest)


def committed_digest(item: object) -> str | None:
    found = _committed.get(id(item))
    return found[1] if found is not None and found[0] is item else None


def by_content(stage: str, name: str, content: bytes, make):
    """``make()`` for the current bytes of the file ``name``, from the cache when its bytes are what they
    were: one entry per name (holding the bytes' digest), so an edited file replaces its entry instead of
    adding one. Without the cache, ``make()``."""
    if not enabled():
        return make()
    return by_digest(stage, name, hashlib.sha256(content).hexdigest(), make)


def put_by_content(stage: str, name: str, content: bytes, value) -> None:
    """Record ``value`` as what ``by_content(stage, name, content, ...)`` gives (replacing the name's entry):
    for a result known without making it (a catalog merged again from its own output, translate/update.py)."""
    put_by_digest(stage, name, hashlib.sha256(content).hexdigest(), value)


def put_by_digest(stage: str, name: str, digest: str, value) -> None:
    """``put_by_content`` given the digest of the bytes (a plan file just written from its plan)."""
    if enabled():
        store(stage, text_digest(f"{stage}:{name}"), (digest, value))


def by_digest(stage: str, name: str, digest: str, make):
    """``by_content`` given the digest of the bytes (for a caller that no longer holds them)."""
    if not enabled():
        return make()
    hit, value = found_by_digest(stage, name, digest)
    if hit:
        return value
    value = make()
    put_by_digest(stage, name, digest, value)
    return value


def found_by_digest(stage: str, name: str, digest: str) -> tuple[bool, object]:
    """(True, the value) where ``by_digest`` would find one for these bytes, else (False, None): for a
    caller that makes the missing values together (on every core)."""
    if not enabled():
        return False, None
    found = load(stage, text_digest(f"{stage}:{name}"))
    if found is not None and found[0] == digest:
        return True, found[1]
    return False, None
