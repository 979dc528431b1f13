"""Query-side synonyms for agency names, generated from data/taxonomy/agency_types.yml at build time.

The taxonomy's aliases are regular expressions (``发展(和|与)?改革``, ``发改``, ``环保(局|分局)``). Those
that are finite — literal characters, alternatives in groups, ``?`` and the anchors ``^ $`` — are expanded
into the literal stems they match; a suffix of an agency (局, 分局, 委, 委员会) is cut off, so
环保局 and 生态环境 become the stems 环保 and 生态环境. Aliases with character classes or repetition
(``领导小组[^，、]*成员单位``) describe no fixed word and are left out.

A query is expanded only where a stem is followed by an agency suffix (发改委, 发展和改革委员会, 环保局):
a stem alone (环境) is too common a word to be read as an agency. 委员会 and 委 are one suffix, so
发改委, 发展改革委 and 发展和改革委员会 each expand to the same phrases and find the same entries.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from build_tools.paths import ROOT

AGENCY_TYPES = ROOT / "data" / "taxonomy" / "agency_types.yml"
# the suffixes that end an agency's name, longest first; each maps to the form the index is queried with
# (委员会 -> 委: 发展改革委 is a prefix of 发展改革委员会, so one phrase finds both spellings)
# (a list of pairs, longest first: the manifest carries it to search.js in this order)
SUFFIXES = [("委员会", "委"), ("分局", "分局"), ("委", "委"), ("局", "局"), ("厅", "厅")]
# a finite alias: literals (no ASCII), groups of alternatives, ? and anchors
FINITE_ALIAS = re.compile(r"^\^?(?:[^\\\[\]{}*+.()|?^$]|\((?:[^()\\\[\]{}*+.?^$]*)\)\??|[^\\\[\]{}*+.()|?^$]\?)+\$?$")
MIN_STEM = 2
# only government departments and vertically managed branches: the stems of groups, companies and parks
# (公司, 管理, 园区) are ordinary words, not abbreviations of one agency
EXPANDED_KINDS = frozenset({"government", "branch"})


def expand_alias(alias: str) -> list[str]:
    """Every literal an alias matches, or [] when it is not finite.

    >>> expand_alias("发展(和|与)?改革")
    ['发展和改革', '发展与改革', '发展改革']
    >>> expand_alias("领导小组[^，、]*成员单位")
    []
    """
    if not FINITE_ALIAS.match(alias):
        return []
    body = alias.strip("^$")
    forms = [""]
    for match in re.finditer(r"\(([^()]*)\)(\?)?|(.)(\?)?", body):
        if match.group(1) is not None:
            options = match.group(1).split("|") + ([""] if match.group(2) else [])
        else:
            options = [match.group(3)] + ([""] if match.group(4) else [])
        forms = [form + option for form in forms for option in options]
    return sorted(set(forms), key=forms.index)


def stem_of(form: str) -> str:
    """An alias form without its agency suffix: 环保局 -> 环保, 环境保护分局 -> 环境保护, 发改 -> 发改."""
    for suffix, _ in SUFFIXES:
        if form.endswith(suffix) and len(form) - len(suffix) >= MIN_STEM:
            return form[: -len(suffix)]
    return form


def synonym_groups(path: Path = AGENCY_TYPES) -> list[list[str]]:
    """Per agency type (government departments and branches) with two or more stems: its stems (sorted, deterministic)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    groups = []
    for agency_type in data["types"]:
        if agency_type.get("kind") not in EXPANDED_KINDS:
            continue
        stems = {stem_of(form) for alias in agency_type.get("aliases", []) for form in expand_alias(alias)}
        stems = sorted(s for s in stems if len(s) >= MIN_STEM)
        if len(stems) >= 2:
            groups.append(stems)
    return groups


def expand_phrase(phrase: str, groups: list[list[str]], suffixes: list = SUFFIXES) -> list[str]:
    """The phrase and its variants, the phrase first: 发改委 -> 发改委, 发展改革委, 发展和改革委, ….

    The longest stem followed by a suffix is replaced by each stem of its group; the suffix is written
    in its query form (委员会 -> 委). A phrase with no such stem is returned alone."""
    best = None
    for group in groups:
        for stem in group:
            start = phrase.find(stem)
            while start >= 0:
                rest = phrase[start + len(stem):]
                suffix = next((s for s, _ in suffixes if rest.startswith(s)), None)
                if suffix and (best is None or len(stem) > len(best[1])):
                    best = (start, stem, suffix, group)
                start = phrase.find(stem, start + 1)
    if best is None:
        return [phrase]
    start, stem, suffix, group = best
    before, after = phrase[:start], phrase[start + len(stem) + len(suffix):]
    written = dict(suffixes)[suffix]
    variants = [before + other + written + after for other in group]
    return [phrase] + [v for v in dict.fromkeys(variants) if v != phrase]
