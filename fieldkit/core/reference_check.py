"""What HQ may publish as a reference list, and how a publication becomes the next lists.

One rule set for HQ's command line and console: a file is refused in one line naming the file, the
row and the field. A code HQ drops stays in the list, marked ``retired``: records tagged with it
stay valid everywhere, and laptops stop offering it for new records.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import date
from typing import Any

from .errors import FieldKitError
from .messages import Message
from .reference import GOVERNED

MAX_ROWS = 5000
MAX_TEXT = 300
SLUG = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,39}$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
POST_TYPES = ("embassy", "consulate_general", "permanent_mission", "office")


def _fail(file: str, row: int | None, code: str, field: str, why: Message) -> FieldKitError:
    if row is None:
        return FieldKitError(Message("reference.bad_file", file=file, why=why))
    return FieldKitError(
        Message("reference.bad_row", file=file, row=row, code=code or "?", field=field, why=why)
    )


def check(files: dict[str, Any], current: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The lists after publishing ``files`` (list name -> parsed JSON) over ``current`` (every
    governed list as HQ has it now): only the lists that change. Raises FieldKitError for the
    first problem, naming file, row and field; nothing is half-applied."""
    for name in files:
        if name not in GOVERNED:
            raise FieldKitError(
                Message("reference.not_governed", file=f"{name}.json", names=", ".join(GOVERNED))
            )
    merged = dict(current)
    for name in GOVERNED:  # regions and countries first: later lists name them
        if name in files:
            merged[name] = _rows(name, files[name])
    countries = {r["code"] for r in merged["countries"] if not r.get("retired")}
    regions = {r["code"] for r in merged["regions"] if not r.get("retired")}
    for name in GOVERNED:  # a list not published now may name a country or region just dropped
        file = f"{name}.json"
        for i, row in enumerate(merged[name], start=1):
            if not row.get("retired"):
                _check_row(name, file, i, row, countries, regions)
    if "posts" in files:
        _check_embassies(merged["posts"])
    changed = {}
    for name in files:
        rows = _with_retired(merged[name], current.get(name, []))
        if rows != current.get(name):
            changed[name] = rows
    return changed


def _rows(name: str, data: Any) -> list[dict]:
    file = f"{name}.json"
    if not isinstance(data, list):
        raise _fail(file, None, "", "", Message("reference.why_not_list"))
    if len(data) > MAX_ROWS:
        raise _fail(
            file, None, "", "", Message("reference.why_too_many", n=len(data), most=MAX_ROWS)
        )
    seen: set[str] = set()
    rows = []
    for i, row in enumerate(data, start=1):
        if not isinstance(row, dict):
            raise _fail(file, i, "", "", Message("reference.why_not_object"))
        code = row.get("code")
        pattern = COUNTRY if name == "countries" else SLUG
        if not isinstance(code, str) or not pattern.match(code):
            why = "reference.why_country_code" if name == "countries" else "reference.why_slug"
            raise _fail(file, i, str(code)[:40], "code", Message(why, value=repr(code)[:60]))
        if name == "posts" and len(code) <= 2:
            raise _fail(file, i, code, "code", Message("reference.why_post_code"))
        if code in seen:
            raise _fail(file, i, code, "code", Message("reference.why_duplicate"))
        seen.add(code)
        for key in ("name", "name_ja"):
            text = row.get(key)
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
                raise _fail(file, i, code, key, Message("reference.why_name", most=MAX_TEXT))
        if "retired" in row and not isinstance(row["retired"], bool):
            raise _fail(file, i, code, "retired", Message("reference.why_bool"))
        rows.append(dict(row))
    return rows


def _check_row(name, file, i, row, countries, regions) -> None:
    code = row["code"]

    def country_list(key: str, allowed: set[str], why: str) -> None:
        values = row.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise _fail(file, i, code, key, Message("reference.why_list"))
        for v in values:
            if v not in allowed:
                raise _fail(file, i, code, key, Message(why, value=repr(v)[:40]))

    if name == "regions":
        country_list("countries", countries, "reference.why_unknown_country")
    elif name == "summits":
        country_list("participants", countries | regions, "reference.why_unknown_participant")
        start = _date(file, i, code, row, "start")
        end = _date(file, i, code, row, "end")
        if end and not start:
            raise _fail(file, i, code, "start", Message("reference.why_end_without_start"))
        if start and end and end < start:
            raise _fail(file, i, code, "end", Message("reference.why_end_before_start"))
        year = row.get("year")
        if year is not None and not (isinstance(year, int) and 1990 <= year <= 2200):
            raise _fail(file, i, code, "year", Message("reference.why_year"))
    elif name == "posts":
        if row.get("type") not in POST_TYPES:
            raise _fail(file, i, code, "type",
                        Message("reference.why_post_type", types=", ".join(POST_TYPES)))  # fmt: skip
        if row.get("country") not in countries:
            raise _fail(file, i, code, "country",
                        Message("reference.why_unknown_country", value=repr(row.get("country"))))  # fmt: skip
        country_list("countries", countries, "reference.why_unknown_country")
        if row["type"] == "embassy" and row["country"] not in row.get("countries", []):
            raise _fail(file, i, code, "countries", Message("reference.why_embassy_country"))
        tz = row.get("time_zone")
        try:
            ok = isinstance(tz, str) and bool(tz) and zoneinfo.ZoneInfo(tz) is not None
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            ok = False
        if not ok:
            raise _fail(file, i, code, "time_zone",
                        Message("reference.why_time_zone", value=repr(tz)[:60]))  # fmt: skip


def _date(file, i, code, row, key) -> date | None:
    value = row.get(key)
    if value is None:
        return None
    try:
        return date.fromisoformat(value) if isinstance(value, str) else _bad()
    except ValueError:
        raise _fail(
            file, i, code, key, Message("reference.why_date", value=repr(value)[:40])
        ) from None


def _bad():
    raise ValueError


def _check_embassies(posts: list[dict]) -> None:
    """One embassy per country: its records are kept at HQ under the country's code."""
    seen: dict[str, str] = {}
    file = "posts.json"
    for i, row in enumerate(posts, start=1):
        if row.get("type") == "embassy" and not row.get("retired"):
            other = seen.setdefault(row["country"], row["code"])
            if other != row["code"]:
                raise _fail(file, i, row["code"], "country",
                            Message("reference.why_two_embassies", other=other))  # fmt: skip


def _with_retired(new: list[dict], old: list[dict]) -> list[dict]:
    """The new rows, then every code of the old list the new one dropped, marked retired."""
    codes = {r["code"] for r in new}
    dropped = [{**r, "retired": True} for r in old if r["code"] not in codes]
    return new + dropped
