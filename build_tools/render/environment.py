"""The one Jinja2 environment of the render stage, per edition: interface words through gettext
(``{{ _("Agencies") }}``), names and values through the functions below, links through urls.py.

Document text is always inert: ``md`` writes text for Markdown and HTML alike with every character
that means something to either as a numeric entity, and ``doc`` does the same for text printed in a
plan, marking it ``lang="zh"`` on English pages (WCAG's language of parts)."""

from __future__ import annotations

import html
import json
import re

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup, escape

from build_tools.link.names import agency_en, place_en, plan_title, region_name
from build_tools.link.vocabulary import term
from build_tools.render import urls
from build_tools.render.i18n import CJK, N_, comparable_number, compared_value, marker_in, number, plan_date, role_label, ui_translations, value_as_printed, value_in, year_label

# characters that mean something to Markdown, attr_list or HTML; written as numeric entities
MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+!|~:<>&\"'=-]")
# a run of Chinese characters and punctuation inside English text (a glossary note quoting a term)
CJK_RUN = re.compile(CJK.pattern + "+")


def markdown_inline(text: str) -> Markup:
    """Text for a Markdown heading, table cell or HTML: ``<script>`` -> ``&#60;script&#62;``, ``{#x}`` -> entities."""
    return Markup(MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", str(text)))


def front_matter_title(text: str) -> Markup:
    """A page title for YAML front matter. The theme inserts titles into the page header unescaped, so
    text is HTML-escaped here: ``某某区<img onerror=…>方案`` shows as text, never as markup."""
    return Markup(json.dumps(html.escape(str(text), quote=False), ensure_ascii=False))


def mark_spans(text: str, spans: list[tuple[int, int, str, str]], offset: int = 0) -> Markup:
    """Escape text and wrap each (start, end, css class, title) span; offsets are in the segment's text,
    of which ``text`` starts at ``offset``. Spans that overlap an earlier one are not marked twice."""
    out: list[str] = []
    position = 0
    for start, end, css, title in sorted(spans):
        start, end = start - offset, end - offset
        if start < position or end > len(text) or start >= end:
            continue
        out.append(str(escape(text[position:start])))
        out.append(f'<mark class="{css}" title="{escape(title)}">{escape(text[start:end])}</mark>')
        position = end
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def environment(lang: str, translations: dict | None = None) -> Environment:
    """The environment of one edition; ``translations``: plan id -> PlanTranslation of that language."""
    env = Environment(
        loader=PackageLoader("build_tools.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
    )
    catalog = ui_translations(lang)
    env.install_gettext_translations(catalog, newstyle=True)
    gettext_ = catalog.gettext
    translations = translations or {}

    def doc(text) -> Markup:
        """Text as printed in a plan (Chinese): inert, and marked lang="zh" on English pages."""
        if text is None or text == "":
            return Markup("")
        inert = markdown_inline(text)
        return Markup(f'<span lang="zh">{inert}</span>') if lang != "zh" else inert

    def hdoc(text) -> Markup:
        """Text as printed, for raw HTML (autoescaped, not Markdown-read): marked lang="zh" on English pages."""
        if text is None or text == "":
            return Markup("")
        return Markup(f'<span lang="zh">{escape(text)}</span>') if lang != "zh" else escape(text)

    def reason_label(reason: str) -> Markup:
        """Why source text was removed, in the page's language (``duplicate of <file>`` names the file; a
        reason the vocabulary lacks is shown as written, its Chinese marked)."""
        prefix = "duplicate of "
        if reason.startswith(prefix):
            return escape(catalog.gettext(N_("duplicate of %(file)s")) % {"file": reason[len(prefix):]})
        known = term("removal_reasons", reason, lang, default="")
        return escape(known) if known else hmixed(reason)

    def mixed(text) -> Markup:
        """Our own text that may quote Chinese (a glossary note): inert, each Chinese run marked lang="zh"."""
        inert = str(markdown_inline(text or ""))
        return Markup(inert if lang == "zh" else CJK_RUN.sub(lambda m: f'<span lang="zh">{m.group()}</span>', inert))

    def hmixed(text) -> Markup:
        """``mixed`` for raw HTML: autoescaped (not Markdown-read), each Chinese run marked lang="zh"."""
        inert = str(escape(text or ""))
        return Markup(inert if lang == "zh" else CJK_RUN.sub(lambda m: f'<span lang="zh">{m.group()}</span>', inert))

    def doc_block(text, spans=(), offset: int = 0) -> Markup:
        """A paragraph as printed, for raw HTML, with its targets marked."""
        return mark_spans(text, list(spans), offset)

    def translated(plan, msgid: str) -> tuple[str | None, str]:
        """(English, status) of a unit of a plan; (None, missing/fuzzy) when there is no current one."""
        if lang == "zh":
            return msgid, "source"
        found = translations.get(plan.id)
        return found.get(msgid) if found is not None else (None, "missing")

    def translation_digest(plan) -> str:
        """What the plan's translations in this edition are a function of (its catalog file's digest; ""
        in Chinese): the render cache keys pages that show them by it."""
        found = translations.get(plan.id) if lang != "zh" else None
        return found.digest if found is not None else ""

    def text_of(plan, msgid: str) -> Markup:
        """A unit in the page's language where a current translation exists, else as printed (lang=zh)."""
        english, _ = translated(plan, msgid)
        return markdown_inline(english) if english is not None else doc(msgid)

    @pass_context
    def link(context, target: str, anchor: str | None = None) -> str:
        return urls.link(context["here"], target, anchor)

    @pass_context
    def href(context, target: str, anchor: str | None = None) -> str:
        return urls.href(context["here"], target, anchor)

    @pass_context
    def data_href(context, name: str) -> str:
        """Downloads are published once, with the Chinese edition at the site's root; an English page
        reaches them one level up."""
        relative = urls.href(context["here"], urls.data(name))
        return relative if lang == "zh" else "../" + relative

    @pass_context
    def twin_href(context) -> str:
        """The same page in the other edition (the Chinese one at the root, the English one under en/)."""
        url = urls.page_url(context["here"])
        up = "../" * url.count("/")
        return f"../{up}{url}" if lang != "zh" else f"{up}en/{url}"

    citation_message = N_("%(title_en)s [%(title)s], item %(label)s: %(item)s. %(author)s, %(date)s. Plan Atlas, %(url)s")

    def citation(cited: dict, item: dict) -> Markup:
        """A task's citation (what ``_(message, **parts)`` gives in a template, made here: every task of a
        plan page has one); ``cited``: the plan's parts, made once a page (plan.md.j2)."""
        return Markup(gettext_(citation_message)) % {
            "title_en": cited["title_en"], "title": cited["title"], "label": item["label"], "item": text_of(cited["plan"], item["title"]),
            "author": cited["author"], "date": cited["date"], "url": item["url"]}

    def entity_label(entity) -> str:
        if lang == "zh":
            return entity.name
        return agency_en(entity.type_id, entity.type_en, entity.core, entity.jurisdiction)

    def label(record) -> str:
        """The page-language name of a taxonomy record (theme dict, agency type, indicator)."""
        return record[lang] if isinstance(record, dict) else getattr(record, lang)

    def target_label(plan, target, indicators) -> Markup:
        """By 2025: renewable power capacity ≥ 400,000 kW (as printed: 40万千瓦以上)."""
        if lang == "zh":
            name = markdown_inline(target.indicator)
        elif target.indicator_id and target.indicator_id in indicators:
            name = markdown_inline(indicators[target.indicator_id].en)
        else:
            name = text_of(plan, plan.clause(target)) if translated(plan, plan.clause(target))[0] else doc(target.indicator)
        return name

    def target_text(plan, target, indicators) -> Markup:
        """A target in a table cell: its label, value, in English the value as printed, and its year (a
        theme's pages list thousands: made here rather than by a template macro)."""
        parts = [target_label(plan, target, indicators), " ", markdown_inline(value_in(target, lang))]
        if lang != "zh":
            parts += [" (", doc(value_as_printed(target)), ")"]
        if target.year:
            parts += [" (", markdown_inline(year_label(target.year, lang, gettext_)), ")"]
        return Markup("").join(parts)

    def chart(indicator, rows) -> Markup:
        """A bar chart of an indicator's targets (plans and years) in the page's language."""
        from build_tools.render.charts import target_bars

        bars = []
        for plan, target in rows:
            year_text = f" {target.year}" if target.year else ""
            place = place_en(plan.region, plan.parent_region) if lang == "en" else f"{plan.region or term('levels', 'national', 'zh')}"
            # bars compare the values converted to the base unit (12亿千瓦 beside 4000万千瓦)
            bars.append((f"{place}{year_text}", comparable_number(target), compared_value(target, indicator, lang)))
        return target_bars(label(indicator), bars)

    env.filters.update(md=markdown_inline, doc=doc, hdoc=hdoc, mixed=mixed, hmixed=hmixed, front_matter_title=front_matter_title, mark=doc_block)
    env.globals.update(
        lang=lang,
        urls=urls,
        link=link,
        href=href,
        data_href=data_href,
        twin_href=twin_href,
        reason_label=reason_label,
        term=lambda kind, key: term(kind, key, lang),
        role=lambda r: role_label(r, lang),
        plan_title=lambda plan: plan_title(plan, lang),
        plan_title_en=lambda plan: plan_title(plan, "en"),
        marker_in_page=lambda marker: marker_in(marker, lang),
        group_removed=lambda removed: [
            ((file, reason), [r for r in removed if (r.file, r.reason) == (file, reason)])
            for file, reason in dict.fromkeys((r.file, r.reason) for r in removed)
        ],
        region=lambda name: region_name(name, lang),
        place=lambda plan: (place_en(plan.region, plan.parent_region) if lang == "en" else f"{plan.parent_region or ''}{plan.region or term('levels', 'national', 'zh')}"),
        plan_date=lambda plan: plan_date(plan, lang),
        value=lambda target: value_in(target, lang),
        compared=lambda target, indicator: compared_value(target, indicator, lang),
        printed_value=value_as_printed,
        year=lambda y: year_label(y, lang, gettext_),
        number=lambda n: number(n, lang),
        entity_label=entity_label,
        label=label,
        translated=translated,
        translation_digest=translation_digest,
        text_of=text_of,
        citation=citation,
        target_label=target_label,
        target_text=target_text,
        chart=chart,
    )
    return env
