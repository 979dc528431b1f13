"""The two MkDocs builds run side by side however much they log, each edition's search index right after
its own build (build_tools/site side_by_side, pipelines)."""

from __future__ import annotations

import os
import sys

from build_tools.site import pipelines, side_by_side


def test_two_builds_run_at_once_when_one_logs_more_than_a_pipe_holds(tmp_path):
    flag = tmp_path / "second-started-logging"
    # the first waits (up to 60 s) for the second to get past a log of 1 MB; read through a pipe only after
    # the first ended, the second would stop at 64 KB and the first would time out
    first = f"import pathlib, sys, time\nfor _ in range(600):\n    if pathlib.Path({str(flag)!r}).exists(): sys.exit(0)\n    time.sleep(0.1)\nsys.exit(1)"
    second = f"import pathlib, sys\nsys.stderr.write('x' * 1_000_000)\nsys.stderr.flush()\npathlib.Path({str(flag)!r}).touch()\nprint('done', file=sys.stderr)"
    results = side_by_side({"zh": [sys.executable, "-c", first], "en": [sys.executable, "-c", second]}, dict(os.environ), tmp_path)
    assert [(name, code) for name, code, _ in results] == [("zh", 0), ("en", 0)]
    assert results[1][2].endswith("done\n") and len(results[1][2]) == 1_000_005


def test_an_editions_next_step_starts_while_the_other_edition_still_builds(tmp_path):
    flag = tmp_path / "english-index-started"
    # the Chinese build waits (up to 60 s) for the English edition's second step: run only once both
    # first steps had ended, it would never start and the first would time out
    wait = f"import pathlib, sys, time\nfor _ in range(600):\n    if pathlib.Path({str(flag)!r}).exists(): sys.exit(0)\n    time.sleep(0.1)\nsys.exit(1)"
    touch = f"import pathlib\npathlib.Path({str(flag)!r}).touch()"
    fail = "import sys\nprint('no index', file=sys.stderr)\nsys.exit(3)"
    never = tmp_path / "never"
    results = pipelines({"zh": [[sys.executable, "-c", wait], [sys.executable, "-c", fail], [sys.executable, "-c", f"open({str(never)!r}, 'w')"]],
                         "en": [[sys.executable, "-c", "pass"], [sys.executable, "-c", touch]]}, dict(os.environ), tmp_path)
    assert [(name, code) for name, code, _ in results] == [("zh", 3), ("en", 0)]
    assert results[0][2] == "no index\n" and not never.exists()  # a failed step ends its edition's steps


def test_each_config_is_run_with_its_editions_language():
    from mkdocs.config import load_config

    from build_tools.paths import ROOT
    from build_tools.site import LANGS

    for config, lang in LANGS.items():
        assert load_config(str(ROOT / config)).extra["edition"]["lang"] == lang


def test_the_hook_writes_the_index_unless_the_site_stage_will(tmp_path, monkeypatch):
    from types import SimpleNamespace

    import build_tools.search.index
    from build_tools.site import SEARCH_AFTER, hooks

    written = []
    monkeypatch.setattr(build_tools.search.index, "write_index", lambda root, lang: written.append((root, lang)))
    config = SimpleNamespace(site_dir=str(tmp_path), extra={"edition": {"lang": "en"}})
    monkeypatch.delenv(SEARCH_AFTER, raising=False)
    hooks.on_post_build(config)  # a plain `mkdocs build` or `mkdocs serve`
    monkeypatch.setenv(SEARCH_AFTER, "1")
    hooks.on_post_build(config)  # `plansite site`: written once MkDocs has exited
    assert written == [(tmp_path, "en")]


def test_the_index_command_names_a_folder_that_is_not_a_built_edition(tmp_path, capsys):
    from build_tools.search.index import main

    assert main([str(tmp_path), "zh"]) == 1
    assert str(tmp_path) in capsys.readouterr().err
    assert main([str(tmp_path)]) == 2
