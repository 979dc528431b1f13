"""One plan from several sources: the seeds plus a damaged web-page text copy of 宝坻区's plan.

The copy is made here from the seed, with damages scraped copies really have, each listed in DAMAGES:
a site's keyword plugin printed 宝坻网 where the text says 关于 (every occurrence), a ? where a character
was lost, a lost 。 that runs a task title into its sentence, site chrome and a 政务公开 metadata block.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from build_tools.ingest.readers import SourceText
from build_tools.parse.plan import parse_plan
from build_tools.paths import SOURCES
from build_tools.pipeline import account, parse_files, source_files
from build_tools.search.query import read_index, stored_text

SEED = SOURCES / "000_2b8445057e662679.txt"
CHROME = ["首页 > 政务公开 > 政策文件", "扫一扫在手机打开当前页", "主办单位：天津市宝坻区人民政府办公室", "津ICP备05004441号",
          "网站标识码：1201150001", "打印本页 关闭窗口", "qrcode.png"]
METADATA = ["索引号：11120115MB1A11547X/2023-00412", "发文字号：宝坻政发〔2023〕5号", "成文日期：2023-05-25"]
DAMAGES = [
    ("关于", "宝坻网", -1),  # injected link text, every occurrence
    ("推动工业系统节能", "推动?业系统节能", 1),  # lost character, first occurrence (task 1.2)
    ("1．积极构建低碳工业体系。坚持", "1．积极构建低碳工业体系坚持", 1),  # lost 。
]


def damaged_copy(text: str) -> str:
    for original, damaged, count in DAMAGES:
        assert original in text
        text = text.replace(original, damaged, count)
    return "\n".join(CHROME[:1] + METADATA) + "\n" + text + "\n" + "\n".join(CHROME[1:]) + "\n"


@pytest.fixture(scope="module")
def merged_build(tmp_path_factory):
    return build_seeds_with(tmp_path_factory.mktemp("sources"), {
        "baodi-web-copy.txt": damaged_copy(SEED.read_text(encoding="utf-8")).encode("gb18030"),
    })


def build_seeds_with(sources, extra: dict[str, bytes]):
    """Parse the seeds plus extra source files (name -> bytes) from a fresh folder."""
    for path in source_files(SOURCES):
        shutil.copy(path, sources / path.name)
    for name, data in extra.items():
        (sources / name).write_bytes(data)
    result = parse_files(source_files(sources))
    assert result.errors == []
    return result


def test_the_seeds_plus_a_copy_build_the_same_set_of_plans(merged_build, seed_plans):
    assert [p.id for p in merged_build.plans] == sorted(p.id for p in seed_plans.values())
    plan = next(p for p in merged_build.plans if p.id == "tianjin-baodi-2023")
    assert [s.file for s in plan.sources] == ["000_2b8445057e662679.txt", "baodi-web-copy.txt"]


def test_the_text_is_taken_from_the_cleaner_copy(merged_build, seed_plans):
    merged = next(p for p in merged_build.plans if p.id == "tianjin-baodi-2023")
    seed = seed_plans["000_2b8445057e662679.txt"]
    assert [s.text for s in merged.sections] == [s.text for s in seed.sections]
    assert merged.actions == seed.actions and merged.targets == seed.targets and merged.measures == seed.measures
    text = json.dumps([s.text for s in merged.sections], ensure_ascii=False)
    for chrome in CHROME + METADATA + ["宝坻网", "?"]:
        assert chrome not in text


def test_metadata_is_merged_with_provenance(merged_build):
    plan = next(p for p in merged_build.plans if p.id == "tianjin-baodi-2023")
    assert plan.doc_number == "宝坻政发〔2023〕5号"
    assert plan.provenance["doc_number"] == "baodi-web-copy.txt"
    assert plan.provenance["date"] == "000_2b8445057e662679.txt" and plan.date == "2023-05-25"


def test_the_variants_list_names_each_damaged_paragraph(merged_build):
    plan = next(p for p in merged_build.plans if p.id == "tianjin-baodi-2023")
    by_segment = {v.segment: v for v in plan.variants}
    assert set(by_segment) == {"p1", "p8", "s2-1-1", "s2-1-2"}
    assert all(v.chosen == "000_2b8445057e662679.txt" for v in plan.variants)
    assert by_segment["p1"].injected == ["宝坻网"]
    assert by_segment["s2-1-1"].reason == "keeps characters the other copy lost"
    assert by_segment["s2-1-2"].reason == "fewer lost or injected characters"


def test_every_line_of_every_source_is_accounted_for(merged_build):
    for plan in merged_build.plans:
        for file, (done, total) in account(plan, merged_build.texts).items():
            assert done == total, (plan.id, file)
    plan = next(p for p in merged_build.plans if p.id == "tianjin-baodi-2023")
    reasons = {r.reason for r in plan.removed if r.file == "baodi-web-copy.txt"}
    assert reasons == {"site chrome", "metadata table", "duplicate of 000_2b8445057e662679.txt"}


def test_accounting_notices_a_lost_line(seed_plans):
    plan = seed_plans["000_2b8445057e662679.txt"]
    texts = {"000_2b8445057e662679.txt": SEED.read_text(encoding="utf-8")}
    damaged = plan.model_copy(update={"sections": plan.sections[:10] + plan.sections[11:]})
    done, total = account(damaged, texts)["000_2b8445057e662679.txt"]
    assert done == total - 1


def test_a_single_damaged_copy_is_flagged_not_guessed():
    text = damaged_copy(SEED.read_text(encoding="utf-8"))
    plan = parse_plan(SourceText(file="only-copy.txt", sha256="0" * 64, text=text))
    assert [(f.kind, f.segment) for f in plan.flags] == [("lost character", "s2-1-2"), ("long task title", "s2-1-1")]
    assert "推动?业系统节能" in next(s.text for s in plan.sections if s.id == "s2-1-2")
    # the lost 。 runs task 1.1's title into its sentence: flagged, not cut at a guessed place
    assert plan.flags[1].text.startswith("积极构建低碳工业体系坚持制造业立区")


def test_the_merged_site_shows_variants_but_no_chrome_or_injected_text(merged_build, site_builder, tmp_path):
    site = site_builder(merged_build.plans, tmp_path)
    page = (site / "plans" / "tianjin-baodi-2023" / "index.html").read_text(encoding="utf-8")
    assert 'id="variants"' in page and "〔网站注入文字，不予显示〕" in page and "baodi-web-copy.txt" in page
    for html_file in site.rglob("*.html"):
        shown = re.sub(r"<[^>]+>", "", html_file.read_text(encoding="utf-8"))
        for chrome in CHROME + ["宝坻网", "11120115MB1A11547X"]:
            assert chrome not in shown, (html_file, chrome)
    for edition in (site, site / "en"):
        index = stored_text(read_index(edition / "search-index"))
        assert "宝坻网" not in index and "网站注入文字" not in index and "扫一扫" not in index


def test_two_plans_of_one_region_and_year_get_different_ids():
    text = SEED.read_text(encoding="utf-8").replace("天津市宝坻区碳达峰实施方案", "天津市宝坻区“十四五”节能减排工作实施方案")
    plan = parse_plan(SourceText(file="other.txt", sha256="0" * 64, text=text))
    assert plan.id == "tianjin-baodi-energy-saving-2023"


WEB_PAGE = SOURCES.parent.parent / "tests" / "fixtures" / "web" / "tianjin-baodi-2023.html"
WEB_CHROME = ["扫一扫在手机打开当前页", "主办单位", "版权所有", "津ICP备", "网站标识码", "无障碍浏览", "请输入关键词",
              "当前位置", "浏览次数", "打印本页", "长者模式"]


@pytest.fixture(scope="module")
def web_build(tmp_path_factory):
    return build_seeds_with(tmp_path_factory.mktemp("web-sources"), {WEB_PAGE.name: WEB_PAGE.read_bytes()})


def test_seeds_plus_a_saved_web_page_build_the_same_plans_with_merged_metadata(web_build, seed_plans):
    assert [p.id for p in web_build.plans] == sorted(p.id for p in seed_plans.values())
    plan = next(p for p in web_build.plans if p.id == "tianjin-baodi-2023")
    seed = seed_plans["000_2b8445057e662679.txt"]
    assert [s.file for s in plan.sources] == ["000_2b8445057e662679.txt", "tianjin-baodi-2023.html"]
    assert plan.doc_number == "宝坻政发〔2023〕5号" and plan.provenance["doc_number"] == "tianjin-baodi-2023.html"
    assert plan.date == seed.date and plan.issuer == seed.issuer
    assert [s.text for s in plan.sections] == [s.text for s in seed.sections]
    assert plan.actions == seed.actions and plan.targets == seed.targets
    # the fixture's damages (tests/fixtures/web/README.md): a lost 。 in 1.1, ? for 工 in 1.2 and for 绵 in 4.1
    assert {v.segment: v.reason for v in plan.variants} == {
        "s2-1-1": "keeps characters the other copy lost",
        "s2-1-2": "fewer lost or injected characters",
        "s2-4-1": "fewer lost or injected characters",
    }
    for file, (done, total) in account(plan, web_build.texts).items():
        assert done == total, file


def test_no_web_chrome_reaches_the_site(web_build, site_builder, tmp_path):
    site = site_builder(web_build.plans, tmp_path)
    for html_file in site.rglob("*.html"):
        shown = re.sub(r"<[^>]+>", "", html_file.read_text(encoding="utf-8"))
        for chrome in WEB_CHROME:
            assert chrome not in shown, (html_file, chrome)
    index = stored_text(read_index(site / "search-index"))
    for chrome in WEB_CHROME:
        assert chrome not in index
