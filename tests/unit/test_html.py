"""Saved government web page -> article text, 政务公开 metadata, and the site chrome recorded as removed."""

import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from build_tools.errors import SourceError
from build_tools.ingest.html import decode_html, declared_charset, extract_html, parse_metadata
from build_tools.ingest.readers import read_source
from build_tools.paths import ROOT, SOURCES

FIXTURE = ROOT / "tests" / "fixtures" / "web" / "tianjin-baodi-2023.html"
BAODI_TEXT = SOURCES / "000_2b8445057e662679.txt"
BAODI_METADATA = {
    "索引号": "11120115MB1A11547X/2023-00412",
    "发布机构": "天津市宝坻区人民政府",
    "发文字号": "宝坻政发〔2023〕5号",
    "成文日期": "2023-05-25",
    "发文日期": "2023-06-02",
    "主题分类": "环境监测、保护与治理",
    "有效性": "有效",
}
# the fixture's three damages (see tests/fixtures/web/README.md): source line -> line as the page has it
DAMAGED = {
    "2．推动工业绿色低碳发展。": "2．推动?业绿色低碳发展。推动工业系统节能",
    "1．推进城乡建设绿色低碳转型。": "推进新老城区海?城市连片开发建设",
    "1．积极构建低碳工业体系。": "1．积极构建低碳工业体系坚持制造业立区",
}
# a paragraph of the 宝坻 plan: inline test pages need an article of 50+ Chinese characters
PARAGRAPH = (
    "坚持高质量发展理念，构建低碳工业体系，推动工业绿色低碳发展，坚决遏制高耗能高排放低水平项目盲目发展，"
    "促进经济绿色可持续发展。"
)


def page(body: str, head: str = '<meta charset="utf-8"><title>测试页面_天津市宝坻区人民政府</title>') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode("utf-8")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def baodi():
    return extract_html(FIXTURE.read_bytes(), FIXTURE.name)


