"""Web page (HTML bytes) -> plan text, the 政务公开 metadata table, and the site chrome that was dropped.

Parser: selectolax's Lexbor backend. Lexbor implements the WHATWG HTML parsing algorithm, so broken
markup (unclosed ``<p>``, ``<font>`` soup, stray ``</div>``) becomes the same tree a browser builds,
and entities (``&lt;img onerror&gt;``) come out as the characters a reader sees. It is one binary
wheel without system libraries and is fast enough to walk a 2 MB page in milliseconds.
lxml's HTML parser (libxml2) follows older, non-browser recovery rules, and BeautifulSoup is a
slower layer over such a parser. trafilatura was not taken: it pulls a dozen packages (lxml,
htmldate, justext, courlan, …), is tuned for news pages, reshapes tables, and does not say what it
dropped, while this reader must list every dropped block and must read the 政务公开 table itself.

The page is read in one walk: every visible line is given a zone (the article, the metadata table,
the title, or a kind of site chrome); article lines become the text, the rest go to ``removed``
with a reason, so nothing visible is lost silently.

Decoding the page's bytes is ``charset.py``; the 政务公开 table's labels and the reading of its lines
into fields are ``govinfo.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from build_tools.errors import SourceError
from build_tools.ingest.charset import decode_html, declared_charset  # noqa: F401  (declared_charset: re-exported)
from build_tools.ingest.govinfo import CJK, KNOWN_LABEL, METADATA_LABELS, MIN_METADATA_LABELS, parse_metadata

CJK_CHAR = re.compile(f"[{CJK}]")
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201d"
# 推动工业\n    绿色低碳 -> 推动工业绿色低碳 (a source line break between Chinese characters is no space)
CJK_SEGMENT_BREAK = re.compile(f"(?<=[{CJK}{CJK_PUNCT}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{CJK}{CJK_PUNCT}])")
ASCII_SPACE_RUN = re.compile(r"[ \t\n\r\f\v]+")
WORD = re.compile(r"\w")

# <p>, <!DOCTYPE html>, </div>  (but not "PM2.5<35" in a text file)
HTML_TAG = re.compile(r"<(?:!doctype\b|/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>)", re.I)

# containers that hold the article on Chinese government portals (TRS, 开普云 UCAP, …)
ARTICLE_CLASSES = {"trs_editor", "trs_ueditor", "article-content", "pages_content", "view"}
ARTICLE_IDS = {"zoom", "ucap-content"}
# fewer Chinese characters than this is no article (a plan has thousands; "详见附件" has four)
MIN_ARTICLE_CJK = 50
TITLE_CLASSES = {"article-title", "article_title"}
# 天津市宝坻区人民政府关于印发…的通知_政策文件_天津市宝坻区人民政府
TITLE_SEPARATOR = re.compile(r"\s*[_|｜]\s*|\s+[-－–—]\s+")

ARTICLE, METADATA, TITLE, HIDDEN = "article", "metadata", "title", "hidden"
NAVIGATION, FOOTER, WIDGET, HEADER, SIDEBAR, ARTICLE_INFO = (
    "navigation", "footer", "widget", "header", "sidebar", "article info")
ROLE_BY_TAG = {"nav": NAVIGATION, "footer": FOOTER, "header": HEADER, "aside": SIDEBAR}
# the chrome role an element's id or class names give it: <div class="qr-code">, <ul class="nav">, <div id="footer">
ROLE_BY_NAME = (
    (WIDGET, re.compile(r"weather|tianqi|qr-?code|qrcode|erweima|ewm|share|print|font-?size|zihao|tool")),
    (NAVIGATION, re.compile(r"nav|menu|breadcrumb|crumb|position|location|dqwz")),
    (FOOTER, re.compile(r"foot|bottom|copyright")),
    (SIDEBAR, re.compile(r"side|related|xgwj")),
    (HEADER, re.compile(r"header|(?<![a-z])top(?![a-z])|banner|logo")),
)
# the chrome role a line's own words give it, checked before the element's role
ROLE_BY_TEXT = (
    # 主办单位：天津市宝坻区人民政府办公室 / 津ICP备05004382号 / 网站标识码：1201150001
    (FOOTER, re.compile(r"主办单位|承办单位|版权所有|ICP备|ICP证|公网安备|公安备案|网站标识码|联系电话|联系我们|网站地图|技术支持|Copyright|©", re.I)),
    # 发布时间：2023-06-02 来源：天津市宝坻区人民政府
    (ARTICLE_INFO, re.compile(r"(?:发布时间|发布日期|来源|浏览次数|阅读次数|点击数|访问量)[:：]")),
    # 扫一扫在手机打开当前页 / 【打印本页】【关闭窗口】 / 字号：大 中 小 / 宝坻 晴 18℃~29℃
    (WIDGET, re.compile(r"扫一扫|手机打开|打印|关闭窗口|关闭本页|字号|天气|℃|°C|分享到|收藏|设为首页|无障碍|长者模式|适老|繁體|繁体版")),
    # 当前位置：首页 > 政务公开 > 政策文件
    (NAVIGATION, re.compile(r"当前位置|^首页\s*[>＞»/]")),
)
_WIDGET_WORDS = r"扫一扫在手机打开当前页|打印本页|打印|关闭窗口|关闭本页|关闭|分享到[:：]?|字号[:：]?(?:\s*[大中小](?![\u4e00-\u9fff]))*"
# a whole line of widget words inside the article: 【打印本页】 【关闭窗口】 / 字号：大 中 小
WIDGET_LINE = re.compile(rf"^(?:[\s【】\[\]|｜]*(?:{_WIDGET_WORDS}))+[\s【】\[\]|｜]*$")

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "option",
    "p", "pre", "section", "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "ul",
}
# never shown as text; script and noscript are recorded in `removed`, the rest is not text at all
SILENT_TAGS = {"style", "template", "head", "title", "meta", "link", "iframe", "object", "embed", "canvas",
               "video", "audio"}
SCRIPT_RECORD_LENGTH = 200


@dataclass(frozen=True)
class WebPage:
    text: str
    """The article, one paragraph or table row per line, title first."""
    metadata: dict[str, str] = field(default_factory=dict)
    """The 政务公开 table by canonical label: 索引号, 发布机构, 发文字号, 成文日期, 发文日期, 主题分类, 有效性."""
    removed: list[tuple[str, str]] = field(default_factory=list)
    """(text, reason) for every visible block left out of ``text``, in page order (an image or script
    after the line it stands in)."""
    url: str | None = None
    """The page's own address, where it states one (``page_address``)."""


