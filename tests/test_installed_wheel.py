"""The program as a user installs it: a wheel in a new virtualenv, run outside the checkout.

Once, a plain ``pip install .`` started without its plan, countries and
languages (they were read from folders beside the package). This test builds
the wheel from a copy of the checkout, installs it into a new virtualenv and
runs the installed ``acec`` from an empty folder. The program's dependencies
are borrowed from the test environment (a .pth line), which keeps the test
offline and quick; the program itself comes only from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis", "*.sqlite*"
)


def _bin(venv: Path, name: str) -> Path:
    folder = venv / ("Scripts" if os.name == "nt" else "bin")
    return folder / (name + (".exe" if os.name == "nt" else ""))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(CHECKOUT, source, ignore=IGNORED)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
        + ["-w", str(root / "dist"), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = (root / "dist").glob("acec_tracker-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtualenv with the wheel installed; returns the venv folder."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = _bin(venv, "python")
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The folders this test's own packages come from (pip's .pth files in them
    # are not run from there, so this checkout's editable install stays out).
    borrowed = [p for p in sys.path if Path(p).name == "site-packages"]
    Path(purelib, "acec-test-deps.pth").write_text("\n".join(borrowed) + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    return venv


def _acec(venv: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["XDG_DATA_HOME"] = str(folder / "data")  # the per-user data folder, not the tester's
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [str(_bin(venv, "acec")), *args], cwd=folder, env=env, capture_output=True, text=True
    )


def test_the_wheel_carries_the_data_and_compiled_catalogues(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "app/resources/plan_2011_2013.json" in names
    assert "app/resources/countries.json" in names
    assert "app/store/migrations/versions/0001_first_schema.py" in names
    catalogues = {n for n in names if n.startswith("app/translations/")}
    for language in ("zh_Hans_CN", "vi", "th"):
        assert f"app/translations/{language}/LC_MESSAGES/messages.mo" in catalogues
    assert all(n.startswith(("app/", "acec_tracker-")) for n in names)
    # The user guide with its pictures, and the icons with their licence.
    assert "app/resources/guide/guide.md" in names
    assert "app/resources/guide/images/dashboard.png" in names
    assert "app/resources/icons/LICENSE" in names
    assert "app/resources/icons/layout-dashboard.svg" in names


# Run by the installed interpreter: the guide window and the icons, offscreen.
GUIDE_CHECK = """
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.i18n import set_locale
set_locale("zh_CN")
from app.ui.help.guide_window import GuideWindow
from app.ui.shell.icons import ICON_FILES, icon
guide = GuideWindow()
guide.open_at("sync")
doc = guide.browser.document()
pictures = [guide.browser.loadResource(2, "images/" + name) for name in ("sync.png", "wizard.png")]
print(guide.contents.item(1).text(), guide.current_key, all(not p.isNull() for p in pictures))
print(sum(icon(m).pixmap(QSize(24, 24)).isNull() for m in ICON_FILES), "null icons")
"""


def test_installed_program_opens_the_guide_with_pictures_and_icons(
    installed: Path, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    done = subprocess.run(
        [str(_bin(installed, "python")), "-c", GUIDE_CHECK],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["概览 sync True", "0 null icons"]


def test_installed_program_runs_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [str(_bin(installed, "python")), "-c", "import app; print(app.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Path(where).resolve().is_relative_to(installed.resolve())

    version = _acec(installed, tmp_path, "--version")
    assert version.returncode == 0 and version.stdout.strip()
    db = str(tmp_path / "office.sqlite")
    assert _acec(installed, tmp_path, "--db", db, "init", "--site", "VN").returncode == 0
    demo = _acec(installed, tmp_path, "--db", db, "demo", "--size", "200")
    assert demo.returncode == 0, demo.stderr
    stats = _acec(installed, tmp_path, "--db", db, "--json", "stats")
    assert '"plan_item": 11' in stats.stdout and '"country": 12' in stats.stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")
def test_installed_program_prints_a_report_in_vietnamese(installed: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "office.sqlite")
    assert _acec(installed, tmp_path, "--db", db, "init", "--site", "VN").returncode == 0
    pdf = tmp_path / "progress.pdf"
    made = _acec(
        installed, tmp_path, "--db", db, "--lang", "vi", "report", "progress", "--out", str(pdf)
    )
    assert made.returncode == 0, made.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Tiến độ thực hiện kế hoạch" in text  # the title, from the compiled catalogue
