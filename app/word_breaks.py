"""Where a line may break in Khmer, Lao and Burmese text, found by ICU.

These scripts put no space between words. Qt breaks Thai lines between words,
but finds no break at all in Khmer or Lao (a printed cell breaks anywhere,
inside a word) and breaks Burmese inside syllables (tests/reports/
test_line_breaks.py). ICU's line break iterator knows the words of all four
from its dictionaries. This module asks the ICU library already on the
computer through ctypes — the one in Qt's wheel or bundle on Linux
(``libicuuc.so.NN``, whose functions carry the version, ``ubrk_open_73``), the
system's (Linux), Windows' own ``icu.dll`` (Windows 10 version 1903 and
later) or macOS's ``libicucore`` — and marks each place a line may break
inside a run of these scripts with a ZERO WIDTH SPACE, where Qt breaks and
which prints as nothing. Without ICU, the text is returned unchanged.

Only for laying text out (reports): never store or send the marked text.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib.util
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

BREAK = "\u200b"  # ZERO WIDTH SPACE
# Khmer (and its symbols), Lao, Myanmar (and its extensions).
_SCRIPTS = "\u1780-\u17ff\u19e0-\u19ff\u0e80-\u0eff\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"
_RUN = re.compile(f"[{_SCRIPTS}]{{2,}}")
_UBRK_LINE = 2
_UBRK_DONE = -1


class _LineBreaker:
    """ICU's line break iterator, opened once (``ubrk_open``) and given each text."""

    def __init__(self, library: Any, suffix: str) -> None:
        def function(name: str) -> Any:
            return getattr(library, f"{name}{suffix}")

        self._open = function("ubrk_open")
        self._open.restype = ctypes.c_void_p
        self._open.argtypes = [
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_void_p,
            ctypes.c_int32,
            ctypes.POINTER(ctypes.c_int),
        ]
        self._set_text = function("ubrk_setText")
        self._set_text.restype = None
        self._set_text.argtypes = [
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_int32,
            ctypes.POINTER(ctypes.c_int),
        ]
        self._next = function("ubrk_next")
        self._next.restype = ctypes.c_int32
        self._next.argtypes = [ctypes.c_void_p]
        status = ctypes.c_int(0)
        self._iterator = self._open(_UBRK_LINE, b"", None, 0, ctypes.byref(status))
        if status.value > 0 or not self._iterator:
            raise RuntimeError(f"ICU ubrk_open failed ({status.value})")  # caught by _load
        self._lock = threading.Lock()

    def positions(self, text: str) -> list[int]:
        """The offsets (in ``text``'s characters) where a line may start, but 0."""
        units = text.encode("utf-16-le")
        buffer = ctypes.create_string_buffer(units, len(units) + 2)
        status = ctypes.c_int(0)
        found = []
        with self._lock:
            self._set_text(self._iterator, buffer, len(units) // 2, ctypes.byref(status))
            if status.value > 0:
                return []
            while (unit := self._next(self._iterator)) != _UBRK_DONE:
                found.append(unit)
        return _characters(text, found)


def _characters(text: str, units: list[int]) -> list[int]:
    """UTF-16 offsets as offsets in ``text`` (characters beyond U+FFFF count twice there)."""
    if all(ord(ch) <= 0xFFFF for ch in text):
        return [u for u in units if 0 < u < len(text)]
    index_of, unit = {}, 0
    for i, ch in enumerate(text):
        index_of[unit] = i
        unit += 2 if ord(ch) > 0xFFFF else 1
    return [index_of[u] for u in units if u in index_of and 0 < index_of[u] < len(text)]


def _candidates() -> Iterator[tuple[str, str]]:
    """(library file or name, function suffix) to try, most likely first."""
    folders = []
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin:
        folders.append(Path(spec.origin).parent / "Qt" / "lib")
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders += [Path(bundle), Path(bundle) / "PySide6" / "Qt" / "lib"]
    for folder in folders:
        for path in sorted(folder.glob("libicuuc.so.*")):
            yield str(path), "_" + path.name.split(".so.")[1].split(".")[0]
    if sys.platform == "win32":
        yield "icu.dll", ""  # Windows 10 1903+: unversioned names
    elif sys.platform == "darwin":
        yield "/usr/lib/libicucore.dylib", ""
    found = ctypes.util.find_library("icuuc")
    if found:
        version = found.split(".so.")[1].split(".")[0] if ".so." in found else ""
        yield found, f"_{version}" if version else ""


def _load() -> _LineBreaker | None:
    for library, suffix in _candidates():
        try:
            return _LineBreaker(ctypes.CDLL(library), suffix)
        except (OSError, AttributeError, RuntimeError):
            continue  # not this library: try the next
    return None


_breaker: _LineBreaker | None = None
_loaded = False


def _line_breaker() -> _LineBreaker | None:
    global _breaker, _loaded
    if not _loaded:
        _breaker, _loaded = _load(), True
    return _breaker


def icu_available() -> bool:
    """Whether ICU's line breaking was found on this computer."""
    return _line_breaker() is not None


def with_break_opportunities(text: str) -> str:
    """``text`` with a zero width space wherever a Khmer, Lao or Burmese line may break."""
    if not _RUN.search(text):
        return text
    breaker = _line_breaker()
    if breaker is None:
        return text
    marked, last = [], 0
    for position in breaker.positions(text):
        before, after = text[position - 1], text[position]
        if _RUN.fullmatch(before + after):
            marked += [text[last:position], BREAK]
            last = position
    marked.append(text[last:])
    return "".join(marked)
