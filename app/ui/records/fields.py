"""Input widgets for record fields, one per field type, with a common small interface.

Each widget offers ``value()`` (raw text or Python value; the services coerce
and validate it), ``set_value(v)``, ``set_read_only(flag)`` and ``edited``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from app.errors import NotFoundError
from app.i18n import _, format_amount
from app.models.codes import codes_of, label_of
from app.models.registry import FieldSpec
from app.services.choices import Choice, choice_label, currency_choices, plan_item_choices
from app.services.entered_values import entered_value
from app.store import Database
from app.ui.collation import collated
from app.ui.shell.combo_fit import fit_popup
from app.ui.shell.icons import icon


def look_read_only(widget: QWidget, flag: bool) -> None:
    """Give a read-only text box the window's grey instead of an editable white."""
    palette = QApplication.palette(widget)
    if flag:
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
    widget.setPalette(palette)


class TextField(QLineEdit):
    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = spec.type
        self.currency: str | None = None  # an amount's decimals follow its currency
        if spec.max_length:
            self.setMaxLength(spec.max_length)
        if spec.type in ("money", "decimal", "int"):
            self.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.setMaximumWidth(180)
        self.textEdited.connect(lambda _t: self.edited.emit())

    def value(self) -> Any:
        """The text; an amount as the user typed it in their language ("25,000") as a number."""
        return entered_value(self.kind, self.text())

    def set_value(self, value: Any) -> None:
        if value is None:
            text = ""
        elif self.kind == "money":  # as the lists show it: "25,000.00", "25.000" (VND)
            text = format_amount(Decimal(str(value)), self.currency)
        else:
            text = str(value)
        self.setText(text)
        self.setCursorPosition(0)

    def set_read_only(self, flag: bool) -> None:
        self.setReadOnly(flag)
        look_read_only(self, flag)


class LongTextField(QPlainTextEdit):
    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.textChanged.connect(self.edited.emit)

    def value(self) -> Any:
        return self.toPlainText()

    def set_value(self, value: Any) -> None:
        self.setPlainText("" if value is None else str(value))

    def set_read_only(self, flag: bool) -> None:
        self.setReadOnly(flag)
        look_read_only(self, flag)


class BoolField(QCheckBox):
    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggled.connect(lambda _b: self.edited.emit())

    def value(self) -> Any:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))

    def set_read_only(self, flag: bool) -> None:
        self.setEnabled(not flag)


class DateField(QWidget):
    """A date typed as YYYY-MM-DD or picked from a calendar; empty means no date."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(_("YYYY-MM-DD"))
        self.edit.setMaximumWidth(130)
        self.edit.textEdited.connect(lambda _t: self.edited.emit())
        self.button = QToolButton(self)
        self.button.setIcon(icon("calendar"))
        self.button.setToolTip(_("Choose from a calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._on_calendar_opening)
        self.calendar.clicked.connect(self._on_day_picked)
        self.button.setMenu(menu)
        self._menu = menu
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def _on_calendar_opening(self) -> None:
        try:
            current = dt.date.fromisoformat(self.edit.text().strip())
        except ValueError:
            current = dt.date.today()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))

    def _on_day_picked(self, day: QDate) -> None:
        self.edit.setText(day.toString("yyyy-MM-dd"))
        self._menu.close()
        self.edited.emit()

    def value(self) -> Any:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self.edit.setText(value.isoformat() if isinstance(value, dt.date) else (value or ""))

    def set_read_only(self, flag: bool) -> None:
        self.edit.setReadOnly(flag)
        look_read_only(self.edit, flag)
        self.button.setEnabled(not flag)


class CodeField(QComboBox):
    """A code list as a combo box; type a few letters to search the labels."""

    edited = Signal()

    def __init__(
        self,
        spec: FieldSpec,
        choices: list[Choice] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert spec.codes is not None
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if not spec.required:
            self.addItem("", None)
        if choices is None:
            choices = [Choice(code, label_of(spec.codes, code)) for code in codes_of(spec.codes)]
        for choice in choices:
            self.addItem(choice.label, choice.uid)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMinimumContentsLength(18)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        fit_popup(self)
        self.setCurrentIndex(0 if not spec.required else -1)
        self.currentIndexChanged.connect(lambda _i: self.edited.emit())

    def value(self) -> Any:
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return self.itemData(index)
        return text  # not a label: the service names the problem

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("" if value is None else str(value))

    def set_read_only(self, flag: bool) -> None:
        self.setEnabled(not flag)


class CountriesField(QWidget):
    """Several countries, ticked in a grid."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        codes = collated(codes_of(spec.codes or "country"), key=lambda c: label_of("country", c))
        for i, code in enumerate(codes):
            box = QCheckBox(label_of("country", code), self)
            box.toggled.connect(lambda _b: self.edited.emit())
            self.boxes[code] = box
            grid.addWidget(box, i // 2, i % 2)

    def value(self) -> Any:
        return " ".join(code for code, box in self.boxes.items() if box.isChecked())

    def set_value(self, value: Any) -> None:
        chosen = set((value or "").split())
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)

    def set_read_only(self, flag: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not flag)


