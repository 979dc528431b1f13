"""The canonical YAML of a plan (pipeline.plan_yaml) is what ``yaml.dump`` writes with the project's options,
byte for byte: its nodes are built without PyYAML's representer (pipeline.dump_yaml), so it is compared
with the representer's output on the seed plans and on values whose quoting or style could differ."""

from __future__ import annotations

import yaml

from build_tools.pipeline import DUMPER, dump_yaml, plan_yaml


def reference(data) -> str:
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100000)


# strings YAML would read as something else (quoted), strings with line breaks, indicators, spaces,
# non-BMP and control characters, very long lines; numbers, booleans, None; empty and nested containers
AWKWARD = ["", " ", "2024", "0x1F", "1e3", "1_000", ".5", "true", "False", "yes", "no", "on", "off", "null", "~", "NULL",
           "- item", "key: value", "a:b", "#comment", "text # not a comment", "'quoted'", '"double"', "{braces}", "[list]",
           "&anchor", "*alias", "!tag", "%directive", "@at", "`tick`", "|", ">", "? key", "---", "...",
           " leading", "trailing ", "line\nbreak", "two\n\nbreaks\n", "tab\there", "\x07bell", "\ufeffbom", "\u2028separator",
           "到2025年，单位地区生产总值能耗比2020年下降14%。", "𠀀 non-BMP", "a" * 5000 + " " + "b" * 5000, "2022-12-14", "12:30"]
VALUES = AWKWARD + [0, -1, 10**30, 1.5, 0.1, -0.0, 1e17, float("inf"), float("-inf"), True, False, None, [], {}, [[]], [{}], {"k": []}]


def test_dump_yaml_writes_what_the_representer_writes_for_awkward_values():
    data = {"scalars": VALUES, "mapping": {value: index for index, value in enumerate(AWKWARD)},
            "nested": [{"id": "p1", "lines": [1, 2], "task": None, "children": [{"deep": [[["x"]]]}]}] * 2,
            "numbers_as_keys": {1: "one", True: "yes", None: "nothing"}}
    assert dump_yaml(data) == reference(data)
    for value in VALUES:
        assert dump_yaml(value) == reference(value), repr(value)
        assert dump_yaml([value]) == reference([value]) and dump_yaml({"k": value}) == reference({"k": value}), repr(value)


def test_a_plans_yaml_is_the_representers_and_reads_back_to_the_plan(seed_plans):
    from build_tools.models import Plan

    for plan in seed_plans.values():
        text = plan_yaml(plan)
        assert text == reference(plan.model_dump(mode="json"))
        assert Plan.model_validate(yaml.safe_load(text)) == plan
