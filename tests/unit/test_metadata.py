"""Front matter and signature -> title, notice title, issuer, date, document number, status."""

import pytest

from build_tools.parse.metadata import TITLE, date_of_line, extract_metadata, strip_title

BAODI_FRONT = [
    "天津市宝坻区人民政府关于印发",
    "天津市宝坻区碳达峰实施方案的通知",
    "各街道办事处，各镇人民政府，各有关部门：",
    "《天津市宝坻区碳达峰实施方案》已经区政府第35次常务会议审议通过，现印发给你们，请遵照执行。",
    "2023年5月25日",
    "（此件主动公开）",
    "天津市宝坻区碳达峰实施方案",
    "为深入贯彻落实党中央、国务院关于碳达峰、碳中和重大战略决策部署，根据《天津市碳达峰实施方案》，结合我区实际，制定本实施方案。",
]

JINSHI_FRONT = [
    "津市市碳达峰实施方案",
    "（征求意见稿）",
    "津市市发展和改革委员会（津市市国防动员办公室）",
    "2024年5月",
    "津市市碳达峰实施方案",
    "为深入贯彻落实党中央、国务院关于碳达峰碳中和的重大战略决策部署，按照《湖南省人民政府关于印发〈湖南省碳达峰实施方案〉的通知》"
    "（湘政发〔2022〕19号）《常德市人民政府关于印发〈常德市碳达峰实施方案〉的通知》（常政发〔2023〕8号）要求，结合我市实际情况，制定本实施方案。",
]

NANKAI_FRONT = [
    "各街道办事处，区政府各委、办、局及有关单位：",
    "现将《天津市南开区碳达峰实施方案》印发给你们，望遵照执行。",
    "天津市南开区人民政府",
    "2022年12月14日",
    "天津市南开区碳达峰实施方案",
    "为深入贯彻习近平生态文明思想，根据《2030年前碳达峰行动方案》以及《天津市碳达峰实施方案》部署要求，结合我区实际，制定本方案。",
]


def test_notice_title_split_over_two_lines():
    meta = extract_metadata(BAODI_FRONT, [])
    assert meta.notice_title == "天津市宝坻区人民政府关于印发天津市宝坻区碳达峰实施方案的通知"
    assert meta.issuer == "天津市宝坻区人民政府"
    assert meta.title == "天津市宝坻区碳达峰实施方案"
    assert (meta.date, meta.date_text, meta.year) == ("2023-05-25", "2023年5月25日", 2023)
    assert meta.doc_number is None
    assert meta.status == "final"


def test_draft_with_month_only_date_and_cited_numbers():
    meta = extract_metadata(JINSHI_FRONT, [])
    assert meta.title == "津市市碳达峰实施方案"
    assert meta.notice_title is None
    assert meta.status == "draft"
    assert (meta.date, meta.date_text, meta.year) == (None, "2024年5月", 2024)
    # 湘政发〔2022〕19号 and 常政发〔2023〕8号 are the numbers of the documents the preface cites
    assert meta.doc_number is None
    assert meta.issuer == "津市市发展和改革委员会（津市市国防动员办公室）"


def test_signature_line_before_the_date_is_the_issuer():
    meta = extract_metadata(NANKAI_FRONT, [])
    assert meta.issuer == "天津市南开区人民政府"
    assert meta.title == "天津市南开区碳达峰实施方案"
    assert (meta.date, meta.year) == ("2022-12-14", 2022)


def test_signature_in_the_tail():
    meta = extract_metadata(["天津市西青区碳达峰实施方案"], ["（十）加强组织实施", "天津市西青区人民政府", "2023年4月28日"])
    assert (meta.issuer, meta.date) == ("天津市西青区人民政府", "2023-04-28")


@pytest.mark.parametrize(
    ("line", "date", "date_text", "year"),
    [
        ("2023年5月25日", "2023-05-25", "2023年5月25日", 2023),
        ("2023年 4月 28日", "2023-04-28", "2023年4月28日", 2023),
        ("2024 年 5 月", None, "2024年5月", 2024),
        ("2022年12月14日", "2022-12-14", "2022年12月14日", 2022),
    ],
)
def test_date_line(line, date, date_text, year):
    meta = extract_metadata(["天津市宝坻区碳达峰实施方案", line], [])
    assert (meta.date, meta.date_text, meta.year) == (date, date_text, year)


@pytest.mark.parametrize(
    ("front", "doc_number"),
    [
        (["津宝政发〔2023〕5号", "天津市宝坻区碳达峰实施方案"], "津宝政发〔2023〕5号"),
        (["津政办发[2022]12号", "天津市碳达峰实施方案"], "津政办发[2022]12号"),
        (["津 宝 政 发 〔2023〕 5 号", "天津市宝坻区碳达峰实施方案"], "津宝政发〔2023〕5号"),
        # a number cited inside the text is not this plan's number
        (["天津市宝坻区碳达峰实施方案", "现将《天津市宝坻区碳达峰实施方案》（津宝政发〔2023〕5号）印发给你们。"], None),
        (["津市市碳达峰实施方案", "按照《湖南省碳达峰实施方案》（湘政发〔2022〕19号）要求，制定本实施方案。"], None),
    ],
)
def test_doc_number(front, doc_number):
    assert extract_metadata(front, []).doc_number == doc_number


