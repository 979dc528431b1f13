"""build_tools/search: tokens, entries, synonyms, shards, phrase verification and ranking."""

from __future__ import annotations

import dataclasses
import random
import zlib
from array import array

import pytest

from build_tools.search.extract import Entry, read_entries
from build_tools.search.index import (DICTIONARY_BYTES, MANIFEST, Page, build_index, build_postings, deflated, dumps, inflated, packed,
                                      sentence_dictionary, split_sentences, unpacked)
from build_tools.search.postings import (choose_bases, decode, decode_relative, decode_varints, encode_postings, encode_relative,
                                         encode_varints, shard_postings)
from build_tools.search.query import Index, RefusedQuery, contains_phrase, search, search_pages
from build_tools.search.synonyms import expand_alias, expand_phrase, stem_of, synonym_groups
from build_tools.search.tokens import normalise, query_parts, stem, token_hash, token_set, tokenise


def tokens_of(text: str) -> list[str]:
    return [token for token, *_ in tokenise(text)]


@pytest.mark.parametrize("text, expected", [
    ("海绵城市", ["海绵", "绵城", "城市"]),
    ("推进垃圾分类。", ["推进", "进垃", "垃圾", "圾分", "分类"]),
    ("光", []),                                      # one character: no token
    ("到2030年前", ["2030", "年前"]),                 # 到 alone gives none
    ("ＣＯ２排放", ["co2", "排放"]),                   # full-width ASCII read as ASCII
    ("Solar PV panels", ["solar", "pv", "panel"]),
    ("photovoltaics and photovoltaic", ["photovoltaic", "and", "photovoltaic"]),
])
def test_tokenise(text, expected):
    assert tokens_of(text) == expected


def test_positions_break_at_punctuation_not_at_spaces():
    positions = {token: position for token, _, _, position in tokenise("海绵，绵城 solar panels")}
    assert positions["绵城"] == positions["海绵"] + 2      # the comma breaks the chain
    assert positions["panel"] == positions["solar"] + 1   # a space does not
    assert [t[1:3] for t in tokenise("推广光伏")] == [(0, 2), (1, 3), (2, 4)]


@pytest.mark.parametrize("word, expected", [
    ("photovoltaics", "photovoltaic"), ("policies", "policy"), ("emissions", "emission"),
    ("buses", "buse"), ("bus", "bus"), ("glass", "glass"), ("analysis", "analysis"), ("gas", "gas"),
])
def test_stem(word, expected):
    assert stem(word) == expected


def test_normalise_keeps_length():
    text = "ＡＢＣ１２３，海绵城市Ｘ"
    assert len(normalise(text)) == len(text)
    assert normalise(text) == "abc123,海绵城市x"


def test_token_hash_is_fnv1a():
    assert token_hash("") == 0x811C9DC5
    assert token_hash("a") == 0xE40C292C  # the published FNV-1a 32-bit value of "a"


@pytest.mark.parametrize("query, expected", [
    ("海绵城市", ["海绵城市"]), ("海绵城市  垃圾分类", ["海绵城市", "垃圾分类"]),
    ('"solar panels" grid', ["solar panels", "grid"]), ('"" ', []),
])
def test_query_parts(query, expected):
    assert query_parts(query) == expected


@pytest.mark.parametrize("alias, expected", [
    ("发展(和|与)?改革", ["发展和改革", "发展与改革", "发展改革"]),
    ("^环境局", ["环境局"]),
    ("环保(局|分局)", ["环保局", "环保分局"]),
    ("领导小组[^，、]*成员单位", []),
    ("^(各|相关)(镇|乡|街)", ["各镇", "各乡", "各街", "相关镇", "相关乡", "相关街"]),
])
def test_expand_alias(alias, expected):
    assert expand_alias(alias) == expected


@pytest.mark.parametrize("form, expected", [("环保局", "环保"), ("环境保护分局", "环境保护"), ("发改", "发改"), ("委办", "委办")])
def test_stem_of(form, expected):
    assert stem_of(form) == expected


