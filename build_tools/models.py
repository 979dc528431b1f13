"""Every schema of the project, in one place (pydantic v2, ``extra="forbid"``).

The JSON Schema published on the site (``data/schema/plan.schema.json``) is exported from ``Plan``.
Field docstrings become schema descriptions, so they are written for the people who download the data.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Level = Literal["national", "province", "city", "county", "district"]
Role = Literal["lead", "support"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class Source(_Model):
    file: str
    """File name under data/sources/."""
    sha256: str
    """SHA-256 of the file's bytes, so a reader can tell which copy was parsed."""
    url: str | None = None
    """Where the original was published (a portal page, the issuing government's PDF), when known: from
    data/provenance.yml, else from the source itself (a saved web page's canonical address); null when
    nobody has recorded it. Never guessed."""
    url_from: Literal["provenance", "source"] | None = None
    """provenance: recorded by a person in data/provenance.yml; source: stated by the source file itself
    (``<link rel="canonical">`` or ``og:url`` of a saved web page); null with no url."""


class Segment(_Model):
    """One heading or paragraph of the plan, in document order."""

    id: str
    """Stable segment id, unique within the plan; the page anchor and the key for translations."""
    kind: Literal["heading", "paragraph"]
    depth: int
    """Outline depth: 1 for 一、 chapters, 2 for （一）, 3 for 1．, ... ; paragraphs take the depth of their section + 1."""
    marker: str | None = None
    """The numbering marker as printed (一、, （一）, 1．), or null."""
    text: str
    """The text as printed after cleaning, without the marker."""
    title_end: int | None = None
    """For a numbered segment, where its title ends in ``text``: a heading's whole text without a closing 。,
    or a run-in title (``积极构建低碳工业体系。坚持…`` -> 10, the text before the first 。); the body
    follows after the 。. Null for an unnumbered paragraph."""
    task: str | None = None
    """"<action>.<task>" (the task id without its t: 2.3, or 2.3b for a number printed twice) when the
    segment belongs to a key task, else null."""
    measure: str | None = None
    """Id of the measure (m<chapter>-<number>) the segment belongs to, else null."""
    source: str
    """The source file this segment's text was taken from."""
    lines: list[int]
    """[first, last] line of the segment in that source's text (as read, before cleaning)."""


class Agency(_Model):
    name: str
    """The unit as printed in the responsibility clause, whitespace removed."""
    role: Role | None = None
    """lead / support where the text says so (牵头 / 配合, or a convention note), else null."""
    type: str | None = None
    """Agency type id from data/taxonomy/agency_types.yml (e.g. development-reform), or null if unresolved."""
    entity: str | None = None
    """Agency entity id: the body in the plan's jurisdiction (e.g. tianjin-baodi.development-reform)."""


class Target(_Model):
    year: int | None
    """Target year (到2025年 -> 2025, “十四五”末 -> 2025, 2030年前 -> 2030), or null when none is stated."""
    start: int
    """Where the clause stating the target starts in its segment's text (0-based character offset)."""
    end: int
    """Where that clause ends (exclusive): the clause is ``text[start:end]`` of the segment."""
    indicator: str
    """What is measured: the clause without year, verbs, value and qualifiers."""
    value: float | int | list[float | int]
    """The number as printed, or [low, high] for a range such as 10—15个."""
    unit: str
    """Unit as printed (%, 万千瓦, 家); empty for a bare ratio such as PUE 1.3."""
    qualifier: str | None = None
    """Comparator as printed: 以上, 以下, 左右, 不低于, 不超过, 超过, 不少于, ..."""
    strength: str | None = None
    """Wording of commitment as printed: 确保, 力争, 争取, 原则上, ..., or null."""
    commitment: Literal["committed", "aspirational", "in-principle", "stated"] = "stated"
    """committed (确保, 完成), aspirational (力争, 争取, 力求, 努力), in-principle (原则上), or stated (no such word)."""
    indicator_id: str | None = None
    """Canonical indicator from data/taxonomy/indicators.yml when the target is comparable across plans
    (by its patterns, or by data/taxonomy/indicator_aliases.yml for a wording reviewed by hand)."""
    base_value: float | int | list[float | int] | None = None
    """The value converted to ``base_unit`` (12亿千瓦 -> 1200000000, 753万立方米 -> 7530000), or [low, high];
    null when the unit is not in data/taxonomy/vocabulary.yml. Targets of one indicator compare in it."""
    base_unit: str | None = None
    """The unit ``base_value`` is in (千瓦, 立方米, 吨, %, 个百分点; "" for a bare ratio), or null."""
    task: str | None = None
    """"<action>.<task>" (the task id without its t: 2.3, or 2.3b) for a target inside a key task, null in
    the main-targets section or elsewhere."""
    segment: str
    """Id of the segment the target was read from."""


