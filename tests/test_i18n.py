"""Languages: catalogues from .po files, CLDR formatting, locale names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from app import i18n


def write_po(folder: Path, lang: str, pairs: dict[str, str]) -> None:
    target = folder / lang / "LC_MESSAGES"
    target.mkdir(parents=True)
    body = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for key, value in pairs.items():
        body += [f'msgid "{key}"', f'msgstr "{value}"', ""]
    (target / "messages.po").write_text("\n".join(body), encoding="utf-8")


def test_po_catalogue_is_used_without_a_build_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_po(tmp_path, "vi", {"Activities": "Hoạt động", "{n} rows": "{n} dòng"})
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    assert i18n.set_locale("vi_VN") == "vi_VN"
    assert i18n._("Activities") == "Hoạt động"
    assert i18n._("{n} rows").format(n=3) == "3 dòng"
    assert i18n._("Not translated") == "Not translated"
    assert i18n.available_locales() == ["en", "vi"]


def test_chinese_names_and_formats() -> None:
    assert i18n.set_locale("zh-CN") == "zh_Hans_CN"
    assert i18n.country_name("KH") == "柬埔寨"
    assert i18n.format_date(dt.date(2012, 3, 1)) == "2012年3月1日"
    assert i18n.format_number(1234567) == "1,234,567"


def test_money_and_numbers_follow_the_language() -> None:
    i18n.set_locale("vi")
    assert i18n.format_number(Decimal("1234.5")) == "1.234,5"
    assert "₫" in i18n.format_money(Decimal("25000"), "VND")
    i18n.set_locale("en")
    assert i18n.format_money(Decimal("1234.5"), "USD") == "$1,234.50"
    assert i18n.format_percent(0.25) == "25.0%"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown language"):
        i18n.set_locale("qq_ZZ")


def test_portuguese_is_timor_leste_s(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_po(tmp_path, "pt", {"Activities": "Atividades"})
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    assert i18n.available_locales() == ["en", "pt"]
    assert i18n.set_locale("pt") == "pt_TL"
    assert i18n._("Activities") == "Atividades"
    # European formats (Brazil's "pt" would give "1 de mar. de 2012" and "US$ 1.234,50").
    assert i18n.format_date(dt.date(2012, 3, 1)) == "01/03/2012"
    assert i18n.format_money(Decimal("1234.5"), "USD") == "1\u00a0234,50\u00a0US$"
    assert i18n.country_name("TL") == "Timor-Leste"
    assert i18n.language_name("pt") == "português (Timor-Leste)"


def test_plan_texts_in_every_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.models.plan_wording import localised

    write_po(tmp_path, "vi", {"Joint research": "Nghiên cứu chung"})
    write_po(tmp_path, "zh_Hans_CN", {"Joint research": "联合研究（目录）"})
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    i18n.set_locale("vi")
    assert localised("Joint research", "联合研究") == "Nghiên cứu chung"
    assert localised("A later plan's item", None) == "A later plan's item"
    assert localised("", None) == ""  # never the catalogue's header
    i18n.set_locale("zh_CN")
    assert localised("Joint research", "联合研究") == "联合研究"  # the plan's own Chinese
    assert localised("Joint research", None) == "联合研究（目录）"
    i18n.set_locale("en")
    assert localised("Joint research", "联合研究") == "Joint research"


REGION_CURRENCIES = ["USD", "CNY", "VND", "THB", "KHR", "LAK", "MMK", "IDR", "MYR", "PHP", "EUR"]


@pytest.mark.parametrize("language", ["en", *i18n.available_locales()[1:]])
def test_money_as_shown_is_read_back(language: str) -> None:
    """What the program shows ("1 200,50 US$" in Portuguese) may be typed or pasted back."""
    i18n.set_locale(language)
    unread = []
    for currency in REGION_CURRENCIES:
        for amount in (Decimal("1200.75"), Decimal("25000"), Decimal("-3.25")):
            for shown in (
                i18n.format_money(amount, currency),
                i18n.format_amount(amount, currency),
            ):
                if i18n.parse_number(shown) != amount.quantize(
                    Decimal(1) / 10 ** i18n.currency_places(currency)
                ):
                    unread.append(shown)
    i18n.set_locale("en")
    assert unread == []


@pytest.mark.parametrize("typed", ["abc12", "12 apples", "US$", "1.2.3x", "$$5x"])
def test_words_around_a_number_are_not_a_currency(typed: str) -> None:
    i18n.set_locale("en")
    assert i18n.parse_number(typed) is None
