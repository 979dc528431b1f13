"""Units as printed -> the base unit targets are compared in (data/taxonomy/vocabulary.yml ``units``):
``12亿千瓦`` and ``4000万千瓦`` are 1,200,000,000 and 40,000,000 千瓦, so one indicator's targets line up
whichever multiple a plan prints. ``%`` and ``个百分点`` are different bases: 提高4个百分点 is a change in a
share, not a share, and never compares with 30%."""

from __future__ import annotations

from build_tools.link.vocabulary import entry


def base_of(unit: str) -> tuple[str, int] | None:
    """``万千瓦`` -> (千瓦, 10000); ``%`` -> (%, 1); a bare ratio (PUE 1.3, unit "") -> ("", 1); a unit the
    vocabulary does not know (亿千瓦时/年) -> None: it converts to nothing and compares with nothing else."""
    if unit == "":
        return "", 1
    found = entry("units", unit)
    if found is None:
        return None
    return found.get("base", unit), found["factor"]


def scaled(value: float | int, factor: int | float) -> float | int:
    """``12 * 100000000`` -> 1200000000 (an int when whole), ``28.62 * 1e8`` -> 2862000000; rounded to 6 places
    so that 0.1 * 3 style float noise does not reach the data."""
    result = value * factor
    return int(result) if float(result).is_integer() else round(result, 6)


def to_base(value: float | int | list, unit: str) -> tuple[float | int | list | None, str | None]:
    """(value in the base unit, base unit): ``(12, 亿千瓦)`` -> ``(1200000000, 千瓦)``; a range converts
    both ends; an unknown unit -> (None, None)."""
    base = base_of(unit)
    if base is None:
        return None, None
    name, factor = base
    if isinstance(value, list):
        return [scaled(v, factor) for v in value], name
    return scaled(value, factor), name


def same_quantity(unit: str, other: str) -> bool:
    """Two printed units measure in one base (万立方米 and 亿立方米 do; % and 个百分点 do not)."""
    mine, theirs = base_of(unit), base_of(other)
    return mine is not None and theirs is not None and mine[0] == theirs[0]
