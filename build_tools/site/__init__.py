"""Site stage: both MkDocs builds, the Chinese edition (mkdocs.yml, the site's root) and the English one
(mkdocs.en.yml, published in site/en/), side by side on two cores.

The Chinese build cleans its site directory, which holds site/en/, so the English edition is built into a
folder of its own beside it (``.site-en/``, MkDocs' ``--site-dir``) and moved into site/en/ once both
builds have succeeded. Each build is its own process (MkDocs keeps one build's state in module globals),
so the two share nothing but the content they read. Once an edition's MkDocs process has exited, its
search index is written from its pages (``python -m build_tools.search.index``), while the other edition
may still be building: a MkDocs process holds every page until it ends, and building the index inside it
(the hook does for a plain `mkdocs build`) made the site stage's peak of memory.

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
import time
from pathlib import Path

CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")
# where the English edition is built before it is moved into site/en/ (ignored by git)
ENGLISH_BUILD = ".site-en"
ENGLISH_SITE = "site/en"


# set for the MkDocs processes of a dirty build (read by build_tools/site/hooks.py)
DIRTY = "PLANSITE_DIRTY"
# set for the MkDocs processes: the hook leaves the search index to this stage (written once each exits)
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
    index = {config: [sys.executable, "-m", "build_tools.search.index", str(root / "site" if config == CONFIGS[0] else staging), LANGS[config]]
             for config in CONFIGS}
    steps = {config: [command, index[config]] for config, command in commands.items()}
    if parallel:
        results = pipelines(steps, environment, root)
    else:
        results = []
        for config, sequence in steps.items():
            log = ""
            for command in sequence:
                code, step_log = run_logged(command, environment, root)
                log += step_log
                if code != 0:
                    break
            results.append((config, code, log))
            if code != 0:
                break
    built = all(code == 0 for _, code, _ in results) and len(results) == len(CONFIGS)
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
    """Run the commands at once; (name, exit code, stderr) each, in order."""
    return pipelines({name: [command] for name, command in commands.items()}, environment, root)


def pipelines(steps: dict[str, list[list[str]]], environment: dict, root: Path) -> list[tuple[str, int, str]]:
    """Run each name's commands one after the other (up to the first that fails), the names side by side;
    (name, exit code of the last command run, its stderr and its predecessors') each, in order. An
    edition's search index starts as soon as its own MkDocs build ends, while the other may still run.
    Each name's log goes to a file of its own, read when it ends: through a pipe, the English build
    stopped as soon as its log filled the pipe's 64 KB while this process waited for the Chinese one
    (MkDocs lists the pages out of the navigation: at 3,000 plans the two editions were built one after
    the other)."""
    logs = {name: tempfile.TemporaryFile(mode="w+", encoding="utf-8") for name in steps}
    running: dict[str, tuple[subprocess.Popen, int]] = {}
    codes: dict[str, int] = {}

    def start(name: str, step: int) -> None:
        running[name] = (subprocess.Popen(steps[name][step], stdout=subprocess.DEVNULL, stderr=logs[name], text=True,
                                          env=environment, cwd=root), step)

    try:
        for name in steps:
            start(name, 0)
        while running:
            for name, (process, step) in list(running.items()):
                code = process.poll()
                if code is None:
                    continue
                del running[name]
                if code == 0 and step + 1 < len(steps[name]):
                    start(name, step + 1)
                else:
                    codes[name] = code
            if running:
                time.sleep(0.05)
        results = []
        for name in steps:
            logs[name].seek(0)
            results.append((name, codes[name], logs[name].read()))
        return results
    finally:
        for process, _ in running.values():
            process.kill()
        for log in logs.values():
            log.close()
