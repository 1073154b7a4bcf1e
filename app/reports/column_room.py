"""How a table's spare width is shared among its columns (pure Python, no Qt).

Rows are as tall as their most wrapped cell, so room goes to the column whose
wrapping makes rows tallest, not merely to the longest text. The width left
over after every column has its least is handed out in slices; each slice (or
the fewest slices that save a line at all, when one alone saves none) goes
where it saves the most lines per slice.
"""

from __future__ import annotations

import math
from collections.abc import Callable

SLICES = 40
LOOKAHEAD = 12  # at most this many slices are weighed as one move


def share_room(
    least: list[float],
    wanted: list[float],
    text_widths: list[list[float]],
    width: float,
    padding: float,
) -> list[float]:
    """Column widths from ``least`` towards ``wanted`` that fill ``width``."""
    widths = list(least)
    step = (width - sum(least)) / SLICES
    left = SLICES

    def lines(c: int, w: float) -> list[int]:
        return [math.ceil(t / max(w - padding, 1.0)) or 1 for t in text_widths[c]]

    while left > 0:
        current = [lines(c, w) for c, w in enumerate(widths)]
        best, slices = _best_move(current, widths, wanted, step, min(left, LOOKAHEAD), lines)
        if best < 0:  # no move saves a line: share by what each column still wants
            spare = [max(wt - w, 0.0) for wt, w in zip(wanted, widths, strict=True)]
            total = sum(spare) or 1.0
            return [w + step * left * sp / total for w, sp in zip(widths, spare, strict=True)]
        widths[best] += step * slices
        left -= slices
    return widths


def _best_move(
    current: list[list[int]],
    widths: list[float],
    wanted: list[float],
    step: float,
    most: int,
    lines: Callable[[int, float], list[int]],
) -> tuple[int, int]:
    """(column, slices) saving the most lines per slice; (-1, 0) when none saves one."""
    rows = [max(col) for col in zip(*current, strict=True)] if current else []
    total = sum(rows)
    best, best_slices, best_rate = -1, 0, 0.0
    for c, w in enumerate(widths):
        if w >= wanted[c]:
            continue
        others = [
            max((current[o][r] for o in range(len(current)) if o != c), default=1)
            for r in range(len(rows))
        ]
        for k in range(1, most + 1):
            trial = lines(c, w + step * k)
            saved = total - sum(max(a, b) for a, b in zip(others, trial, strict=True))
            if saved > 0:
                if saved / k > best_rate:
                    best, best_slices, best_rate = c, k, saved / k
                break
            if w + step * k >= wanted[c]:
                break
    return best, best_slices