@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    return [line.strip() for line in BAODI_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- the fixture --------------------------------------------------------------------------------


def test_fixture_is_gb18030_declared_gb2312():
    data = FIXTURE.read_bytes()
    assert b'<meta charset="gb2312">' in data
    assert declared_charset(data) == "gb18030"
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_fixture_metadata_has_canonical_keys(baodi):
    assert baodi.metadata == BAODI_METADATA


def test_fixture_text_holds_every_source_line_in_order(baodi, source_lines):
    text_lines = [compact(line) for line in baodi.text.splitlines()]
    position = 0
    for line in source_lines:
        if any(line.startswith(prefix) for prefix in DAMAGED):
            continue
        wanted = compact(line)
        assert wanted in text_lines[position:], f"missing or out of order: {line[:40]}"
        position = text_lines.index(wanted, position) + 1


def test_fixture_text_is_the_source_lines_and_nothing_else(baodi, source_lines):
    """Line for line: the title is not added twice (the body starts with it, over two lines)."""
    assert len(baodi.text.splitlines()) == len(source_lines)
    assert baodi.text.splitlines()[:2] == ["天津市宝坻区人民政府关于印发", "天津市宝坻区碳达峰实施方案的通知"]


@pytest.mark.parametrize("prefix, damaged", DAMAGED.items())
def test_fixture_damages_come_through_unrepaired(baodi, prefix, damaged):
    assert damaged in baodi.text


def test_fixture_has_two_lost_characters_and_one_keyword_link(baodi):
    assert sum("?" in line for line in baodi.text.splitlines()) == 2
    html = FIXTURE.read_bytes().decode("gb18030")
    assert html.count('class="keyword"') == 1
    assert "为深入贯彻落实党中央、国务院关于碳达峰、碳中和重大战略决策部署，根据《天津市碳达峰实施方案》" in baodi.text


def test_fixture_agency_clauses_are_intact(baodi, source_lines):
    clauses = [re.search(r"（[^（）]*(?:负责|分工负责)）$", line) for line in source_lines]
    clauses = [found.group() for found in clauses if found]
    assert len(clauses) > 40
    assert all(clause in baodi.text for clause in clauses)


@pytest.mark.parametrize(
    "chrome, reason",
    [
        ("主办单位", "site chrome: footer"),
        ("版权所有", "site chrome: footer"),
        ("ICP备", "site chrome: footer"),
        ("公网安备", "site chrome: footer"),
        ("网站标识码", "site chrome: footer"),
        ("联系电话", "site chrome: footer"),
        ("网站地图", "site chrome: footer"),
        ("扫一扫在手机打开当前页", "site chrome: widget"),
        ("扫一扫在手机打开当前页", "image"),
        ("打印本页", "site chrome: widget"),
        ("关闭窗口", "site chrome: widget"),
        ("字号", "site chrome: widget"),
        ("18℃~29℃", "site chrome: widget"),
        ("首页", "site chrome: navigation"),
        ("互动交流", "site chrome: navigation"),
        ("走进宝坻", "site chrome: navigation"),
        ("专题专栏", "site chrome: navigation"),
        ("当前位置", "site chrome: navigation"),
        ("相关文件", "site chrome: sidebar"),
        ("浏览次数", "site chrome: article info"),
        ("政府网站找错", "image"),
        ("gaba.png", "image"),
        ("11120115MB1A11547X/2023-00412", "metadata table"),
        ("hm.baidu.com", "script"),
        ("doZoom", "script"),
    ],
)
def test_fixture_chrome_is_dropped_and_recorded(baodi, chrome, reason):
    assert chrome not in baodi.text
    assert any(chrome in text and why == reason for text, why in baodi.removed), baodi.removed


def test_fixture_style_and_comments_are_not_text(baodi):
    assert "TRS_Editor" not in baodi.text and "font-family" not in baodi.text and "TRS_EDITOR" not in baodi.text


def test_fixture_nothing_visible_vanishes(baodi):
    """Every visible text of the page is in the text or in `removed` (a second walk, by selectolax itself)."""
    tree = LexborHTMLParser(decode_html(FIXTURE.read_bytes(), FIXTURE.name))
    kept = compact(baodi.text) + "".join(compact(text) for text, _ in baodi.removed)
    for node in tree.body.traverse(include_text=True):
        if not node.is_text_node or node.parent.tag in ("script", "style"):
            continue
        visible = compact(node.text_content)
        if re.search(r"\w", visible):
            assert visible in kept, visible


def test_read_source_reads_the_fixture_as_html():
    source = read_source(FIXTURE)
    assert source.format == "html"
    assert source.metadata == BAODI_METADATA
    assert ("津ICP备05004382号-1" in "".join(text for text, _ in source.removed))


# --- metadata layouts ---------------------------------------------------------------------------

ARTICLE = f'<div id="zoom"><p>{PARAGRAPH}</p></div>'


@pytest.mark.parametrize(
    "layout, expected",
    [
        pytest.param(
            "<table><tr><th>索引号</th><td>11120115MB1A11547X/2023-00412</td><th>发布机构</th><td>天津市宝坻区人民政府</td></tr>"
            "<tr><th>成文日期</th><td> 2023-05-25 </td><th>发文日期</th><td>2023-06-02</td></tr></table>",
            {"索引号": "11120115MB1A11547X/2023-00412", "发布机构": "天津市宝坻区人民政府", "成文日期": "2023-05-25", "发文日期": "2023-06-02"},
            id="table th/td",
        ),
        pytest.param(
            '<div class="xxgk"><div><span>索 引 号：</span><span>000014349/2023-00041</span></div>'
            "<div><span>发 布 机 构：</span><span>天津市宝坻区发展和改革委员会</span></div>"
            "<div><span>发文字号：</span><span>宝坻发改〔2023〕12号</span></div>"
            "<div><span>有 效 性：</span><span>有效</span></div></div>",
            {"索引号": "000014349/2023-00041", "发布机构": "天津市宝坻区发展和改革委员会", "发文字号": "宝坻发改〔2023〕12号", "有效性": "有效"},
            id="div/span, spaced labels, full-width colons",
        ),
        pytest.param(
            "<ul class=\"info\"><li>索引号:11120115MB1A11547X/2023-00412</li><li>主题分类：环境监测、保护与治理</li>"
            "<li>发布日期：2023-06-02</li></ul>",
            {"索引号": "11120115MB1A11547X/2023-00412", "主题分类": "环境监测、保护与治理", "发文日期": "2023-06-02"},
            id="label and value in one element, 发布日期 as 发文日期",
        ),
        pytest.param(
            "<div class=\"meta\"><p>发文机关：天津市宝坻区人民政府　　成文日期：2023年05月25日</p>"
            "<p>标　　题：关于印发碳达峰实施方案的通知</p><p>发文字号：宝坻政发〔2023〕5号</p></div>",
            {"发布机构": "天津市宝坻区人民政府", "成文日期": "2023年05月25日", "发文字号": "宝坻政发〔2023〕5号"},
            id="two fields in one line, an unknown label between",
        ),
    ],
)
def test_metadata_layouts(layout, expected):
    result = extract_html(page(layout + ARTICLE), "x.html")
    assert result.metadata == expected
    assert result.text.strip().endswith(PARAGRAPH)
    assert "索引号" not in result.text and "发文字号" not in result.text
    assert all(reason == "metadata table" for text, reason in result.removed if "2023" in text)


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["索 引 号：\t11120115MB1A11547X/2023-00412"], {"索引号": "11120115MB1A11547X/2023-00412"}),
        (["名\u3000\u3000称：\t关于印发…的通知\t有 效 性：\t有效"], {"有效性": "有效"}),
        (["发布日期：2023-06-02", "发文日期：2023-06-03"], {"发文日期": "2023-06-02"}),
        (["主题分类：\t环境监测、保护与治理\t其他"], {"主题分类": "环境监测、保护与治理 其他"}),
        (["有效性：\t"], {}),
    ],
)
def test_parse_metadata(lines, expected):
    assert parse_metadata(lines) == expected


