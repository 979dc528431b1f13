"""Responsibility clauses at the end of a task -> agencies with roles; other brackets -> nothing."""

import pytest

from build_tools.parse.agencies import RoleConvention, find_agencies, parse_clause, trailing_bracket


def agencies_of(*paragraphs: str, convention: RoleConvention | None = None) -> list[tuple[str, str | None]]:
    found, _ = find_agencies(list(paragraphs), convention or RoleConvention())
    return [(agency.name, agency.role) for agency in found]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # （A、B按职责分工负责）, with a compound name kept whole (津市市)
        ("严格控制新建耗煤项目，实施煤炭消费等量或减量替代。（市发改局<市国动办>、市工信局、市科技局、高新区按职责分工负责）",
         [("市发改局<市国动办>", None), ("市工信局", None), ("市科技局", None), ("高新区", None)]),
        # （A负责）
        ("加快推进综合交通枢纽建设。（区交通局负责）", [("区交通局", None)]),
        # bare （A、B、C） (南开区)
        ("增强新动能引领支撑作用。（区发展改革委、区商务局、区文化和旅游局、区科技局）",
         [("区发展改革委", None), ("区商务局", None), ("区文化和旅游局", None), ("区科技局", None)]),
        # （责任单位：A、B，C） without a convention note: no roles
        ("加快发展新能源。（责任单位：区发展改革委、区工业和信息化局，区生态环境局）",
         [("区发展改革委", None), ("区工业和信息化局", None), ("区生态环境局", None)]),
        # ［责任单位：A、B，C；逗号前为牵头单位，下同］
        ("加快发展新能源。［责任单位：区发展改革委、区工业和信息化局，区生态环境局；逗号前为牵头单位，下同］",
         [("区发展改革委", "lead"), ("区工业和信息化局", "lead"), ("区生态环境局", "support")]),
        # （牵头单位：A；配合单位：B、C）
        ("推进既有建筑节能改造。（牵头单位：区住房城乡建设委；配合单位：区发展改革委、区机关事务管理局）",
         [("区住房城乡建设委", "lead"), ("区发展改革委", "support"), ("区机关事务管理局", "support")]),
        # （A牵头，B配合）
        ("推进既有建筑节能改造。（区住房城乡建设委牵头，区发展改革委、区城市管理委配合）",
         [("区住房城乡建设委", "lead"), ("区发展改革委", "support"), ("区城市管理委", "support")]),
        # half-width brackets
        ("推进既有建筑节能改造。(区住房城乡建设委、区城市管理委按职责分工负责)",
         [("区住房城乡建设委", None), ("区城市管理委", None)]),
        # trailing 等 dropped
        ("加快物流信息平台建设。（市交通局、市发改局<市国动办>、市工信局、市商务局等按职责分工负责）",
         [("市交通局", None), ("市发改局<市国动办>", None), ("市工信局", None), ("市商务局", None)]),
        # trailing 等单位 dropped
        ("大力推进秸秆综合利用。（市发改局<市国动办>、市自然资源局、城发集团、高新区等单位按职责分工负责）",
         [("市发改局<市国动办>", None), ("市自然资源局", None), ("城发集团", None), ("高新区", None)]),
        # a full stop after the bracket
        ("推广绿色出行。（区交通局、区公安分局按职责分工负责）。", [("区交通局", None), ("区公安分局", None)]),
        # 347 山东省: （牵头单位：A，配合单位：B、C）
        ("推动钢铁行业提质增效。（牵头单位：省工业和信息化厅，配合单位：省发展改革委、省生态环境厅）",
         [("省工业和信息化厅", "lead"), ("省发展改革委", "support"), ("省生态环境厅", "support")]),
        # issue 9: （牵头单位：A；责任单位：B） keeps A as lead (the ；责任单位： inside the bracket is not a clause of its own)
        ("推动钢铁行业提质增效。（牵头单位：省工业和信息化厅；责任单位：省发展改革委、省生态环境厅）",
         [("省工业和信息化厅", "lead"), ("省发展改革委", "support"), ("省生态环境厅", "support")]),
        # issue 9: （责任部门：X处，完成期限：…） — the deadline is not a unit
        ("开展重点用能单位节能监察。（责任部门：节能处，完成期限：持续推进）", [("节能处", None)]),
        ("开展重点用能单位节能监察。（责任处室：节能处；完成时间：2021年四季度）", [("节能处", None)]),
        # “十三五”控制温室气体排放工作方案部门分工: （牵头单位：能源局 参加单位：发展改革委、国资委）
        ("大型发电集团单位供电二氧化碳排放控制在550克二氧化碳/千瓦时以内。（牵头单位：能源局 参加单位：发展改革委、国资委）",
         [("能源局", "lead"), ("发展改革委", "support"), ("国资委", "support")]),
        # issue 9: 有关市、县（区）人民政府 is one name (the levels enumerated with 、)
        ("加强组织实施。（责任单位：省发展改革委、有关市、县（区）人民政府）",
         [("省发展改革委", None), ("有关市、县（区）人民政府", None)]),
        # 116 合肥市: 各县（市）区 keeps its bracket
        ("明确落实措施和实施时限等。（责任单位：市发改委、市经信局、各县（市）区、开发区）",
         [("市发改委", None), ("市经信局", None), ("各县（市）区", None), ("开发区", None)]),
    ],
)
def test_responsibility_clause_forms(paragraph, expected):
    assert agencies_of(paragraph) == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        "探索重点行业年综合能耗在3000吨（含）",
        "推广电子不停车收费系统（ETC）",
        "大力发展高技术产业（制造业）",
        "（此件主动公开）",
        "完善充（换）电基础设施",
        "按照《湖南省碳达峰实施方案》（湘政发〔2022〕19号）",
        "推进湘西北天然气储备中心建设。",  # no bracket at all
        pytest.param(
            "构建“一区三园”（津港物流区、综合物流园、商贸物流园、互联网产业园）"
        ),
    ],
)
def test_brackets_that_are_not_responsibility_clauses(paragraph):
    assert agencies_of(paragraph) == []


