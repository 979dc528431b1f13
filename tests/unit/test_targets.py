"""Quantitative targets: year, value, unit, qualifier and strength; numbers that are not targets."""

import pytest

from build_tools.parse.indicators import measured_after
from build_tools.parse.targets import extract_targets, period_year


def values(text: str, default_year: int | None = None) -> list[tuple]:
    """(year, value, unit, qualifier, strength) of each target found."""
    return [(t.year, t.value, t.unit, t.qualifier, t.strength) for t in extract_targets(text, default_year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # due years
        ("到2025年，非化石能源消费比重提高至23%左右。", [(2025, 23, "%", "左右", None)]),
        ("到2025年底，全区新增分布式光伏装机容量超过10万千瓦。", [(2025, 10, "万千瓦", "超过", None)]),
        ("2025年底前，全区建成公共充电桩1000个。", [(2025, 1000, "个", None, None)]),
        ("“十四五”末，全区森林覆盖率达到20%。", [(2025, 20, "%", None, None)]),
        ("“十四五”期间，单位地区生产总值能耗下降14.5%。", [(2025, 14.5, "%", None, None)]),
        ("“十五五”期间，非化石能源消费比重达到25%。", [(2030, 25, "%", None, None)]),
        ("“十五五”时期，新能源装机达到50万千瓦。", [(2030, 50, "万千瓦", None, None)]),
        ("2030年前，建成国家级绿色工厂10家。", [(2030, 10, "家", None, None)]),
        # units
        ("到2025年，天然气消费量达到753万立方米。", [(2025, 753, "万立方米", None, None)]),
        ("到2025年，天然气供应能力达到1.5亿立方米。", [(2025, 1.5, "亿立方米", None, None)]),
        ("到2025年，完成造林绿化1.2万亩。", [(2025, 1.2, "万亩", None, "完成")]),  # 完成 reads as committed
        ("到2025年，新建绿道30公里。", [(2025, 30, "公里", None, None)]),
        ("到2025年，万元地区生产总值能耗降至0.75吨标准煤以下。", [(2025, 0.75, "吨标准煤", "以下", None)]),
        ("到2025年，确保完成节能量1万吨标准煤。", [(2025, 1, "万吨标准煤", None, "确保")]),
        # ranges
        ("到2025年，培育绿色工厂10—15个。", [(2025, [10, 15], "个", None, None)]),
        ("到2025年，各主导产业形成5—10家各自领域“两业”融合“生态圈”。", [(2025, [5, 10], "家", None, None)]),
        ("到2025年，打造绿色低碳示范园区2～3个。", [(2025, [2, 3], "个", None, None)]),
        # qualifiers
        ("到2025年，生活垃圾回收利用率达到35%以上。", [(2025, 35, "%", "以上", None)]),
        ("到2025年，全市绿色低碳出行比例不低于50%。", [(2025, 50, "%", "不低于", None)]),
        ("到2025年，煤炭消费比重不超过10%。", [(2025, 10, "%", "不超过", None)]),
        ("到2025年，建成公共充电桩不少于3000个。", [(2025, 3000, "个", "不少于", None)]),
        ("到2025年，清洁取暖率超90%。", [(2025, 90, "%", "超", None)]),
        # strength
        ("到2025年，城镇装配式建筑占新建建筑面积比例力争达到40%。", [(2025, 40, "%", None, "力争")]),
        ("到2025年，确保单位地区生产总值能耗下降14.5%。", [(2025, 14.5, "%", None, "确保")]),
        ("到2025年，光伏装机力争超过100万千瓦。", [(2025, 100, "万千瓦", "超过", "力争")]),
        ("力争到2025年实现节能量5000吨标准煤。", [(2025, 5000, "吨标准煤", None, "力争")]),
        # a bare ratio: no unit
        ("到2025年，新建数据中心电能利用效率不超过1.3。", [(2025, 1.3, "", "不超过", None)]),
        pytest.param(
            "到2025年，新建大型数据中心电能利用效率降至1.3以下。", [(2025, 1.3, "", "以下", None)]
        ),
        # a decimal is a value, not a numbering marker
        ("到2025年，煤炭消费量下降1.6%。", [(2025, 1.6, "%", None, None)]),
        # a base year is not the due year
        ("到2030年，城镇新建建筑能效水平比2020年提升20%。", [(2030, 20, "%", None, None)]),
        ("到2025年，全区规模以上工业单位增加值能耗较2020年下降18%。", [(2025, 18, "%", None, None)]),
        ("在2020年的基础上，到2025年单位GDP能耗下降13.5%。", [(2025, 13.5, "%", None, None)]),
    ],
)
def test_target(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "《天津市宝坻区碳达峰实施方案》已经区政府第35次常务会议审议通过。",
        "到2025年，实现5G网络全覆盖。",
        "实施津市10kV及以下配电网改造项目和津市110kV电网扩容建设工程。",
        "优先在3000平方米以上的市政建筑和20000平方米以上的公共建筑开展装配式建筑。",
        "2023年5月25日",
        "做强集成电路、车联网2条产业链。",
        "现有6处综合公园。",
        "加快推进7号、8号等轨道线路建设。",
        "确保如期实现2030年前碳达峰目标。",
        "探索重点行业年综合能耗在3000吨（含）~10000吨的企业纳入碳市场。",
        "新建项目主要用能设备原则上要达到能效二级以上水平。",
        "到2025年，PM2.5浓度持续下降。",
    ],
)
def test_not_a_target(text):
    assert extract_targets(text) == []


