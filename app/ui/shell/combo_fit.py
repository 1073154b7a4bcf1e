"""Combo boxes whose texts show whole: pop-up lists as wide as their longest item.

Qt's Windows style opens a combo's list exactly as wide as the box and elides
long items in the middle ("Urban and rural en…nmental management"); Fusion
widens it, but not a completer's list. These helpers size the lists to their
items on every style, and a filter box to the choice it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QStyle, QStyleOptionComboBox

# A box never grows wider than this for the text it shows (a tooltip has it all).
WIDEST_BOX = 480
FITTED = "acecPopupFitted"


def widest_item(combo: QComboBox) -> int:
    """The width the combo's longest item needs, in the list's font."""
    metrics = combo.view().fontMetrics()
    texts = (combo.itemText(i) for i in range(combo.count()))
    widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
    icon = (
        combo.iconSize().width() + 4
        if any(not combo.itemIcon(i).isNull() for i in range(combo.count()))
        else 0
    )
    return widest + icon


def _list_width(combo: QComboBox, view: QAbstractItemView) -> int:
    scrollbar = combo.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    margins = 2 * view.frameWidth() + 24  # the item's own margins and the frame
    extra = scrollbar if combo.count() > combo.maxVisibleItems() else 0
    return widest_item(combo) + margins + extra


def _refit(combo: QComboBox) -> None:
    width = _list_width(combo, combo.view())
    combo.view().setMinimumWidth(width)
    completer = combo.completer()
    popup = completer.popup() if completer is not None else None
    if popup is not None:
        popup.setMinimumWidth(width)


def fit_popup(combo: QComboBox) -> None:
    """Make the combo's list (and its completer's) as wide as its longest item, and keep it so."""
    _refit(combo)
    if combo.property(FITTED):
        return
    combo.setProperty(FITTED, True)
    model = combo.model()
    model.rowsInserted.connect(lambda *_args: _refit(combo))
    model.rowsRemoved.connect(lambda *_args: _refit(combo))
    model.modelReset.connect(lambda: _refit(combo))


def box_width_for(combo: QComboBox, text: str) -> int:
    """The width a combo box needs to show ``text`` whole beside its arrow."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    contents = QSize(metrics.horizontalAdvance(text), metrics.height())
    size = combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, combo)
    return size.width()


def fit_current_choice(combo: QComboBox) -> None:
    """Widen a box to show its current choice whole (up to ``WIDEST_BOX``), narrow it again after."""

    def _on_choice(_index: int) -> None:
        needed = min(box_width_for(combo, combo.currentText()), WIDEST_BOX)
        combo.setMinimumWidth(needed)

    combo.setMaximumWidth(WIDEST_BOX)
    combo.currentIndexChanged.connect(_on_choice)
    _on_choice(combo.currentIndex())
