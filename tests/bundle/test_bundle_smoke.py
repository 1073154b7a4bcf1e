"""The bundle users get (build.spec), built and then run as they run it: no Python involved.

The bundle is built once for this module (about two minutes) into a
temporary folder, then its executables do what an office does: start, make
a database, fill it, export a package that a second database imports, print
reports and open the window. The reports are printed with the system's fonts
hidden, so they show the fonts the bundle carries or nothing at all. If
PyInstaller cannot run, these tests fail: nothing here is skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.i18n import available_locales, normalise_locale

CHECKOUT = Path(__file__).resolve().parents[2]
EXE_SUFFIX = ".exe" if os.name == "nt" else ""
WINDOW_EXE = "ACEC Tracker" if sys.platform in ("win32", "darwin") else "acec-tracker"
SIZE_BUDGET = 250 * 1000 * 1000  # unpacked, as bench/bench_bundle.py reports it
# The first test also waits for the build (two minutes here, more on a busy machine).
pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built one-folder bundle (dist/acec-tracker of a build in a temporary folder)."""
    root = tmp_path_factory.mktemp("bundle")
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
        + ["--distpath", str(root / "dist"), "--workpath", str(root / "work")]
        + [str(CHECKOUT / "build.spec")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    return root / "dist" / "acec-tracker"


@pytest.fixture(scope="module")
def user(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder standing for the user's machine: their data folder, settings, documents."""
    folder = tmp_path_factory.mktemp("user")
    cache = folder / "fontconfig-cache"
    cache.mkdir()
    # fontconfig with no font folder at all: only the fonts the program registers exist.
    (folder / "no-fonts.conf").write_text(f"<fontconfig><cachedir>{cache}</cachedir></fontconfig>")
    return folder


def _env(user: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "FONTCONFIG"))}
    env.update(
        XDG_DATA_HOME=str(user / "data"),
        XDG_CONFIG_HOME=str(user / "config"),
        QT_QPA_PLATFORM="offscreen",
    )
    env.update(extra)
    return env


def _run(
    bundle: Path, user: Path, exe: str, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / (exe + EXE_SUFFIX)), *args],
        cwd=user,
        env=_env(user, **env),
        capture_output=True,
        text=True,
        timeout=300,
    )