def extract_html(data: bytes, file: str) -> WebPage:
    """A saved government web page -> its plan text, 政务公开 metadata and the dropped site chrome."""
    html = decode_html(data, file)
    if not HTML_TAG.search(html):
        raise SourceError(file, "not an HTML page: it has no HTML tags; is it a text file saved with an .html suffix?")
    tree = LexborHTMLParser(html)
    body = tree.body
    article = find_article(body) if body is not None else None
    if article is None:
        raise SourceError(
            file,
            f"no article text found: no div.TRS_Editor, div#zoom or similar container and no <p> paragraphs "
            f"outside the site chrome hold {MIN_ARTICLE_CJK} Chinese characters; is the plan in an attachment "
            "(PDF, Word) or loaded by a script?",
        )
    metadata_block = find_metadata_block(body, article)
    title, title_node = find_title(tree, article)
    renderer = _Renderer(article, metadata_block, title_node, _data_tables(body, article))
    renderer.render(body)

    lines: list[str] = []
    metadata_lines: list[str] = []
    removed: list[tuple[str, str]] = []
    for zone, line, reason in renderer.items:
        if reason is not None:
            removed.append((line, reason))
        elif zone == ARTICLE:
            if WIDGET_LINE.match(line):
                removed.append((line, f"site chrome: {WIDGET}"))
            else:
                lines.append(line)
        elif zone == METADATA:
            metadata_lines.append(line)
            removed.append((line, "metadata table"))
        elif zone == TITLE:
            continue  # the title goes to the text below
        elif WORD.search(line):  # a line of separators ("|", "》") is no text block
            removed.append((line, "hidden element" if zone == HIDDEN else chrome_reason(zone, line)))
    if not any(CJK_CHAR.search(line) for line in lines):
        raise SourceError(file, "no article text found: the article container holds no Chinese text")
    if title and not _compact("".join(lines)).startswith(_compact(title)):
        lines.insert(0, title)
    return WebPage(text="\n".join(lines) + "\n", metadata=parse_metadata(metadata_lines), removed=removed, url=page_address(tree, html))


