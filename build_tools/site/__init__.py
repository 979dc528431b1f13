"""Site stage: both MkDocs builds, the Chinese edition (mkdocs.yml, the site's root) first, then the
English one (mkdocs.en.yml, into site/en/: the Chinese build cleans its site directory)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")


def build_editions(root: Path, env: dict | None = None) -> list[tuple[str, int, str]]:
    """Run ``mkdocs build --strict`` for each edition in ``root``; (config, exit code, stderr) each.
    Stops at the first edition that fails (the second would build over a broken first)."""
    results = []
    environment = dict(os.environ if env is None else env)
    environment.setdefault("NO_MKDOCS_2_WARNING", "1")
    for config in CONFIGS:
        completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / config)],
                                   capture_output=True, text=True, env=environment, cwd=root)
        results.append((config, completed.returncode, completed.stderr))
        if completed.returncode != 0:
            break
    return results
