"""Responsibility clauses -> agencies with roles.

Real forms: （A、B按职责分工负责） （A负责） bare （A、B、C） （责任单位：A、B，C）
［责任单位：A、B，C；逗号前为牵头单位，下同］ （A牵头，B配合） 牵头单位：A；配合单位：B.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.models import Agency
from build_tools.parse.deadlines import DEADLINE_LABEL, remove_deadlines

OPENERS = "（(［[【〔"
CLOSERS = "）)］]】〕"
# 逗号前为牵头单位，下同 / 排在第一位的为牵头单位 / 第一个单位为牵头单位 (a convention note inside the clause)
CONVENTION_NOTE = re.compile(r"[；;，,]?\s*([^；;，,]*(?:为|是)牵头(?:单位|部门)[^；;]*)$")
COMMA_CONVENTION = re.compile(r"(?:逗号|，)(?:之)?前(?:的)?(?:单位)?(?:为|是)牵头")
FIRST_CONVENTION = re.compile(r"(?:第一|首位|第1|排名第一|列第一)")
SAME_BELOW = re.compile(r"下同|以下同|下文同")
# 责任单位：  牵头单位：  配合单位：  参加单位：  责任处室：  (labels; the role follows from the label)
LABEL = re.compile(r"(责任|牵头|主责|负责|配合|协办|参与|参加|协助|协同|支持)(?:单位|部门|处室)\s*[：:]")
LABEL_ROLE = {"牵头": "lead", "主责": "lead", "配合": "support", "协办": "support", "参与": "support", "参加": "support",
              "协助": "support", "协同": "support", "支持": "support"}
# A牵头 / B配合 (a role word after the units)
ROLE_SUFFIX = re.compile(r"(牵头负责|牵头|配合|参与|协助|协同)$")
ROLE_SUFFIX_ROLE = {"牵头负责": "lead", "牵头": "lead", "配合": "support", "参与": "support",
                    "协助": "support", "协同": "support"}
# wrapping words after the list: 按职责分工负责 / 负责 / 等单位 / 等
WRAPPING_SUFFIX = re.compile(
    r"(?:按(?:照)?(?:职责|职能)(?:分工)?(?:负责|落实)?|分(?:别|工)负责|共同负责|负责落实|负责|落实"
    r"|等(?:[省市区县]?(?:有关|相关|其他)?(?:单位|部门))?)$"
)
# 省工业和信息化厅等省有关部门、单位: a bare 单位 / 部门 left after the split names no unit
GENERIC_UNIT = re.compile(r"^(?:单位|部门)$")
ITEM_SEPARATORS = re.compile(r"[、，,；;]")
# 区发展改革委 国网电力宝坻分公司 各街道办事处 高新区 区委党校 团市委 城发集团 (what an agency name ends with)
AGENCY_NAME = re.compile(
    r"(?:局|委|办|部|厅|署|处|科|院|所|校|中心|公司|集团|政府|街道|办事处|镇|乡|街镇|镇街|管委会|委员会|分局|支局"
    r"|党校|单位|部门|小组|办公室|联|社|队|会|站|区|园|行|团[市区县]委|医院|学校|机构|企业|协会|台|馆|场)$"
)
# 市发改局<市国动办>  市发改局〈市国动办〉  (an annotation after a name, kept in the name)
NAME_ANNOTATION = re.compile(r"[<〈《（(][^<>〈〉《》（）()]*[>〉》）)]$")


# a bare list is a clause only after a finished sentence (…凸显南开优势。（区发展改革委、区商务局）) or alone
SENTENCE_END_BEFORE = re.compile(r"(?:^|[。！？；;.])\s*$")
KEYWORD = re.compile(r"负责|牵头|配合|责任单位|责任部门|责任处室")
# …评估。责任单位：市林业局、市自然资源规划局 (a labelled clause after the task's last sentence)
INLINE_LABEL = re.compile(r"[。；]\s*((?:牵头|责任|主责)(?:单位|部门|处室)\s*[：:].*)$")
# 。（市商务局、各区人民政府按职责分工负责） inside a paragraph (no nested brackets)
INNER_CLAUSE = re.compile(r"([。；;])\s*[（(]([^（）()]{2,300})[）)]")
# 牵头单位：区住房城乡建设委；配合单位：区发展改革委 (a responsibility paragraph without brackets)
LABELED_PARAGRAPH = re.compile(r"^\s*(?:牵头|责任|主责)(?:单位|部门|处室)\s*[：:]")


@dataclass
class RoleConvention:
    """A convention note that also applies to later clauses (下同)."""

    rule: str | None = None  # "comma" | "first" | None


def trailing_bracket(text: str) -> tuple[int, str] | None:
    """The bracket that closes the text, as (start, content): ``…负责。（区交通局负责）`` -> (n, "区交通局负责")."""
    stripped = text.rstrip().rstrip("。.；;")
    if not stripped or stripped[-1] not in CLOSERS:
        return None
    depth = 0
    for index in range(len(stripped) - 1, -1, -1):
        char = stripped[index]
        if char in CLOSERS:
            depth += 1
        elif char in OPENERS:
            depth -= 1
            if depth == 0:
                return index, stripped[index + 1 : -1]
    return None


def looks_like_agency(name: str) -> bool:
    """``区发展改革委`` and ``市发改局<市国动办>`` are agency names; ``含`` and ``制造业`` are not."""
    core = NAME_ANNOTATION.sub("", name)
    return 2 <= len(core) <= 40 and (bool(AGENCY_NAME.search(core)) or core.startswith("各")) and "。" not in core


def clean_item(item: str) -> str:
    """Whitespace out, wrapping words off: ``市自然资源局等单位按职责分工负责`` -> ``市自然资源局``."""
    item = re.sub(r"\s+", "", item)
    previous = None
    while previous != item:
        previous = item
        item = WRAPPING_SUFFIX.sub("", item)
    return item.strip("：:")


def split_outside_brackets(text: str) -> list[str]:
    """Split on 、，； but not inside brackets: ``各市（含定州、辛集市）发展改革委、省工信厅`` -> two units."""
    parts, current, depth = [], "", 0
    for char in text:
        if char in OPENERS:
            depth += 1
        elif char in CLOSERS and depth:
            depth -= 1
        if depth == 0 and ITEM_SEPARATORS.match(char):
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


# 市商务局等部门和各区人民政府: 和 after 等部门 joins two units
JOINED_AFTER_GROUP = re.compile(r"等(?:[省市区县]?(?:有关|相关|其他)?(?:部门|单位))(?:和|及|与)")


# 有关市、县（区）人民政府 / 各市、县人民政府: a bare level word enumerates the levels of the name after it
LEVEL_WORD = re.compile(r"^(?:各|有关|相关)?[省市州盟县区旗乡镇](?:[（(][^（）()]*[）)])?$")


def join_level_enumerations(parts: list[str]) -> list[str]:
    """``有关市``, ``县（区）人民政府`` -> ``有关市、县（区）人民政府``: one name whose levels are listed with 、."""
    joined: list[str] = []
    pending = ""
    for part in parts:
        if LEVEL_WORD.match(part):
            pending += part + "、"
            continue
        joined.append(pending + part)
        pending = ""
    if pending:
        joined.append(pending.rstrip("、"))
    return joined


def split_units(text: str) -> list[str]:
    text = JOINED_AFTER_GROUP.sub("、", text)
    names = [name for name in (clean_item(part) for part in split_outside_brackets(text)) if name]
    return [name for name in join_level_enumerations(names) if not GENERIC_UNIT.match(name)]


# 以下均需各区人民政府落实，不再列出 / 下同 (a note after the clause's own sentence)
NOTE_SENTENCE = re.compile(r"以下|下同|不再列出|不再一一列出|以上")


def parse_clause(content: str, convention: RoleConvention) -> list[Agency] | None:
    """Bracket content -> agencies, or None when the bracket is not a responsibility clause.

    ``市工信局、市发改委等按职责分工负责，各区人民政府负责落实。以下均需各区人民政府落实，不再列出``:
    the sentences after the first are read too, except notes about later clauses."""
    content = remove_deadlines(re.sub(r"\s+", "", content))  # 完成期限：持续推进 is a deadline, not a unit
    sentences = [part for part in content.split("。") if part]
    if len(sentences) > 1:
        found: list[Agency] = []
        for sentence in sentences:
            if found and NOTE_SENTENCE.search(sentence):
                continue
            parsed = parse_clause(sentence, convention)
            if parsed is None and not found:
                return None
            found += [a for a in parsed or [] if a.name not in {f.name for f in found}]
        return found or None
    note = CONVENTION_NOTE.search(content)
    rule = convention.rule
    if note:
        content = content[: note.start()]
        rule = "comma" if COMMA_CONVENTION.search(note.group(1)) else "first" if FIRST_CONVENTION.search(note.group(1)) else None
        if SAME_BELOW.search(note.group(1)):
            convention.rule = rule
    content = re.sub(r"[，,；;]?下同$", "", content)  # （各县区政府负责，下同）: the note itself names no unit
    keyword = bool(LABEL.search(content) or re.search(r"负责|牵头|配合", content))

    agencies: list[Agency] = []
    if LABEL.search(content):
        pieces = LABEL.split(content)
        # pieces: [before, label, text, label, text, ...]
        if pieces[0].strip("；;，,"):
            agencies += [Agency(name=n) for n in split_units(pieces[0])]
        for label, text in zip(pieces[1::2], pieces[2::2]):
            role = LABEL_ROLE.get(label)
            agencies += [Agency(name=n, role=role) for n in split_units(text)]
        if all(a.role is None for a in agencies) and rule:
            agencies = apply_rule(pieces[2] if len(pieces) > 2 else content, rule)
    elif re.search(r"(牵头|配合|参与|协助|协同)(?:负责)?(?:[，,；;]|$)", content):
        for part in re.split(r"[，,；;]", content):
            found = ROLE_SUFFIX.search(clean_item(part))
            role = ROLE_SUFFIX_ROLE[found.group(1)] if found else None
            names = split_units(ROLE_SUFFIX.sub("", clean_item(part)))
            agencies += [Agency(name=n, role=role) for n in names]
    elif rule:
        agencies = apply_rule(content, rule)
    else:
        agencies = [Agency(name=n) for n in split_units(content)]

    if not agencies:
        return None
    if not keyword and not all(looks_like_agency(a.name) for a in agencies):
        return None
    if keyword and not any(looks_like_agency(a.name) for a in agencies):
        return None
    if any(a.role == "lead" for a in agencies) and any(a.role is None for a in agencies):
        # （市发展改革委牵头，市统计局等按职责分工负责）: beside a named lead unit the others support
        agencies = [a if a.role else a.model_copy(update={"role": "support"}) for a in agencies]
    return agencies


def apply_rule(content: str, rule: str) -> list[Agency]:
    """``A、B，C`` with 逗号前为牵头单位 -> A, B lead and C support; with 第一个为牵头单位 the first leads."""
    if rule == "comma" and re.search(r"[，,]", content):
        lead, _, rest = re.split(r"([，,])", content, maxsplit=1)
        return [Agency(name=n, role="lead") for n in split_units(lead)] + [
            Agency(name=n, role="support") for n in split_units(rest)
        ]
    names = split_units(content)
    if rule == "first" and names:
        return [Agency(name=names[0], role="lead")] + [Agency(name=n, role="support") for n in names[1:]]
    if rule == "comma":
        return [Agency(name=n, role="lead") for n in names]
    return [Agency(name=n) for n in names]


def inner_clauses(text: str) -> list[tuple[int, int, str]]:
    """Brackets inside a paragraph that follow a finished sentence and say who is responsible:
    ``…完善回收体系。（市商务局、各区人民政府按职责分工负责）推动…`` — plans that name units after
    each measure rather than once at the end. (start, end, content); the closing bracket is excluded."""
    found = []
    for match in INNER_CLAUSE.finditer(text):
        content = match.group(2)
        if KEYWORD.search(content) and match.end() < len(text.rstrip().rstrip("。.；;")):
            found.append((match.start(2) - 1, match.end(), content))
    return found


def outside_brackets(found: re.Match[str] | None, text: str) -> re.Match[str] | None:
    """A label inside a bracket belongs to that bracket's clause: in ``（牵头单位：A；责任单位：B）`` the
    ``；责任单位：`` is not a clause after the task's last sentence (the lead A would be lost)."""
    if found is None:
        return None
    depth = 0
    for char in text[: found.start()]:
        if char in OPENERS:
            depth += 1
        elif char in CLOSERS and depth:
            depth -= 1
    return found if depth == 0 else None


