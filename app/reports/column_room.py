"""How a table's spare width is shared among its columns (pure Python, no Qt).

Rows are as tall as their most wrapped cell, so room goes to the column whose
wrapping makes rows tallest, not merely to the longest text. The width left
over after every column has its least is handed out in slices; each slice (or
the fewest slices that save a line at all, when one alone saves none) goes
where it saves the most lines per slice.
"""

from __future__ import annotations

import math

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
    table = _Wrapping(text_widths, padding)
    widths = list(least)
    step = (width - sum(least)) / SLICES
    left = SLICES
    while left > 0:
        best, slices = table.best_move(widths, wanted, step, min(left, LOOKAHEAD))
        if best < 0:  # no move saves a line: share by what each column still wants
            spare = [max(wt - w, 0.0) for wt, w in zip(wanted, widths, strict=True)]
            total = sum(spare) or 1.0
            return [w + step * left * sp / total for w, sp in zip(widths, spare, strict=True)]
        widths[best] += step * slices
        left -= slices
    return widths


class _Wrapping:
    """The lines each cell of a table wraps into at given column widths."""

    def __init__(self, text_widths: list[list[float]], padding: float) -> None:
        self.texts = text_widths
        self.padding = padding

    def lines(self, column: int, width: float) -> list[int]:
        room = max(width - self.padding, 1.0)
        return [math.ceil(t / room) or 1 for t in self.texts[column]]

    def best_move(
        self, widths: list[float], wanted: list[float], step: float, most: int
    ) -> tuple[int, int]:
        """(column, slices) saving the most lines per slice; (-1, 0) when none saves one.

        Widening a column shortens only the rows where it alone is the tallest
        cell, so only those rows are weighed.
        """
        current = [self.lines(c, w) for c, w in enumerate(widths)]
        tallest = _two_tallest(current)
        best, best_slices, best_rate = -1, 0, 0.0
        for c, w in enumerate(widths):
            if w >= wanted[c]:
                continue
            rows = []
            for r, n in enumerate(current[c]):
                first, first_column, second = tallest[r]
                other = second if first_column == c else first
                if n > other:
                    rows.append((self.texts[c][r], n, other))
            for k in range(1, most + 1):
                if not rows:
                    break
                room = max(w + step * k - self.padding, 1.0)
                saved = sum(n - max(other, math.ceil(t / room) or 1) for t, n, other in rows)
                if saved > 0:
                    if saved / k > best_rate:
                        best, best_slices, best_rate = c, k, saved / k
                    break
                if w + step * k >= wanted[c]:
                    break
        return best, best_slices


def _two_tallest(current: list[list[int]]) -> list[tuple[int, int, int]]:
    """Per row: the most lines of any cell, its column, and the most of any other cell."""
    rows = []
    for r in range(len(current[0]) if current else 0):
        first, first_column, second = 0, -1, 0
        for c, column in enumerate(current):
            n = column[r]
            if n > first:
                first, first_column, second = n, c, first
            elif n > second:
                second = n
        rows.append((first, first_column, second))
    return rows
