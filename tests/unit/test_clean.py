"""Raw plan text -> paragraphs: brackets, emphasis, spaces, page numbers, table of contents, hard wraps."""

import pytest

from build_tools.ingest.clean import (
    PAGE_NUMBER_LINE,
    clean_text,
    detect_wrap_width,
    display_width,
    normalize_brackets,
    remove_markdown_emphasis,
    remove_spaces_around_digits,
)


def texts(raw: str) -> list[str]:
    return [paragraph.text for paragraph in clean_text(raw)[0]]


def removed(raw: str) -> list[tuple[int, str, str]]:
    return [(r.line, r.text, r.reason) for r in clean_text(raw)[1]]


# 西青区's PDF text: every line hard-wrapped at about 28 characters, a blank line after each line,
# words and numbers broken across lines (经济/社会, 大于 10/万平方米, 5—/10家, 秩序治/- 17 -/理).
WRAPPED_LINES = [
    "——找准定位、协调发展。全面准确认识碳达峰行动对经济",
    "社会发展的深远影响，加强政策的系统性、协同性，紧扣“建成",
    "电子、汽车产业基地，科教研发基地，历史文化与生态宜居城区”",
    "功能定位，围绕西青区国民经济和社会发展第十四个五年规划和",
    "二〇三五年远景目标纲要，以推动能源结构优化调整、工业绿色",
    "低碳转型为发力点，加快推进产业绿色低碳循环发展，努力创建",
    "西青经济技术开发区、南站科技商务区示范试点，推动有条件的",
    "区域尽早达峰。",
    "——节约优先、提质增效。把节约能源资源放在首位，实施",
    "全面节约战略，持续降低单位产出能源资源消耗和碳排放，提高",
    "投入产出效率，提升经济发展质量，倡导绿色低碳的生产生活方",
    "式，从源头和入口形成有效的碳排放控制阀门。",
    "持续扩大星级绿色建筑规模，政府投资的保障性住房、学校、医",
    "院等公益性建筑、大于 2 万平方米的大型公共建筑以及大于 10",
    "万平方米的住宅小区按照绿色建筑二星级及以上标准设计和运",
    "行，到 2025年，星级绿色建筑占城镇新建民用建筑面积比力争达",
    "到 30%。",
    "推进全区主导产业和战略性新兴产业实现“两业”相融相长、耦合",
    "共生。到 2025年，制造业增加值占地区生产总值比重达到 35%，",
    "全区“两业”深度融合发展水平明显提高，各主导产业形成 5—",
    "10家各自领域“两业”融合“生态圈”。",
    "2. 构建绿色高效交通运输体系。加快推进 7号、8号等轨道",
    "线路建设，协同推进天津中心城区至静海市域（郊）铁路工程西",
    "青段项目实施，形成西青辅城和赛达新城间“双城联动，内外交",
    "融”的空间格局。打造公交都市标杆城市，实施公交场站补短板",
    "工程、公交线网年度优化工程和中途站提升改造工程。优化慢行",
    "交通出行环境，改善行人过街条件，加强共享单车投放及秩序治",
    "- 17 -",
    "理。推进智慧赋能低碳出行，建立出行服务支持体系，拓展 ETC",
    "等电子化收费方式在停车场（楼）应用。",
]
WRAPPED_RAW = "\n\n".join(WRAPPED_LINES)

# 宝坻区's text: one paragraph per line, each ending in 。
UNWRAPPED_LINES = [
    "——重点突破，整体推进。坚持重点突破与整体推进紧密结合，着力推动能源绿色低碳发展。",
    "——节约优先，绿色发展。落实节约优先方针，推动能源消费结构绿色转型，建设能源节约型社会。",
] * 12


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("(十)绿色低碳区域示范行动", "（十）绿色低碳区域示范行动"),
        ("(一) 指导思想", "（一） 指导思想"),
        ("津市市发展和改革委员会 (津市市国防动员办公室)", "津市市发展和改革委员会 （津市市国防动员办公室）"),
        # opened in one form, closed in the other
        ("（市委宣传部、区教育局按职责分工负责)", "（市委宣传部、区教育局按职责分工负责）"),
        ("(区发展改革委、区商务局按职责分工负责）", "（区发展改革委、区商务局按职责分工负责）"),
        # brackets around pure ASCII stay as printed
        ("推广电子不停车收费系统(ETC)", "推广电子不停车收费系统(ETC)"),
        ("(2) 加快淘汰落后产能", "(2) 加快淘汰落后产能"),
        ("(1)", "(1)"),
    ],
)
def test_normalize_brackets(line, expected):
    assert normalize_brackets(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("——**统筹规划、分类施策。**以国家、省、常德市碳达峰行动为指引。", "——统筹规划、分类施策。以国家、省、常德市碳达峰行动为指引。"),
        ("__系统推进、重点突破。__全面准确认识碳达峰行动", "系统推进、重点突破。全面准确认识碳达峰行动"),
        ("完善充（换）电基础设施", "完善充（换）电基础设施"),
    ],
)
def test_remove_markdown_emphasis(line, expected):
    assert remove_markdown_emphasis(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到 2025 年，风电装机达到 9 万千瓦", "到2025年，风电装机达到9万千瓦"),
        ("确保如期实现 2030年前碳达峰目标", "确保如期实现2030年前碳达峰目标"),
        ("2023年 4月 28日", "2023年4月28日"),
        ("实施津市 10kV 及以下配电网改造项目", "实施津市10kV及以下配电网改造项目"),
        ("城镇新建建筑 100%执行绿色建筑标准", "城镇新建建筑100%执行绿色建筑标准"),
        ("拓展 ETC 等电子化收费方式", "拓展ETC等电子化收费方式"),
        # a space between two Chinese words is not touched
        ("《中共中央 国务院关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的意见》",
         "《中共中央 国务院关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的意见》"),
    ],
)
def test_remove_spaces_around_digits(text, expected):
    assert remove_spaces_around_digits(text) == expected