# a browser's "save page" note at the top of the file: <!-- saved from url=(0063)https://www.tjxq.gov.cn/… -->
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)
ABSOLUTE_URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+(?:/\S*)?$")


def page_address(tree: LexborHTMLParser, html: str) -> str | None:
    """Where a saved page says it lives, in this order: ``<link rel="canonical" href>``, ``<meta
    property="og:url">``, a browser's ``<!-- saved from url=(…)… -->`` note. Only an absolute http(s)
    address counts (a relative ``/art/2023/…`` names no site); none -> None, never a guess."""
    candidates = [node.attributes.get("href") for node in tree.css("link")
                  if "canonical" in (node.attributes.get("rel") or "").lower().split()]
    candidates.append(_meta(tree, "og:url"))
    saved = SAVED_FROM.search(html[:4096])
    candidates.append(saved.group(1) if saved else None)
    for candidate in candidates:
        if candidate and ABSOLUTE_URL.match(candidate.strip()):
            return candidate.strip()
    return None


def find_article(body: LexborNode) -> LexborNode | None:
    """The element holding the plan: div.TRS_Editor, div#zoom, … with the most Chinese text (the inner one
    when nested ones hold the same), else the parent of the <p> elements with the most Chinese text."""
    best, best_count = None, 0
    for node in body.traverse():
        if not _is_article_container(node):
            continue
        count = visible_cjk(node)
        if count > best_count or (count == best_count and best is not None and _is_inside(node, best)):
            best, best_count = node, count
    if best is not None and best_count >= MIN_ARTICLE_CJK:
        return best
    scores: dict[int, tuple[LexborNode, int]] = {}
    for node in body.traverse(include_text=True):
        if node.is_text_node:
            count = len(CJK_CHAR.findall(node.text_content or ""))
            parent = node.parent
        elif node.tag == "p":
            count = visible_cjk(node)
            parent = node.parent
        else:
            continue
        if count == 0 or parent is None or parent.tag in ("script", "style", "noscript", "template"):
            continue
        if node.is_text_node and parent.tag == "p":
            continue  # counted with the <p>
        previous = scores.get(parent.mem_id, (parent, 0))[1]
        scores[parent.mem_id] = (parent, previous + count)
    candidates = [(count, node) for node, count in scores.values() if not _in_chrome(node)]
    if not candidates:
        return None
    count, node = max(candidates, key=lambda pair: pair[0])
    return node if count >= MIN_ARTICLE_CJK else None


