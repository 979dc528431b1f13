"""The 政务公开 metadata table of a government web page: its labels, their aliases, and its layouts.

Portals print the same fields under different labels (发布日期 for 发文日期, 文号 for 发文字号, 时效性 for
有效性), sometimes with spaces inside (索 引 号), and lay the table out in several ways: a label and its
value in one cell (``发布机构：天津市…``), in neighbouring cells, or two labelled fields in one cell. This
module names the labels (``METADATA_LABELS``, keyed to one canonical label each), matches them
(``KNOWN_LABEL``, ``OTHER_LABEL``, ``LABEL_INSIDE``) and reads the table's rendered lines into
{canonical label: value} (``parse_metadata``); ``html.py`` finds the table on the page and renders it.
"""

from __future__ import annotations

import re

# the Chinese characters (BMP and the supplementary ideograph planes); defined here, not in html.py, which
# imports it from this module
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"

# the 政务公开 table's labels as printed -> canonical key; spaces may stand inside (索 引 号)
METADATA_LABELS = {
    "索引号": "索引号",
    "发布机构": "发布机构", "发文机关": "发布机构", "发文单位": "发布机构",
    "发文字号": "发文字号", "文号": "发文字号",
    "成文日期": "成文日期", "成文时间": "成文日期",
    "发文日期": "发文日期", "发布日期": "发文日期",
    "主题分类": "主题分类", "主题": "主题分类",
    "有效性": "有效性", "时效性": "有效性",
}
# labels of the table that name no field kept apart (名称 and 标题 are the notice title, in the text)
OTHER_LABELS = ("名称", "标题", "废止依据")
_LABEL_ALTERNATIVES = "|".join(r"\s*".join(label) for label in sorted(METADATA_LABELS, key=len, reverse=True))
# "索 引 号：" / "发布机构:天津市…" / "有效性" (a label at the start of a cell)
KNOWN_LABEL = re.compile(rf"^\s*(?P<label>{_LABEL_ALTERNATIVES})\s*(?:[:：]\s*|\s+|$)")
# "名　　称：" / "标题:" (a label this reader does not keep; it ends the value before it)
OTHER_LABEL = re.compile(rf"^\s*[{CJK}](?:\s*[{CJK}]){{1,7}}\s*[:：]")
# "索引号：1112… 发布机构：天津市…" (two labelled fields in one cell)
LABEL_INSIDE = re.compile(rf"\s+(?=(?:{_LABEL_ALTERNATIVES})\s*[:：])")
MIN_METADATA_LABELS = 2


def parse_metadata(lines: list[str]) -> dict[str, str]:
    """Rendered lines of the 政务公开 table -> {canonical label: value}.

    ``索 引 号：\\t11120115MB1A11547X/2023-00412`` -> ``{"索引号": "11120115MB1A11547X/2023-00412"}``;
    ``发布日期：2023-06-02`` -> ``{"发文日期": "2023-06-02"}``. A label and its value may share a cell or
    sit in neighbouring cells; an unknown label (名称：) ends the value before it. The first value wins.
    """
    fields: dict[str, str] = {}
    current: str | None = None
    parts: list[str] = []

    def finish() -> None:
        if current and parts and current not in fields:
            fields[current] = " ".join(parts)

    for line in lines:
        for cell in line.split("\t"):
            for segment in LABEL_INSIDE.split(cell):
                known = KNOWN_LABEL.match(segment)
                if known:
                    finish()
                    current, parts = METADATA_LABELS[re.sub(r"\s+", "", known.group("label"))], []
                    segment = segment[known.end():]
                elif OTHER_LABEL.match(segment):
                    finish()
                    current, parts = None, []
                    continue
                if current and segment.strip():
                    parts.append(segment.strip())
    finish()
    return fields
