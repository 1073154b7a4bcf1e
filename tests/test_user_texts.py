"""Every text a user sees goes through the catalogue: a scan of app/'s syntax trees.

A literal with words in it that reaches a widget, a message box, an error a
user reads, a report, a package's cover sheet or the command line's output
must be the argument of ``_()``, ``ngettext()`` or ``N_()``; otherwise it
stays English in every language. The scan looks at what is passed to such
places (the "sinks" below) and reports every literal with letters in it that
is not inside one of those calls.
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Iterator
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
WRAPPERS = {"_", "ngettext", "N_"}

# Methods and constructors whose text arguments a user sees: every positional
# argument, or only those at the positions given.
QT_SINKS = {
    # widgets and their texts
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
    "QMenu", "QMessageBox", "QToolButton", "QCommandLinkButton",
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis",
    "setPlaceholderText", "setTitle", "setLabelText", "setInformativeText",
    "setDetailedText", "setTabText", "addTab", "insertTab", "addItem", "insertItem",
    "addItems", "setItemText", "addAction", "addMenu", "addRow", "addSection",
    "showMessage", "setHeaderLabels", "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels", "setSpecialValueText", "setSuffix", "setPrefix",
    "setButtonText", "setCancelButtonText", "setOkButtonText", "setAccessibleName",
    "setAccessibleDescription", "setSubTitle", "setNameFilter", "setNameFilters",
    "addButton",
    # message boxes and standard dialogs
    "information", "warning", "critical", "question", "about", "getText", "getItem",
    "getInt", "getDouble", "getOpenFileName", "getOpenFileNames", "getSaveFileName",
    "getExistingDirectory",
}  # fmt: skip
# The command line: what it prints.
CLI_SINKS = {"print", "write", "error", "exit"}
# Report pieces (app/reports/model.py, compose.py) and the package's cover
# sheet, called by their bare names (sa.Column in a migration is no report).
REPORT_SINKS: dict[str, tuple[int, ...] | None] = {
    "Column": (0,),
    "Section": (0,),
    "Paragraph": (0,),
    "Table": (0,),
    "bar_chart": (0,),
    "pie_chart": (0,),
    "count_series": (0,),
    "start_document": (1,),
    "CoverText": None,
}
# Keyword arguments that carry text, whatever the call (argparse's help too).
TEXT_KEYWORDS = {"help", "description", "epilog", "title", "message", "text", "label", "note"}
# Attributes of report pieces and results a user reads when text is assigned to them.
TEXT_ATTRIBUTES = {"note", "title", "caption", "heading", "subtitle", "label", "message"}
# Errors a user reads: ours (by name: not a built-in), and the operating
# system's, whose strerror the messages about files quote. Built-in and
# library exceptions (ValueError, zipfile.BadZipFile) are signals inside the
# program, caught and turned into one of ours.
OS_ERRORS = {"OSError", "PermissionError", "FileNotFoundError", "FileExistsError"}
BUILTIN_EXCEPTIONS = {
    name for name, value in vars(builtins).items() if isinstance(value, type)
} - OS_ERRORS
# Our errors for the program's writers, never for its users: the user guide's
# source breaking its format is found by tests/guide before any release.
WRITERS_ERRORS = {"GuideFormatError"}
# Loggers write for developers, to the error log, in English.
LOGGER_NAMES = {"logging", "log", "_log", "logger", "_logger"}

# Literals that are not text in any language: names of the program and its
# command, file name patterns and extensions, format codes. Short on purpose.
NOT_TEXT = re.compile(
    r"""^(
        acec(:\s*)?             # the command's name, as a prefix of its messages
      | ACEC\ Tracker           # the program's name
      | \.[a-z0-9]+             # a file name's extension
      | %[a-zA-Z%]+             # Qt and strftime format codes
      | https?://\S+           # addresses
    )$""",
    re.VERBOSE,
)
MARKUP = re.compile(r"<[^>]*>")
WORDS = re.compile(r"[^\W\d_]{2,}")


def _is_text(value: str) -> bool:
    words = MARKUP.sub("", value).strip()
    return bool(WORDS.search(words)) and not NOT_TEXT.match(words)


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


class _Literals(ast.NodeVisitor):
    """The unwrapped text literals inside one expression that reaches a user."""

    def __init__(self) -> None:
        self.found: list[ast.AST] = []

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and _is_text(node.value):
            self.found.append(node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        if _is_text(text):
            self.found.append(node)
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.visit(value.value)

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node)
        if name in WRAPPERS:
            return
        # "…".format(...) / "…".join(...): the receiver is text; arguments of
        # other calls are values (codes, keys, format names), not text.
        if isinstance(node.func, ast.Attribute) and name in ("format", "join"):
            self.visit(node.func.value)
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                self.visit(arg)
        elif name in ("str", "tuple", "list", "sorted"):
            for arg in node.args:
                self.visit(arg)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self.visit(node.value)  # a key is not text

    def visit_Compare(self, node: ast.Compare) -> None:
        return  # "x if kind == 'training' else y": the compared codes are not shown

    def visit_Attribute(self, node: ast.Attribute) -> None:
        return

    def visit_Dict(self, node: ast.Dict) -> None:
        for value in node.values:
            self.visit(value)


def _texts_in(expressions: list[ast.expr]) -> Iterator[ast.AST]:
    finder = _Literals()
    for expression in expressions:
        finder.visit(expression)
    yield from finder.found


def _is_logger(func: ast.expr) -> bool:
    if not isinstance(func, ast.Attribute):
        return False
    receiver = func.value
    if isinstance(receiver, ast.Call):  # logging.getLogger("acec").warning(...)
        return _call_name(receiver) == "getLogger"
    return isinstance(receiver, ast.Name) and receiver.id in LOGGER_NAMES


def _call_texts(node: ast.Call) -> list[ast.expr]:
    name = _call_name(node)
    texts = [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
    if name in REPORT_SINKS and isinstance(node.func, ast.Name):
        positions = REPORT_SINKS[name]
    elif name in QT_SINKS | CLI_SINKS and not _is_logger(node.func):
        positions = None
    else:
        return texts
    if positions is None:
        texts += [*node.args, *(k.value for k in node.keywords if k.arg not in TEXT_KEYWORDS)]
    else:
        texts += [arg for i, arg in enumerate(node.args) if i in positions]
    return texts


def _raised_texts(node: ast.Raise) -> list[ast.expr]:
    if not isinstance(node.exc, ast.Call) or isinstance(node.exc.func, ast.Attribute):
        return []  # re-raised, or a library's exception (zipfile.BadZipFile)
    name = _call_name(node.exc)
    if name in BUILTIN_EXCEPTIONS or name in WRITERS_ERRORS:
        return []
    return list(node.exc.args) if name in OS_ERRORS else node.exc.args[:1]


def _sink_arguments(node: ast.AST) -> list[ast.expr]:
    """The parts of ``node`` whose value a user sees ([] if none)."""
    if isinstance(node, ast.Call):
        return _call_texts(node)
    if isinstance(node, ast.Raise):
        return _raised_texts(node)
    if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if any(isinstance(t, ast.Attribute) and t.attr in TEXT_ATTRIBUTES for t in targets):
            return [node.value]
    return []


def unwrapped_texts(source: str, filename: str) -> list[str]:
    """``file:line: 'literal'`` for each text literal that reaches a user unwrapped."""
    tree = ast.parse(source, filename)
    found = set()
    for node in ast.walk(tree):
        for literal in _texts_in(_sink_arguments(node)):
            snippet = ast.get_source_segment(source, literal) or ""
            found.add((getattr(literal, "lineno", 0), snippet[:70]))
    return [f"{filename}:{line}: {snippet}" for line, snippet in sorted(found)]


def test_every_user_visible_literal_is_translated() -> None:
    found = []
    for path in sorted(APP.rglob("*.py")):
        found += unwrapped_texts(path.read_text(encoding="utf-8"), str(path.relative_to(APP)))
    assert found == []


def test_the_scan_finds_what_it_should() -> None:
    source = """
label = QLabel("Name:")
box.setText(_("Saved"))
QMessageBox.warning(self, _("Import"), f"Cannot read {path}")
raise ValidationError("The year is missing")
print("acec: " + _("done"))
parser.add_argument("--year", help="the year", metavar="YEAR")
table.note = "Totals count people once."
status.showMessage(_("{n} rows").format(n=n))
combo.addItem(label_of("country", code), code)
widget.setObjectName("plan-tree")
logging.getLogger("acec").warning("could not write %s", path)
raise StorageError(_("The disk is full."), "disk-full")
raise PermissionError(errno.EACCES, f"cannot make {path} private", name)
raise ValueError("length")
doc = start_document("training", "Capacity building", header)
rows.append(Column(_("Year"), "year"))
box.setText("<b>ACEC Tracker</b> " + version + "<br>")
"""
    found = unwrapped_texts(source, "x.py")
    assert [line.split(": ", 1)[1] for line in found] == [
        '"Name:"',
        'f"Cannot read {path}"',
        '"The year is missing"',
        '"the year"',
        '"Totals count people once."',
        'f"cannot make {path} private"',
        '"Capacity building"',
    ]
