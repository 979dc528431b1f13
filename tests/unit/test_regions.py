"""Plan titles -> jurisdiction and parent, from the national gazetteer or, failing that, the name's suffix."""

import pytest

from build_tools.link.names import place_en, region_en
from build_tools.link.regions import regions_in_title, resolve_region, slugify_name
from build_tools.parse.metadata import Metadata
from build_tools.parse.plan import make_plan_id, region_of


def summary(title: str, hints=()):
    region, parent = resolve_region(title, hints)
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
        # every county of the country: the parent is the gazetteer's, not the outer name of the title
        ("湖南省汨罗市碳达峰实施方案", ("汨罗市", "county", "miluo"), ("岳阳市", "city")),
        ("浙江省杭州市余杭区碳达峰实施方案", ("余杭区", "district", "yuhang"), ("杭州市", "city")),
        ("北京市朝阳区碳达峰实施方案", ("朝阳区", "district", "chaoyang"), ("北京市", "province")),
        ("吉林省长春市朝阳区碳达峰实施方案", ("朝阳区", "district", "chaoyang"), ("长春市", "city")),
        ("朝阳县碳达峰实施方案", ("朝阳县", "county", "chaoyang"), ("朝阳市", "city")),
        ("辽宁省朝阳市碳达峰实施方案", ("朝阳市", "city", "chaoyang"), ("辽宁省", "province")),
        ("长阳土家族自治县碳达峰实施方案", ("长阳土家族自治县", "county", "changyang"), ("宜昌市", "city")),
        ("神农架林区碳达峰实施方案", ("神农架林区", "county", "shennongjia"), ("湖北省", "province")),
        # not in the gazetteer (莱芜市 became 济南市莱芜区 in 2019): recognised by suffix, parent from the title
        ("山东省莱芜市碳达峰实施方案", ("莱芜市", "city", "laiwu"), ("山东省", "province")),
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
    [("宝坻区", "baodi"), ("津市市", "jinshi"), ("汨罗市", "miluo"), ("广西壮族自治区", "guangxi"), ("澧县", "lixian"),
     ("朝阳区", "chaoyang")],
)
def test_slugify_name(name, slug):
    assert slugify_name(name) == slug


@pytest.mark.parametrize(
    ("title", "hints", "code"),
    [
        # a bare name several divisions share: the notice or issuer decides, else the first by code
        ("朝阳区碳达峰实施方案", (), "110105"),
        ("朝阳区碳达峰实施方案", ("长春市朝阳区人民政府",), "220104"),
        ("朝阳区碳达峰实施方案", ("关于印发吉林省长春市朝阳区碳达峰实施方案的通知",), "220104"),
        ("通州区碳达峰实施方案", (), "110112"),
        ("通州区碳达峰实施方案", ("南通市通州区人民政府",), "320612"),
        ("江苏省南通市通州区碳达峰实施方案", (), "320612"),
        # the title's own outer name wins over a hint
        ("北京市通州区碳达峰实施方案", ("南通市通州区人民政府",), "110112"),
    ],
)
def test_shared_names(title, hints, code):
    assert resolve_region(title, hints)[0].code == code


@pytest.mark.parametrize(
    ("first", "second"),
    # real homophones and namesakes: 朝阳区 (Beijing) / 朝阳县 (Liaoning) / 朝阳区 (Changchun); 通州区 twice
    [
        ("北京市朝阳区碳达峰实施方案", "朝阳县碳达峰实施方案"),
        ("北京市朝阳区碳达峰实施方案", "长春市朝阳区碳达峰实施方案"),
        ("北京市通州区碳达峰实施方案", "南通市通州区碳达峰实施方案"),
        ("天津市宝坻区碳达峰实施方案", "津市市碳达峰实施方案"),
    ],
)
def test_homophones_get_different_ids(first, second):
    ids = [make_plan_id(*resolve_region(title), 2023, title) for title in (first, second)]
    assert ids[0] != ids[1]


@pytest.mark.parametrize(
    ("title", "plan_id"),
    [
        ("北京市朝阳区碳达峰实施方案", "beijing-chaoyang-2023"),
        ("朝阳县碳达峰实施方案", "chaoyang-chaoyang-2023"),
        ("长春市朝阳区碳达峰实施方案", "changchun-chaoyang-2023"),
        ("南通市通州区碳达峰实施方案", "nantong-tongzhou-2023"),
        ("天津市宝坻区碳达峰实施方案", "tianjin-baodi-2023"),
        ("津市市碳达峰实施方案", "changde-jinshi-2023"),
    ],
)
def test_plan_ids(title, plan_id):
    assert make_plan_id(*resolve_region(title), 2023, title) == plan_id


@pytest.mark.parametrize(
    ("region", "parent", "english"),
    [("宝坻区", "天津市", "Baodi District, Tianjin"), ("朝阳县", "朝阳市", "Chaoyang County, Chaoyang City"),
     ("长治市", "山西省", "Changzhi City, Shanxi Province"), ("津市市", "常德市", "Jinshi City, Changde City")],
)
def test_english_places(region, parent, english):
    assert place_en(region, parent) == english


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("广西壮族自治区", "Guangxi Zhuang Autonomous Region"),  # regions.yml
        ("陕西省", "Shaanxi Province"),  # regions.yml: pinyin alone would give Shanxi, as 山西
        ("长阳土家族自治县", "Changyang Tujia Autonomous County"),
        ("黔东南苗族侗族自治州", "Qiandongnan Miao and Dong Autonomous Prefecture"),
        ("积石山保安族东乡族撒拉族自治县", "Jishishan Bonan, Dongxiang and Salar Autonomous County"),
        ("伊犁哈萨克自治州", "Yili Kazak Autonomous Prefecture"),  # 哈萨克 without 族
        ("鄂伦春自治旗", "Oroqen Autonomous Banner"),  # named after its people alone
        ("神农架林区", "Shennongjia Forestry District"),
        ("阿克苏地区", "Akesu Prefecture"),
        ("滨海新区", "Binhai New Area"),
        ("朝阳区", "Chaoyang District"),  # the place-name reading, not zhaoyang
    ],
)
def test_region_en(name, english):
    assert region_en(name) == english


@pytest.mark.parametrize(
    ("title", "notice_title", "issuer", "code"),
    [
        # a plan's region: its title, decided by the notice and the issuer where the name is shared
        ("朝阳区碳达峰实施方案", None, "长春市朝阳区人民政府", "220104"),
        ("朝阳区碳达峰实施方案", "关于印发北京市朝阳区碳达峰实施方案的通知", None, "110105"),
        ("朝阳区碳达峰实施方案", None, None, "110105"),  # nothing says which: the first by code
        ("通州区碳达峰实施方案", None, "南通市通州区人民政府", "320612"),
    ],
)
def test_region_of_a_plan_uses_notice_and_issuer(title, notice_title, issuer, code):
    region, parent = region_of(Metadata(title=title, notice_title=notice_title, issuer=issuer))
    assert region.code == code and parent.code == region.parent_code
