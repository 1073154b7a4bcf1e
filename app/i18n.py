"""The message catalogue, locale choice and CLDR formatting (Babel).

Every user-visible string in every layer goes through ``_()`` or ``ngettext``.
Strings that must be defined before a locale is chosen (labels of codes and
fields) are marked with ``N_()`` and translated where they are shown.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_format_date
from babel.dates import format_datetime as _babel_format_datetime
from babel.dates import format_time as _babel_format_time
from babel.dates import format_timedelta as _babel_format_timedelta
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import NumberFormatError, get_currency_precision
from babel.numbers import format_currency as _babel_format_currency
from babel.numbers import format_decimal as _babel_format_decimal
from babel.numbers import format_percent as _babel_format_percent
from babel.numbers import parse_decimal as _babel_parse_decimal
from babel.support import NullTranslations, Translations

from app.shipped_data import translations_folder

DOMAIN = "messages"
TRANSLATIONS_DIR = translations_folder()
DEFAULT_LOCALE = "en"
# The CLDR locale whose dates, numbers and names a catalogue's language uses,
# where the bare language would pick another country's. Portuguese is
# Timor-Leste's: pt_TL has European Portuguese formats (it inherits pt_PT:
# "01/03/2012", "1 234,50 US$") and Timor-Leste's own territory data, where
# the bare "pt" is Brazil's ("1 de mar. de 2012", "US$ 1.234,50").
FORMATTING_LOCALES = {"pt": "pt_TL"}

_translations: gettext.NullTranslations = NullTranslations()
_locale: Locale = Locale.parse(DEFAULT_LOCALE)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count into the current language."""
    return _translations.ngettext(singular, plural, n)


def normalise_locale(name: str | None) -> str:
    """Return a Babel locale identifier for ``name`` (``zh_CN``, ``zh-Hans``, ``vi``...)."""
    if not name:
        return DEFAULT_LOCALE
    text = name.replace("-", "_").split(".")[0]
    if text.lower() in ("zh", "zh_cn", "zh_hans", "zh_sg"):
        return "zh_Hans_CN"
    text = FORMATTING_LOCALES.get(text.lower(), text)
    try:
        return str(Locale.parse(text))
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(_("Unknown language: {name}").format(name=name)) from exc


def set_locale(name: str | None) -> str:
    """Choose the language for messages and formatting; return the locale used."""
    global _translations, _locale
    ident = normalise_locale(name)
    _locale = Locale.parse(ident)
    candidates = [ident, str(_locale.language)]
    if _locale.language == "zh":
        candidates.insert(1, "zh_Hans")
    _translations = _load_catalogue(candidates)
    return ident


def _load_catalogue(candidates: list[str]) -> gettext.NullTranslations:
    """The compiled catalogue of the first candidate that has one.

    A .po without its .mo (a fresh checkout) is compiled in memory, so the
    program needs no build step to speak every language it ships.
    """
    for name in candidates:
        folder = TRANSLATIONS_DIR / name / "LC_MESSAGES"
        mo_path, po_path = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
        if mo_path.exists() and (
            not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
        ):
            with mo_path.open("rb") as fh:
                return Translations(fh, DOMAIN)
        if po_path.exists():
            with po_path.open("rb") as fh:
                catalog = read_po(fh, locale=name, domain=DOMAIN)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            return Translations(buffer, DOMAIN)
    return NullTranslations()


def translated_in(message: str, locale: str) -> str:
    """``message`` in ``locale``'s catalogue, whatever the current language is."""
    ident = normalise_locale(locale)
    parsed = Locale.parse(ident)
    candidates = [ident, str(parsed.language)]
    if parsed.language == "zh":
        candidates.insert(1, "zh_Hans")
    return _load_catalogue(candidates).gettext(message)


def available_locales() -> list[str]:
    """The languages offered anywhere (settings, first-run wizard, reports).

    English plus every language that has a catalogue in translations/: the one
    place the list comes from, so nothing is offered that would fall back to
    English (tests/test_catalogues.py checks each catalogue is complete).
    """
    found = sorted(
        p.parent.parent.name for p in TRANSLATIONS_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    )
    return [DEFAULT_LOCALE, *found]


def current_locale() -> Locale:
    """The Babel locale in use."""
    return _locale


def format_date(value: dt.date | None, fmt: str = "medium") -> str:
    """A date in the current language, or an empty string."""
    if value is None:
        return ""
    return _babel_format_date(value, format=fmt, locale=_locale)


def format_datetime(value: dt.datetime | None, fmt: str = "medium") -> str:
    """A date and time in the current language, or an empty string."""
    if value is None:
        return ""
    return _babel_format_datetime(value, format=fmt, locale=_locale)


def format_moment(value: dt.datetime | None) -> str:
    """A moment as a person reads it: the date with the year in full, the time to the minute.

    In the current language's order ("Dec 2, 2026, 4:39 AM", "04:39 2 thg 12,
    2026") and in this computer's time zone; a naive value is taken as UTC,
    as the program stores times.
    """
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    local = value.astimezone()
    pattern = _locale.datetime_formats["medium"]
    time = _babel_format_time(local, format="short", locale=_locale)
    return str(pattern).format(time, _babel_format_date(local, format="medium", locale=_locale))


