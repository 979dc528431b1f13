"""Site stage: both MkDocs builds, the Chinese edition (mkdocs.yml, the site's root) and the English one
(mkdocs.en.yml, published in site/en/), side by side on two cores.

The Chinese build cleans its site directory, which holds site/en/, so the English edition is built into a
folder of its own beside it (``.site-en/``, MkDocs' ``--site-dir``) and moved into site/en/ once both
builds have succeeded. Each build is its own process (MkDocs keeps one build's state in module globals),
so the two share nothing but the content they read. Once both have exited, each edition's search index
is written from its pages (``python -m build_tools.search.index``, again side by side): the MkDocs
processes hold every page until they end, and building the indexes inside them (the hook does for a plain
`mkdocs build`) made the site stage's peak of memory.

``dirty=True`` (``plansite site --dirty``) rebuilds only the pages whose Markdown is newer than their HTML,
into the existing site/ and site/en/ (MkDocs' ``--dirty``), still ``--strict``. It is safe for this site
where MkDocs in general warns it is not: the navigation is a fixed list of index pages and every link is
relative, so a page not rebuilt links to the same places it did; the render stage rewrites exactly the
pages whose bytes change (build_tools/render/output.py); the hook removes the HTML of pages whose Markdown
is gone, and the search index is written from every page (re-reading only the pages that changed, with
the build cache). Without an earlier build to update it builds in full. Publishing (the Pages workflow) and
the tests use full builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")
# where the English edition is built before it is moved into site/en/ (ignored by git)
ENGLISH_BUILD = ".site-en"
ENGLISH_SITE = "site/en"


# set for the MkDocs processes of a dirty build (read by build_tools/site/hooks.py)
DIRTY = "PLANSITE_DIRTY"
# set for the MkDocs processes: the hook leaves the search index to this stage (written once they exit)
SEARCH_AFTER = "PLANSITE_SEARCH_AFTER"
# each config's edition language (its extra.edition.lang; tests/unit/test_site_runner.py checks them)
LANGS = {"mkdocs.yml": "zh", "mkdocs.en.yml": "en"}


def build_editions(root: Path, env: dict | None = None, parallel: bool = True, dirty: bool = False) -> list[tuple[str, int, str]]:
    """Run ``mkdocs build --strict`` for each edition in ``root``; (config, exit code, stderr) each.
    ``parallel`` runs the two builds at once (the default; the result is the same bytes either way).
    The English edition replaces site/en/ only when both builds succeed. ``dirty`` updates an existing
    build in place (see the module's docstring)."""
    environment = dict(os.environ if env is None else env)
    environment.setdefault("NO_MKDOCS_2_WARNING", "1")
    environment.pop(DIRTY, None)
    environment[SEARCH_AFTER] = "1"
    dirty = dirty and (root / "site" / "sitemap.xml").exists() and (root / ENGLISH_SITE / "sitemap.xml").exists()
    staging = root / (ENGLISH_SITE if dirty else ENGLISH_BUILD)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    if dirty:
        mkdocs.append("--dirty")
        environment[DIRTY] = "1"
    commands = {
        CONFIGS[0]: mkdocs + ["-f", str(root / CONFIGS[0])],
        CONFIGS[1]: mkdocs + ["-f", str(root / CONFIGS[1]), "--site-dir", str(staging)],
    }
    results = []
    if parallel:
        results = side_by_side(commands, environment, root)
    else:
        for config, command in commands.items():
            results.append((config, *run_logged(command, environment, root)))
            if results[-1][1] != 0:
                break
    built = all(code == 0 for _, code, _ in results) and len(results) == len(CONFIGS)
    if built:
        sites = {CONFIGS[0]: root / "site", CONFIGS[1]: staging}
        searches = {config: [sys.executable, "-m", "build_tools.search.index", str(sites[config]), LANGS[config]] for config in CONFIGS}
        if parallel:
            results = side_by_side(searches, environment, root)
        else:
            results = [(config, *run_logged(command, environment, root)) for config, command in searches.items()]
        built = all(code == 0 for _, code, _ in results)
    if dirty:
        return results
    if built:
        target = root / ENGLISH_SITE
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(staging), str(target))
    elif staging.exists():
        shutil.rmtree(staging)
    return results


def run_logged(command: list[str], environment: dict, root: Path) -> tuple[int, str]:
    completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment, cwd=root)
    return completed.returncode, completed.stderr


def side_by_side(commands: dict[str, list[str]], environment: dict, root: Path) -> list[tuple[str, int, str]]:
    """Run the commands at once; (name, exit code, stderr) each, in order. Each one's log goes to a file
    of its own, read when it ends: through a pipe, the English build stopped as soon as its log filled
    the pipe's 64 KB while this process waited for the Chinese one (MkDocs lists the pages out of the
    navigation: at 3,000 plans the two editions were built one after the other)."""
    logs = {name: tempfile.TemporaryFile(mode="w+", encoding="utf-8") for name in commands}
    try:
        running = {name: subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=logs[name], text=True, env=environment, cwd=root)
                   for name, command in commands.items()}
        results = []
        for name, process in running.items():
            process.wait()
            logs[name].seek(0)
            results.append((name, process.returncode, logs[name].read()))
        return results
    finally:
        for log in logs.values():
            log.close()
