"""Clean paragraphs -> outline tree (headings by numbering marker, paragraphs under them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.ingest.clean import Paragraph
from build_tools.parse.patterns import ANNEX, match_marker

# a marked paragraph up to this long without a full stop inside is a heading, not a run-in paragraph
HEADING_MAX_CHARS = 40


@dataclass
class Node:
    text: str
    """Text without the marker."""
    line: int
    style: str | None = None
    marker: str | None = None
    number: int | None = None
    depth: int = 0
    id: str = ""
    children: list["Node"] = field(default_factory=list)
    paragraph: Paragraph | None = None
    """The cleaned paragraph the node was read from (its source file and lines)."""

    @property
    def is_heading(self) -> bool:
        """``（一）指导思想`` is a heading; ``1．积极构建低碳工业体系。坚持…`` is a run-in paragraph."""
        if self.style is None:
            return False
        body = self.text.rstrip("。")
        return "。" not in body and len(self.text) <= HEADING_MAX_CHARS

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def descendants(self):
        for child in self.children:
            yield from child.walk()


def build_outline(paragraphs: list[Paragraph]) -> Node:
    """Nest paragraphs by marker style: the first style seen is depth 1, a new style nests deeper,
    a style already open closes everything below it (一、 > （一） > 1． > （1）, in whatever order a plan uses)."""
    root = Node(text="", line=0, depth=0, id="")
    stack: list[Node] = [root]
    annexes = 0
    for paragraph in paragraphs:
        annex = annex_label(paragraph.text) if any(child.style for child in root.children) else None
        if annex is not None:
            # 附件：… after the chapters: the annex is a part of its own at the top, not the last task's text
            annexes += 1
            marker, rest = annex
            node = Node(text=rest, line=paragraph.line, style="annex", marker=marker, number=annexes, depth=1, paragraph=paragraph)
            root.children.append(node)
            stack = [root, node]
            continue
        found = match_marker(paragraph.text)
        if found is None:
            stack[-1].children.append(Node(text=paragraph.text, line=paragraph.line, paragraph=paragraph))
            continue
        style, marker, number, rest = found
        open_styles = [node.style for node in stack]
        if style in open_styles:
            del stack[open_styles.index(style):]
        node = Node(text=rest, line=paragraph.line, style=style, marker=marker, number=number, depth=len(stack), paragraph=paragraph)
        stack[-1].children.append(node)
        stack.append(node)
    assign_ids(root)
    return root


def annex_label(text: str) -> tuple[str, str] | None:
    """``附件：高耗能行业重点领域能效标杆水平和基准水平（2021年版）`` -> ("附件：", title); ``附件2`` -> ("附件2", "");
    None for a sentence that starts with 附件 (附件中的任务…)."""
    found = ANNEX.match(text.strip())
    if not found or "。" in found.group(2):
        return None
    rest = found.group(2).strip()
    return text.strip()[: len(text.strip()) - len(rest)].strip() if rest else text.strip(), rest


def assign_ids(root: Node) -> None:
    """Ids from the outline path: ``s2-1-3`` for 二、 > （一） > 3．, ``s2-1-3-p1`` for its first
    unnumbered paragraph, ``p1`` for text before the first heading. Repeated numbers get ``b``, ``c``."""
    used: set[str] = set()

    def unique(candidate: str) -> str:
        if candidate not in used:
            used.add(candidate)
            return candidate
        for suffix in "bcdefghijklmnopqrstuvwxyz":
            if candidate + suffix not in used:
                used.add(candidate + suffix)
                return candidate + suffix
        count = 2  # a table read as 30 paragraphs numbered 1.: never an internal error
        while f"{candidate}x{count}" in used:
            count += 1
        used.add(f"{candidate}x{count}")
        return f"{candidate}x{count}"

    def visit(node: Node, prefix: str) -> None:
        paragraphs = 0
        for child in node.children:
            if child.style is None:
                paragraphs += 1
                child.id = unique(f"{prefix}-p{paragraphs}" if prefix else f"p{paragraphs}")
                child.depth = node.depth + 1
            elif child.style == "annex":
                child.id = unique(f"annex{child.number}")
                visit(child, child.id)
            else:
                child.id = unique(f"{prefix}-{child.number}" if prefix else f"s{child.number}")
                visit(child, child.id)

    visit(root, "")
