"""Deadlines in responsibility clauses -> printed text and the last day it allows (build_tools.parse.deadlines)."""

import pytest

from build_tools.parse.deadlines import deadline_date, remove_deadlines, task_deadline


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("2021年四季度", "2021-12-31"),  # issue 9: （责任部门：X处，完成期限：2021年四季度）
        ("2022年第一季度", "2022-03-31"),
        ("2025年底", "2025-12-31"),
        ("2025年底前", "2025-12-31"),
        ("2022年2月底前", "2022-02-28"),  # 252 达州市: 完成时限：2022年2月底前
        ("2024年2月底前", "2024-02-29"),
        ("2023年6月30日前", "2023-06-30"),
        ("2022年上半年", "2022-06-30"),
        ("2021—2025年", "2025-12-31"),
        ("持续推进", None),  # issue 9: today 完成期限：持续推进 becomes an agency name
        ("长期坚持", None),
        ("2022年13月", None),
    ],
)
def test_deadline_date(printed, expected):
    assert deadline_date(printed) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # 252 达州市碳达峰碳中和“1+N”政策体系编制工作方案, a deadline paragraph under the unit paragraph
        (["研究制定我市《关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的实施意见》，明确任务目标，制定责任清单。",
          "责任单位：市发展改革委", "完成时限：2022年2月底前"], ("2022年2月底前", "2022-02-28")),
        # the form: the deadline inside the bracket, after the unit
        (["开展重点用能单位节能监察。（责任部门：节能处，完成期限：2021年四季度）"], ("2021年四季度", "2021-12-31")),
        (["开展重点用能单位节能监察。（责任处室：节能处；完成时间：持续推进）"], ("持续推进", None)),
        # two clauses in one task: both printed, due by the later
        (["开展监察。（责任部门：节能处，完成期限：2021年四季度）", "开展评估。（责任部门：规划处，完成期限：2022年底）"],
         ("2021年四季度；2022年底", "2022-12-31")),
        # 100 重庆市: 明确改造升级和淘汰时限（一般不超过3年） — the word 时限 without a label is no deadline
        (["各区县要明确改造升级和淘汰时限（一般不超过3年）以及年度改造淘汰计划。（市发展改革委、市经济信息委、市能源局）"], (None, None)),
    ],
)
def test_task_deadline(paragraphs, expected):
    assert task_deadline(paragraphs) == expected


def test_remove_deadlines_keeps_the_units():
    assert remove_deadlines("责任部门：节能处，完成期限：持续推进") == "责任部门：节能处"
