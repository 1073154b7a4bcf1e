"""The build's own steps (buildsteps/), quick enough to run without building the bundle."""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import pytest

from app import __version__
from buildsteps.catalogues import catalogue_languages, compile_catalogues
from buildsteps.fonts import (
    DEBIAN_FONT_FOLDERS,
    FONTS_DIR_VARIABLE,
    FontsMissing,
    bundle_fonts,
    find_font_files,
)
from buildsteps.version_resource import version_numbers, write_version_file

CHECKOUT = Path(__file__).resolve().parents[2]


def test_catalogues_compile_to_what_gettext_reads(tmp_path: Path) -> None:
    folder = tmp_path / "translations"
    shutil.copytree(CHECKOUT / "translations", folder)
    written = compile_catalogues(folder)
    assert len(written) == len(catalogue_languages(folder)) > 0
    vi = gettext.translation("messages", str(folder), languages=["vi"])
    assert vi.gettext("Not done") != "Not done"


def test_missing_fonts_are_named_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "NotoSans-Regular.ttf").write_bytes(b"")
    with pytest.raises(FontsMissing) as caught:
        find_font_files([tmp_path])
    message = str(caught.value)
    assert "Noto Sans Khmer Regular" in message and "Noto Sans CJK SC Bold" in message
    assert "Noto Sans Regular" not in message
    assert FONTS_DIR_VARIABLE in message


def _system_noto(tmp_path: Path) -> Path:
    """A builder's font folder as on Windows: the Noto files copied into one folder."""
    folder = tmp_path / "noto"
    folder.mkdir()
    for source in DEBIAN_FONT_FOLDERS:
        for path in source.glob("NotoSans*-*"):
            if path.name.startswith(("NotoSans-", "NotoSansCJK-", "NotoSansThai-", "NotoSansKhmer-",
                                     "NotoSansLao-", "NotoSansMyanmar-")):  # fmt: skip
                (folder / path.name).symlink_to(path)
    return folder


def test_a_named_font_folder_needs_its_licence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _system_noto(tmp_path)
    monkeypatch.setenv(FONTS_DIR_VARIABLE, str(folder))
    with pytest.raises(FontsMissing, match="OFL"):
        bundle_fonts(tmp_path / "out")
    (folder / "OFL.txt").write_text("SIL OPEN FONT LICENSE Version 1.1")
    copied = {p.name for p in bundle_fonts(tmp_path / "out2")}
    assert {"NotoSansKhmer-Regular.ttf", "NotoSansCJK-Regular.ttc", "noto-OFL.txt"} <= copied


def test_version_resource_states_the_programs_version(tmp_path: Path) -> None:
    assert version_numbers("0.1.0") == (0, 1, 0, 0)
    assert version_numbers("2.3rc1") == (2, 3, 0, 0)
    path = write_version_file(
        tmp_path / "v.txt", version=__version__, name="ACEC Tracker", author="ACEC", exe="acec.exe"
    )
    calls: list[str] = []

    def recorder(name: str):  # PyInstaller's classes, as far as the file's syntax needs them
        return lambda *args, **kwargs: calls.append(name) or (name, args, kwargs)

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct"]  # fmt: skip
    info = eval(path.read_text(), {n: recorder(n) for n in names})  # noqa: S307  # our own file
    assert info[0] == "VSVersionInfo"
    assert info[2]["ffi"][2]["filevers"] == version_numbers(__version__)
    assert repr(__version__) in path.read_text()