def test_two_targets_in_one_clause_get_their_own_clause():
    found = extract_targets("到2025年，单位地区生产总值能耗下降5%、二氧化碳排放下降7%。")
    assert [(t.clause, t.value, t.year) for t in found] == [
        ("单位地区生产总值能耗下降5%", 5, 2025),
        ("二氧化碳排放下降7%", 7, 2025),
    ]


def test_two_targets_in_one_clause_get_their_own_indicator():
    found = extract_targets("到2025年，单位地区生产总值能耗下降5%、二氧化碳排放下降7%。")
    assert [t.indicator for t in found] == ["单位地区生产总值能耗下降", "二氧化碳排放下降"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the year in an earlier clause of the sentence applies to the later clauses
        ("到2025年，风电装机达到9万千瓦，光伏装机达到21万千瓦。",
         [(2025, "风电装机达到9万千瓦", 9), (2025, "光伏装机达到21万千瓦", 21)]),
        # … and across ；
        ("到2025年，新增造林面积0.5万亩；森林覆盖率达到12%。",
         [(2025, "新增造林面积0.5万亩", 0.5), (2025, "森林覆盖率达到12%", 12)]),
        # a new year in the same sentence takes over
        ("到2025年，天然气消费量达到753万立方米；到2030年，天然气消费量达到900万立方米。",
         [(2025, "天然气消费量达到753万立方米", 753), (2030, "天然气消费量达到900万立方米", 900)]),
        ("到2025年，全市绿色低碳出行比例不低于50%，到2030年不低于70%。",
         [(2025, "全市绿色低碳出行比例不低于50%", 50), (2030, "到2030年不低于70%", 70)]),
        # a period at the start of the paragraph applies to later sentences
        ("“十四五”期间，产业结构明显优化。全区新增光伏装机10万千瓦。",
         [(2025, "全区新增光伏装机10万千瓦", 10)]),
    ],
)
def test_year_carries_to_later_clauses(text, expected):
    assert [(t.year, t.clause, t.value) for t in extract_targets(text)] == expected


@pytest.mark.parametrize(("default_year", "year"), [(None, None), (2025, 2025), (2030, 2030)])
def test_default_year_when_none_is_stated(default_year, year):
    found = extract_targets("全区森林覆盖率达到20%。", default_year)
    assert [(t.year, t.value) for t in found] == [(year, 20)]


