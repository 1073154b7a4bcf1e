"""Amounts and whole numbers as people type them: separators, a currency sign, spaces."""

from __future__ import annotations

from decimal import Decimal

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

from app.i18n import _, parse_number


class AmountProblem(ValueError):
    """Not an amount we can be sure of; the message says why and what works."""


def _example(locale: Locale) -> str:
    group, point = get_group_symbol(locale), get_decimal_symbol(locale)
    return f"25{group}000{point}50"


def _check_cents(text: str, number: Decimal, locale: Locale) -> None:
    """Money typed with three or more decimals is a typo or a thousands separator misread."""
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= -2:
        return
    point = get_decimal_symbol(locale)
    head, _sep, tail = text.rpartition(point)
    digits = "".join(ch for ch in tail if ch.isdigit())
    if len(digits) == 3 and head and head.replace(" ", "").lstrip("$€£¥-+").isdigit():
        raise AmountProblem(
            _(
                "“{value}” could be {whole} or {small}: in this language “{point}” marks "
                "decimals; write it like {example}"
            ).format(
                value=text,
                whole=head + digits,
                small=head + point + digits,
                point=point,
                example=_example(locale),
            )
        )
    raise AmountProblem(
        _("“{value}” has more than two decimals; write it like {example}").format(
            value=text, example=_example(locale)
        )
    )


def parse_amount(raw: object, locale: Locale, *, money: bool = False) -> Decimal:
    """The amount ``raw`` stands for, read with the current language's separators.

    A spreadsheet number is taken as it is; text may carry thousands
    separators, spaces and a currency sign or code ("$25,000.50", "25.000 VND").
    With ``money``, text with more than two decimals is refused ("1.234" in
    English could be meant as 1,234).
    """
    if isinstance(raw, bool):
        raise AmountProblem(_("expected an amount"))
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    text = " ".join(str(raw).split())
    number = parse_number(text)
    if number is None:
        raise AmountProblem(
            _("“{value}” is not an amount; write it like {example}").format(
                value=text, example=_example(locale)
            )
        )
    if money:
        _check_cents(text, number, locale)
    return number


def parse_whole_number(raw: object, locale: Locale) -> int:
    """A whole number (a year, a count), as typed or as a spreadsheet number."""
    try:
        number = parse_amount(raw, locale)
    except AmountProblem:
        number = None
    if number is None or number != number.to_integral_value():
        raise AmountProblem(_("“{value}” is not a whole number").format(value=raw))
    return int(number)