def find_agencies(paragraphs: list[str], convention: RoleConvention) -> tuple[list[Agency], list[str]]:
    """Agencies named in the task's responsibility clauses, in order of first mention, each name once:
    the clause that closes a paragraph, clauses after sentences inside it, or a labelled paragraph.

    Returns the agencies and the clauses as printed (for marking them on the page)."""
    agencies: list[Agency] = []
    clauses: list[str] = []
    for text in paragraphs:
        candidates = [(start, content, text[start:end]) for start, end, content in inner_clauses(text)]
        if DEADLINE_LABEL.search(text) and not trailing_bracket(text):
            text = remove_deadlines(text).rstrip()  # 责任单位：…完成时限：2022年2月底前 (a deadline, not a unit)
        labelled = LABELED_PARAGRAPH.match(text) or outside_brackets(INLINE_LABEL.search(text), text)
        found = trailing_bracket(text)
        if labelled:
            # 责任单位：A、B、C（排在第一为牵头单位，下同）: the bracket is the clause's convention note
            start = labelled.start(1) if labelled.re is INLINE_LABEL else 0
            content = re.sub(r"[（(]([^（）()]*牵头[^（）()]*)[）)]$", r"；\1", text[start:].rstrip("。"))
            candidates.append((start, content, text[start:]))
        elif found:
            start, content = found
            if SENTENCE_END_BEFORE.search(text[:start]) or KEYWORD.search(content):
                # not “一区三园”（津港物流区、综合物流园…）: a bare list glossing the words before it
                candidates.append((start, content, text[start:].rstrip()))
        for _, content, printed in sorted(candidates, key=lambda c: c[0]):
            parsed = parse_clause(content, convention)
            if parsed is None:
                continue
            clauses.append(printed)
            for agency in parsed:  # each name once, in printed order (宝坻区 prints 区统计局 twice in one clause)
                if agency.name not in {a.name for a in agencies}:
                    agencies.append(agency)
    return agencies, clauses