def test_agency_abbreviations_expand_to_the_same_phrases():
    groups = synonym_groups()
    expansions = [set(expand_phrase(q, groups)) - {q} for q in ("发改委", "发展改革委", "发展和改革委员会")]
    assert {"发改委", "发展改革委", "发展和改革委"} <= expansions[2]
    assert {"发展改革委", "发展和改革委"} <= expansions[0] and {"发改委", "发展和改革委"} <= expansions[1]
    assert "环保局" in expand_phrase("生态环境局", groups) and "生态环境局" in expand_phrase("环保局", groups)
    assert expand_phrase("环境", groups) == ["环境"]            # a stem without a suffix is a word, not an agency
    assert expand_phrase("区发改委", groups)[1].startswith("区")  # text around the agency is kept
    assert len(dumps(groups)) < 8000                            # small: it travels in the manifest


def test_read_entries_by_deepest_anchor_skipping_excluded():
    html = """<html><body><nav>menu 海绵城市</nav><article class="md-content__inner md-typeset">
    <h1 id="title">某区碳达峰实施方案<a class="headerlink" href="#title">¶</a></h1>
    <p id="s1-p1">推进海绵城市建设。</p>
    <p><a id="s2-1-1" class="segment-anchor"></a></p>
    <h4 class="task-heading" id="t1-1">1．推动垃圾分类<a class="headerlink" href="#t1-1">¶</a></h4>
    <p class="task-text">全面推行生活垃圾分类。</p><div class="task-facts"><a class="agency">区发展改革委</a></div>
    <div class="removed" data-search-exclude><p id="x1">页码 海绵城市</p></div>
    </article></body></html>"""
    title, entries = read_entries(html, "plans/x/")
    assert title == "某区碳达峰实施方案"
    assert [(e.anchor, e.title, e.body) for e in entries] == [
        ("title", "某区碳达峰实施方案", ""),
        ("s1-p1", "", "推进海绵城市建设。"),
        ("t1-1", "1．推动垃圾分类", "全面推行生活垃圾分类。\n区发展改革委"),
    ]
    assert entries[2].heading == "1．推动垃圾分类"


def page(url: str, *entries: tuple[str, str, str], facets: dict | None = None) -> Page:
    return Page(url=url, title=url, entries=[Entry(url=url, anchor=a, title=t, body=b, heading=t) for a, t, b in entries],
                facets=facets or {})


PAGES = [
    page("agencies/x/", ("h", "海绵城市建设", "区住房城乡建设委")),
    page("plans/b/", ("p1", "", "海绵，绵城市"), ("p2", "", "城市海绵"), ("p3", "", "全面推进海绵城市建设"),
         ("p4", "", "区发展和改革委员会牵头"), ("p5", "", "Solar photovoltaics on roofs"),
         facets={"region": ["天津市宝坻区"], "level": ["区级"], "theme": ["城乡建设", "能源"], "year": ["2023"]}),
    page("plans/a/", ("t1-1", "1．建设海绵城市", "正文"), ("p1", "", "区发改委负责"), ("p2", "", "photovoltaic power, solar"),
         facets={"region": ["津市市"], "level": ["县级"], "theme": ["城乡建设"], "year": ["2024"]}),
]


@pytest.fixture(scope="module")
def files():
    return build_index(PAGES, groups=synonym_groups(), lang="zh")


def found(files, query):
    index = Index(files)
    return [(index.entry(hit.entry)["url"], index.entry(hit.entry)["anchor"]) for hit in search(files, query)]


def test_phrase_found_as_written_ranked_plan_title_first(files):
    # not 海绵，绵城市 (the chain breaks at the comma) nor 城市海绵; plan title, plan body, then index page
    assert found(files, "海绵城市") == [("plans/a/", "t1-1"), ("plans/b/", "p3"), ("agencies/x/", "h")]


def test_all_phrases_must_occur(files):
    assert found(files, "海绵城市 推进") == [("plans/b/", "p3")]
    assert found(files, "海绵城市 光伏") == []


def test_abbreviation_finds_the_full_name_and_back(files):
    assert found(files, "发改委") == found(files, "发展和改革委员会") == [("plans/a/", "p1"), ("plans/b/", "p4")]


def test_english_stems_and_quoted_phrases(files):
    assert found(files, "photovoltaic") == [("plans/a/", "p2"), ("plans/b/", "p5")]
    assert found(files, '"solar photovoltaics"') == [("plans/b/", "p5")]   # "photovoltaic power, solar" is not the phrase


def test_single_character_is_refused(files):
    with pytest.raises(RefusedQuery):
        search(files, "光")


def test_index_is_deterministic_and_independent_of_input_order(files):
    assert build_index(list(reversed(PAGES)), groups=synonym_groups(), lang="zh") == files
    manifest = unpacked(files[MANIFEST])
    assert manifest["plan_entries"] == 8 and manifest["entries"] == 9  # plan pages first