class PlanItemField(QComboBox):
    """The items of the active plan."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if not spec.required:
            self.addItem("", None)
        for choice in plan_item_choices(db):
            self.addItem(choice.label, choice.uid)
        self.setMinimumContentsLength(16)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        fit_popup(self)
        self.setCurrentIndex(-1)
        self.currentIndexChanged.connect(lambda _i: self.edited.emit())

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex(self.findData(value))

    def set_read_only(self, flag: bool) -> None:
        self.setEnabled(not flag)


class RecordPicker(QWidget):
    """A reference to an activity, person or organisation: shown by name, chosen from a list.

    ``choose`` opens the picking dialog (search, or create a new one) and
    returns the chosen id or None.
    """

    edited = Signal()

    def __init__(
        self,
        spec: FieldSpec,
        db: Database,
        choose: Callable[[str, QWidget], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert spec.ref is not None
        self.db, self.ref, self._choose = db, spec.ref, choose
        self._uid: str | None = None
        self.shown = QLineEdit(self)
        self.shown.setReadOnly(True)
        self.shown.setPlaceholderText(_("(none chosen)"))
        self.pick = QToolButton(self)
        self.pick.setText(_("Choose…"))
        self.pick.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.pick.clicked.connect(self._on_choose)
        self.clear = QToolButton(self)
        self.clear.setIcon(icon("clear"))
        self.clear.setToolTip(_("Clear"))
        self.clear.clicked.connect(self._on_clear)
        self.clear.setVisible(not spec.required)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.shown, 1)
        layout.addWidget(self.pick)
        layout.addWidget(self.clear)
        self.setFocusProxy(self.pick)

    def _on_choose(self) -> None:
        uid = self._choose(self.ref, self)
        if uid:
            self.set_value(uid)
            self.edited.emit()

    def _on_clear(self) -> None:
        self.set_value(None)
        self.edited.emit()

    def value(self) -> Any:
        return self._uid

    def set_value(self, value: Any) -> None:
        self._uid = value or None
        if not self._uid:
            self.shown.setText("")
            return
        try:
            self.shown.setText(choice_label(self.db, self.ref, self._uid))
        except NotFoundError:
            self.shown.setText(self._uid)
        self.shown.setCursorPosition(0)

    def set_read_only(self, flag: bool) -> None:
        look_read_only(self.shown, flag)
        self.pick.setEnabled(not flag)
        self.clear.setEnabled(not flag)


# Every field widget offers edited, value(), set_value() and set_read_only().
FieldWidget = (
    TextField
    | LongTextField
    | BoolField
    | DateField
    | CodeField
    | CountriesField
    | PlanItemField
    | RecordPicker
)


def make_field(
    spec: FieldSpec, db: Database, choose: Callable[[str, QWidget], str | None]
) -> FieldWidget:
    """The input widget for one field."""
    if spec.type == "long" or (spec.type == "text" and spec.name == "notes"):
        return LongTextField(spec)
    if spec.type == "bool":
        return BoolField(spec)
    if spec.type == "date":
        return DateField(spec)
    if spec.type == "code" and spec.codes == "currency":
        return CodeField(spec, currency_choices(db.site))
    if spec.type == "code":
        return CodeField(spec)
    if spec.type == "codes":
        return CountriesField(spec)
    if spec.type == "ref" and spec.ref == "plan_item":
        return PlanItemField(spec, db)
    if spec.type == "ref":
        return RecordPicker(spec, db, choose)
    return TextField(spec)