class Task(_Model):
    """A numbered key task. Its text is its segments (``sections``); its title is the title of the first
    one; its targets are the plan's targets whose ``task`` is this task ("<action>.<task>")."""

    id: str
    """Permalink anchor, ``t<action>-<task>`` (e.g. t2-3), unique in the plan: where an action prints a
    number twice, the second gets a letter (t2-3b)."""
    number: int
    """The task number as printed."""
    segments: list[str]
    """Ids of the segments of the task, the numbered one first, then its sub-paragraphs."""
    theme: str | None = None
    """The action's theme, or the task's own where the action (a bare 重点任务 chapter) maps to none."""
    agencies: list[Agency] = Field(default_factory=list)
    deadline: str | None = None
    """When the plan says it must be done, as printed in its responsibility clause (完成期限：2021年四季度,
    完成时限：2022年2月底前, 持续推进); several deadlines of one item are joined with ；. Null when none is printed."""
    deadline_date: str | None = None
    """The last day the printed deadline allows, YYYY-MM-DD (2021年四季度 -> 2021-12-31, 2025年底 -> 2025-12-31,
    2022年2月底前 -> 2022-02-28); null when the deadline is not a date (持续推进, 长期坚持) or none is printed."""

    @property
    def key(self) -> str:
        """The task's key in segments and targets: ``t2-3`` -> ``2.3``, ``t2-3b`` -> ``2.3b``."""
        return self.id[1:].replace("-", ".", 1)


class Action(_Model):
    number: int
    """Ordinal of the action within the key-tasks chapter (1, 2, ...)."""
    id: str
    """Permalink anchor, ``a<number>``."""
    marker: str | None = None
    segment: str | None
    """Id of the action's heading segment, whose title is the action's name; null where the plan's chapters
    are its tasks and the action is the plan itself (then the plan's title is its name)."""
    theme: str | None = None
    """Theme id from data/taxonomy/themes.yml, or null when the heading maps to none."""
    intro: list[str] = Field(default_factory=list)
    """Ids of the unnumbered paragraphs between the action heading and its first task."""
    tasks: list[Task] = Field(default_factory=list)


class Measure(_Model):
    """A numbered item of a chapter after the key tasks (对外合作, 政策保障, 组织实施). Not a key task, but
    it often names the agencies responsible, which officials look up as well."""

    id: str
    """Permalink anchor, ``m<chapter>-<number>`` (e.g. m4-2 for 四、… （二）…)."""
    chapter: str
    """Id of the chapter's heading segment."""
    chapter_number: int
    number: int
    segments: list[str]
    """Ids of the measure's segments, the numbered one (whose title is the measure's) first."""
    theme: str | None = None
    agencies: list[Agency] = Field(default_factory=list)
    deadline: str | None = None
    """When the plan says it must be done, as printed in its responsibility clause (完成期限：2021年四季度,
    完成时限：2022年2月底前, 持续推进); several deadlines of one item are joined with ；. Null when none is printed."""
    deadline_date: str | None = None
    """The last day the printed deadline allows, YYYY-MM-DD (2021年四季度 -> 2021-12-31, 2025年底 -> 2025-12-31,
    2022年2月底前 -> 2022-02-28); null when the deadline is not a date (持续推进, 长期坚持) or none is printed."""


class Project(_Model):
    group: str | None
    """Id of the group heading segment the project is listed under (e.g. （一）能源领域), or null."""
    number: int | None
    segments: list[str]
    """Ids of the project's segments, the numbered one (whose title is the project's name) first."""


class RemovedText(_Model):
    """Source text left out of the plan text, and why (nothing is dropped silently)."""

    file: str
    line: int
    """First line in the source's text; 0 for content a reader dropped before the text (web-page chrome)."""
    end: int | None = None
    """Last line, when the removed text spans several lines."""
    text: str
    reason: str
    """page number, table of contents, site chrome, metadata table, image, duplicate of <file>, ..."""


class Reading(_Model):
    file: str
    text: str


class Variant(_Model):
    """A paragraph the sources of one plan print differently."""

    segment: str
    """Id of the segment shown in the plan."""
    chosen: str
    """The file whose reading is shown."""
    reason: str
    """Why that reading was chosen (e.g. fewer lost characters)."""
    readings: list[Reading]
    injected: list[str] = Field(default_factory=list)
    """Strings a website injected into one of the readings (shown as such, never as plan text)."""


class Flag(_Model):
    """Damage found in the text that could not be repaired from a better copy, or a structure to check."""

    segment: str
    kind: str
    """lost character (a ? where a character is missing); long task title (no 。 ends the title within 60
    characters: most likely the task's whole paragraph); no tasks (no key task was recognised)."""
    text: str


class Correction(_Model):
    """A hand correction from data/corrections/<plan-id>.yml."""

    find: str
    """The text as printed."""
    replace: str
    """What the plan means."""
    reason: str
    count: int = 0
    """How many times it was applied."""


