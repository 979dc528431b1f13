"""The two MkDocs builds run side by side however much they log (build_tools/site side_by_side)."""

from __future__ import annotations

import os
import sys

from build_tools.site import side_by_side


def test_two_builds_run_at_once_when_one_logs_more_than_a_pipe_holds(tmp_path):
    flag = tmp_path / "second-started-logging"
    # the first waits (up to 60 s) for the second to get past a log of 1 MB; read through a pipe only after
    # the first ended, the second would stop at 64 KB and the first would time out
    first = f"import pathlib, sys, time\nfor _ in range(600):\n    if pathlib.Path({str(flag)!r}).exists(): sys.exit(0)\n    time.sleep(0.1)\nsys.exit(1)"
    second = f"import pathlib, sys\nsys.stderr.write('x' * 1_000_000)\nsys.stderr.flush()\npathlib.Path({str(flag)!r}).touch()\nprint('done', file=sys.stderr)"
    results = side_by_side({"zh": [sys.executable, "-c", first], "en": [sys.executable, "-c", second]}, dict(os.environ), tmp_path)
    assert [(name, code) for name, code, _ in results] == [("zh", 0), ("en", 0)]
    assert results[1][2].endswith("done\n") and len(results[1][2]) == 1_000_005