def test_comma_convention_carries_to_the_next_clause():
    convention = RoleConvention()
    first = agencies_of(
        "加快发展新能源。［责任单位：区发展改革委、区工业和信息化局，区生态环境局；逗号前为牵头单位，下同］",
        convention=convention,
    )
    assert first == [("区发展改革委", "lead"), ("区工业和信息化局", "lead"), ("区生态环境局", "support")]
    assert convention.rule == "comma"
    # the next task has no note of its own, but 下同 applies
    assert agencies_of("推进建筑节能。［责任单位：区住房城乡建设委，区城市管理委、区水务局］", convention=convention) == [
        ("区住房城乡建设委", "lead"), ("区城市管理委", "support"), ("区水务局", "support"),
    ]


def test_convention_without_same_below_does_not_carry():
    convention = RoleConvention()
    first = agencies_of("加快发展新能源。［责任单位：区发展改革委，区生态环境局；逗号前为牵头单位］", convention=convention)
    assert first == [("区发展改革委", "lead"), ("区生态环境局", "support")]
    assert convention.rule is None
    assert agencies_of("推进建筑节能。［责任单位：区住房城乡建设委，区城市管理委］", convention=convention) == [
        ("区住房城乡建设委", None), ("区城市管理委", None),
    ]


def test_first_unit_convention():
    convention = RoleConvention()
    assert agencies_of(
        "加快发展新能源。（区发展改革委、区工业和信息化局、区生态环境局；排在第一位的为牵头单位，下同）",
        convention=convention,
    ) == [("区发展改革委", "lead"), ("区工业和信息化局", "support"), ("区生态环境局", "support")]
    assert convention.rule == "first"