def test_postings_round_trip():
    entries = [Entry("u", "a", "", "海绵城市海绵", ""), Entry("u", "b", "城市", "海绵", ""), Entry("u", "c", "", "光伏", "")]
    postings = build_postings(entries)
    assert decode(encode_postings(postings["海绵"])) == {0: False, 1: False}
    assert decode(encode_postings(postings["城市"])) == {0: False, 1: True}   # in the title of entry 1
    assert decode(encode_postings(postings["光伏"])) == {2: False}


def test_entries_come_back_from_the_sentence_store(files):
    index = Index(files)
    texts = [(e["url"], e["anchor"], e["title"], e["text"], e["heading"]) for e in map(index.entry, range(index.manifest["entries"]))]
    assert ("plans/a/", "t1-1", "1．建设海绵城市", "1．建设海绵城市\n正文", "1．建设海绵城市") in texts
    assert ("plans/b/", "p1", "", "海绵，绵城市", "") in texts
    sentences = [s for name in files if name.startswith("t/") for s in index.read(name)]
    assert len(sentences) == len(set(sentences))                      # each sentence stored once
    assert all(data[:2] == b"\x1f\x8b" for name, data in files.items() if not name.startswith("t/"))  # gzip


def test_sentence_chunks_are_deflated_with_a_dictionary_of_the_stores_sentences():
    rng = random.Random(8)
    places, works = ["宝坻区", "武清区", "津南区", "静海区", "蓟州区"], ["海绵城市建设", "垃圾分类", "光伏发电", "绿色建筑", "节能降碳"]
    sentences = [f"{rng.choice(places)}第{n}项：推进{rng.choice(works)}，到{rng.randint(2025, 2035)}年完成。" for n in range(5000)]
    dictionary = sentence_dictionary(sentences)
    text = dictionary.decode("utf-8")
    assert DICTIONARY_BYTES * 0.8 < len(dictionary) <= DICTIONARY_BYTES and "第5项" in text and "第4995项" in text  # the whole store
    chunk = sentences[16:32]
    assert inflated(deflated(chunk, dictionary), dictionary) == chunk
    assert len(deflated(chunk, dictionary)) < (len(packed(chunk)) - 18) * 0.7     # the wording is in the dictionary
    assert sentence_dictionary(["光伏。", "风电。"]) == "光伏。风电。".encode()     # a small store: all of it