def test_doc_number_after_the_notice_title():
    meta = extract_metadata(
        ["天津市宝坻区人民政府关于印发天津市宝坻区碳达峰实施方案的通知", "津宝政发〔2023〕5号", "各街道办事处，各镇人民政府，各有关部门："], []
    )
    assert meta.doc_number == "津宝政发〔2023〕5号"
    assert meta.notice_title == "天津市宝坻区人民政府关于印发天津市宝坻区碳达峰实施方案的通知"
    assert meta.issuer == "天津市宝坻区人民政府"


def test_doc_number_above_the_notice_title():
    meta = extract_metadata(
        ["津宝政发〔2023〕5号", "天津市宝坻区人民政府关于印发", "天津市宝坻区碳达峰实施方案的通知", "各街道办事处，各镇人民政府，各有关部门："], []
    )
    assert meta.doc_number == "津宝政发〔2023〕5号"
    assert meta.notice_title == "天津市宝坻区人民政府关于印发天津市宝坻区碳达峰实施方案的通知"
    assert meta.issuer == "天津市宝坻区人民政府"


@pytest.mark.parametrize(
    ("front", "status"),
    [
        (["津市市碳达峰实施方案", "（征求意见稿）"], "draft"),
        (["津市市碳达峰实施方案（征求意见稿）"], "draft"),
        (["天津市宝坻区碳达峰实施方案（送审稿）"], "draft"),
        (["天津市宝坻区碳达峰实施方案"], "final"),
    ],
)
def test_status(front, status):
    assert extract_metadata(front, []).status == status


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("《天津市西青区碳达峰实施方案》", "天津市西青区碳达峰实施方案"),
        ("津市市碳达峰实施方案（征求意见稿）", "津市市碳达峰实施方案"),
        ("津市市碳达峰实施方案(征求意见稿)", "津市市碳达峰实施方案"),
        ("天津市“十四五”节能减排工作实施方案", "天津市“十四五”节能减排工作实施方案"),
    ],
)
def test_strip_title(text, title):
    assert strip_title(text) == title


def test_draft_title_line_gives_the_title_without_the_note():
    assert extract_metadata(["津市市碳达峰实施方案（征求意见稿）"], []).title == "津市市碳达峰实施方案"


def test_title_from_a_quoted_name_when_no_title_line():
    meta = extract_metadata(["各街道办事处：", "现将《天津市南开区碳达峰实施方案》印发给你们，望遵照执行。"], [])
    assert meta.title == "天津市南开区碳达峰实施方案"


# 364 四川省: the issuers above the title, the date after it, and a cited document in 《》 in the preamble
SICHUAN_FRONT = [
    "中共四川省委 四川省人民政府",
    "关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的实施意见（2022年3月14日）",
    "为完整、准确、全面贯彻新发展理念，统筹有序做好碳达峰、碳中和工作，根据《中共中央、国务院关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的意见》精神，结合四川实际，提出如下实施意见。",
]


def test_title_is_the_plans_own_not_a_document_it_cites():
    meta = extract_metadata(SICHUAN_FRONT, [])
    assert meta.title == "关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的实施意见"
    assert meta.issuer == "中共四川省委、四川省人民政府"
    assert (meta.date, meta.year) == ("2022-03-14", 2022)


def test_several_issuers_signed_one_a_line():
    """247 减污降碳协同增效实施方案: seven ministries sign the notice, one a line."""
    front = ["关于印发《减污降碳协同增效实施方案》的通知", "环综合〔2022〕42号", "生态环境部", "国家发展和改革委员会", "工业和信息化部",
             "住房和城乡建设部", "交通运输部", "农业农村部", "国家能源局", "2022年6月10日", "减污降碳协同增效实施方案"]
    meta = extract_metadata(front, [])
    assert meta.issuer == "生态环境部、国家发展和改革委员会、工业和信息化部、住房和城乡建设部、交通运输部、农业农村部、国家能源局"
    assert meta.title == "减污降碳协同增效实施方案"


def test_several_issuers_on_shared_lines():
    """340 北京市: bodies separated by spaces, over several lines; the notice title has a stray space."""
    front = ["关于印发《北京市“十四五”时期低碳 试点工作方案》的通知", "京环发〔2022〕13号", "各区政府，市有关部门及相关单位：",
             "市生态环境局 市经济和信息化局", "市住房城乡建设委 市城市管理委", "市交通委 人行营业管理部", "市金融监管局", "2022年6月17日",
             "北京市“十四五”时期低碳试点工作方案"]
    meta = extract_metadata(front, [])
    assert meta.issuer == "市生态环境局、市经济和信息化局、市住房城乡建设委、市城市管理委、市交通委、人行营业管理部、市金融监管局"
    assert meta.title == "北京市“十四五”时期低碳试点工作方案"