def test_list_in_a_paragraph_of_its_own_after_the_task():
    found, clauses = find_agencies(
        ["推进既有建筑节能改造。", "（区住房城乡建设委、区城市管理委按职责分工负责）"], RoleConvention()
    )
    assert [a.name for a in found] == ["区住房城乡建设委", "区城市管理委"]
    assert clauses == ["（区住房城乡建设委、区城市管理委按职责分工负责）"]


def test_unbracketed_label_list_in_a_paragraph_of_its_own():
    assert agencies_of("推进既有建筑节能改造。", "牵头单位：区住房城乡建设委；配合单位：区发展改革委") == [
        ("区住房城乡建设委", "lead"), ("区发展改革委", "support"),
    ]


def test_each_agency_once_in_order_across_paragraphs():
    found, clauses = find_agencies(
        [
            "推进煤炭清洁高效利用。（市发改局<市国动办>、市工信局按职责分工负责）",
            "推进天然气储备中心建设。（市工信局、市住建局按职责分工负责）",
        ],
        RoleConvention(),
    )
    assert [a.name for a in found] == ["市发改局<市国动办>", "市工信局", "市住建局"]
    assert len(clauses) == 2


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("牵头单位：区发展改革委；配合单位：区住房城乡建设委、区城市管理委",
         [("区发展改革委", "lead"), ("区住房城乡建设委", "support"), ("区城市管理委", "support")]),
        ("区交通局牵头", [("区交通局", "lead")]),
        ("各镇街、区有关部门按职责分工负责", [("各镇街", None), ("区有关部门", None)]),
        ("区商务局、区发展改革委等部门按职责分工负责", [("区商务局", None), ("区发展改革委", None)]),
        pytest.param(
            "区交通局牵头负责", [("区交通局", "lead")]
        ),
    ],
)
def test_parse_clause(content, expected):
    parsed = parse_clause(content, RoleConvention())
    assert parsed is not None
    assert [(a.name, a.role) for a in parsed] == expected


@pytest.mark.parametrize("content", ["含", "ETC", "制造业", "此件主动公开", "换", "湘政发〔2022〕19号", "包括光伏、风电"])
def test_parse_clause_none_for_other_brackets(content):
    assert parse_clause(content, RoleConvention()) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推进交通运输绿色转型。（区交通局负责）", (11, "区交通局负责")),
        ("推进交通运输绿色转型。（区交通局负责）。", (11, "区交通局负责")),
        ("推进交通运输绿色转型。［责任单位：区交通局］", (11, "责任单位：区交通局")),
        # a nested bracket inside the clause
        ("完善充电设施。（区发展改革委（区粮食和物资局）、区交通局负责）", (7, "区发展改革委（区粮食和物资局）、区交通局负责")),
        ("推进交通运输绿色转型。", None),
        ("", None),
    ],
)
def test_trailing_bracket(text, expected):
    assert trailing_bracket(text) == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        (
            "加强监管。（市工业和信息化局、市发展改革委等按职责分工负责，各区人民政府负责落实。以下均需各区人民政府落实，不再列出）",
            [("市工业和信息化局", None), ("市发展改革委", None), ("各区人民政府", None)],
        ),
        (
            "完善制度。（市发展改革委牵头，市统计局等按职责分工负责）",
            [("市发展改革委", "lead"), ("市统计局", "support")],
        ),
        (
            "遏制两高。（市发展改革委、市工业和信息化局、市生态环境局牵头，人民银行天津分行、天津银保监局等按职责分工负责）",
            [("市发展改革委", "lead"), ("市工业和信息化局", "lead"), ("市生态环境局", "lead"),
             ("人民银行天津分行", "support"), ("天津银保监局", "support")],
        ),
    ],
    ids=["note-sentence-after-the-clause", "lead-and-others", "several-leads-and-others"],
)
def test_clauses_from_provincial_plans(paragraph, expected):
    """Forms from 天津市“十四五”节能减排工作实施方案 (corpus file 214)."""
    assert agencies_of(paragraph) == expected
