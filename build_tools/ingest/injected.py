"""Text a website injected into a scraped portal page (SEO spam), recognised in one copy alone.

Portals hit by keyword-link spam print a betting or live-score site's name where a common word stands:
the Xiqing portal page (seed 003) prints ``天津市西青区人民政府188比分直播印发…的通知`` and
``党中央、国务院188比分直播碳达峰碳中和的重大战略决策`` for 关于, and the page's own heading line is
``188比分直播``. A string is taken for injected when

- it is a run of words of the spam lexicon holding a strong one (``data/taxonomy/injected_text.yml``:
  比分, 彩票, 娱乐城, … with 直播, 体育, 官网 …) that recurs, or stands as a line of its own or in a
  function word's place (below), or
- it is a short line of its own near the top of the page (where portals put the site's banner) that also
  stands inside the text where the plan needs a function word (``人民政府 ___ 印发``).

Where it stands in such a function-word place, it is put back as that word everywhere; where it never
does, it is replaced by ``?`` (a lost word, flagged on the plan and preferred from a better copy by the
merge). A copy that is not alone is also checked by ``merge.injected_strings``, which finds strings
that replace one another between copies.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import yaml

from build_tools.paths import TAXONOMY

LEXICON_FILE = TAXONOMY / "injected_text.yml"
# a banner line is near the top of the page: the Xiqing page's is its first line
BANNER_LINES = 12
# 188比分直播 (a banner or link text is short and has no sentence punctuation)
BANNER = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff]{3,16}$")
LATIN = "[0-9A-Za-z]"
LOST_WORD = "?"


@dataclass(frozen=True)
class FunctionWord:
    word: str
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    function_words: tuple[FunctionWord, ...]
    term: re.Pattern[str]
    run: re.Pattern[str]


@dataclass(frozen=True)
class InjectedText:
    text: str
    """As printed: ``188比分直播``."""
    word: str | None
    """The word it stands for (``关于``), or None when no function-word place says which."""
    evidence: str
    """Why it is taken for injected: the spam lexicon, or a banner line that stands in the text."""

    def reason(self, whole_line: bool) -> str:
        if whole_line:
            return f"injected text ({self.evidence})"
        if self.word:
            return f"injected text ({self.evidence}) in place of {self.word}"
        return f"injected text ({self.evidence}); the word it replaced is unknown, marked {LOST_WORD}"


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    strong, weak = tuple(data["strong"]), tuple(data["weak"])
    terms = "|".join(re.escape(t) for t in sorted(strong + weak, key=len, reverse=True))
    return Lexicon(
        strong=strong,
        weak=weak,
        function_words=tuple(FunctionWord(f["word"], tuple(f["before"]), tuple(f["after"])) for f in data["function_words"]),
        term=re.compile(terms),
        run=re.compile(rf"{LATIN}*(?:{terms})+{LATIN}*"),
    )


def lexicon_runs(line: str, lexicon: Lexicon) -> list[str]:
    """``人民政府188比分直播印发`` -> ``["188比分直播"]``; ``发展直播电商`` -> ``[]`` (no strong word);
    ``同比分别下降`` -> ``[]``: one lexicon word alone may be part of a plan word (同比 + 分别), so a run
    needs two lexicon words, or one with Latin letters or digits (bet365, 188)."""
    runs = []
    for match in lexicon.run.finditer(line):
        run = match.group()
        words = lexicon.term.findall(run)
        if any(s in run for s in lexicon.strong) and (len(words) >= 2 or re.search(LATIN, run)):
            runs.append(run)
    return runs


def function_word_at(line: str, start: int, end: int, lexicon: Lexicon) -> str | None:
    """The function word the place line[start:end] needs: ``国务院___碳达峰`` -> ``关于``; none when the
    text there holds the word itself (``人民政府关于完整准确全面贯彻…`` is a title, not a replacement)."""
    before, text, after = line[:start], line[start:end], line[end:]
    for slot in lexicon.function_words:
        if slot.word not in text and before.endswith(slot.before) and after.startswith(slot.after):
            return slot.word
    return None


def function_words_of(text: str, lines: list[str], lexicon: Lexicon) -> Counter[str]:
    """How often each function word's place holds ``text`` inside the lines."""
    found: Counter[str] = Counter()
    for line in lines:
        for match in re.finditer(re.escape(text), line):
            word = function_word_at(line, match.start(), match.end(), lexicon)
            if word:
                found[word] += 1
    return found


def find_injected(lines: list[str]) -> list[InjectedText]:
    """The injected strings of one copy, longest first (so that a longer one is replaced first)."""
    lexicon = load_lexicon()
    evidence: dict[str, str] = {}
    runs = Counter(run for line in lines for run in lexicon_runs(line, lexicon))
    whole_lines = {line.strip() for line in lines}
    for run, count in runs.items():
        # a site's keyword link recurs, or stands as a line or in a function word's place
        if count >= 2 or run in whole_lines or function_words_of(run, lines, lexicon):
            evidence[run] = "spam lexicon"
    head = [line.strip() for line in lines if line.strip()][:BANNER_LINES]
    for line in head:
        if BANNER.match(line) and line not in evidence and function_words_of(line, lines, lexicon):
            evidence[line] = "a banner line that stands in the text in place of a word"
    found = []
    for text, why in evidence.items():
        words = function_words_of(text, lines, lexicon)
        found.append(InjectedText(text=text, word=words.most_common(1)[0][0] if words else None, evidence=why))
    return sorted(found, key=lambda item: (-len(item.text), item.text))


def remove_injected(line: str, injected: list[InjectedText]) -> tuple[str, list[InjectedText]]:
    """``天津市西青区人民政府188比分直播印发…的通知`` -> ``天津市西青区人民政府关于印发…的通知``; a line
    that is only injected text (``188比分直播``) becomes empty. Returns the line and what was found in it."""
    hits = []
    for item in injected:
        if item.text not in line:
            continue
        hits.append(item)
        line = "" if line.strip() == item.text else line.replace(item.text, item.word or LOST_WORD)
    return line, hits