@pytest.mark.parametrize("text, expected", [
    ("推进海绵城市建设。到2025年，全面推行；", ["推进海绵城市建设。", "到2025年，全面推行；"]),
    ("标题\n正文", ["标题\n", "正文"]), ("", []),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected
    assert "".join(split_sentences(text)) == text


@pytest.mark.parametrize("text", ["ＣＯ２排放 photovoltaics, buses", "海绵，绵城 solar  panels", "到2030年前", "光", "ＰＭ２．５浓度，下降",
                                  "Ｓｏｌａｒ，光伏！ＰＶ", "推进海绵城市建设。ＣＯ₂"])
def test_token_set_is_the_tokens_of_tokenise(text):
    assert token_set(text) == {token for token, *_ in tokenise(text)}


@pytest.mark.parametrize("text, phrase, expected", [
    ("全面推进海绵城市建设", "海绵城市", True), ("海绵，绵城市", "海绵城市", False),
    ("Solar photovoltaics on roofs", "solar photovoltaic", True), ("photovoltaic power, solar", "solar photovoltaic", False),
    ("ＣＯ２排放", "co2排放", True),
])
def test_contains_phrase(text, phrase, expected):
    assert contains_phrase(text, phrase) is expected


def test_filters_keep_the_pages_of_a_facet(files):
    assert found(files, "海绵城市") == [("plans/a/", "t1-1"), ("plans/b/", "p3"), ("agencies/x/", "h")]
    assert [f for f in found_filtered(files, "海绵城市", {"level": "区级"})] == [("plans/b/", "p3")]
    assert found_filtered(files, "海绵城市", {"theme": "城乡建设"}) == [("plans/a/", "t1-1"), ("plans/b/", "p3")]
    assert found_filtered(files, "海绵城市", {"theme": "城乡建设", "year": "2024"}) == [("plans/a/", "t1-1")]
    assert found_filtered(files, "海绵城市", {"year": "1999"}) == []


def found_filtered(files, query, filters):
    index = Index(files)
    return [(index.entry(hit.entry)["url"], index.entry(hit.entry)["anchor"]) for hit in search(files, query, filters)]


def test_read_page_reads_a_plan_pages_facets():
    from build_tools.search.extract import read_facets

    html = """<article class="md-content__inner"><h1 id="x">某区方案</h1><div class="search-facets" hidden data-search-exclude
    data-facet-region="天津市宝坻区" data-facet-level="区级" data-facet-year="2023" data-facet-theme="能源|工业"></div></article>"""
    assert read_facets(html) == {"region": ["天津市宝坻区"], "level": ["区级"], "theme": ["能源", "工业"], "year": ["2023"]}
    assert read_entries(html, "plans/x/")[1][0].body == ""  # the facets are no text


def test_page_fallback_when_no_passage_holds_every_word(files):
    assert search(files, "建设海绵城市 发改委") == []
    assert search_pages(files, "建设海绵城市 发改委") == [0]   # plans/a/: 建设海绵城市 in t1-1, 区发改委 in p1


def test_shards_are_bounded_and_keyed_by_hash():
    from array import array

    postings = {f"词{i:03d}": array("I", range(0, 80, 2)) for i in range(200)}
    shards, hot = shard_postings(postings, lambda entry: "", mean_bytes=2000)
    assert len(shards) > 1 and len(shards) & (len(shards) - 1) == 0 and hot == []
    assert sum(len(dumps(shard)) for shard in shards) <= 2000 * len(shards) < 2 * sum(len(dumps(shard)) for shard in shards)
    for number, shard in enumerate(shards):
        assert all(token_hash(token) % len(shards) == number for token in shard)
    assert sum(len(s) for s in shards) == 200
    # a token with long postings gets a file of its own; its shard holds the file's number and size
    shards, hot = shard_postings({"碳达": array("I", range(0, 10000, 2)), "峰值": array("I", [2])}, lambda entry: "", hot_bytes=100)
    assert len(shards) == 1 and shards[0]["碳达"] == [0, len(hot[0]), "  "] and decode(hot[0]) == {n: False for n in range(5000)}


def test_a_token_mostly_beside_another_is_written_against_it():
    """碳达 is in 6 of the 10 entries holding 达峰, always as 碳达峰, and in one more: [file, bytes, neighbours,
    base's file, base's bytes]; 峰值, as often in those entries but never beside 达峰, is written alone."""
    entries = sorted(random.Random(8).sample(range(20_000), 1000))
    dafeng = array("I", [2 * n + (i % 100 == 4) for i, n in enumerate(entries)])  # 10 of them with 达峰 in the title
    tanda = array("I", [v for i, v in enumerate(dafeng) if i % 10 < 6] + [2 * 20_001])
    fengzhi = array("I", [v & ~1 for v in tanda])
    postings = {"达峰": dafeng, "碳达": tanda, "峰值": fengzhi, "排放": array("I", [2])}
    beside = {v >> 1 for v in tanda}

    def text_of(entry: int) -> str:
        return "实现碳达峰，峰值" if entry in beside else "达峰"

    shards, hot = shard_postings(postings, text_of, hot_bytes=100, pack=packed)
    assert choose_bases(postings, ["达峰", "碳达", "峰值"], text_of) == ({"碳达": "达峰"}, {"达峰": "  ", "碳达": "现峰", "峰值": "  "})
    base, relative, alone = shards[0]["达峰"], shards[0]["碳达"], shards[0]["峰值"]
    assert relative[3:] == base[:2] and relative[2] == "现峰" and len(relative) == 5 and len(base) == len(alone) == 3
    assert decode_relative(unpacked(hot[relative[0]]), decode(unpacked(hot[base[0]]))) == decode(encode_postings(tanda))
    assert relative[1] < base[1] / 2                        # the subset of the base's entries costs little


@pytest.mark.parametrize("values, base", [
    ([2, 4, 6, 18], [0, 2, 5, 6]),                        # inside, a title differing from the base's, outside
    ([1, 3], [0, 2]),                                      # titles where the base has none
    ([7], [0, 2, 4]),                                      # nothing inside
    ([], [0]),
])
def test_relative_postings_round_trip(values, base):
    position = {value >> 1: index for index, value in enumerate(base)}
    encoded = encode_relative(array("I", values), array("I", base), position)
    assert decode_relative(encoded, decode(encode_postings(array("I", base)))) == decode(encode_postings(array("I", values)))


@pytest.mark.parametrize("numbers, text", [([5, 40, 0], "5e10"), ([31, 32, 1024], "VW1WW1"), ([], "")])
def test_varints(numbers, text):
    assert encode_varints(numbers) == text
    assert decode_varints(text) == numbers
    assert decode_varints(encode_varints([0, 1, 2**20, 2**31 + 7])) == [0, 1, 2**20, 2**31 + 7]


def test_an_entrys_heading_is_its_title_the_row_befores_or_its_sentences():
    """二、重点任务 heads 39 paragraphs across two entry chunks: 0 (its own title), then 1 (the row before's),
    its sentence ids again at the start of the second chunk."""
    from build_tools.search.index import ENTRY_CHUNK

    heading = Entry("plans/x/", "s2", "二、重点任务", "", "二、重点任务")
    paragraphs = [Entry("plans/x/", f"s2-p{n}", "", f"推进第{n}项工作。", "二、重点任务") for n in range(1, 40)]
    files = build_index([Page(url="plans/x/", title="某区方案", entries=[heading, *paragraphs])], groups=[], lang="zh")
    index = Index(files)
    assert [index.entry(n)["heading"] for n in range(40)] == ["二、重点任务"] * 40
    fields = [row[3] for name in ("e/0.json.gz", "e/1.json.gz") for row in unpacked(files[name])["entries"]]
    assert fields[:2] == [0, 1] and set(fields[2:ENTRY_CHUNK]) == {1}
    assert isinstance(fields[ENTRY_CHUNK], str) and set(fields[ENTRY_CHUNK + 1:]) == {1}


def test_the_sites_postings_merged_from_each_pages_own_equal_those_of_all_entries(tmp_path, monkeypatch):
    from build_tools import cache
    from build_tools.search import index

    pages = [page(f"plans/p{n}/", *[(f"t{k}", f"{n}.{k} 推进光伏建设", f"到2025年，光伏装机{n}万千瓦。Solar {k}") for k in range(3)])
             for n in range(4)]
    entries = [entry for page in pages for entry in page.entries]
    expected = build_postings(entries)
    monkeypatch.setattr(cache, "CACHE", tmp_path / "cache")
    monkeypatch.setenv("PLANSITE_CACHE", "on")
    keyed = [dataclasses.replace(page, source=(f"zh:{page.url}", f"digest{n}")) for n, page in enumerate(pages)]
    for _ in range(2):  # cold, then from the cache
        assert index.site_postings(keyed) == expected == index.site_postings(pages)
    made = []
    monkeypatch.setattr(index, "build_postings", lambda entries: made.append(entries) or expected)
    index.site_postings(keyed)
    assert made == []  # every page's postings from the cache
    changed = keyed[:1] + [dataclasses.replace(keyed[1], source=(keyed[1].source[0], "edited"))] + keyed[2:]
    index.site_postings(changed)
    assert made == [keyed[1].entries]  # a page's HTML changed: its entries tokenised again, no other's


def test_pages_are_grouped_where_their_url_says_so_and_a_page_added_moves_no_other_boundary():
    from build_tools.search import index

    pages = [page(f"plans/p{n:03d}/", ("a", "", "光伏")) for n in range(60)]
    groups = index.page_groups(pages, 4)
    assert [p for group in groups for p in group] == pages and len(groups) >= 5
    ends = [group[-1].url for group in groups]
    assert all(zlib.crc32(url.encode()) % 4 == 0 for url in ends[:-1])
    added = pages[:30] + [page("plans/p029a/", ("a", "", "光伏"))] + pages[30:]
    assert {group[-1].url for group in index.page_groups(added, 4)} - {"plans/p029a/"} == set(ends)


def test_the_sites_postings_come_from_groups_cached_by_their_pages_and_offset(tmp_path, monkeypatch):
    """A rebuild after one changed page merges that page's group again and no other; where the page's count
    of entries changed, the groups after it are numbered anew too (their cached postings hold absolute
    entry numbers)."""
    from build_tools import cache
    from build_tools.search import index

    monkeypatch.setattr(cache, "CACHE", tmp_path / "cache")
    monkeypatch.setenv("PLANSITE_CACHE", "on")
    pages = [dataclasses.replace(page(f"plans/p{n:02d}/", *[(f"t{k}", "", f"{n}.{k} 推进光伏建设 Solar {n % 3}") for k in range(1 + n % 3)]),
                                 source=(f"zh:plans/p{n:02d}/", f"digest{n}")) for n in range(40)]
    groups = index.page_groups(pages, 4)
    assert len(groups) >= 4

    def merged_pages() -> list[str]:
        made.clear()
        assert index.site_postings(pages, 4) == build_postings([entry for p in pages for entry in p.entries])
        return made

    made: list[str] = []
    real = index.page_postings
    monkeypatch.setattr(index, "page_postings", lambda p: made.append(p.url) or real(p))
    assert merged_pages() == [p.url for p in pages]  # cold
    assert merged_pages() == []  # every group from the cache
    second = groups[1]
    pages[pages.index(second[0])] = dataclasses.replace(second[0], source=(second[0].source[0], "edited"))
    assert merged_pages() == [p.url for p in second]  # its group, no other
    first = groups[0][0]
    grown = page(first.url, *[(entry.anchor, entry.title, entry.body) for entry in first.entries], ("new", "", "新增光伏"))
    pages[0] = dataclasses.replace(grown, source=(first.source[0], "grown"))
    assert merged_pages() == [p.url for p in pages]  # one more entry: every group after it numbered anew


def test_the_index_memo_gives_the_same_bytes_cold_warm_and_after_a_change(tmp_path, monkeypatch):
    """index.Memo (what the last build of an edition's index gzipped and encoded, by the input's digest):
    the same files as without it, on its first build, its second (from what the first stored) and after one
    page changed; the warm build makes only what changed."""
    from build_tools import cache
    from build_tools.search import index as search_index
    from build_tools.search import postings as postings_module

    monkeypatch.setattr(cache, "CACHE", tmp_path / "cache")
    monkeypatch.setenv("PLANSITE_CACHE", "on")
    rng = random.Random(7)
    words = ["碳达峰", "绿色低碳", "能源结构", "光伏发电", "节能降碳", "区发展改革委", "海绵城市", "循环经济", "推进", "建设"]

    def body() -> str:
        return "，".join(rng.choice(words) for _ in range(10)) + "。"

    pages = [page(f"plans/p{n:03d}/", *[(f"e{k}", "", body()) for k in range(8)]) for n in range(250)]
    plain = build_index(pages, groups=[], lang="zh")
    assert any(name.startswith("h/") for name in plain)  # hot tokens' files (and candidates weighed) are memoised too
    made = []
    real_compress = search_index.gzip.compress

    def compress(data, *args, **kwargs):
        made.append(len(data))
        return real_compress(data, *args, **kwargs)

    monkeypatch.setattr(search_index.gzip, "compress", compress)
    weighed = []  # what the hot tokens' weighing and the sentence chunks make
    for module, name in ((postings_module, "written_beside"), (postings_module, "encode_relative"), (search_index, "deflated")):
        monkeypatch.setattr(module, name, (lambda real, name: lambda *args: weighed.append(name) or real(*args))(getattr(module, name), name))
    for _ in range(2):
        made.clear()
        weighed.clear()
        memo = search_index.Memo("zh:test")
        assert build_index(pages, groups=[], lang="zh", memo=memo) == plain
        memo.save()
        if not memo.before:  # the cold build: hot tokens sampled, written against a base, sentence chunks deflated
            assert {"written_beside", "encode_relative", "deflated"} <= set(weighed)
    # the warm build compressed only what is not memoised (the dictionary of the sentence chunks)
    assert len(made) == 1 and memo.before.keys() == memo.used.keys() and weighed == []
    changed = list(pages)  # one paragraph of one page gets a clause more (a correction)
    entries = [(entry.anchor, entry.title, entry.body) for entry in pages[125].entries]
    entries[3] = (entries[3][0], "", entries[3][2] + "定期评估实施情况。")
    changed[125] = page(pages[125].url, *entries)
    expected = build_index(changed, groups=[], lang="zh")
    made.clear()
    memo = search_index.Memo("zh:test")
    assert build_index(changed, groups=[], lang="zh", memo=memo) == expected
    # what changed: the shards of the new tokens, the files of hot tokens in the page, and the entry chunks
    # from the page on (a new sentence takes the next number in order of appearance: the later ones move)
    assert 1 < len(made) < len([key for key in memo.used if key[:1] == b"p"]) / 2
