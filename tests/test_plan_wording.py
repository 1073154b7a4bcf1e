"""The plan's own wording: ASEAN's country names, the plan's Chinese terms, China–ASEAN.

Reports are checked by their own tests; these cover the program's texts.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app import i18n
from app.models.codes import label_of
from app.services.office import init_office

ROOT = Path(__file__).resolve().parents[1]
WRONG_ORDER = re.compile(r"ASEAN\s*[-–—‑]\s*China")
# Source folders whose texts a user sees (the program, its build and its packaging).
SOURCES = ("app", "buildsteps", "resources", "scripts")


def _messages_in_use() -> set[str]:
    found = extract_from_dir(
        str(ROOT / "app"), keywords={"_": None, "N_": None, "ngettext": (1, 2)}
    )
    ids: set[str] = set()
    for _file, _line, message, _comments, _context in found:
        ids.update(message if isinstance(message, tuple) else (message,))
    return ids


def test_english_country_names_follow_asean_usage() -> None:
    i18n.set_locale("en")
    names = {code: i18n.country_name(code) for code in ("VN", "LA", "BN", "MM", "KH", "TL")}
    assert names == {
        "VN": "Viet Nam",
        "LA": "Lao PDR",
        "BN": "Brunei Darussalam",
        "MM": "Myanmar",
        "KH": "Cambodia",
        "TL": "Timor-Leste",
    }
    assert label_of("country", "VN") == "Viet Nam"


def test_other_languages_keep_their_cldr_names() -> None:
    i18n.set_locale("vi")
    assert i18n.country_name("VN") == "Việt Nam"
    i18n.set_locale("zh_Hans_CN")
    assert i18n.country_name("LA") == "老挝"
    i18n.set_locale("en")


def test_chinese_uses_the_plans_funding_sources_and_envoy_sectors() -> None:
    # As the plan (III.2 and 2.1) writes them, word for word.
    i18n.set_locale("zh_Hans_CN")
    sources = [
        label_of("funding_source", c) for c in ("cafund", "partners", "china", "asean_gov", "ppp")
    ]
    assert sources == [
        "中国-东盟合作基金",
        "国际合作伙伴捐助资金",
        "中国政府支持资金",
        "东盟有关国家政府支持资金",
        "公私合作伙伴捐助资金",
    ]
    assert label_of("envoy_sector", "ngo") == "各种环保社会团体"
    # An organisation's type "NGO" is not the plan's envoy sector and stays short.
    assert label_of("organisation_type", "ngo") == "非政府组织"
    i18n.set_locale("en")


def test_the_secretariats_default_name_follows_the_language(tmp_path: Path) -> None:
    db = init_office(tmp_path / "sec.db", "SEC")
    try:
        assert db.site_info.office_name == "China–ASEAN joint secretariat"
        i18n.set_locale("zh_Hans_CN")
        assert db.site_info.office_name == "中国-东盟联合执行秘书处"
    finally:
        i18n.set_locale("en")
        db.close()


def test_a_name_the_office_gave_itself_is_kept(tmp_path: Path) -> None:
    db = init_office(tmp_path / "vn.db", "VN", "Vụ Hợp tác Quốc tế")
    try:
        i18n.set_locale("zh_Hans_CN")
        assert db.site_info.office_name == "Vụ Hợp tác Quốc tế"
    finally:
        i18n.set_locale("en")
        db.close()


def test_no_user_visible_text_says_asean_china() -> None:
    wrong = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in {".py", ".json", ".toml", ".sh", ".svg", ".txt"}:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if WRONG_ORDER.search(line) and "never shown" not in line:
                    wrong.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert not WRONG_ORDER.search(pyproject)
    assert wrong == []


def test_no_catalogue_in_use_says_asean_china() -> None:
    in_use = _messages_in_use()
    assert "China–ASEAN joint secretariat" in in_use
    wrong = []
    for path in sorted(i18n.TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po")):
        with path.open("rb") as fh:
            catalog = read_po(fh)
        for message in catalog:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            if not message.id or message.fuzzy or not set(ids) & in_use:
                continue  # unused entries go when the catalogues are regenerated
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if any(WRONG_ORDER.search(text or "") for text in (*ids, *strings)):
                wrong.append((path.parent.parent.name, ids[0]))
    assert wrong == []
