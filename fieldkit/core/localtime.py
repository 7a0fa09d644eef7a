"""Moments printed in the post's local time.

Records keep moments (created, changed, approved, a report generated) in UTC, and a meeting's own
start and end as the wall-clock times at the meeting (no zone: they are already local). A report
read at the post prints the UTC moments in the post's time, with the offset so nobody has to
guess: "2 Dec 2026 13:46 (UTC+3)".

The zone comes from the post (HQ's list of posts gives each its zone: ``post_zone``,
``record_zone``). Where the post is not known (a free-text post, an older record) it is the zone
of the country the report is about (``resources/reference/country_time_zones.json``: the
capital's). Every formatting function takes the zone itself.

    zone = zone_for_country("KE")              # "Africa/Nairobi"
    local(datetime(2026, 12, 2, 10, 46, tzinfo=UTC), zone)   # 13:46+03:00
    offset_text(...)                           # "UTC+3"
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .resources import resource_path


@cache
def _country_zones() -> dict[str, str]:
    path = resource_path("reference", "country_time_zones.json")
    return json.loads(path.read_text(encoding="utf-8"))["zones"]


def zone_for_country(code: str | None) -> str | None:
    """The IANA zone of ``code``'s capital, or None for an unknown country."""
    return _country_zones().get((code or "").upper())


@cache
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None  # a system without that zone: print UTC, saying so


def local(at: datetime, zone: str | None) -> datetime:
    """``at`` (aware, or naive meaning UTC) in ``zone``; in UTC when the zone is unknown."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    tz = _zone(zone) if zone else None
    return at.astimezone(tz or UTC)


def offset_text(at: datetime) -> str:
    """The UTC offset of an aware moment: "UTC", "UTC+3", "UTC+5:30", "UTC-3"."""
    offset = at.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def post_zone(store) -> str | None:
    """The zone of the laptop's post (Settings), None when the post is not one HQ lists."""
    settings = getattr(store, "settings", None)
    ask = getattr(settings, "post_time_zone", None)
    return ask() if ask else None


def record_zone(record) -> str | None:
    """The zone of the post that wrote ``record``, else of its country."""
    from .reference import reference

    ref = reference()
    by_post = getattr(ref, "post_time_zone", None)
    zone = by_post(getattr(record, "post", None)) if by_post else None
    country = record.country_code() if hasattr(record, "country_code") else None
    return zone or zone_for_country(country)


def report_zone(store, countries: Iterable[str] = ()) -> str | None:
    """The zone a report prints its moments in: of its one country when it is about one, else of
    the country most of the store's meetings and visits are in (a laptop holds its post's)."""
    codes = sorted({c.upper() for c in countries if c})
    if len(codes) == 1:
        return zone_for_country(codes[0])
    tx = getattr(store, "tx", None)
    if tx is None:  # not a laptop's store (HQ prints for many posts): UTC, as said on the page
        return None
    with tx.read() as conn:
        row = conn.execute(
            # From the (kind, country) index alone: ~20 ms at 100,000 records.
            "SELECT country FROM records WHERE kind IN ('meeting', 'visit') AND country IS NOT NULL"
            " GROUP BY country ORDER BY count(*) DESC, country LIMIT 1"
        ).fetchone()
    return zone_for_country(row[0]) if row else None
