"""The canonical YAML of a plan (pipeline.plan_yaml) is what ``yaml.dump`` writes with the project's options,
byte for byte: its nodes are built without PyYAML's representer (pipeline.dump_yaml) and its scalars
resolved by a shortcut (pipeline.DUMPER.resolve), so it is compared with what PyYAML's own dumper and
resolver write on the seed plans and on values whose quoting or style could differ."""

from __future__ import annotations

import yaml

from build_tools.pipeline import DUMPER, dump_yaml, plan_yaml

# PyYAML's dumper, the one the project's derives from, without its resolver shortcut
PYYAML_DUMPER = DUMPER.__mro__[1]


def reference(data) -> str:
    assert PYYAML_DUMPER.resolve is yaml.resolver.BaseResolver.resolve
    return yaml.dump(data, Dumper=PYYAML_DUMPER, allow_unicode=True, sort_keys=False, width=100000)


# strings YAML would read as something else (quoted), strings with line breaks, indicators, spaces,
# non-BMP and control characters, very long lines; numbers, booleans, None; empty and nested containers
AWKWARD = ["", " ", "2024", "0x1F", "1e3", "1_000", ".5", "true", "False", "yes", "no", "on", "off", "null", "~", "NULL",
           "- item", "key: value", "a:b", "#comment", "text # not a comment", "'quoted'", '"double"', "{braces}", "[list]",
           "&anchor", "*alias", "!tag", "%directive", "@at", "`tick`", "|", ">", "? key", "---", "...",
           " leading", "trailing ", "line\nbreak", "two\n\nbreaks\n", "tab\there", "\x07bell", "\ufeffbom", "\u2028separator",
           "到2025年，单位地区生产总值能耗比2020年下降14%。", "𠀀 non-BMP", "Yes", "Y", "n", "N", "Off", "O", "+1", "-", "=", "<<",
           "0o17", "3.", "-.inf", ".NaN", "1:20", "2024-01-01 10:00:00", "t", "y", "no way", "t1-2", "s2-1-p3", "a" * 5000 + " " + "b" * 5000, "2022-12-14", "12:30"]
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


def test_the_resolver_shortcut_answers_as_pyyamls_resolver():
    """Every question libyaml asks (plain? quoted?) about scalars starting with each ASCII character, and
    the awkward values, gets the answer PyYAML's resolver gives; and the shortcut is in use."""
    import io

    assert DUMPER._fast
    ours, theirs = DUMPER(io.StringIO()), PYYAML_DUMPER(io.StringIO())
    values = list(AWKWARD) + [chr(c) + rest for c in range(32, 127) for rest in ("", "1", "es", "rue", "0:30")]
    for value in values:
        for implicit in ((True, False), (False, True)):
            assert ours.resolve(yaml.ScalarNode, value, implicit) == theirs.resolve(yaml.ScalarNode, value, implicit), (value, implicit)
