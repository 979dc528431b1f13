"""Indicator normalisation (link/indicators.py, link/units.py, data/taxonomy/indicator_aliases.yml):
one quantity is one indicator whatever multiple of its unit a plan prints; related quantities stay apart."""

import pytest

from build_tools.link.indicators import load_aliases, load_indicators, indicator_of, taxonomy_problems
from build_tools.link.units import base_of, same_quantity, to_base
from build_tools.link.vocabulary import load_vocabulary


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (12, "亿千瓦", (1200000000, "千瓦")),            # national plan 2: 风电、太阳能发电总装机容量达到12亿千瓦以上
    (4000, "万千瓦", (40000000, "千瓦")),            # Hunan 237
    (753, "万立方米", (7530000, "立方米")),          # Jinshi: 天然气消费量达到753万立方米
    (28.62, "亿立方米", (2862000000, "立方米")),     # Xiqing: 全区天然气消费力争达到28.62亿立方米
    ([10, 15], "个", ([10, 15], "个")),
    (4, "个百分点", (4, "个百分点")),
    (30, "%", (30, "%")),
    (1.3, "", (1.3, "")),                            # PUE, a bare ratio
    (500, "兆瓦", (500000, "千瓦")),
    (3, "亿千瓦时/年", (None, None)),                # a unit the vocabulary lacks converts to nothing
])
def test_to_base(value, unit, expected):
    assert to_base(value, unit) == expected


def test_shares_and_percentage_points_never_compare():
    assert not same_quantity("%", "个百分点")
    assert same_quantity("百分点", "个百分点")
    assert same_quantity("万立方米", "亿立方米")
    assert not same_quantity("万千瓦", "万千瓦时")


def test_every_multiple_converts_to_a_base_of_its_own():
    units = load_vocabulary()["units"]
    for name, entry in units.items():
        base, factor = base_of(name)
        assert base in units, f"{name}: base {base} is not a unit"
        assert units[base]["factor"] == 1 and base_of(base) == (base, 1), name
        assert entry["en"] == units[base]["en"], f"{name}: its English must be its base's ({units[base]['en']})"
        if factor != 1:
            assert "base" in entry, name


@pytest.mark.parametrize(("text", "unit", "plan", "expected"), [
    ("风电、太阳能发电总装机容量", "亿千瓦", "national-2021", "wind-solar-capacity"),
    ("风电、太阳能发电总装机容量", "万千瓦", "hunan-dual-carbon-opinions-2022", "wind-solar-capacity"),
    ("天然气消费量", "万立方米", "changde-jinshi-2024", "natural-gas-consumption"),
    ("森林蓄积量", "亿立方米", "national-2021", "forest-stock-volume"),
    ("非化石能源消费比重", "%", None, "non-fossil-energy-share"),
    # Tianjin 214: 比2020年提高4个百分点 is a change in the share, its own indicator, never the share
    ("非化石能源占能源消费总量比重力争比2020年提高", "个百分点", "tianjin-energy-saving-2022", "non-fossil-energy-share-increase"),
    ("非化石能源消费比重", "个百分点", None, None),
    ("非化石能源发电装机容量占比", "%", "yunnan-green-economy-2022", "non-fossil-power-capacity-share"),
    # 新能源 (wind, solar) is not 可再生能源 (with hydropower)
    ("新能源发电总装机容量", "亿千瓦", "neimenggu-dual-carbon-opinions", "new-energy-power-capacity"),
    ("全区投产可再生能源电力装机容量", "万千瓦", "tianjin-baodi-2023", "renewable-power-capacity"),
    ("全区投产可再生能源电力装机容量", "%", "tianjin-baodi-2023", None),
    # the four new-energy-vehicle quantities stay four indicators
    ("新能源汽车新车销售量占比", "%", "tianjin-xiqing-2023", "nev-new-vehicle-share"),
    ("大气污染防治重点区域新能源汽车新车销售量占汽车新车销售量的比例", "%", "national-pollution-carbon-2022", "nev-new-vehicle-share"),
    ("新增、更新公务用车中新能源汽车比例", "%", "tianjin-nankai-2022", "official-vehicle-nev-share"),
    ("当年新增新能源、清洁能源动力的交通工具比例", "%", "tianjin-baodi-2023", "new-clean-energy-vehicle-share"),
    ("机动车电动化率", "%", "changde-jinshi-2024", "vehicle-electrification-rate"),
    # an alias limited to one plan: Tianjin's public-institution paragraph; elsewhere the words are open
    ("新增及更新车辆中新能源汽车比例", "%", "tianjin-energy-saving-2022", "official-vehicle-nev-share"),
    ("新增及更新车辆中新能源汽车比例", "%", "somewhere-2030", None),
    # kept apart by the alias table although a pattern would match
    ("公共机构新建建筑可安装光伏屋顶面积力争实现光伏覆盖率", "%", "national-public-institutions-2021", None),
])
def test_indicator_of(text, unit, plan, expected):
    found = indicator_of(text, unit, plan)
    assert (found.id if found else None) == expected


def test_taxonomy_is_consistent():
    assert taxonomy_problems() == []
    assert all(alias.reason.strip() for alias in load_aliases())


def test_new_energy_vehicle_indicators_share_a_family():
    family = {i.id: i.family for i in load_indicators()}
    assert {family[i] for i in ("nev-new-vehicle-share", "official-vehicle-nev-share", "new-clean-energy-vehicle-share",
                                "vehicle-electrification-rate")} == {"new-energy-vehicles"}