def find_metadata_block(body: LexborNode, article: LexborNode) -> LexborNode | None:
    """The innermost element holding the most 政务公开 labels (索引号, 发布机构, …), never the article or
    an element around it; None when no element holds two labels."""
    around_article = {node.mem_id for node in _ancestors(article, include_self=True)}
    labels_in: dict[int, set[str]] = {}
    nodes: dict[int, tuple[LexborNode, int]] = {}
    for text in body.traverse(include_text=True):
        if not text.is_text_node or text.parent is None or text.parent.tag in ("script", "style"):
            continue
        found = KNOWN_LABEL.match(text.text_content or "")
        if not found:
            continue
        label = METADATA_LABELS[re.sub(r"\s+", "", found.group("label"))]
        chain = list(_ancestors(text.parent, include_self=True))
        for index, node in enumerate(chain):
            if node.mem_id in around_article:
                break
            labels_in.setdefault(node.mem_id, set()).add(label)
            nodes[node.mem_id] = (node, len(chain) - index)
    if not labels_in:
        return None
    key = max(labels_in, key=lambda mem_id: (len(labels_in[mem_id]), nodes[mem_id][1]))
    return nodes[key][0] if len(labels_in[key]) >= MIN_METADATA_LABELS else None


def find_title(tree: LexborHTMLParser, article: LexborNode) -> tuple[str | None, LexborNode | None]:
    """The article title and the element outside the article that shows it.

    From ``<meta name="ArticleTitle">`` (政府网站 pages carry it), ``.article-title``, an ``<h1>`` that is
    not the site name, or ``<title>`` without the site name:
    ``关于印发…的通知_政策文件_天津市宝坻区人民政府`` -> ``关于印发…的通知``.
    """
    site_name = _meta(tree, "SiteName") or _meta(tree, "og:site_name")
    around_article = {node.mem_id for node in _ancestors(article, include_self=True)}
    shown = [
        node for node in tree.body.traverse()
        if (node.tag == "h1" or _classes(node) & TITLE_CLASSES)
        and not _is_inside(node, article) and node.mem_id not in around_article
    ]
    title = _meta(tree, "ArticleTitle")
    if not title:
        for node in shown:
            if _in_chrome(node) and not _classes(node) & TITLE_CLASSES:
                continue  # <div class="header"><h1>天津市宝坻区人民政府</h1> is the site's logo
            text = _line(node.text())
            if len(CJK_CHAR.findall(text)) >= 4 and text != site_name:
                title = text
                break
    if not title:
        head_title = tree.css_first("title")
        segments = [s for s in TITLE_SEPARATOR.split(_line(head_title.text())) if s] if head_title else []
        if len(segments) > 1:  # the site name, or else the last segment, is not the title
            segments = [s for s in segments if s != site_name] if site_name in segments else segments[:-1]
        title = max(segments, key=len, default=None)
    if not title or title == site_name:
        return None, None
    node = next((n for n in shown if _compact(n.text()) == _compact(title)), None)
    return title, node


def chrome_reason(zone: str | None, line: str) -> str:
    """The reason a line outside the article was dropped: its own words first (主办单位 -> footer), then
    the role of the element around it (``<ul class="nav">`` -> navigation)."""
    for role, pattern in ROLE_BY_TEXT:
        if pattern.search(line):
            return f"site chrome: {role}"
    return f"site chrome: {zone or 'other'}"


def visible_cjk(node: LexborNode) -> int:
    """Chinese characters a reader sees in the element (not those in its scripts and styles)."""
    count = len(CJK_CHAR.findall(node.text(deep=True)))
    for hidden in node.css("script, style, noscript, template"):
        count -= len(CJK_CHAR.findall(hidden.text(deep=True)))
    return count