def test_no_metadata_table_gives_empty_metadata():
    result = extract_html(page("<div>发布日期：2023-06-02</div>" + ARTICLE), "x.html")
    assert result.metadata == {}
    assert ("发布日期：2023-06-02", "site chrome: article info") in result.removed


# --- encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "meta",
    ['<meta charset="gb2312">', '<meta http-equiv="Content-Type" content="text/html; charset=GB2312">', '<meta charset="GBK">'],
)
def test_gb2312_page_with_gb18030_only_characters(meta):
    """䶮 and 𠮷 are outside GBK (four bytes in GB18030); 喆 is outside GB2312."""
    text = f"<html><head>{meta}</head><body><div class=\"TRS_Editor\"><p>{PARAGRAPH}刘䶮、𠮷野家、王喆</p></div></body></html>"
    result = extract_html(text.encode("gb18030"), "gb.html")
    assert "刘䶮、𠮷野家、王喆" in result.text


def test_utf8_copy_that_kept_its_gb2312_declaration():
    text = f'<html><head><meta charset="gb2312"></head><body><div id="zoom"><p>{PARAGRAPH}</p></div></body></html>'
    assert PARAGRAPH in extract_html(text.encode("utf-8"), "x.html").text


def test_undeclared_gbk_page_is_guessed():
    text = f'<html><head><title>宝坻区</title></head><body><div id="zoom">{"".join(f"<p>{PARAGRAPH}</p>" for _ in range(5))}</div></body></html>'
    assert PARAGRAPH in extract_html(text.encode("gbk"), "x.html").text


@pytest.mark.parametrize(
    "head, codec",
    [
        (b'<meta charset="gb2312">', "gb18030"),
        (b"<meta charset='utf-8'>", "utf-8"),
        (b'<meta http-equiv="content-type" content="text/html;charset=gbk" />', "gb18030"),
        (b'<?xml version="1.0" encoding="GB2312"?>', "gb18030"),
        (b'<meta charset="no-such-charset">', None),
        (b"<title>none</title>", None),
    ],
)
def test_declared_charset(head, codec):
    assert declared_charset(b"<html><head>" + head + b"</head><body></body></html>") == codec


# --- text rendering ----------------------------------------------------------------------------


def test_script_and_entities_in_the_article():
    body = (
        f'<div class="TRS_Editor"><p>{PARAGRAPH}</p><script>alert(1)</script>'
        "<p>模板写法&#123;&#123; x &#125;&#125;与标签&lt;img onerror&gt;照原样显示。</p>"
        "<style>p { color: red }</style><noscript>请启用脚本</noscript></div>"
    )
    result = extract_html(page(body), "x.html")
    assert "alert" not in result.text and "color" not in result.text and "请启用脚本" not in result.text
    assert "模板写法{{ x }}与标签<img onerror>照原样显示。" in result.text
    assert ("alert(1)", "script") in result.removed
    assert ("请启用脚本", "noscript") in result.removed


def test_blocks_breaks_and_tables_in_the_article():
    body = (
        f'<div id="zoom"><p>{PARAGRAPH}</p><p>第一行<br>第二行</p>'
        "<div>推动工业\n      绿色低碳发展</div>"
        "<table><tr><td>序号</td><td>项目名称</td><td>责任单位</td></tr>"
        "<tr><td>1</td><td><p>分布式光伏</p><p>试点</p></td><td>区发展改革委</td></tr></table>"
        '<p><img src="/upload/2023/chart.png"></p></div>'
    )
    result = extract_html(page(body), "x.html")
    lines = result.text.splitlines()
    assert lines[-5:] == ["第一行", "第二行", "推动工业绿色低碳发展", "序号\t项目名称\t责任单位", "1\t分布式光伏 试点\t区发展改革委"]
    assert ("chart.png", "image") in result.removed


def test_keyword_link_stays_inside_its_line():
    body = f'<div id="zoom"><p>为深入贯彻落实关于<a href="/search?q=碳达峰" class="keyword">碳达峰</a>、碳中和重大战略决策部署。{PARAGRAPH}</p></div>'
    assert extract_html(page(body), "x.html").text.splitlines()[-1].startswith("为深入贯彻落实关于碳达峰、碳中和")


