"""Plan titles -> jurisdiction and parent, from the gazetteer or, failing that, the name's suffix."""

import pytest

from build_tools.link.regions import regions_in_title, resolve_region, slugify_name


def summary(title: str):
    region, parent = resolve_region(title)
    return (
        None if region is None else (region.name, region.level, region.slug),
        None if parent is None else (parent.name, parent.level),
    )


@pytest.mark.parametrize(
    ("title", "region", "parent"),
    [
        ("天津市宝坻区碳达峰实施方案", ("宝坻区", "district", "baodi"), ("天津市", "province")),
        ("天津市西青区碳达峰实施方案", ("西青区", "district", "xiqing"), ("天津市", "province")),
        ("天津市南开区碳达峰实施方案", ("南开区", "district", "nankai"), ("天津市", "province")),
        ("天津市滨海新区碳达峰实施方案", ("滨海新区", "district", "binhai"), ("天津市", "province")),
        # 津市市 (Hunan) is not 天津市: parent from the gazetteer
        ("津市市碳达峰实施方案", ("津市市", "county", "jinshi"), ("常德市", "city")),
        ("湖南省常德市津市市碳达峰实施方案", ("津市市", "county", "jinshi"), ("常德市", "city")),
        ("澧县碳达峰实施方案", ("澧县", "county", "lixian"), ("常德市", "city")),
        ("常德市碳达峰实施方案", ("常德市", "city", "changde"), ("湖南省", "province")),
        ("天津市碳达峰实施方案", ("天津市", "province", "tianjin"), None),
        ("内蒙古自治区碳达峰实施方案", ("内蒙古自治区", "province", "neimenggu"), None),
        # not in the gazetteer: recognised by suffix, parent from the title
        ("湖南省汨罗市碳达峰实施方案", ("汨罗市", "city", "miluo"), ("湖南省", "province")),
        ("浙江省杭州市余杭区碳达峰实施方案", ("余杭区", "district", "yuhang"), ("杭州市", "city")),
        # national and sectoral titles name no jurisdiction
        ("2030年前碳达峰行动方案", None, None),
        ("城乡建设领域碳达峰实施方案", None, None),
        ("关于印发碳达峰实施方案的通知", None, None),
        ("高新区碳达峰实施方案", None, None),
    ],
)
def test_resolve_region(title, region, parent):
    assert summary(title) == (region, parent)


@pytest.mark.parametrize(
    ("title", "names"),
    [
        ("天津市宝坻区碳达峰实施方案", ["天津市", "宝坻区"]),
        ("津市市碳达峰实施方案", ["津市市"]),
        ("湖南省常德市津市市碳达峰实施方案", ["湖南省", "常德市", "津市市"]),
        ("2030年前碳达峰行动方案", []),
    ],
)
def test_regions_in_title_outermost_first(title, names):
    assert [region.name for region in regions_in_title(title)] == names


@pytest.mark.parametrize(
    ("name", "slug"),
    [("宝坻区", "baodi"), ("津市市", "jinshi"), ("汨罗市", "miluo"), ("广西壮族自治区", "guangxi"), ("澧县", "li")],
)
def test_slugify_name(name, slug):
    assert slugify_name(name) == slug