class Plan(_Model):
    id: str
    """Stable ASCII slug: pinyin of parent region, region and year, e.g. tianjin-baodi-2023."""
    title: str
    notice_title: str | None = None
    """Title of the covering notice (…关于印发…的通知), when the source has one."""
    region: str | None
    parent_region: str | None
    region_id: str
    """ASCII id of the jurisdiction, the plan id without its year (tianjin-baodi); national plans: national."""
    level: Level | None
    issuer: str | None = None
    date: str | None = None
    """YYYY-MM-DD, or null when the source prints no full date."""
    date_text: str | None = None
    """The date as printed (e.g. 2024年5月), when one is printed."""
    year: int | None = None
    """Year of issue, from the date or the printed date text."""
    doc_number: str | None = None
    index_number: str | None = None
    """索引号 of the 政务公开 table of a portal copy, e.g. 111201110001807180/2023-00008; null when no source states it."""
    subject: str | None = None
    """主题分类 of the 政务公开 table as printed, e.g. 综合政务\\政务公开."""
    validity: str | None = None
    """有效性 of the 政务公开 table as printed (有效, 失效, 废止) when the portal states it."""
    status: Literal["final", "draft"] = "final"
    sources: list[Source]
    sections: list[Segment]
    actions: list[Action]
    targets: list[Target]
    measures: list[Measure] = Field(default_factory=list)
    """Numbered items of the chapters after the key tasks, with their agencies."""
    projects: list[Project] = Field(default_factory=list)
    removed: list[RemovedText] = Field(default_factory=list)
    """Source lines not in the text above (page numbers, table of contents), with the reason."""
    provenance: dict[str, str] = Field(default_factory=dict)
    """Which source file each metadata field was taken from."""
    variants: list[Variant] = Field(default_factory=list)
    """Paragraphs the sources print differently, with the reading chosen."""
    flags: list[Flag] = Field(default_factory=list)
    """Damage that could not be repaired (no better copy), and task titles or structures to check."""
    corrections: list[Correction] = Field(default_factory=list)
    """Hand corrections applied to the text (data/corrections/<plan-id>.yml)."""

    _index: tuple[int, dict[str, Segment]] | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        # a plan is its fields: the segment index (a memo) does not count
        if not isinstance(other, Plan):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  (mutable, like every model)

    def __getstate__(self) -> dict:
        # the segment index is a memo of this object's sections (keyed by their id()): not pickled, so a plan
        # read back from the build cache or sent from a worker equals one made afresh
        state = super().__getstate__()
        private = state.get("__pydantic_private__")
        if private and private.get("_index") is not None:
            state = {**state, "__pydantic_private__": {**private, "_index": None}}
        return state

    # Views. Every fact is stored once (keyed by segment id); these read it back.

    def segment(self, segment_id: str) -> Segment:
        """The segment with this id (KeyError when there is none)."""
        if self._index is None or self._index[0] != id(self.sections):
            self._index = (id(self.sections), {s.id: s for s in self.sections})
        return self._index[1][segment_id]

    def title_of(self, segment_id: str) -> str:
        """A numbered segment's title (``积极构建低碳工业体系``); an unnumbered one's whole text."""
        segment = self.segment(segment_id)
        return segment.text if segment.title_end is None else segment.text[: segment.title_end]

    def body_of(self, segment_id: str) -> str:
        """A numbered segment's text after its title and the 。 that ends it; an unnumbered one's text."""
        segment = self.segment(segment_id)
        return segment.text if segment.title_end is None else body_after_title(segment.text, segment.title_end)

    def clause(self, target: Target) -> str:
        """The clause stating a target, as printed."""
        return self.segment(target.segment).text[target.start : target.end]

    def action_title(self, action: Action) -> str:
        """An action's name: its heading segment's title, or the plan's title for the plan-wide action."""
        return self.title_of(action.segment) if action.segment else self.title

    def targets_of(self, key: str) -> list[Target]:
        """The targets of a key task ("<action>.<task>"), in document order."""
        return [t for t in self.targets if t.task == key]

    def segments_text(self, ids: list[str]) -> str:
        """The text of several segments, one paragraph a line, numbered ones with their markers."""
        parts = []
        for segment_id in ids:
            segment = self.segment(segment_id)
            parts.append(f"{segment.marker or ''}{segment.text}")
        return "\n".join(parts)


def body_after_title(text: str, title_end: int) -> str:
    """``积极构建低碳工业体系。坚持制造业立区…`` with title_end 10 -> ``坚持制造业立区…``."""
    rest = text[title_end:]
    return rest[1:] if rest[:1] in ("。", ".") else rest


class ParseOutput(_Model):
    """What ``plansite parse --json`` prints."""

    plans: list[Plan]


def plan_json_schema() -> dict:
    """The JSON Schema of one plan, as published on the site."""
    schema = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "plan.schema.json"
    return schema
