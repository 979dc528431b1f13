"""Golden files: the whole structured output of each seed, reviewed in `git diff` when it changes.

Run `pytest --update-golden` to rewrite them after a deliberate change, then read the diff against
the plan text before committing. The facts that matter are pinned independently by
tests/test_seed_expectations.py (hand-verified); this test catches every other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.pipeline import plan_yaml

GOLDEN = Path(__file__).parent / "golden"
SEEDS = sorted(p.name for p in (Path(__file__).parent.parent / "data" / "sources").glob("*.txt"))


@pytest.mark.parametrize("source", SEEDS)
def test_golden(source, seed_plans, update_golden):
    path = GOLDEN / f"{Path(source).stem}.yml"
    if source not in seed_plans:  # a copy merged into the plan of a cleaner source (003 into 001's)
        assert any(source in [s.file for s in plan.sources] for plan in seed_plans.values()), f"{source} gives no plan"
        assert not path.exists(), f"{path}: {source} is part of another plan's golden file; delete this one"
        return
    text = plan_yaml(seed_plans[source])
    if update_golden:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run pytest --update-golden and review it"
    assert path.read_text(encoding="utf-8") == text
