"""Front matter and signature -> title, notice title, issuer, date, document number, status."""

import pytest

from build_tools.parse.metadata import extract_metadata, strip_title

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