def test_a_damaged_document_number_is_not_the_issuer():
    """362 大连市: the text layer prints the number 大发改资源字〔2021〕283号 as 大发改资源字(2021 J 283."""
    front = ["大发改资源字(2021 J 283", "关于印发 大连市贯彻落实 〈国务院关于", "加快建立健全绿色低碳循环发展经济", "体系的指导意见 实施方案 的通知"]
    meta = extract_metadata(front, [])
    assert meta.issuer is None
    assert meta.notice_title.startswith("关于印发")


def test_issuers_glued_by_the_pdf_are_parted():
    """100 重庆市: ``重庆市经济和信息委员会重庆市生态环境局`` is two bodies."""
    front = ["重庆市发展和改革委员会 重庆市经济和信息委员会重庆市生态环境局", "重庆市能源局", "2022年2月28日"]
    assert extract_metadata(front, []).issuer == "重庆市发展和改革委员会、重庆市经济和信息委员会、重庆市生态环境局、重庆市能源局"


def test_issuers_named_in_the_title():
    """1 中共中央、国务院关于…的意见: no signature, the title names the issuers."""
    front = ["中共中央、国务院关于完整准确全面贯彻新", "发展理念做好碳达峰碳中和工作的意见", "（2021年9月22日）"]
    meta = extract_metadata(front, [])
    assert meta.title == "中共中央、国务院关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的意见"
    assert meta.issuer == "中共中央、国务院"
    assert meta.date == "2021-09-22"


def test_title_after_an_annex_label():
    """316 北京市: the plan follows its notice under 附件：."""
    front = ["北京市经济和信息化局关于印发《北京市", "“十四五”时期制造业绿色低碳发展行动", "方案》的通知", "各有关单位：",
             "经市政府同意，现将《北京市“十四五”时期制造业绿色低碳发展行动方案》印发给你们，请结合实际认真贯彻落实。", "特此通知。",
             "附件：北京市“十四五”时期制造业绿色低碳发展行动方案", "附件：", "北京市“十四五”时期制造业", "绿色低碳发展行动方案"]
    meta = extract_metadata(front, [])
    assert meta.title == "北京市“十四五”时期制造业绿色低碳发展行动方案"
    assert meta.issuer == "北京市经济和信息化局"


@pytest.mark.parametrize(
    ("line", "expected"),
    [("二〇二二年三月", (2022, 3, None)), ("二〇二一年十一月三十日", (2021, 11, 30)), ("（2021年9月22日）", (2021, 9, 22)), ("2022年", None)],
)
def test_date_of_line_in_chinese_numerals(line, expected):
    """Issue 9: dates printed in Chinese numerals (二〇二二年三月)."""
    assert date_of_line(line) == expected


@pytest.mark.parametrize(
    "title",
    ["关于严格能效约束推动重点领域节能降碳的实施方案（发电行业）", "天津市碳达峰碳中和重点工作行动清单", "关于加快推进生态文明建设的决定",
     "湖南省制造业绿色低碳转型行动方案（2022-2025年）"],
)
def test_title_forms(title):
    """Title endings named in issue 9: a sector in brackets, 行动清单, 决定."""
    assert TITLE.match(title)


def test_region_from_an_issuing_body():
    """262 绿色金融支持三明碳达峰、碳中和工作方案: the title names 三明 without 市; an issuer names 三明市."""
    from build_tools.parse.metadata import Metadata
    from build_tools.parse.plan import region_of

    meta = Metadata(title="绿色金融支持三明碳达峰、碳中和工作方案", issuer="三明银保监分局、三明市地方金融监督管理局")
    region, parent = region_of(meta)
    assert (region.name, region.level, parent.name) == ("三明市", "city", "福建省")


def test_a_news_lead_in_is_not_the_title():
    """A public copy of the 宜春市 plan (m.bailiqin.com, printed in traditional characters, here in simplified):
    a news lead-in, 原文如下, then the notice and the plan."""
    front = [
        "日前，宜春市人民政府印发宜春市碳达峰实施方案的通知，通知指出，加快推进非化石能源利用。",
        "原文如下：",
        "宜春经济技术开发区管委会，各县（市、区）人民政府，宜阳新区管委会、明月山温泉风景名胜区管委会，市政府各部门：",
        "现将《宜春市碳达峰实施方案》印发给你们，请认真贯彻执行。",
        "2023年1月6日",
        "（此件主动公开）",
        "宜春市碳达峰实施方案",
    ]
    meta = extract_metadata(front, [])
    assert meta.title == "宜春市碳达峰实施方案"
    assert meta.notice_title is None
    assert meta.date == "2023-01-06"
