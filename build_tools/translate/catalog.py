"""Reading and writing PO catalogs with Babel, byte-identically (no dates, no wrapping)."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

STATUSES = ("machine", "human", "reviewed")
STATUS_PREFIX = "status: "
MEMORY_PREFIX = "from translation memory: "
# a catalog carries dates in its header; fixed ones keep files byte-identical between runs
FIXED_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
HEADER = """Translations of one plan for Plan Atlas.
Each msgid is the Chinese text of a heading, paragraph, title, body or target clause, as printed;
the reference (#:) is its segment id on the plan's page. A translator comment "status: machine" marks
text written by the Plan Atlas team and not reviewed by a person (change it to "human" or "reviewed").
The Chinese text prevails."""


def new_catalog(plan_id: str, lang: str) -> Catalog:
    catalog = Catalog(locale=lang, project=f"Plan Atlas: {plan_id}", version="1", copyright_holder="Plan Atlas",
                      msgid_bugs_address="the issue tracker of Plan Atlas", creation_date=FIXED_DATE, revision_date=FIXED_DATE,
                      last_translator="Plan Atlas", language_team=f"Plan Atlas {lang}", fuzzy=False,
                      header_comment="\n".join(f"# {line}" for line in HEADER.splitlines()))
    return catalog


def read_catalog(path: Path, content: bytes | None = None) -> Catalog:
    """A PO file (from the build cache while its bytes are unchanged: Babel's reader took 12 ms a plan);
    ``content``: its bytes, when the caller has read them already."""
    from build_tools import cache

    content = path.read_bytes() if content is None else content
    return cache.by_content("catalog", f"{path.parent.name}/{path.name}", content,
                            lambda: read_po(io.BytesIO(content), abort_invalid=True))


def catalog_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    # previous msgids (#|) are not written: Babel does not read multi-line ones back, so they would not round-trip
    write_po(buffer, catalog, width=0, sort_output=False, ignore_obsolete=False, include_previous=False)
    return buffer.getvalue()


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write the catalog; True when the file changed."""
    data = catalog_bytes(catalog)
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def status_of(message: Message) -> str | None:
    """machine / human / reviewed from the translator comment, or None when there is none."""
    for comment in message.user_comments:
        if comment.startswith(STATUS_PREFIX) and comment[len(STATUS_PREFIX):] in STATUSES:
            return comment[len(STATUS_PREFIX):]
    return None


def is_translated(message: Message) -> bool:
    return bool(message.id) and bool(message.string) and not message.fuzzy


def from_memory(message: Message) -> bool:
    return any(comment.startswith(MEMORY_PREFIX) for comment in message.user_comments)