@pytest.mark.parametrize("line", ["— 3 —", "- 17 -", "－12－", "—3—", "第 3 页", "第3页 共30页"])
def test_page_number_line_matches(line):
    assert PAGE_NUMBER_LINE.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "——节约优先、提质增效。",
        "2025",
        "- 第二章 -",
        "1.6%，单位能耗降至",
        "第35次常务会议审议通过",
    ],
)
def test_page_number_line_leaves_text_alone(line):
    assert not PAGE_NUMBER_LINE.match(line)


@pytest.mark.parametrize(("line", "width"), [("到2025年", 8), ("ETC", 3), ("“双碳”", 8), ("", 0)])
def test_display_width_counts_chinese_as_two_cells(line, width):
    assert display_width(line) == width


def test_detect_wrap_width_of_hard_wrapped_pdf_text():
    width = detect_wrap_width([line for line in WRAPPED_LINES if line != "- 17 -"])
    assert width is not None
    assert 50 <= width <= 60


@pytest.mark.parametrize(
    "lines",
    [
        UNWRAPPED_LINES,  # every line a paragraph ending in 。
        WRAPPED_LINES[:15],  # too few lines to tell
    ],
)
def test_detect_wrap_width_none_when_not_wrapped_or_too_short(lines):
    assert detect_wrap_width(lines) is None


def test_wrapped_pdf_text_is_rejoined_into_paragraphs():
    paragraphs, dropped = clean_text(WRAPPED_RAW)
    starts = ["——找准定位、协调发展。", "——节约优先、提质增效。", "持续扩大星级绿色建筑规模，", "推进全区主导产业", "2. 构建绿色高效交通运输体系。"]
    assert len(paragraphs) == len(starts)
    assert all(p.text.startswith(start) for p, start in zip(paragraphs, starts))
    # 1-based source line of each paragraph's first line (a blank line after every text line)
    assert [p.line for p in paragraphs] == [1, 17, 25, 35, 43]
    joined = [p.text for p in paragraphs]
    # a short line ends its paragraph
    assert joined[0].endswith("推动有条件的区域尽早达峰。")
    assert joined[1].endswith("从源头和入口形成有效的碳排放控制阀门。")
    # mid-word breaks
    assert "对经济社会发展" in joined[0]
    assert "“双城联动，内外交融”" in joined[4]
    # mid-number breaks, and the spaces PDF text puts around digits
    assert "大于2万平方米的大型公共建筑以及大于10万平方米的住宅小区" in joined[2]
    assert "到2025年，星级绿色建筑占城镇新建民用建筑面积比力争达到30%。" in joined[2]
    assert "各主导产业形成5—10家各自领域" in joined[3]
    # a page-number line in the middle of a word is dropped and the word rejoined
    assert "加强共享单车投放及秩序治理。推进智慧赋能低碳出行" in joined[4]
    assert "拓展ETC等电子化收费方式在停车场（楼）应用。" in joined[4]
    assert dropped[0].reason == "page number" and dropped[0].text == "- 17 -"
    assert all("\n" not in text and "- 17 -" not in text for text in joined)


def test_unwrapped_text_keeps_one_paragraph_per_line():
    paragraphs, _ = clean_text("\n\n".join(UNWRAPPED_LINES))
    assert len(paragraphs) == len(UNWRAPPED_LINES)
    assert paragraphs[0].text == UNWRAPPED_LINES[0]