def test_stated_year_wins_over_default_year():
    assert extract_targets("到2030年，全区森林覆盖率达到22%。", 2025)[0].year == 2030


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("到2025年，非化石能源消费比重提高至23%左右。", "非化石能源消费比重"),
        ("到2025年，城镇装配式建筑占新建建筑面积比例力争达到40%。", "城镇装配式建筑占新建建筑面积比例"),
        ("“十四五”期间，单位地区生产总值能耗下降14.5%。", "单位地区生产总值能耗下降"),
        ("到2025年底，全区充电桩数量达到5000个。", "全区充电桩数量"),
        pytest.param(
            "到2025年，光伏装机力争超过100万千瓦。", "光伏装机"
        ),
    ],
)
def test_indicator(text, indicator):
    assert [t.indicator for t in extract_targets(text)] == [indicator]


def test_indicator_repeats_the_previous_when_empty():
    found = extract_targets("到2025年，全市绿色低碳出行比例不低于50%，到2030年不低于70%。")
    assert [t.indicator for t in found] == ["全市绿色低碳出行比例", "全市绿色低碳出行比例"]


@pytest.mark.parametrize(
    ("text", "year"),
    [("“十四五”期间", 2025), ("“十四五”末", 2025), ("“十五五”时期目标", 2030), ("十四五末", 2025), ("到2025年", None)],
)
def test_period_year(text, year):
    assert period_year(text) == year


@pytest.mark.parametrize(
    "text, expected",
    [
        ("到2025年，单位地区生产总值能源消耗和二氧化碳排放分别降低15%和18%。",
         [("单位地区生产总值能源消耗降低", 15, "%"), ("二氧化碳排放降低", 18, "%")]),
        ("2022年农作物秸秆综合利用率、畜禽粪污综合利用率分别稳定在95%和90%以上。",
         [("农作物秸秆综合利用率", 95, "%"), ("畜禽粪污综合利用率", 90, "%")]),
        ("溶剂型工业涂料、油墨使用比例分别降低20个百分点、10个百分点。",
         [("溶剂型工业涂料降低", 20, "个百分点"), ("油墨使用比例降低", 10, "个百分点")]),
    ],
    ids=["two-indicators-one-verb", "two-rates", "percentage-points"],
)
def test_respectively_pairs_names_with_values(text, expected):
    """分别: from corpus files 357 (辽源), 347 (山东) and 311 (甘肃)."""
    assert [(t.indicator, t.value, t.unit) for t in extract_targets(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 004 津市市: a verb before the count, the thing counted after it
        ("新建1座天然气LNG储气站。", [("新建天然气LNG储气站", 1, "座", None)]),
        # 000 宝坻区 / 2 national plan: a share with 的 before what it is a share of
        ("到2025年，本区电网基本具备5%以上的尖峰负荷响应能力。", [("本区电网基本具备尖峰负荷响应能力", 5, "%", "以上")]),
        # 000 宝坻区: 累计为20家企业…
        ("累计为20家企业提供公益性节能诊断服务。", [("累计为企业提供公益性节能诊断服务", 20, "家", None)]),
        # 386 云南省: two counts after one verb
        ("打造3条美丽公路、12个绿色机场。", [("打造美丽公路", 3, "条", None), ("打造绿色机场", 12, "个", None)]),
        # 347 山东省: a time word before the share is not what is measured
        ("年底前70%以上县级及以上党政机关创建成为节约型机关。", [("县级及以上党政机关创建成为节约型机关", 70, "%", "以上")]),
        # 247 减污降碳: a share of a whole, and 均 (each of the listed) is not part of the name
        ("到2030年，大气污染防治重点区域新能源汽车新车销售量达到汽车新车销售量的50%左右。",
         [("大气污染防治重点区域新能源汽车新车销售量占汽车新车销售量的比例", 50, "%", "左右")]),
        ("到2025年，三大粮食作物化肥、农药利用率均提高到43%。", [("三大粮食作物化肥、农药利用率", 43, "%", None)]),
        # 2 national plan: the shortened name repeats the sentence's earlier indicator
        ("到2025年，大宗固废年利用量达到40亿吨左右；到2030年，年利用量达到45亿吨左右。",
         [("大宗固废年利用量", 40, "亿吨", "左右"), ("大宗固废年利用量", 45, "亿吨", "左右")]),
    ],
)
def test_indicator_names_what_is_counted(text, expected):
    """Issue 9: labels such as 新建 1座, 本区电网基本具备 5%以上, 累计 20家 said nothing about what is measured."""
    assert [(t.indicator, t.value, t.unit, t.qualifier) for t in extract_targets(text)] == expected


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("到2025年，非化石能源消费比重达到40%以上。", "以上"),  # 000 宝坻区
        ("到2025年，光伏装机力争超过100万千瓦。", "超过"),
        ("新建大型、超大型数据中心电能利用效率不超过1.3。", "不超过"),  # 13 数据中心和5G
    ],
)
def test_the_qualifier_of_a_value_is_kept(text, qualifier):
    assert [t.qualifier for t in extract_targets(text)] == [qualifier]


