"""How a target's value is shown, with its qualifier, wherever it is shown (pages, spreadsheets)."""

from __future__ import annotations

# qualifiers printed after the number: 40%以上, 20%左右
POST_QUALIFIERS = ("以上", "以下", "左右", "以内", "及以上", "及以下", "之内")


def format_value(target) -> str:
    """``40%以上``, ``超过100万千瓦``, ``不超过1.3``, ``不低于35%以上``, ``10—15个``: the value as the plan states it."""
    value = target.value
    shown = f"{value[0]}—{value[1]}" if isinstance(value, list) else str(value)
    qualifier = target.qualifier or ""
    if qualifier in POST_QUALIFIERS:
        return f"{shown}{target.unit}{qualifier}"
    if "…" in qualifier:
        pre, post = qualifier.split("…")
        return f"{pre}{shown}{target.unit}{post}"
    return f"{qualifier}{shown}{target.unit}"
