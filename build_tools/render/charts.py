"""Charts drawn at build time as SVG: readable without JavaScript, the numbers also in the table beside.

``target_bars`` draws one horizontal bar per target of one indicator (plan and year), scaled to the
largest value; every target of a comparable indicator has the same unit (see link/indicators.py), so the
bars compare like with like. Labels are the page language's (the caller passes them) and are escaped."""

from __future__ import annotations

from markupsafe import Markup, escape

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 190
BAR_WIDTH = 360
VALUE_WIDTH = 170
FILL = "#2e7d32"  # the site's primary colour; 5.1:1 against white


def target_bars(title: str, rows: list[tuple[str, float, str]]) -> Markup:
    """rows: (label, value, value label) -> an accessible SVG bar chart (role=img, a <title>)."""
    if not rows:
        return Markup("")
    largest = max(abs(value) for _, value, _ in rows) or 1
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
             f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for index, (label, value, shown) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(1, round(BAR_WIDTH * abs(value) / largest))
        middle = y + BAR_HEIGHT * 0.72
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end" font-size="12">{escape(label)}</text>')
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="{FILL}"></rect>')
        parts.append(f'<text x="{LABEL_WIDTH + length + 6}" y="{middle:.1f}" font-size="12">{escape(shown)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
