"""The interface catalogs: extract every msgid from the templates and the render code (Babel), and merge
them into build_tools/render/locale/<lang>/LC_MESSAGES/messages.po, keeping the translations.

    python -m build_tools.render.messages      (make messages)

msgids are English; the Chinese catalog translates them. A test fails when a msgid has no current
Chinese translation, so a new label cannot reach the Chinese edition in English by accident."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from build_tools.render.i18n import LOCALE, N_  # noqa: F401  (N_ re-exported)
from build_tools.translate.catalog import FIXED_DATE, catalog_bytes, read_catalog

RENDER = Path(__file__).parent
METHODS = [("templates/**.j2", "jinja2"), ("**.py", "python")]
OPTIONS = {"templates/**.j2": {"extensions": "jinja2.ext.do,jinja2.ext.i18n", "trimmed": "false"}}
UI_LANGUAGES = ("zh",)


def extract_template() -> Catalog:
    template = Catalog(project="Plan Atlas interface", version="1", copyright_holder="Plan Atlas",
                       creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(str(RENDER), METHODS, OPTIONS, keywords={"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}):
        template.add(message, None, [(filename, None)], auto_comments=comments, context=context)
    return template


def updated_catalog(lang: str) -> Catalog:
    path = LOCALE / lang / "LC_MESSAGES" / "messages.po"
    catalog = read_catalog(path) if path.exists() else Catalog(locale=lang, project="Plan Atlas interface", version="1",
                                                               creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False)
    catalog.update(extract_template(), no_fuzzy_matching=True, update_creation_date=False)
    catalog.obsolete.clear()
    return catalog


def main() -> int:
    for lang in UI_LANGUAGES:
        path = LOCALE / lang / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = updated_catalog(lang)
        path.write_bytes(catalog_bytes(catalog))
        missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        print(f"{path}: {len(catalog)} messages, {len(missing)} without a current translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
