"""The bundle's entry (app/__main__.py): with no console, an escaping error still reaches the log."""

from __future__ import annotations

import pytest

import app.cli
from app.__main__ import run
from app.logging_setup import log_path


def test_an_error_escaping_main_is_written_to_the_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken_start(argv: object = None) -> int:
        raise RuntimeError("Qt library missing (as a broken copy of the folder would say)")

    monkeypatch.setattr(app.cli, "main", broken_start)
    before = log_path().read_text() if log_path().exists() else ""
    assert run() == 1
    written = log_path().read_text()[len(before) :]
    assert "RuntimeError: Qt library missing" in written and "Traceback" in written
    assert str(log_path()) in capsys.readouterr().err


def test_without_a_console_it_still_logs(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_start(argv: object = None) -> int:
        raise OSError("no display")

    monkeypatch.setattr(app.cli, "main", broken_start)
    monkeypatch.setattr("sys.stderr", None)  # the windowed program on Windows
    assert run() == 1
    assert "OSError: no display" in log_path().read_text()
