"""Shared fixtures: the seed plans parsed once, and a real strict MkDocs build in a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from unittest import mock

import pytest

from build_tools.paths import ROOT, SOURCES
from build_tools.pipeline import parse_files, source_files

SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
# the tests parse under patched code and crafted files: never from (or into) the build cache, except the
# cache's own tests, which pass a folder of their own
os.environ["PLANSITE_CACHE"] = "off"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/* from the parser's output")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def seed_plans():
    """The committed seed sources, parsed; keyed by source file name."""
    result = parse_files(source_files(SOURCES))
    assert result.errors == []
    return {plan.sources[0].file: plan for plan in result.plans}


def build_site(plans, workdir: Path, env: dict[str, str] | None = None) -> Path:
    """Render the plans and run `mkdocs build --strict` in a copy of the site skeleton; returns site/.

    ``env`` adds variables to the build's environment, e.g. ``{"SITE_URL": "http://127.0.0.1:8000/x/"}``
    for a site published under a sub-path; the render stage reads the same ``SITE_URL`` (citations)."""
    from build_tools.render.pages import render_site_content
    from build_tools.site import CONFIGS, build_editions

    for config in CONFIGS:
        shutil.copy(ROOT / config, workdir / config)
    shutil.copytree(ROOT / "overrides", workdir / "overrides")
    (workdir / "build_tools" / "site").mkdir(parents=True)
    shutil.copy(ROOT / "build_tools" / "site" / "hooks.py", workdir / "build_tools" / "site" / "hooks.py")
    for lang in ("zh", "en"):
        (workdir / "content" / lang).mkdir(parents=True)
        shutil.copy(ROOT / "content" / lang / "about.md", workdir / "content" / lang / "about.md")
    shutil.copytree(ROOT / "content" / "assets", workdir / "content" / "assets")
    extra = dict(env or {})
    # the render stage reads SITE_URL from this process's environment, as `plansite build` does
    with mock.patch.dict(os.environ, {"SITE_URL": extra.get("SITE_URL", "")}):
        render_site_content(plans, workdir / "content")
    for config, code, stderr in build_editions(workdir, site_environment(workdir, extra)):
        assert code == 0, f"{config}: {stderr}"
    return workdir / "site"


def site_environment(workdir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the tests' MkDocs builds. PYTHONPATH: the hooks' import of build_tools (the search
    index) is the code under test, not whatever checkout the environment's editable install points to (a
    git worktree shares one venv); the build cache as this process has it (off, unless a test says)."""
    return {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(workdir), "SOURCE_DATE_EPOCH": "1700000000",
            "PYTHONPATH": str(ROOT), **{k: os.environ[k] for k in ("PLANSITE_CACHE", "PLANSITE_CACHE_DIR") if k in os.environ},
            **(extra or {})}


@pytest.fixture(scope="session")
def built_site(seed_plans, tmp_path_factory) -> Path:
    return build_site(list(seed_plans.values()), tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def site_builder():
    """build_site(plans, workdir) for tests that build a site of their own plans."""
    return build_site
