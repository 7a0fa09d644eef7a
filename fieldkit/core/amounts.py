"""Amounts of money as a report prints them, in one place for every report.

Japanese official documents write yen in 万 and 億 units (予算額 5,990万円, 1億2,000万円), never
59,900,000円; other currencies keep their ISO code and Western grouping in both languages
(USD 12,000), as do yen in English (JPY 59,900,000).

    format_amount(Decimal("59900000"), "JPY", "ja")    # "5,990万円"
    format_amount(Decimal("120000000"), "JPY", "ja")   # "1億2,000万円"
    format_amount(Decimal("12000"), "USD", "ja")       # "USD 12,000"
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

YEN = "JPY"
# Japanese units from the largest: each is 10,000 times the next (兆 = 10^12, 億 = 10^8, 万 = 10^4).
_UNITS = (("兆", 10**12), ("億", 10**8), ("万", 10**4))


def _grouped(value: Decimal) -> str:
    """12,000 or 12,000.50: cents only when there are any."""
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def yen_ja(amount: Decimal | int | float) -> str:
    """Yen in Japanese units: 5,990万円, 1億2,000万円, 1億円, 9,800円, 5,991万2,345円."""
    value = int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign, value = ("-" if value < 0 else ""), abs(value)
    parts = []
    for unit, size in _UNITS:
        count, value = divmod(value, size)
        if count:
            parts.append(f"{count:,}{unit}")
    if value or not parts:
        parts.append(f"{value:,}")
    return sign + "".join(parts) + "円"


def format_amount(amount, currency: str = "", lang: str = "en") -> str:
    """An amount in ``currency`` (ISO 4217 code; empty: none known) for a report in ``lang``.
    None prints as nothing."""
    if amount is None or amount == "":
        return ""
    value = Decimal(str(amount))
    code = (currency or "").upper()
    if lang == "ja" and code == YEN:
        return yen_ja(value)
    return f"{code} {_grouped(value)}".strip()
