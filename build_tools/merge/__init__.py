"""Merge stage: several sources of one plan -> one document, each paragraph from the cleaner copy.

Sources are the same plan when their title, region, year and status agree and most paragraphs match.
Paragraphs are aligned with difflib on a key without punctuation and whitespace (so a copy that lost a
。 still aligns); where two copies differ, the reading with fewer damage marks (``?`` for a lost
character, U+FFFD, text injected by a website) wins, then the longer one (it kept what the other lost).
Every reading not shown is kept: in ``variants`` (shown on the plan page) and in ``removed`` with the
reason "duplicate of <file>".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from difflib import SequenceMatcher

from build_tools.ingest.clean import Paragraph
from build_tools.models import Reading, RemovedText
from build_tools.parse.plan import Document

# 推动?业 (a ? or U+FFFD where a character was lost)
DAMAGE = re.compile(r"[?\ufffd]")
# paragraphs whose keys are this similar are two readings of one paragraph
SAME_PARAGRAPH = 0.6
# documents sharing this share of paragraph keys are copies of one plan
SAME_DOCUMENT = 0.6


def paragraph_key(text: str) -> str:
    """``1．积极构建低碳工业体系坚持…`` and ``1．积极构建低碳工业体系。坚持…`` share one key."""
    return re.sub(r"[^\w]|_", "", DAMAGE.sub("", text))


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def same_document(a: Document, b: Document) -> bool:
    """Near-identical text: most paragraph keys of the shorter document occur in the other."""
    keys_a = {paragraph_key(p.text) for p in a.paragraphs}
    keys_b = {paragraph_key(p.text) for p in b.paragraphs}
    smaller = min(len(keys_a), len(keys_b)) or 1
    return len(keys_a & keys_b) / smaller >= SAME_DOCUMENT or _fuzzy_overlap(a, b) >= SAME_DOCUMENT


def _fuzzy_overlap(a: Document, b: Document) -> float:
    matcher = SequenceMatcher(None, "".join(p.text for p in a.paragraphs), "".join(p.text for p in b.paragraphs), autojunk=False)
    return matcher.quick_ratio()


def aligned_pairs(base: list[Paragraph], other: list[Paragraph]) -> list[tuple[str, list[Paragraph], list[Paragraph]]]:
    """difflib opcodes over paragraph keys: (tag, base paragraphs, other paragraphs)."""
    matcher = SequenceMatcher(None, [paragraph_key(p.text) for p in base], [paragraph_key(p.text) for p in other], autojunk=False)
    return [(tag, base[i1:i2], other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def paired(base: list[Paragraph], other: list[Paragraph]) -> list[tuple[Paragraph, Paragraph]]:
    """Paragraph pairs that are readings of one paragraph."""
    pairs = []
    for tag, a_part, b_part in aligned_pairs(base, other):
        if tag == "equal" or (tag == "replace" and len(a_part) == len(b_part)):
            pairs += [(a, b) for a, b in zip(a_part, b_part) if tag == "equal" or similarity(a.text, b.text) >= SAME_PARAGRAPH]
    return pairs


def injected_strings(documents: list[Document], reference_texts: list[str]) -> set[str]:
    """Text a website put in place of a word, everywhere: ``关于`` printed as ``宝坻网`` in one copy.

    A replacement seen twice or more between two copies is systematic; of its two sides, the one that
    is rarer in all the other sources of the build (the reference texts) is the injected one."""
    replacements: Counter[tuple[str, str]] = Counter()
    base = documents[0]
    for other in documents[1:]:
        for a, b in paired(base.paragraphs, other.paragraphs):
            if a.text == b.text:
                continue
            matcher = SequenceMatcher(None, a.text, b.text, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag == "replace" and not DAMAGE.search(a.text[i1:i2] + b.text[j1:j2]):
                    replacements[(a.text[i1:i2], b.text[j1:j2])] += 1
    injected = set()
    for (left, right), count in replacements.items():
        if count < 2 or len(left) + len(right) < 3:
            continue
        left_seen = sum(text.count(left) for text in reference_texts)
        right_seen = sum(text.count(right) for text in reference_texts)
        if left_seen != right_seen:
            injected.add(right if left_seen > right_seen else left)
    return injected


def penalty(text: str, injected: set[str]) -> int:
    return len(DAMAGE.findall(text)) + sum(text.count(s) for s in injected)


def document_penalty(document: Document, injected: set[str]) -> float:
    """Damage marks per 1,000 characters: the cleaner copy is the base of the merge."""
    text = "".join(p.text for p in document.paragraphs)
    return 1000 * penalty(text, injected) / max(len(text), 1)


def choose(a: Paragraph, b: Paragraph, injected: set[str]) -> tuple[Paragraph, str]:
    """The better of two readings, and why."""
    pa, pb = penalty(a.text, injected), penalty(b.text, injected)
    if pa != pb:
        return (a, "fewer lost or injected characters") if pa < pb else (b, "fewer lost or injected characters")
    if len(a.text) != len(b.text):
        return (a, "keeps characters the other copy lost") if len(a.text) > len(b.text) else (b, "keeps characters the other copy lost")
    return a, "same text"


def merge_documents(documents: list[Document], reference_texts: list[str]) -> Document:
    """Documents of one plan -> one document; the cleanest copy is the base."""
    injected = injected_strings(documents, reference_texts)
    ordered = sorted(documents, key=lambda d: (document_penalty(d, injected), d.sources[0].file))
    merged = list(ordered[0].paragraphs)
    removed: list[RemovedText] = [r for d in ordered for r in d.removed]
    variants: dict[int, tuple[Paragraph, str, str, list[Reading]]] = {}
    for other in ordered[1:]:
        result: list[Paragraph] = []
        for tag, a_part, b_part in aligned_pairs(merged, other.paragraphs):
            if tag == "insert":
                result += b_part  # a part only this copy has (e.g. the notice a web page kept)
                continue
            if tag == "delete":
                result += a_part
                continue
            pairs = list(zip(a_part, b_part)) if len(a_part) == len(b_part) else []
            if tag == "replace" and not all(similarity(a.text, b.text) >= SAME_PARAGRAPH for a, b in pairs):
                pairs = []
            if not pairs:  # the copies divide or word this part differently: keep the base, list the other
                result += a_part
                for b in b_part:
                    removed.append(_superseded(b, a_part[0].source if a_part else ordered[0].sources[0].file))
                if a_part:
                    _note_variant(variants, a_part[0], a_part[0].source, "the copies divide this part differently",
                                  [Reading(file=a_part[0].source, text="\n".join(a.text for a in a_part)),
                                   Reading(file=b_part[0].source, text="\n".join(b.text for b in b_part))])
                continue
            for a, b in pairs:
                winner, reason = choose(a, b, injected)
                loser = b if winner is a else a
                shown = replace(winner)
                result.append(shown)
                removed.append(_superseded(loser, winner.source))
                if a.text != b.text:
                    readings = variants.pop(id(a), (None, None, None, []))[3] or [Reading(file=a.source, text=a.text)]
                    readings = readings + [Reading(file=b.source, text=b.text)]
                    _note_variant(variants, shown, winner.source, reason, readings)
                elif id(a) in variants:
                    old = variants.pop(id(a))
                    _note_variant(variants, shown, old[1], old[2], old[3])
        merged = result
    return Document(
        sources=[d.sources[0] for d in ordered],
        paragraphs=merged,
        removed=removed,
        variants=[variants[id(p)] for p in merged if id(p) in variants],
        injected=sorted(injected),
    )


def _note_variant(variants: dict, paragraph: Paragraph, chosen: str, reason: str, readings: list[Reading]) -> None:
    variants[id(paragraph)] = (paragraph, chosen, reason, readings)


def _superseded(paragraph: Paragraph, winner: str) -> RemovedText:
    return RemovedText(file=paragraph.source, line=paragraph.line, end=paragraph.end, text=paragraph.text, reason=f"duplicate of {winner}")