def test_widget_lines_inside_the_article_are_removed():
    body = f'<div id="zoom"><p>{PARAGRAPH}</p><p>【打印本页】 【关闭窗口】</p><div>字号：大 中 小</div></div>'
    result = extract_html(page(body), "x.html")
    assert "打印" not in result.text and "字号" not in result.text
    assert ("【打印本页】 【关闭窗口】", "site chrome: widget") in result.removed


def test_hidden_elements_are_recorded():
    body = f'<div id="zoom"><p>{PARAGRAPH}</p><p style="display: none">隐藏的推广文字</p></div>'
    result = extract_html(page(body), "x.html")
    assert "隐藏的推广文字" not in result.text
    assert ("隐藏的推广文字", "hidden element") in result.removed


# --- title and article choice -------------------------------------------------------------------


@pytest.mark.parametrize(
    "head", ['<meta charset="utf-8"><meta name="SiteName" content="天津市宝坻区人民政府">', '<meta charset="utf-8">'],
    ids=["site name declared", "no site name"],
)
def test_title_from_h1_is_put_first(head):
    body = f'<div class="header"><h1>天津市宝坻区人民政府</h1></div><h1>关于印发宝坻区碳达峰实施方案的通知</h1><div id="zoom"><p>{PARAGRAPH}</p></div>'
    result = extract_html(page(body, head), "x.html")
    assert result.text.splitlines() == ["关于印发宝坻区碳达峰实施方案的通知", PARAGRAPH]
    assert ("天津市宝坻区人民政府", "site chrome: header") in result.removed


def test_title_from_title_element_without_site_name():
    result = extract_html(page(f'<div id="zoom"><p>{PARAGRAPH}</p></div>'), "x.html")
    assert result.text.splitlines()[0] == "测试页面"


def test_no_title_when_the_page_names_only_the_site():
    head = '<meta charset="utf-8"><meta name="SiteName" content="天津市宝坻区人民政府"><title>天津市宝坻区人民政府</title>'
    assert extract_html(page(f'<div id="zoom"><p>{PARAGRAPH}</p></div>', head), "x.html").text == PARAGRAPH + "\n"


def test_title_not_repeated_when_the_body_starts_with_it():
    body = f'<h1 class="article-title">关于印发 宝坻区碳达峰实施方案的通知</h1><div id="zoom"><p>关于印发</p><p>宝坻区碳达峰实施方案的通知</p><p>{PARAGRAPH}</p></div>'
    result = extract_html(page(body), "x.html")
    assert result.text.splitlines()[:2] == ["关于印发", "宝坻区碳达峰实施方案的通知"]
    assert all("关于印发" not in text for text, _ in result.removed)


def test_nested_containers_take_the_one_with_the_text():
    body = f'<div id="zoom"><div class="TRS_Editor"><p>{PARAGRAPH}</p></div></div><div class="view"><p>推荐阅读</p></div>'
    result = extract_html(page(body), "x.html")
    assert PARAGRAPH in result.text and "推荐阅读" not in result.text


def test_without_a_known_container_the_paragraphs_decide():
    body = (
        '<div class="footer"><p>主办单位：天津市宝坻区人民政府办公室，版权所有：天津市宝坻区人民政府，网站标识码1201150001，'
        "联系电话022-29241234，地址天津市宝坻区南三路</p></div>"
        f'<div class="main"><div class="wz"><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div></div>'
    )
    result = extract_html(page(body), "x.html")
    assert result.text.count(PARAGRAPH) == 2 and "主办单位" not in result.text


# --- bad input ----------------------------------------------------------------------------------


def test_broken_utf8_after_a_byte_order_mark():
    with pytest.raises(SourceError, match="x.html: .*byte-order mark"):
        extract_html(b"\xef\xbb\xbf<p>" + "宝坻".encode("gbk") + b"</p>", "x.html")


def test_bytes_that_are_not_html():
    with pytest.raises(SourceError) as error:
        extract_html("天津市宝坻区碳达峰实施方案\n一、总体要求\n".encode("utf-8"), "plan.html")
    assert error.value.file == "plan.html" and "no HTML tags" in str(error.value)


@pytest.mark.parametrize(
    "body",
    [
        '<div class="nav"><a>首页</a></div><div id="zoom"></div><div class="footer"><p>版权所有：天津市宝坻区人民政府</p></div>',
        '<div class="TRS_Editor"><p>详见附件。</p><a href="P020230602.pdf">附件：天津市宝坻区碳达峰实施方案.pdf</a></div>',
        "<div><script>document.write('正文由脚本载入')</script></div>",
    ],
    ids=["empty container", "attachment only", "script only"],
)
def test_page_without_article_text(body):
    with pytest.raises(SourceError) as error:
        extract_html(page(body), "list.html")
    assert error.value.file == "list.html" and "no article text" in str(error.value)
