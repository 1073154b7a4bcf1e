"""Spare table width goes where it saves lines, even when one slice alone saves none."""

from __future__ import annotations

from app.reports.column_room import share_room


def test_room_goes_to_the_column_that_needs_several_slices_to_save_a_line() -> None:
    # Column 0 wraps its 300-wide text into 3 lines at 100; one slice (5) saves
    # nothing, but 10 slices (150 wide) make it 2 lines. Column 1 never wraps.
    widths = share_room([100, 50], [300, 2000], [[300, 300], [40, 40]], 350, padding=0)
    assert widths[0] >= 150
    assert abs(sum(widths) - 350) < 1e-6


def test_without_any_saving_room_follows_what_columns_want() -> None:
    widths = share_room([10, 10], [30, 50], [[5], [5]], 60, padding=0)
    assert widths[1] > widths[0]
    assert abs(sum(widths) - 60) < 1e-6