def acec(bundle: Path, user: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the bundle's command line; fail the test with its stderr if it fails."""
    done = _run(bundle, user, "acec", *args, **env)
    assert done.returncode == 0, f"acec {' '.join(args)}: {done.stderr}"
    return done


def _hidden_fonts(user: Path) -> dict[str, str]:
    return {"FONTCONFIG_FILE": str(user / "no-fonts.conf")}


def test_version_is_the_programs(bundle: Path, user: Path) -> None:
    assert acec(bundle, user, "--version").stdout.strip() == f"acec {__version__}"


@pytest.fixture(scope="module")
def office(bundle: Path, user: Path) -> Path:
    """An office's database made and filled by the bundle."""
    vn = user / "vn.sqlite"
    acec(bundle, user, "--db", str(vn), "init", "--site", "VN")
    acec(bundle, user, "--db", str(vn), "demo", "--size", "200")
    return vn


def test_an_office_exports_and_the_secretariat_imports(
    bundle: Path, user: Path, office: Path
) -> None:
    vn, sec, package = office, user / "sec.sqlite", user / "vn-to-sec.xlsx"
    acec(bundle, user, "--db", str(vn), "export", "--out", str(package), "--to", "SEC")
    acec(bundle, user, "--db", str(sec), "init", "--site", "SEC")
    keys = json.loads(acec(bundle, user, "--db", str(vn), "--json", "keys").stdout)
    acec(bundle, user, "--db", str(sec), "import", str(package), "--trust", keys["fingerprint"])

    def records(db: Path) -> dict[str, int]:
        stats = json.loads(acec(bundle, user, "--db", str(db), "--json", "stats").stdout)
        return dict(stats["records"])

    office, secretariat = records(vn), records(sec)
    assert office["activity"] > 0
    for kind in ("organisation", "activity", "person", "participation", "funding"):
        assert secretariat[kind] == office[kind], kind


def test_the_duplicate_check_runs_inside_the_bundle(bundle: Path, user: Path) -> None:
    """The transliteration tables (pypinyin for 刘芳, anyascii) load from the bundle."""
    cn = user / "cn.sqlite"
    acec(bundle, user, "--db", str(cn), "init", "--site", "CN")
    acec(bundle, user, "--db", str(cn), "demo", "--size", "200")  # names in Chinese too
    found = json.loads(acec(bundle, user, "--db", str(cn), "--json", "duplicates").stdout)
    assert found["ok"] is True and found["kind"] == "person"


@pytest.mark.parametrize(
    ("lang", "font", "script"),
    [
        ("km", "NotoSansKhmer", range(0x1780, 0x1800)),
        ("zh_CN", "NotoSansCJKsc", range(0x4E00, 0xA000)),
    ],
)
def test_reports_carry_the_bundled_fonts(
    bundle: Path, user: Path, office: Path, lang: str, font: str, script: range
) -> None:
    db, pdf = office, user / f"progress-{lang}.pdf"
    acec(bundle, user, "--db", str(db), "--lang", lang, "report", "progress", "--format", "pdf",
         "--out", str(pdf), **_hidden_fonts(user))  # fmt: skip
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    embedded = [line.split() for line in fonts.stdout.splitlines()[2:]]
    names = {cols[0].split("+")[-1] for cols in embedded}
    assert font in {n.split("-")[0] for n in names}, fonts.stdout
    assert "NotoSans-Regular" in names, fonts.stdout
    assert all(cols[-5] == "yes" for cols in embedded), fonts.stdout  # every font embedded
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert any(ord(ch) in script for ch in text), text[:500]
    # The office goes by its default name, in the report's language: no English
    # "Focal point" in a Khmer or Chinese report.
    assert "Focal point" not in text


def test_the_window_opens_and_shows_the_database(bundle: Path, user: Path, office: Path) -> None:
    # ACEC_QUIT_WHEN_READY: the program quits once the window shows the database.
    done = _run(
        bundle, user, WINDOW_EXE, "--db", str(office), ACEC_QUIT_WHEN_READY="1",
        **_hidden_fonts(user),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    log = user / "data" / "ACEC Tracker" / "acec-errors.log"
    assert not log.exists() or "Traceback" not in log.read_text()


def test_only_what_is_used_is_inside(bundle: Path) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    names = [p.relative_to(bundle).as_posix() for p in files]
    assert sum(p.stat().st_size for p in files) < SIZE_BUDGET
    for unused in ("Qml", "Quick", "WebEngine", "Multimedia", "3D", "VirtualKeyboard", "wayland"):
        assert not [n for n in names if unused in n], unused
    qt_translations = sorted(n.rsplit("/", 1)[-1] for n in names if n.endswith(".qm"))
    assert qt_translations == ["qtbase_zh_CN.qm"]
    catalogues = [n for n in names if n.endswith("LC_MESSAGES/messages.mo")]
    assert len(catalogues) == len(list((CHECKOUT / "translations").glob("*/LC_MESSAGES/*.po")))
    assert any(n.endswith("fonts/NotoSansKhmer-Regular.ttf") for n in names)
    assert [n for n in names if "/fonts/LICENSE" in n or "/fonts/" in n and "OFL" in n]
    assert any(n.endswith("app/store/migrations/env.py") for n in names)
    # The user guide with its pictures; the icons with their licence.
    shipped = {n.split("app/resources/", 1)[1] for n in names if "app/resources/" in n}
    for folder in ("guide", "guide/images", "icons"):
        for path in (CHECKOUT / "resources" / folder).glob("*.*"):
            assert f"{folder}/{path.name}" in shipped, path
    assert "icons/LICENSE" in shipped
    locale_data = {n.rsplit("/", 1)[-1] for n in names if "babel/locale-data/" in n}
    wanted = {normalise_locale(ident) for ident in available_locales()}
    assert {f"{locale}.dat" for locale in wanted} <= locale_data
    assert shutil.which("pdffonts"), "poppler-utils (pdffonts) is needed: scripts/install.sh test"


def test_every_module_of_the_program_is_inside(bundle: Path, user: Path, office: Path) -> None:
    """Modules loaded by name (the command modules, the pages) are bundled too."""
    internal = next(bundle.rglob("app/__init__.*")).parent
    wanted = {
        p.relative_to(CHECKOUT / "app").with_suffix("").as_posix()
        for p in (CHECKOUT / "app").rglob("*.py")
        if "migrations" not in p.parts
    }
    bundled = {
        p.relative_to(internal).with_suffix("").as_posix().removesuffix(".cpython-311")
        for p in internal.rglob("*.py*")
        if p.suffix in (".py", ".pyc")
    }
    assert wanted <= bundled, sorted(wanted - bundled)
    rates = acec(bundle, user, "--db", str(office), "--json", "rates", "--year", "2012")
    assert rates.returncode == 0, rates.stderr
