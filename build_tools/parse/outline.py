"""Clean paragraphs -> outline tree (headings by numbering marker, paragraphs under them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.ingest.clean import Paragraph
from build_tools.parse.patterns import match_marker

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
    for paragraph in paragraphs:
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
        raise ValueError(f"too many segments with id {candidate}")

    def visit(node: Node, prefix: str) -> None:
        paragraphs = 0
        for child in node.children:
            if child.style is None:
                paragraphs += 1
                child.id = unique(f"{prefix}-p{paragraphs}" if prefix else f"p{paragraphs}")
                child.depth = node.depth + 1
            else:
                child.id = unique(f"{prefix}-{child.number}" if prefix else f"s{child.number}")
                visit(child, child.id)

    visit(root, "")
