"""Currencies of the region and the rates the demo uses to write plausible amounts.

These only shape the demo's amounts; the rates reports convert with are the
shipped reference records (resources/exchange_rates.json). 2010 is there
because commitments for the first trainings were made in 2010.
"""

from __future__ import annotations

from decimal import Decimal

RATE_YEARS = (2010, 2011, 2012, 2013, 2014)

LOCAL_CURRENCY = {
    "CN": "CNY", "VN": "VND", "TH": "THB", "KH": "KHR", "LA": "LAK", "MM": "MMK",
    "ID": "IDR", "MY": "MYR", "PH": "PHP", "SG": "SGD", "BN": "BND", "TL": "USD",
}  # fmt: skip

# Units of each currency for one US dollar, yearly averages (rounded).
PER_USD: dict[str, tuple[str, str, str, str, str]] = {
    "CNY": ("6.7695", "6.4588", "6.3125", "6.1958", "6.1434"),
    "VND": ("18613", "20510", "20828", "20933", "21148"),
    "THB": ("31.69", "30.49", "31.08", "30.73", "32.48"),
    "KHR": ("4184.9", "4058.5", "4033.0", "4027.3", "4037.5"),
    "LAK": ("8258.8", "8030.1", "8007.8", "7860.1", "8049.0"),
    "MMK": ("880.0", "815.0", "852.0", "933.6", "984.4"),
    "IDR": ("9090.4", "8770.4", "9386.6", "10461.2", "11865.2"),
    "MYR": ("3.22", "3.06", "3.09", "3.15", "3.27"),
    "PHP": ("45.11", "43.31", "42.23", "42.45", "44.40"),
    "SGD": ("1.3635", "1.2577", "1.2497", "1.2513", "1.2671"),
    "BND": ("1.3635", "1.2577", "1.2497", "1.2513", "1.2671"),
    "USD": ("1", "1", "1", "1", "1"),
}
# How finely people round an amount in each currency.
ROUNDING = {"VND": 1_000_000, "IDR": 1_000_000, "KHR": 100_000, "LAK": 100_000, "MMK": 10_000}


def per_usd(currency: str, year: int) -> Decimal:
    """Units of ``currency`` for one US dollar in ``year`` (clamped to 2010–2014)."""
    index = min(max(year, RATE_YEARS[0]), RATE_YEARS[-1]) - RATE_YEARS[0]
    return Decimal(PER_USD[currency][index])


def amount_in(currency: str, usd: float, year: int) -> Decimal:
    """``usd`` US dollars expressed in ``currency``, rounded the way people write it."""
    value = Decimal(str(usd)) * per_usd(currency, year)
    step = ROUNDING.get(currency, 1_000 if currency in ("CNY", "THB", "PHP") else 100)
    rounded = (value / step).to_integral_value() * step
    return max(Decimal(step), rounded).quantize(Decimal("0.01"))
