"""Bar charts as geometry: pure numbers a template draws as inline SVG (no script, no request)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 320
HEIGHT = 180
TOP = 16
BOTTOM = 28
LEFT = 8
RIGHT = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value_label: str
    x: float
    y: float
    width: float
    height: float
    kind: str  # a CSS modifier: "baseline", "value" or "target"


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline_y: float
    bars: tuple[Bar, ...]


def bar_chart(points: Sequence[tuple[str, float | None, str, str]]) -> BarChart:
    """Bars for (label, value, value label, kind); a None value leaves an empty slot."""
    values = [v for _, v, _, _ in points if v is not None]
    top = max([*values, 0.0]) or 1.0
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    bars = []
    for index, (label, value, value_label, kind) in enumerate(points):
        height = 0.0 if value is None else max(value, 0.0) / top * plot_height
        bars.append(
            Bar(
                label=label,
                value_label=value_label,
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=round(TOP + plot_height - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                kind=kind,
            )
        )
    return BarChart(WIDTH, HEIGHT, TOP + plot_height, tuple(bars))
