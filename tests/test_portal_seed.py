"""The five seed sources build four plans: seed 003, the Xiqing portal page scraped to text, merges
with 001 (the same plan from its PDF) and gives 003's 政务公开 metadata; its SEO spam (188比分直播 printed
for 关于), site chrome, weather line and ? padding reach neither the plan nor the site. 003 alone
gives the same plan identity, and another portal copy of another plan with another spam string
(made here from seed 000, with the damages 003 shows) is read the same way."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from build_tools.paths import PLANS, SOURCES
from build_tools.pipeline import account, parse_files, source_files
from build_tools.search.query import read_index, stored_text

PORTAL = SOURCES / "003_27f9e29b9992793d.txt"
PDF_TEXT = "001_fb91a11adaf269a7.txt"
SPAM = ["188比分直播", "比分直播"]
CHROME = ["天气预报", "气象台", "扬沙", "扫一扫", "主办单位", "版权所有", "ICP备", "公网安备", "网站标识码", "wzalogo",
          "违法和不良信息举报", "xiqingxxgk", "府前街2号", "备案单位"]
PADDING = ["??", "?称", "号?", "?:"]  # the ? padding of 003's 政务公开 table and signature


def plan_content(plan: dict) -> str:
    """Everything of a plan but its `removed` report (which lists what was dropped, with the reason)."""
    return json.dumps({k: v for k, v in plan.items() if k != "removed"}, ensure_ascii=False)


def test_five_sources_build_four_plans(seed_plans):
    assert len(source_files(SOURCES)) == 5
    assert sorted(p.id for p in seed_plans.values()) == ["changde-jinshi-2024", "tianjin-baodi-2023", "tianjin-nankai-2022", "tianjin-xiqing-2023"]
    xiqing = seed_plans[PDF_TEXT]
    assert [s.file for s in xiqing.sources] == [PDF_TEXT, PORTAL.name]


def test_the_merged_plan_has_the_portal_metadata_and_the_pdf_text(seed_plans):
    plan = seed_plans[PDF_TEXT]
    assert (plan.doc_number, plan.index_number, plan.issuer, plan.subject, plan.validity) == (
        "西青政发〔2023〕5号", "111201110001807180/2023-00008", "天津市西青区人民政府", "综合政务\\政务公开", "有效")
    assert {plan.provenance[f] for f in ("doc_number", "index_number", "subject", "validity")} == {PORTAL.name}
    assert plan.notice_title == "天津市西青区人民政府关于印发天津市西青区碳达峰实施方案的通知"
    assert plan.date == "2023-04-28"
    text = "".join(s.text for s in plan.sections)
    assert "10—15个" in text and "1015个" not in text  # 003 lost the dash; 001's reading is shown
    assert sum(len(a.tasks) for a in plan.actions) == 40


def test_no_spam_chrome_or_padding_in_the_committed_plans():
    for path in sorted(PLANS.glob("*.yml")):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        content = plan_content(plan)
        for string in SPAM + CHROME + PADDING:
            assert string not in content, (path.name, string)
        assert "?" not in content, path.name  # no ? padding, not even in the readings of another copy


def test_every_removal_is_reported_with_a_reason(seed_plans):
    plan = seed_plans[PDF_TEXT]
    spam = [r for r in plan.removed if r.file == PORTAL.name and r.text == "188比分直播"]
    assert [(r.line, r.reason) for r in spam] == [
        (1, "injected text (spam lexicon)"), (8, "injected text (spam lexicon) in place of 关于"),
        (20, "injected text (spam lexicon) in place of 关于"), (46, "injected text (spam lexicon) in place of 关于")]
    reasons = {r.reason for r in plan.removed if r.file == PORTAL.name}
    assert {"site chrome", "metadata table", "space marks (? printed for spaces)"} <= reasons
    texts = {PDF_TEXT: (SOURCES / PDF_TEXT).read_text(encoding="utf-8"), PORTAL.name: PORTAL.read_text(encoding="utf-8")}
    for file, (done, total) in account(plan, texts).items():
        assert done == total, file


def test_no_spam_or_chrome_in_any_built_page(built_site):
    for html_file in built_site.rglob("*.html"):
        shown = re.sub(r"<[^>]+>", "", html_file.read_text(encoding="utf-8"))
        for string in SPAM + CHROME + PADDING:
            assert string not in shown, (html_file, string)
    index = stored_text(read_index(built_site / "search-index"))
    for string in SPAM + CHROME:
        assert string not in index, string


@pytest.fixture(scope="module")
def portal_alone(tmp_path_factory):
    folder = tmp_path_factory.mktemp("portal")
    shutil.copy(PORTAL, folder / PORTAL.name)
    result = parse_files(source_files(folder))
    assert result.errors == []
    return result


def test_the_portal_copy_alone_gives_the_same_plan_identity(portal_alone, seed_plans):
    [plan] = portal_alone.plans
    merged = seed_plans[PDF_TEXT]
    assert (plan.id, plan.title, plan.region, plan.parent_region, plan.date, plan.notice_title, plan.doc_number) == (
        merged.id, merged.title, merged.region, merged.parent_region, "2023-04-28", merged.notice_title, "西青政发〔2023〕5号")
    assert plan.date_text == "2023年4月28日"  # printed 2023428 under the signature
    content = plan_content(plan.model_dump(mode="json"))
    for string in SPAM + CHROME:
        assert string not in content, string
    assert [plan.action_title(a) for a in plan.actions] == [merged.action_title(a) for a in merged.actions]


# Another portal copy, of 宝坻区's plan: another spam string as banner and in place of 关于, weather,
# a padded 政务公开 table, ? lines, half-width punctuation and a footer.
OTHER_SPAM = "澳门新葡京娱乐城"


def other_portal_copy(seed_text: str) -> str:
    body = seed_text.replace("关于", OTHER_SPAM).replace("，", ",").replace("：", ":")
    head = [
        OTHER_SPAM, "天气预报:", "宝坻区气象台202305250700时发布:今天白天多云,北风3-4级;气温:286℃。",
        f"名   ?称?:天津市宝坻区人民政府{OTHER_SPAM}印发天津市宝坻区碳达峰实施方案的通知",
        "索???引??号?:11120115MB1A11547X/2023-00412 发?布?机?构?:天津市宝坻区人民政府",
        "发?文?字?号?:宝坻政发〔2023〕5号主   ?题?:综合政务", "有???效??性?:有效", "?", "字号",
    ]
    foot = ["扫一扫在手机打开当前页", "主办单位: 天津市宝坻区人民政府 版权所有", "网站标识码:1201150001 津ICP备05004441号-1", "logo_01.png"]
    return "\n".join(head) + "\n" + body + "\n" + "\n".join(foot) + "\n"


@pytest.fixture(scope="module")
def other_portal(tmp_path_factory):
    folder = tmp_path_factory.mktemp("other-portal")
    seed = SOURCES / "000_2b8445057e662679.txt"
    (folder / "baodi-portal.txt").write_text(other_portal_copy(seed.read_text(encoding="utf-8")), encoding="utf-8")
    alone = parse_files(source_files(folder))
    shutil.copy(seed, folder / seed.name)
    with_seed = parse_files(source_files(folder))
    assert alone.errors == [] and with_seed.errors == []
    return alone, with_seed


def test_another_portal_copy_alone_reads_as_its_plan(other_portal, seed_plans):
    alone, _ = other_portal
    [plan] = alone.plans
    seed = seed_plans["000_2b8445057e662679.txt"]
    assert (plan.id, plan.title, plan.notice_title, plan.date, plan.doc_number, plan.validity) == (
        seed.id, seed.title, seed.notice_title, seed.date, "宝坻政发〔2023〕5号", "有效")
    assert [s.text for s in plan.sections] == [s.text for s in seed.sections]
    content = plan_content(plan.model_dump(mode="json"))
    for string in [OTHER_SPAM, "葡京", "天气预报", "气象台", "主办单位", "ICP备", "?"]:
        assert string not in content, string
    assert {r.reason for r in plan.removed if r.text == OTHER_SPAM} == {
        "injected text (spam lexicon)", "injected text (spam lexicon) in place of 关于"}
    for file, (done, total) in account(plan, alone.texts).items():
        assert done == total, file


def test_another_portal_copy_merges_with_its_plan(other_portal, seed_plans):
    _, with_seed = other_portal
    [plan] = with_seed.plans
    seed = seed_plans["000_2b8445057e662679.txt"]
    assert [s.file for s in plan.sources] == ["000_2b8445057e662679.txt", "baodi-portal.txt"]
    assert plan.doc_number == "宝坻政发〔2023〕5号" and plan.provenance["doc_number"] == "baodi-portal.txt"
    assert [s.text for s in plan.sections] == [s.text for s in seed.sections]
    assert plan.actions == seed.actions and plan.targets == seed.targets
