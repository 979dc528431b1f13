"""Language of the pages: the interface catalogs (gettext, Babel), and dates, numbers and target values
written the way each language writes them. Interface words live in
build_tools/render/locale/<lang>/LC_MESSAGES/messages.po (msgids in English, the source language of
the templates); words for values in the data live in data/taxonomy/vocabulary.yml."""

from __future__ import annotations

import datetime
import gettext
import io
import re
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from build_tools.link.units import base_of, scaled
from build_tools.link.vocabulary import entry, term
from build_tools.parse.patterns import YEAR_MONTH

LOCALE = Path(__file__).parent / "locale"
EDITIONS = ("zh", "en")
# a Chinese character or full-width form (a marker the English edition cannot print as it is)
CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def N_(message: str) -> str:
    """Marks a msgid for extraction where the text is translated later (a table of headers)."""
    return message


@lru_cache(maxsize=None)
def ui_translations(lang: str) -> gettext.NullTranslations:
    """The interface catalog of a language, compiled in memory from its PO file (no .mo is committed);
    English is the templates' own language."""
    path = LOCALE / lang / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def plan_date(plan, lang: str) -> str:
    """``2023-05-25`` -> 2023年5月25日 / 25 May 2023; a date printed without its day as printed / May 2024."""
    if plan.date:
        day = datetime.date.fromisoformat(plan.date)
        return format_date(day, "long", locale="zh_CN" if lang == "zh" else "en_GB")
    if not plan.date_text:
        return ""
    if lang == "zh":
        return plan.date_text
    found = YEAR_MONTH.match(plan.date_text)
    if not found:
        return ""
    if found.group(2):
        return format_date(datetime.date(int(found.group(1)), int(found.group(2)), 1), "MMMM y", locale="en_GB")
    return found.group(1)


def number(value: float | int, lang: str) -> str:
    """``400000`` -> 400,000 (en); Chinese pages print numbers as the plans do."""
    if lang == "zh":
        return str(value)
    return format_decimal(value, locale="en_GB")


def value_as_printed(target) -> str:
    """The value as the plan prints it: ``40万千瓦以上``, ``不低于35%``, ``10—15个``."""
    value = target.value
    shown = f"{value[0]}—{value[1]}" if isinstance(value, list) else str(value)
    qualifier = target.qualifier or ""
    found = entry("qualifiers", qualifier)
    if "…" in qualifier:
        pre, post = qualifier.split("…")
        return f"{pre}{shown}{target.unit}{post}"
    if found is not None and found.get("position") == "after":
        return f"{shown}{target.unit}{qualifier}"
    return f"{qualifier}{shown}{target.unit}"


def value_in(target, lang: str) -> str:
    """The value in the page's language: as printed in Chinese; in English with the comparator first
    and the unit converted (``40万千瓦以上`` -> ``≥ 400,000 kW``, ``10—15个`` -> ``10–15``)."""
    if lang == "zh":
        return value_as_printed(target)
    unit = entry("units", target.unit) if target.unit else None
    factor = unit["factor"] if unit else 1
    unit_en = unit["en"] if unit else ""
    values = target.value if isinstance(target.value, list) else [target.value]
    shown = "–".join(number(scaled(v, factor), "en") for v in values)
    qualifier = entry("qualifiers", target.qualifier) if target.qualifier else None
    parts = [qualifier["en"]] if qualifier else []
    parts.append(shown if unit_en in ("%", "‰", "") else f"{shown} {unit_en}")
    if unit_en in ("%", "‰"):
        parts[-1] = f"{shown}{unit_en}"
    return " ".join(parts)


def compared_value(target, indicator, lang: str) -> str:
    """The value in the unit its indicator is compared in, comparator kept: national 12亿千瓦以上 under
    风电、太阳能发电总装机容量 (万千瓦) -> ``120000万千瓦以上``; in English the base unit as ``value_in``
    (``≥ 1,200,000,000 kW``). A target whose unit is already the indicator's is shown as printed."""
    if lang != "zh":
        return value_in(target, lang)
    unit = indicator.unit if indicator is not None and indicator.unit is not None else target.unit
    found = base_of(unit)
    if target.base_value is None or found is None or unit == target.unit:
        return value_as_printed(target)
    factor = found[1]
    values = target.base_value if isinstance(target.base_value, list) else [target.base_value]
    converted = [scaled(v, 1 / factor) for v in values]
    return value_as_printed(target.model_copy(update={"value": converted if len(converted) > 1 else converted[0], "unit": unit}))


def comparable_number(target) -> float | int:
    """The number a chart or a sort compares: the base value (the low end of a range), else as printed."""
    value = target.base_value if target.base_value is not None else target.value
    return value[0] if isinstance(value, list) else value


def year_label(year: int | None, lang: str, gettext_) -> str:
    if year is None:
        return gettext_(N_("no year stated"))
    return gettext_(N_("by %(year)s")) % {"year": year}


def role_label(role: str | None, lang: str) -> str:
    return term("roles", role or "unspecified", lang)


ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number_: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while number_ >= value:
            out += letters
            number_ -= value
    return out


def marker_in(marker: str | None, lang: str) -> str:
    """An outline marker as the English versions of Chinese documents print it: 一、 -> I.,
    （一） -> (I), 1． -> 1., （1） -> (1), 第一章 -> Chapter 1; unchanged on Chinese pages."""
    if not marker or lang == "zh":
        return marker or ""
    from build_tools.parse.patterns import ANNEX, match_marker

    annex = ANNEX.match(marker)
    if annex:  # 附件：/ 附件2 -> Annex: / Annex 2:
        form = "annex_numbered" if annex.group(1) else "annex"
        return term("outline_markers", form, lang).format(n=annex.group(1))
    found = match_marker(marker + "x")
    if found is not None and entry("outline_markers", found[0]) is not None:
        return term("outline_markers", found[0], lang).format(n=found[2], roman=roman(found[2]))
    # decimal headings (4.1, 4.1.1) and circled numbers (①) are the same in English; an unknown Chinese one is dropped
    return "" if CJK.search(marker) else marker + " "