@pytest.mark.parametrize(
    ("rest", "measured"),
    [
        ("的尖峰负荷响应能力", "尖峰负荷响应能力"),
        ("园区和产业集群整体清洁生产审核试点并给予奖补", "园区和产业集群整体清洁生产审核试点"),  # 347 山东省
        ("万亿级产业、5个千亿级企业", "万亿级产业"),  # 326 湖南省
        ("国家高新区森林覆盖率超过25%", ""),  # 168: what follows states a value of its own
        ("（含）", ""),
    ],
)
def test_measured_after(rest, measured):
    assert measured_after(rest) == measured


def test_a_starting_level_is_not_a_target():
    """262 三明: 保持去年绿色金融指标不低于综合绩效考核指标8%的基础上，继续提高考核权重 … 提高至10%以上."""
    text = "辖区各分支机构要在保持去年绿色金融指标不低于综合绩效考核指标8%的基础上，继续提高考核权重，所有法人机构绿色信贷考核权重要提高至10%以上。"
    assert [(t.value, t.qualifier) for t in extract_targets(text)] == [(10, "以上")]


def test_a_size_class_per_year_is_not_a_target():
    """100 重庆: 严禁新建1000万吨/年以下常减压、150万吨/年以下催化裂化 — the sizes of what may not be built."""
    assert extract_targets("严禁新建1000万吨/年以下常减压、150万吨/年以下催化裂化，80万吨/年以下石脑油裂解制乙烯。") == []


def test_a_year_opening_the_paragraph_holds_for_its_later_sentences():
    """13 数据中心: 到2025年，…一体化运行格局。…平均电能利用效率降到1.3以下 — the second sentence states no year."""
    text = "到2025年，数据中心和5G基本形成绿色集约的一体化运行格局。数据中心运行电能利用效率和可再生能源利用率明显提升，全国新建大型、超大型数据中心平均电能利用效率降到1.3以下。"
    assert [(t.year, t.value, t.qualifier) for t in extract_targets(text)] == [(2025, 1.3, "以下")]


def test_a_quantity_of_what_is_built_is_a_target_even_before_de():
    """124 包头: 每年建成不少于500亩的碳汇示范林 is a target; 总面积309万亩的12个…片区 gives a zone's size."""
    found = extract_targets("积极建设碳汇示范林，“十四五”期间各旗县区每年建成不少于500亩的碳汇示范林。")
    assert [(t.year, t.value, t.unit, t.qualifier) for t in found] == [(2025, 500, "亩", "不少于")]
    assert [t.value for t in extract_targets("着力推进建设总面积309万亩的12个森林碳汇发展片区。")] == [12]


def test_respective_values_pair_with_the_listed_years():
    """247 减污降碳协同增效实施方案: 2025年和2030年，全国短流程炼钢占比分别提升至15%、20%以上."""
    found = extract_targets("2025年和2030年，全国短流程炼钢占比分别提升至15%、20%以上。")
    assert [(t.year, t.value, t.qualifier) for t in found] == [(2025, 15, None), (2030, 20, "以上")]
