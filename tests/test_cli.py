"""The command line as users run it: output shape, clear errors, one bad file not stopping the others."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.paths import ROOT, SOURCES

SEED = SOURCES / "000_2b8445057e662679.txt"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_tools", *args], capture_output=True, text=True, cwd=cwd)


def test_parse_json_prints_plans_with_the_documented_fields():
    completed = run("parse", str(SEED), "--json")
    assert completed.returncode == 0, completed.stderr
    plans = json.loads(completed.stdout)["plans"]
    assert len(plans) == 1
    plan = plans[0]
    for field in ("id", "title", "notice_title", "region", "parent_region", "level", "issuer", "date", "doc_number",
                  "status", "sources", "sections", "actions", "targets", "projects"):
        assert field in plan
    assert plan["id"] == "tianjin-baodi-2023"
    task = plan["actions"][1]["tasks"][2]
    assert task["id"] == "t2-3"
    assert set(task) >= {"id", "number", "segments", "agencies"}
    assert set(plan["targets"][0]) >= {"year", "segment", "start", "end", "indicator", "value", "unit", "qualifier", "task"}
    # facts are stored once and keyed by segment: the task's title is its first segment's, the target's clause a span
    segments = {s["id"]: s for s in plan["sections"]}
    first = segments[task["segments"][0]]
    assert first["text"][: first["title_end"]] == "强化天然气保障"
    target = plan["targets"][0]
    assert target["start"] < target["end"] <= len(segments[target["segment"]]["text"])


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02\x89PNG\x00\x00binary", "binary data"),
        ("这是一段没有任何编号标题的文字。它不是实施方案。".encode(), "no numbered headings"),
    ],
    ids=["empty", "binary", "no-structure"],
)
def test_bad_file_gets_a_message_naming_it_and_the_good_file_still_parses(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    completed = run("parse", str(bad), str(SEED), "--json")
    assert completed.returncode == 1
    assert "bad.txt" in completed.stderr and message in completed.stderr
    assert "Traceback" not in completed.stderr
    assert [p["id"] for p in json.loads(completed.stdout)["plans"]] == ["tianjin-baodi-2023"]


def test_missing_path_is_reported(tmp_path):
    completed = run("parse", str(tmp_path / "nope.txt"))
    assert completed.returncode == 1
    assert "nope.txt: no such file" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_same_plan_in_another_encoding_gives_the_same_data(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    copies = {"gb18030.txt": text.encode("gb18030"), "bom.txt": b"\xef\xbb\xbf" + text.encode(), "utf16.txt": text.encode("utf-16")}
    outputs = []
    for name, data in copies.items():
        (tmp_path / name).write_bytes(data)
        completed = run("parse", str(tmp_path / name), "--json")
        assert completed.returncode == 0, completed.stderr
        plan = json.loads(completed.stdout)["plans"][0]
        plan.pop("sources")
        outputs.append(json.dumps(plan, ensure_ascii=False).replace(name, "SOURCE"))
    assert outputs[0] == outputs[1] == outputs[2]


def test_check_passes_on_committed_data_and_fails_with_a_diff_when_stale(tmp_path):
    assert run("check").returncode == 0
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "data" / "plans", plans)
    path = plans / "tianjin-baodi-2023.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("区工业和信息化局", "区工信局", 1), encoding="utf-8")
    (plans / "orphan-2020.yml").write_text("id: orphan-2020\n", encoding="utf-8")
    completed = run("check", "--plans", str(plans))
    assert completed.returncode == 1
    assert "tianjin-baodi-2023.yml: stale" in completed.stderr
    assert "-" in completed.stderr and "区工信局" in completed.stderr
    assert "orphan-2020.yml: no source produces this plan" in completed.stderr


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("parse", "build", "check", "site", "translate"):
        completed = run(command, "--help")
        assert completed.returncode == 0 and "usage" in completed.stdout
        assert f"plansite {command}" in readme


def test_check_lists_agency_names_that_resolve_to_no_type(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace("（区交通局负责）", "（区星际航运局负责）")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / SEED.name).write_text(text, encoding="utf-8")
    plans = tmp_path / "plans"
    translations = str(tmp_path / "translations")
    assert run("build", "--sources", str(sources), "--plans", str(plans), "--content", str(tmp_path / "content"),
               "--translations", translations).returncode == 0
    completed = run("check", "--sources", str(sources), "--plans", str(plans), "--translations", translations)
    assert completed.returncode == 1
    assert "agency names that resolve to no type: 区星际航运局" in completed.stderr


def test_build_reports_every_bad_file_and_still_builds_the_others(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SEED, sources / SEED.name)
    (sources / "empty.txt").write_bytes(b"")
    (sources / "image.txt").write_bytes(bytes(range(256)) * 64)
    (sources / "notes.txt").write_text("会议纪要：今天讨论了绿化工作。", encoding="utf-8")
    (sources / "huge.txt").write_bytes(("碳达峰" * 1000 + "\n").encode() * 2400)  # about 21 MB
    (sources / "truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa")
    (sources / "table.xlsx").write_bytes(b"PK\x03\x04")
    completed = run("build", "--sources", str(sources), "--plans", str(tmp_path / "plans"), "--content", str(tmp_path / "content"),
                    "--translations", str(tmp_path / "translations"))
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    for name, message in [
        ("empty.txt", "the file is empty"),
        ("image.txt", "binary data"),
        ("notes.txt", "no numbered headings"),
        ("huge.txt", "MB, more than the 16 MB a plan can be"),
        ("truncated.pdf", "not a readable PDF"),
        ("table.xlsx", "unsupported format .xlsx"),
    ]:
        assert re.search(rf"error: {re.escape(name)}: .*{re.escape(message)}", completed.stderr), (name, completed.stderr)
    assert [p.name for p in (tmp_path / "plans").glob("*.yml")] == ["tianjin-baodi-2023.yml"]
    for edition in ("zh", "en"):
        assert (tmp_path / "content" / edition / "plans" / "tianjin-baodi-2023.md").exists()