def test_unwrapped_text_joins_a_long_line_broken_at_a_page_end():
    # 津市市: the sentence runs over a page break: 确保如期实现 / 2030年前碳达峰目标
    raw = (
        "（一）指导思想\n\n"
        "注重短期碳达峰与长期碳中和的衔接协调，努力在实现“三高四新”美好蓝图上走在全省前列，确保如期实现\n\n"
        "2030年前碳达峰目标，努力在实现“双碳”战略中彰显津市担当、作出津市贡献。\n\n"
        "（二）基本原则"
    )
    assert texts(raw) == [
        "（一）指导思想",
        "注重短期碳达峰与长期碳中和的衔接协调，努力在实现“三高四新”美好蓝图上走在全省前列，"
        "确保如期实现2030年前碳达峰目标，努力在实现“双碳”战略中彰显津市担当、作出津市贡献。",
        "（二）基本原则",
    ]


def test_line_starting_with_a_decimal_is_joined_not_a_new_item():
    raw = (
        "严格控制煤炭消费总量，到 2025 年，全市煤炭消费占能源消费总量比重较2020年下降\n"
        "1.6 个百分点，万元地区生产总值能耗较2020年明显下降，单位能耗降至\n"
        "0.75 吨标准煤以下。"
    )
    assert texts(raw) == [
        "严格控制煤炭消费总量，到2025年，全市煤炭消费占能源消费总量比重较2020年下降"
        "1.6个百分点，万元地区生产总值能耗较2020年明显下降，单位能耗降至0.75吨标准煤以下。"
    ]


def test_a_numbered_line_starts_a_new_paragraph_even_after_an_open_line():
    raw = (
        "坚持先立后破，稳妥有序、循序渐进推进碳达峰行动，全面提升能源、产业、交通、建筑等重点领域低碳化水平\n"
        "1.推进煤炭减量清洁高效利用。"
    )
    assert len(texts(raw)) == 2


def test_table_of_contents_after_its_heading_is_removed():
    raw = "\n".join([
        "目 录",               # 1
        "",
        "一、总体要求\t1",      # 3
        "(一) 指导思想\t1",     # 4
        "(二) 基本原则\t2",     # 5
        "",
        "(六) 农业领域\t26",    # 7
        "二、主要目标……………3",  # 8
        "",
        "津市市碳达峰实施方案",  # 10
        "",
        "一、总体要求",         # 12
        "",
        "（一）指导思想",       # 14
    ])
    assert removed(raw) == [
        (1, "目 录", "table of contents"),
        (3, "一、总体要求\t1", "table of contents"),
        (4, "(一) 指导思想\t1", "table of contents"),
        (5, "(二) 基本原则\t2", "table of contents"),
        (7, "(六) 农业领域\t26", "table of contents"),
        (8, "二、主要目标……………3", "table of contents"),
    ]
    # the headings themselves, without page numbers, stay
    assert texts(raw) == ["津市市碳达峰实施方案", "一、总体要求", "（一）指导思想"]


def test_table_of_contents_without_a_heading_is_removed():
    raw = "一、总体要求\t1\n(二) 基本原则\t2\n三、重点任务  3\n津市市碳达峰实施方案"
    assert [reason for _, _, reason in removed(raw)] == ["table of contents"] * 3
    assert texts(raw) == ["津市市碳达峰实施方案"]


def test_page_number_lines_are_removed_with_their_reason():
    raw = "加强共享单车投放及秩序治理。\n\n- 17 -\n\n— 3 —\n第 3 页\n推进智慧赋能低碳出行。"
    assert removed(raw) == [
        (3, "- 17 -", "page number"),
        (5, "— 3 —", "page number"),
        (6, "第 3 页", "page number"),
    ]
    assert texts(raw) == ["加强共享单车投放及秩序治理。", "推进智慧赋能低碳出行。"]


def test_form_feed_is_a_line_break():
    raw = "一、总体要求\f（一）指导思想\f— 3 —\f以习近平新时代中国特色社会主义思想为指导。"
    paragraphs, dropped = clean_text(raw)
    assert [(p.line, p.text) for p in paragraphs] == [
        (1, "一、总体要求"),
        (2, "（一）指导思想"),
        (4, "以习近平新时代中国特色社会主义思想为指导。"),
    ]
    assert [(r.line, r.reason) for r in dropped] == [(3, "page number")]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("——**统筹规划、分类施策。**以国家、省、常德市碳达峰行动为指引。", ["——统筹规划、分类施策。以国家、省、常德市碳达峰行动为指引。"]),
        ("到 2025 年，风电装机达到 9 万千瓦。", ["到2025年，风电装机达到9万千瓦。"]),
        ("１．积极发展清洁能源。到２０２５年，光伏装机达到２１万千瓦。", ["1．积极发展清洁能源。到2025年，光伏装机达到21万千瓦。"]),
        ("(十)绿色低碳区域示范行动\r\n(区发展改革委、区工业和信息化局按职责分工负责)",
         ["（十）绿色低碳区域示范行动", "（区发展改革委、区工业和信息化局按职责分工负责）"]),
        ("\ufeff 天津市西青区碳达峰实施方案 ", ["天津市西青区碳达峰实施方案"]),
    ],
)
def test_clean_text_normalizes_each_line(raw, expected):
    assert texts(raw) == expected