def format_timedelta(value: dt.timedelta) -> str:
    """A duration in the current language, rounded to its largest unit ("73 years")."""
    return _babel_format_timedelta(value, locale=_locale)


def format_number(value: int | float | Decimal | None) -> str:
    """A number with the current language's separators."""
    if value is None:
        return ""
    return _babel_format_decimal(value, locale=_locale)


# A number as typed or shown: an optional sign, then what the number itself may
# hold (digits, CLDR's group and decimal signs, spaces, which some languages
# group with), with anything else in front of or behind it taken as a currency.
_AMOUNT = re.compile(
    r"(?P<sign>[+\-\u2212]?)\s*(?P<before>[^\d.,+\-\u2212]*?)\s*"
    r"(?P<number>[+\-\u2212]?[.,]?\d[\d.,'’\s\u00a0\u202f]*?)\s*(?P<after>\D*?)"
)
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_CODE = re.compile(r"[A-Z]{3}")


def _is_currency(mark: str) -> bool:
    """Whether ``mark``, written beside a number, is a currency: "US$", "₫", "VND", "RM"."""
    mark = mark.strip()
    if not mark or _CODE.fullmatch(mark):
        return True
    shown_here = Locale.parse(_locale).currency_symbols.values()
    return mark in shown_here or mark in Locale("en").currency_symbols.values()


def parse_number(text: str) -> Decimal | None:
    """A number as a person types it in the current language, or None if it is none.

    "25,000" and "$25,000.50" in English, "25.000,5" in Vietnamese, "1 200,50
    US$" (as Portuguese shows money) and the plain "25000.50" in any language
    (as a spreadsheet would give it). A word that is no currency ("12 apples")
    makes it no number.
    """
    match = _AMOUNT.fullmatch(text.strip())
    if match is None or not (_is_currency(match["before"]) and _is_currency(match["after"])):
        return None
    signs = match["sign"] + match["number"]
    if signs.count("-") + signs.count("\u2212") + signs.count("+") > 1:
        return None
    cleaned = _SPACES.sub("", signs.replace("\u2212", "-"))
    try:
        return Decimal(_babel_parse_decimal(cleaned, locale=_locale, strict=True))
    except NumberFormatError:
        pass
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def format_number_pattern(value: Decimal, pattern: str) -> str:
    """A number in a CLDR pattern (e.g. ``#,##0.00``) with the current language's signs."""
    return _babel_format_decimal(value, format=pattern, locale=_locale)


def format_percent(value: float | Decimal | None) -> str:
    """A share (0.25) as a percentage in the current language."""
    if value is None:
        return ""
    return _babel_format_percent(value, format="#,##0.0%", locale=_locale)


def format_money(amount: Decimal | float | int | None, currency: str) -> str:
    """An amount with its ISO 4217 currency in the current language."""
    if amount is None:
        return ""
    return _babel_format_currency(amount, currency, locale=_locale)


def currency_places(currency: str | None) -> int:
    """Decimals of an amount in ``currency`` from CLDR (VND, LAK, IDR: 0; USD: 2; none: 2)."""
    return get_currency_precision(currency) if currency else 2


def format_amount(amount: Decimal | float | int | None, currency: str | None) -> str:
    """An amount without its sign, with the currency's own decimals ("25,000" VND, "1,200.50" USD).

    The one way forms, lists, panels and reports show an amount in a column
    that names its currency beside it.
    """
    if amount is None:
        return ""
    places = currency_places(currency)
    rounded = Decimal(str(amount)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return _babel_format_decimal(rounded, format=pattern, locale=_locale)


# ASEAN's own English names for its members where CLDR's differ (the names in
# ASEAN's charter and documents, which the offices' readers expect).
ASEAN_ENGLISH_NAMES = {
    "BN": "Brunei Darussalam",
    "LA": "Lao PDR",
    "MM": "Myanmar",
    "VN": "Viet Nam",
}


def country_name(code: str | None) -> str:
    """A country's name (ISO 3166-1 alpha-2) in the current language.

    CLDR's name, except in English, where ASEAN members go by ASEAN's usage.
    """
    if not code:
        return ""
    if code == "SEC":
        return _("Joint Secretariat")
    if _locale.language == "en" and code in ASEAN_ENGLISH_NAMES:
        return ASEAN_ENGLISH_NAMES[code]
    return str(_locale.territories.get(code, code))


def language_name(ident: str) -> str:
    """A language's own name (e.g. ``Tiếng Việt``) for menus."""
    loc = Locale.parse(normalise_locale(ident))
    return loc.get_display_name(loc) or ident


def currency_name(code: str) -> str:
    """The CLDR name of an ISO 4217 currency in the current language."""
    return str(_locale.currencies.get(code, code))
