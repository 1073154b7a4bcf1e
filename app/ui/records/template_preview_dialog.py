"""The preview of a filled template: what it would add, change or refuse, and every problem."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AcecError
from app.i18n import _, format_number, ngettext
from app.models import model_of
from app.services.incoming_duplicates import likely_present_note
from app.services.template_import import (
    OUTCOMES,
    ColumnMapping,
    TemplatePreview,
    save_marked_copy,
)
from app.services.template_mapping import mapping_choices
from app.ui.wrapping_label import WrappingLabel

_HEADERS = {"new": "New", "updated": "Updated", "unchanged": "Unchanged", "refused": "Refused"}


class TemplatePreviewDialog(QDialog):
    """Import is offered only when no row has a problem; otherwise a marked copy can be saved."""

    remapped = Signal(object)  # the ColumnMapping the user chose, to check the file again

    def __init__(
        self,
        preview: TemplatePreview,
        source: Path,
        parent: QWidget | None = None,
        mapping: ColumnMapping | None = None,
    ) -> None:
        super().__init__(parent)
        self.preview, self.source, self.mapping = preview, source, mapping
        self.mapping_boxes: list[QComboBox] = []
        self.setWindowTitle(_("Import a filled template"))
        self.setMinimumSize(640, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading())
        self.summary_label = WrappingLabel(self._summary() + self._examples_note())
        layout.addWidget(self.summary_label)
        self.table = self._counts_table()
        layout.addWidget(self.table)
        self.duplicates_label = WrappingLabel(likely_present_note(preview.possible_duplicates))
        self.duplicates_label.setStyleSheet("QLabel { background: #fff4ce; padding: 6px; }")
        layout.addWidget(self.duplicates_label)
        self.duplicates_label.setVisible(preview.possible_duplicates > 0)
        if mapping is not None:
            self._add_mapping(layout, mapping)
        self.problem_list = QListWidget()
        self.problem_list.setWordWrap(True)  # a problem says what would be accepted: read it whole
        self.problem_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for problem in preview.problems:
            self.problem_list.addItem(str(problem))
        if preview.problems:
            layout.addWidget(QLabel(_("Problems (sheet, row, column):")))
            layout.addWidget(self.problem_list, 3)
        else:
            self.problem_list.hide()
        self.saved_label = WrappingLabel()
        layout.addWidget(self.saved_label)
        self._add_buttons(layout)

    def _add_mapping(self, layout: QVBoxLayout, mapping: ColumnMapping) -> None:
        """Which field each column of a workbook made without our template goes to."""
        layout.addWidget(
            QLabel(_("This workbook was not made from a template. Choose what each column holds:"))
        )
        self.mapping_table = QTableWidget(len(mapping.headers), 2)
        self.mapping_table.setHorizontalHeaderLabels([_("Column in the workbook"), _("Field")])
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        choices = mapping_choices(self.preview.kind)
        for row, (header, key) in enumerate(zip(mapping.headers, mapping.keys, strict=True)):
            self.mapping_table.setItem(row, 0, QTableWidgetItem(header))
            box = QComboBox()
            box.addItem(_("(not imported)"), "")
            for choice_key, label in choices:
                box.addItem(label, choice_key)
            box.setCurrentIndex(max(0, box.findData(key)))
            self.mapping_table.setCellWidget(row, 1, box)
            self.mapping_boxes.append(box)
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.mapping_table, 2)
        self.check_again_button = QPushButton(_("Check again with these columns"))
        self.check_again_button.clicked.connect(self._on_check_again)
        layout.addWidget(self.check_again_button)

    def chosen_mapping(self) -> ColumnMapping | None:
        """The mapping as the boxes now say."""
        if self.mapping is None:
            return None
        keys = tuple(str(box.currentData() or "") for box in self.mapping_boxes)
        return ColumnMapping(self.mapping.headers, keys)

    def _on_check_again(self) -> None:
        self.remapped.emit(self.chosen_mapping())
        self.reject()

    def _add_buttons(self, layout: QVBoxLayout) -> None:
        refused = bool(self.preview.problems)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            _("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.marked_button = self.buttons.addButton(
            _("Save marked copy…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button = self.buttons.addButton(
            _("Close") if refused else _("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.marked_button.clicked.connect(self._on_save_marked_copy)
        self.import_button.setVisible(not refused and self.preview.changes > 0)
        self.marked_button.setVisible(refused)
        layout.addWidget(self.buttons)

    def _heading(self) -> QLabel:
        preview = self.preview
        text = _("<b>{file}</b><br>Sheet {sheet}: {kind}").format(
            file=preview.file, sheet=preview.sheet, kind=_(model_of(preview.kind).__plural__)
        )
        if preview.activity_title:
            text += "<br>" + _("Registration list of “{activity}”").format(
                activity=preview.activity_title
            )
        head = QLabel(text)
        head.setTextFormat(Qt.TextFormat.RichText)
        return head

    def _counts_table(self) -> QTableWidget:
        table = QTableWidget(1, len(OUTCOMES))
        table.setHorizontalHeaderLabels([_(_HEADERS[outcome]) for outcome in OUTCOMES])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for col, outcome in enumerate(OUTCOMES):
            item = QTableWidgetItem(format_number(self.preview.count(outcome)))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(0, col, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setMaximumHeight(table.sizeHintForRow(0) + table.horizontalHeader().height() + 8)
        return table

    def _summary(self) -> str:
        preview = self.preview
        if preview.problems:
            return ngettext(
                "The workbook has {n} problem; importing it would change nothing. "
                "“Save marked copy…” writes your workbook with each problem marked.",
                "The workbook has {n} problems; importing it would change nothing. "
                "“Save marked copy…” writes your workbook with each problem marked.",
                len(preview.problems),
            ).format(n=format_number(len(preview.problems)))
        if preview.changes == 0:
            return _("Nothing to change: every row is already as the database has it.")
        new, updated = preview.count("new"), preview.count("updated")
        adds = ngettext("Importing adds {n} record", "Importing adds {n} records", new).format(
            n=format_number(new)
        )
        return _("{adds} and updates {updated}. The database is backed up first.").format(
            adds=adds, updated=format_number(updated)
        )

    def _examples_note(self) -> str:
        n = self.preview.examples_skipped
        if not n:
            return ""
        return " " + ngettext(
            "{n} example row was skipped.", "{n} example rows were skipped.", n
        ).format(n=format_number(n))

    def marked_copy_name(self) -> Path:
        """The name offered for the marked copy: the workbook's own, marked."""
        return self.source.with_name(
            _("{name} (marked)").format(name=self.source.stem) + self.source.suffix
        )

    def _on_save_marked_copy(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save marked copy"),
            str(self.marked_copy_name()),
            _("Excel workbook (*.xlsx)"),
        )
        if not name:
            return
        try:
            saved = save_marked_copy(self.source, Path(name).with_suffix(".xlsx"), self.preview)
        except AcecError as exc:
            self.saved_label.setText(exc.message)
            return
        self.saved_label.setText(
            _(
                "Saved {file}: each problem is marked in its cell, and listed on its first sheet."
            ).format(file=saved)
        )