class _Renderer:
    """Walks the page once and emits (zone, line, None) for visible lines and (zone, text, reason)
    for what is recorded at once (images, scripts); block elements and <br> end lines, a data table
    row is one line with its cells joined by a tab."""

    def __init__(self, article: LexborNode, metadata: LexborNode | None, title: LexborNode | None, data_tables: set[int]):
        self.article_id = article.mem_id
        self.metadata_id = metadata.mem_id if metadata is not None else None
        self.title_id = title.mem_id if title is not None else None
        self.data_tables = data_tables
        self.items: list[tuple[str | None, str, str | None]] = []
        self._parts: list[str] = []
        self._zone: str | None = None
        self._pending: list[tuple[str | None, str, str | None]] = []
        self._tables: list[bool] = []
        self._row: list[str] | None = None
        self._row_zone: str | None = None
        self._cell: list[str] | None = None
        self._pre = 0

    def render(self, root: LexborNode) -> None:
        stack: list[tuple[LexborNode, str | None, bool]] = [(root, self._zone_of(root, None), False)]
        while stack:  # iterative: pages with thousands of unclosed tags nest deeper than Python recursion
            node, zone, leaving = stack.pop()
            if leaving:
                self._leave(node)
            elif node.is_text_node:
                self._add_text(node.text_content or "", zone)
            elif node.is_element_node:
                tag = node.tag
                if tag in SILENT_TAGS:
                    continue
                if tag in ("script", "noscript", "svg", "img", "input", "br", "hr"):
                    self._add_special(node, tag, zone)
                    continue
                inner = self._zone_of(node, zone)
                self._enter(node, tag, inner)
                stack.append((node, inner, True))
                stack.extend((child, inner, False) for child in reversed(list(node.iter(include_text=True))))
        self._flush()

    def _zone_of(self, node: LexborNode, outer: str | None) -> str | None:
        if node.mem_id == self.article_id:
            return ARTICLE
        if node.mem_id == self.metadata_id:
            return METADATA
        if _is_hidden(node):
            return HIDDEN
        if node.mem_id == self.title_id:
            return TITLE
        if outer in (ARTICLE, METADATA, TITLE, HIDDEN):
            return outer
        return _role(node) or outer

    def _enter(self, node: LexborNode, tag: str, zone: str | None) -> None:
        if tag == "table":
            self._break()
            self._tables.append(node.mem_id in self.data_tables)
        elif tag == "tr" and self._in_data_table():
            self._flush()
            self._row, self._row_zone = [], zone
        elif tag in ("td", "th") and self._row is not None and self._in_data_table():
            self._cell = []
        elif tag in BLOCK_TAGS:
            self._break()
        if tag in ("pre", "textarea"):
            self._pre += 1

    def _leave(self, node: LexborNode) -> None:
        tag = node.tag
        if tag in ("pre", "textarea"):
            self._pre -= 1
        if tag == "table":
            if self._tables:
                self._tables.pop()
            self._break()
        elif tag in ("td", "th") and self._cell is not None and self._in_data_table():
            self._row.append(_line("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._in_data_table():
            if any(self._row):
                self.items.append((self._row_zone, "\t".join(self._row), None))
            self._row = None
            self.items.extend(self._pending)
            self._pending.clear()
        elif tag in BLOCK_TAGS:
            self._break()

    def _add_text(self, text: str, zone: str | None) -> None:
        if self._pre:  # <pre>: the source's line breaks are the page's
            for index, piece in enumerate(text.split("\n")):
                if index:
                    self._break()
                self._append(piece, zone)
            return
        self._append(CJK_SEGMENT_BREAK.sub("", text), zone)

    def _append(self, text: str, zone: str | None) -> None:
        if self._cell is not None:
            self._cell.append(text)
            return
        if zone != self._zone and self._parts:
            self._flush()
        self._zone = zone
        self._parts.append(text)

    def _add_special(self, node: LexborNode, tag: str, zone: str | None) -> None:
        """<br> and <hr> end a line; images, scripts, buttons and text boxes are recorded."""
        attrs = node.attributes
        if tag in ("br", "hr"):
            self._break()
        elif tag == "script":
            code = ASCII_SPACE_RUN.sub(" ", node.text(deep=True)).strip()
            if code:
                short = code if len(code) <= SCRIPT_RECORD_LENGTH else code[:SCRIPT_RECORD_LENGTH] + "…"
                self._pending.append((zone, short, "script"))
        elif tag == "noscript":
            text = _line(node.text(deep=True))
            if text:
                self._pending.append((zone, text, "noscript"))
        elif tag in ("img", "svg") or (tag == "input" and (attrs.get("type") or "").lower() == "image"):
            name = _line(attrs.get("alt") or attrs.get("title") or (node.text(deep=True) if tag == "svg" else ""))
            src = (attrs.get("src") or "").strip()
            if not name and src and not src.startswith("data:"):
                name = src.split("?")[0].split("#")[0].rstrip("/").rsplit("/", 1)[-1]
            if name:
                self._pending.append((zone, name, "image"))
        elif tag == "input" and (attrs.get("type") or "text").lower() != "hidden":
            shown = _line(attrs.get("value") or attrs.get("placeholder") or "")
            if shown:  # a button or search box: chrome even inside the article
                reason = chrome_reason(WIDGET if zone == ARTICLE else zone, shown)
                self._pending.append((zone, shown, "hidden element" if zone == HIDDEN else reason))

    def _in_data_table(self) -> bool:
        return bool(self._tables) and self._tables[-1]

    def _break(self) -> None:
        if self._cell is not None:
            self._cell.append(" ")
        else:
            self._flush()

    def _flush(self) -> None:
        text = _line("".join(self._parts))
        if text:
            self.items.append((self._zone, text, None))
        self._parts.clear()
        self.items.extend(self._pending)
        self._pending.clear()


def _data_tables(body: LexborNode, article: LexborNode) -> set[int]:
    """Tables read row by row: those holding no other table and not the article (a layout table)."""
    around_article = {node.mem_id for node in _ancestors(article, include_self=True)}
    return {
        table.mem_id for table in body.css("table")
        if table.mem_id not in around_article and len(table.css("table")) == 1  # css() matches the table itself
    }


def _role(node: LexborNode) -> str | None:
    """``<nav>`` / ``<div class="footer">`` / ``<div id="weather">`` -> the chrome role, else None."""
    if node.tag in ("html", "body"):  # <body class="page-sidebar"> says nothing about its parts
        return None
    role = ROLE_BY_TAG.get(node.tag)
    if role:
        return role
    attrs = node.attributes
    names = f"{attrs.get('id') or ''} {attrs.get('class') or ''}".lower()
    if not names.strip():
        return None
    for role, pattern in ROLE_BY_NAME:
        if pattern.search(names):
            return role
    return None


def _in_chrome(node: LexborNode) -> bool:
    return any(_role(a) for a in _ancestors(node, include_self=True))


def _is_hidden(node: LexborNode) -> bool:
    """``hidden`` or an inline ``display:none`` / ``visibility:hidden`` style."""
    attrs = node.attributes
    if "hidden" in attrs:
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _is_article_container(node: LexborNode) -> bool:
    return bool(_classes(node) & ARTICLE_CLASSES) or (node.attributes.get("id") or "").lower() in ARTICLE_IDS


def _classes(node: LexborNode) -> set[str]:
    return set((node.attributes.get("class") or "").lower().split())


def _ancestors(node: LexborNode, include_self: bool = False):
    current = node if include_self else node.parent
    while current is not None and current.is_element_node:
        yield current
        current = current.parent


def _is_inside(node: LexborNode, outer: LexborNode) -> bool:
    return any(a.mem_id == outer.mem_id for a in _ancestors(node))


def _meta(tree: LexborHTMLParser, name: str) -> str | None:
    for node in tree.css("meta"):
        attrs = node.attributes
        if (attrs.get("name") or attrs.get("property") or "").lower() == name.lower():
            content = _line(attrs.get("content") or "")
            if content:
                return content
    return None


def _line(text: str) -> str:
    """Collapse runs of ASCII white space (HTML source formatting) and strip the line."""
    return ASCII_SPACE_RUN.sub(" ", text.replace("\u00a0", " ")).strip()


def _compact(text: str) -> str:
    """Text without white space and book-title marks, to compare a title with the first lines."""
    return re.sub(r"[\s《》〈〉]+", "", text)
