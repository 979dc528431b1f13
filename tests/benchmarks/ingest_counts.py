"""Text-layer defects on the real corpus in ../shared/corpus (not committed), before and after ingest.

Run with `.venv/bin/python tests/benchmarks/ingest_counts.py`. "before" is PDFium's own text
(``get_text_range``, lines as PDFium finds them); "after" is the reader's text (``extract_pdf_text``)
and, for the encodings, the cleaned paragraphs (``clean_text``). Prints a Markdown table and the
reader's wall-clock time for all files.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pypdfium2 as pdfium  # noqa: E402

from build_tools.ingest.clean import clean_text  # noqa: E402
from build_tools.ingest.encodings import ASCII_PUNCTUATION, PRIVATE_USE, PRIVATE_USE_DECIMAL_POINT, YI_SYLLABLES  # noqa: E402
from build_tools.ingest.pdf import extract_pdf_text  # noqa: E402
from build_tools.parse.patterns import MARKER_START  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
# …平稳过渡。 二、工作目标 (a heading marker after 。 or ； on one line)
SENTENCE_END = re.compile(r"[。；][ \t\u3000]*")
LINE_BREAKS = re.compile(r"[\r\n\f]+")


def count(text: str) -> Counter[str]:
    """The defects of one text, by kind."""
    found: Counter[str] = Counter()
    for line in LINE_BREAKS.split(text):
        found["heading glued to the sentence before it"] += sum(
            1 for m in SENTENCE_END.finditer(line) if m.end() < len(line) and MARKER_START.match(line[m.end():m.end() + 16]))
    found["Yi syllable (GB code of a symbol)"] = sum(1 for c in text if ord(c) in YI_SYLLABLES)
    found["private-use code point between digits"] = len(PRIVATE_USE_DECIMAL_POINT.findall(text))
    found["private-use code point anywhere"] = len(re.findall(f"[{PRIVATE_USE}]", text))
    found["half-width , ; : next to Chinese"] = len(ASCII_PUNCTUATION.findall(text))
    return found


def pdfium_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return "\f".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def main() -> int:
    pdfs = sorted(CORPUS.glob("*.pdf"))
    if not pdfs:
        print(f"no corpus at {CORPUS}")
        return 0
    data = {pdf.name: pdf.read_bytes() for pdf in pdfs}
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    files: dict[str, set[str]] = {}
    start = time.perf_counter()
    texts = {name: extract_pdf_text(raw, name) for name, raw in data.items()}
    seconds = time.perf_counter() - start
    for name, raw in data.items():
        old = count(pdfium_text(raw))
        before += old
        for kind in (k for k, n in old.items() if n):
            files.setdefault(kind, set()).add(name.split("、")[0])
        new = count(texts[name])
        cleaned = count("\n".join(p.text for p in clean_text(texts[name])[0]))
        for kind in new:
            after[kind] += new[kind] if kind.startswith("heading") else cleaned[kind]
    print("| defect | before | after | files before |")
    print("|---|---:|---:|---|")
    for kind in count(""):
        print(f"| {kind} | {before[kind]} | {after[kind]} | {', '.join(sorted(files.get(kind, ()), key=int))} |")
    print(f"\n{len(pdfs)} PDFs read in {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
