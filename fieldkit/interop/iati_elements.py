"""Reading one IATI element into the values FieldKit keeps: shared by import and export.

Import reads each element of an activity with these; export reads again the verbatim copy it kept
of an element (see ``iati_read``: elements with parts FieldKit does not model are kept whole) to
know whether the project still says what that element said, and then writes the element back
unchanged instead of rebuilding it with those parts missing.

``skip(node, what, reason)`` is told what is left out; export passes one that ignores it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from fieldkit.core.messages import Message
from fieldkit.core.reference import reference

from .iati_common import DATE_TYPES, XML_LANG, valid_language

# fieldkit.core.models' text limits (a test checks that they agree): repeated here so that the
# reader process (iati_worker) starts without importing pydantic and the models.
SHORT = 500
LONG = 200_000

Skipper = Callable[..., None]
# What each element FieldKit models may hold and is read; anything else makes the element one to
# keep verbatim. Namespaced (extension) attributes and elements count as anything else.
KNOWN: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    tag: (frozenset(attrs.split()), frozenset(children.split()))
    for tag, attrs, children in (
        ("iati-identifier", "", ""),
        ("reporting-org", "ref type", "narrative"),
        ("title", "", "narrative"),
        ("description", "type", "narrative"),
        ("participating-org", "ref role type", "narrative"),
        ("activity-status", "code", ""),
        ("activity-date", "iso-date type", ""),
        ("recipient-country", "code percentage", ""),
        ("recipient-region", "code vocabulary percentage", ""),
        ("location", "", "name point"),
        ("sector", "code vocabulary percentage", "narrative"),
        ("budget", "type status", "period-start period-end value"),
        ("related-activity", "ref type", ""),
    )
}
VOCABULARY_ALIASES = {"": "1", "DAC": "1", "DAC-3": "2"}  # 1.0x names still seen in 2.0x files


def leftovers(node) -> list[str]:
    """The attributes and child elements of a modelled element that FieldKit does not keep."""
    attrs, children = KNOWN[node.tag]
    keys = node.keys()
    out = [f"@{a}" for a in keys if a not in attrs] if keys else []
    if not len(node):  # most elements FieldKit models have no children: the usual case is here
        return out
    for child in node:
        tag = child.tag
        if tag.__class__ is not str:
            continue
        if tag not in children:
            out.append(tag)
        elif tag == "narrative":
            extra = [a for a in child.attrib if a != XML_LANG]
            if extra:
                out.append("narrative/@" + extra[0])
        elif tag == "point" and (len(child) > 1 or any(a != "srsName" for a in child.attrib)):
            out.append("point/*")
        elif tag == "name" and (child.keys() or any(c.tag != "narrative" for c in child)):
            out.append("name/*")
        elif tag == "value" and any(a not in ("currency", "value-date") for a in child.attrib):
            out.append("value/@*")
    return out


def narratives(
    node,
    default_lang: str,
    *,
    join: bool,
    direct_text: bool = True,
    skip: Skipper | None = None,
    label: str = "",
) -> dict[str, str]:
    """Language -> text of an element's narratives (or its own text, as 1.0x files had it).

    A second narrative in a language already given is joined to it (``join``) or listed as left
    out; a language code xml:lang does not allow ("fr_fr") is repaired ("fr-fr") and listed.
    """
    out: dict[str, str] = {}
    if node is None:
        return out
    for n in node.iterchildren("narrative"):
        text = n.text
        if not text or not (text := text.strip()):
            continue
        raw = n.get(XML_LANG)
        lang = _language(raw, default_lang, n, label, skip)
        if lang is None:
            continue
        if lang not in out:
            out[lang] = text
        elif join:
            if text not in out[lang]:
                out[lang] += "\n\n" + text
        elif skip is not None and text != out[lang]:
            skip(
                n, label or node.tag, Message("iati.second_narrative", lang=lang, text=_quote(text))
            )
    if not out and direct_text:
        text = (node.text or "").strip()
        if text:
            lang = _language(node.get(XML_LANG), default_lang, node, label, skip)
            if lang is not None:
                out[lang] = text
    return out


def _language(raw, default_lang, node, label, skip) -> str | None:
    if raw is None:
        return default_lang
    lang = raw.strip().lower()
    if not lang:
        return default_lang
    if valid_language(lang):
        return lang
    fixed = lang.replace("_", "-")
    if valid_language(fixed):
        if skip is not None:
            skip(
                node,
                label or "narrative",
                Message("iati.language_repaired", raw=repr(raw), fixed=repr(fixed)),
            )
        return fixed
    if skip is not None:
        skip(node, label or "narrative", Message("iati.language_invalid", raw=repr(raw)))
    return None


def _quote(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def percentage(node, label: str, skip: Skipper) -> float | None:
    raw = (node.get("percentage") or "").strip()
    if not raw:
        return None
    try:
        value = float(raw.rstrip("%"))
    except ValueError:
        skip(node, label, Message("iati.percentage_not_number", value=repr(raw)))
        return None
    if not 0 <= value <= 100:
        skip(node, label, Message("iati.percentage_out_of_range", value=raw))
        return None
    return value


def iso_date(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.strip()[:10]
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None
    # Nearly always already YYYY-MM-DD: no need to write it out again.
    return raw if len(raw) == 10 and raw[4] == "-" and raw[7] == "-" else day.isoformat()


# ---- one element each ---------------------------------------------------------------------------
def country(rc, skip: Skipper) -> dict[str, Any] | None:
    code = (rc.get("code") or "").strip().upper()
    if not code:
        skip(rc, "recipient-country", Message("iati.no_code"))
        return None
    if code not in reference().countries:
        skip(rc, f"recipient-country {code}", Message("iati.not_a_country"))
        return None
    return {"code": code, "percentage": percentage(rc, f"recipient-country {code}", skip)}


def region(rr, skip: Skipper) -> dict[str, Any] | None:
    code = (rr.get("code") or "").strip()
    vocabulary = (rr.get("vocabulary") or "").strip() or "1"
    if not code:
        skip(rr, "recipient-region", Message("iati.no_code"))
        return None
    label = f"recipient-region {code} (vocabulary {vocabulary})"
    if len(code) > SHORT or len(vocabulary) > SHORT:
        skip(rr, "recipient-region", Message("iati.code_too_long"))
        return None
    if vocabulary == "1" and code not in reference_regions():
        skip(rr, label, Message("iati.region_unknown"))
        return None
    return {"code": code, "vocabulary": vocabulary, "percentage": percentage(rr, label, skip)}


def org(p, default_lang: str, prefer, skip: Skipper) -> tuple[dict[str, str], dict] | None:
    """A participating organisation, and its name in every language given."""
    from .iati_common import pick

    role = (p.get("role") or "").strip()
    ref = (p.get("ref") or "").strip()
    label = "participating-org"
    names = narratives(p, default_lang, join=False, skip=skip, label=label)
    _, name = pick(names, prefer)
    label = f"participating-org {ref or name or ''}".strip()
    if not role:
        skip(p, label, Message("iati.no_role"))
        return None
    if not (ref or name):
        skip(p, "participating-org", Message("iati.no_name_or_identifier"))
        return None
    entry = {
        "name": name[:SHORT],
        "ref": ref[:SHORT],
        "role": role[:SHORT],
        "type": (p.get("type") or "").strip()[:SHORT],
    }
    return entry, {k: v[:LONG] for k, v in names.items()}


def sector(s, default_lang: str, skip: Skipper) -> tuple[dict[str, Any], dict] | None:
    code = (s.get("code") or "").strip()
    raw = (s.get("vocabulary") or "").strip()
    vocabulary = VOCABULARY_ALIASES.get(raw, raw)
    if not code:
        skip(s, "sector", Message("iati.no_code"))
        return None
    label = f"sector {code} (vocabulary {vocabulary})"
    if len(code) > SHORT or len(vocabulary) > SHORT:
        skip(s, "sector", Message("iati.code_too_long"))
        return None
    if vocabulary == "1" and code not in reference().sectors:
        skip(s, label, Message("iati.not_a_purpose_code"))
        return None
    entry = {"code": code, "vocabulary": vocabulary, "percentage": percentage(s, label, skip)}
    names = narratives(s, default_lang, join=False, direct_text=False, skip=skip, label=label)
    return entry, {k: v[:LONG] for k, v in names.items()}


def location(loc, default_lang: str, prefer, skip: Skipper) -> tuple[dict[str, Any], dict] | None:
    from .iati_common import pick

    name_el = pos = coords = None
    for c in loc:
        tag = c.tag
        if tag == "name":
            name_el = name_el if name_el is not None else c
        elif tag == "point" and pos is None:
            pos = next(c.iterchildren("pos"), None)
        elif tag == "coordinates":  # 1.0x
            coords = coords if coords is not None else c
    names = narratives(name_el, default_lang, join=False, skip=skip, label="location name")
    _, name = pick(names, prefer)
    lat = lon = None
    raw = None
    if pos is not None:
        raw = (pos.text or "").split()
    elif coords is not None:
        raw = [coords.get("latitude") or "", coords.get("longitude") or ""]
    if raw is not None:
        try:
            lat, lon = float(raw[0]), float(raw[1])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError
        except (ValueError, IndexError):
            bad = Message("iati.bad_coordinates", value=repr(" ".join(raw)))
            skip(pos if pos is not None else coords, f"location {name}".strip(), bad)
            lat = lon = None
    if not name and lat is None:
        if raw is None:
            skip(loc, "location", Message("iati.no_name_or_coordinates"))
        return None
    entry = {"name": name[:SHORT], "latitude": lat, "longitude": lon}
    return entry, {k: v[:LONG] for k, v in names.items()}


def related(r, skip: Skipper) -> dict[str, str] | None:
    ref = (r.get("ref") or "").strip()
    if not ref:
        skip(r, "related-activity", Message("iati.no_ref"))
        return None
    return {"ref": ref[:SHORT], "type": (r.get("type") or "").strip()[:SHORT]}


def activity_date(d, skip: Skipper) -> dict[str, str] | None:
    """{"type": "1".."4", "iso_date": ...}: 1.0x names ("start-planned") become their codes."""
    name = DATE_TYPES.get((d.get("type") or "").strip())
    value = iso_date(d.get("iso-date"))
    if name is None:
        skip(d, "activity-date", Message("iati.unknown_type", value=repr(d.get("type"))))
        return None
    if value is None:
        skip(d, f"activity-date {name}", Message("iati.not_a_date", value=repr(d.get("iso-date"))))
        return None
    return {"type": DATE_CODES[name], "iso_date": value}


DATE_CODES = {"start-planned": "1", "start-actual": "2", "end-planned": "3", "end-actual": "4"}


def budget_line(b, default_currency: str, skip: Skipper) -> dict[str, Any] | None:
    """One budget as published, or None (listed) when it cannot be kept."""
    value_el = start_el = end_el = None
    for c in b:
        tag = c.tag
        if tag == "value":
            if value_el is None:
                value_el = c
            else:  # the schema allows one: the first is the budget's, the others are listed
                skip(c, "budget", Message("iati.second_value", value=repr((c.text or "").strip())))
        elif tag == "period-start":
            start_el = start_el if start_el is not None else c
        elif tag == "period-end":
            end_el = end_el if end_el is not None else c
    start = iso_date(start_el.get("iso-date")) if start_el is not None else None
    end = iso_date(end_el.get("iso-date")) if end_el is not None else None
    label = f"budget {start or '?'}..{end or '?'}"
    if value_el is None:
        skip(b, label, Message("iati.no_value"))
        return None
    if start is None or end is None:
        skip(b, label, Message("iati.budget_no_period"))
        return None
    try:
        amount = Decimal((value_el.text or "").strip().replace(",", ""))
        if not amount.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        skip(
            value_el, label, Message("iati.not_a_number", value=repr((value_el.text or "").strip()))
        )
        return None
    kind = (b.get("type") or "1").strip()[:SHORT]
    if amount < 0 and kind != "2":  # a revision may correct downwards (-0.02); a plan may not
        skip(value_el, label, Message("iati.negative_value", value=amount))
        return None
    currency = (value_el.get("currency") or "").strip().upper() or default_currency
    if not currency:
        skip(value_el, label, Message("iati.no_currency"))
        return None
    if currency not in reference().currencies:
        skip(value_el, label, Message("iati.unknown_currency", value=repr(currency)))
        return None
    return {
        "type": kind,
        "status": (b.get("status") or "").strip()[:SHORT],
        "period_start": start,
        "period_end": end,
        "value": str(amount),
        "currency": currency,
        "value_date": iso_date(value_el.get("value-date")),
    }


def budget_total(lines: list[dict[str, Any]]) -> tuple[str | None, str]:
    """The total of the budgets, and its currency ("" for several: no total).

    A revised budget (type 2) replaces the originals whose period it overlaps; negative revisions
    (a correction of -0.02) count like any other.
    """
    if not lines:
        return None, ""
    latest: dict[tuple[str, str], dict] = {}  # a later revision of the same period wins
    for b in lines:
        if b["type"] == "2":
            latest[(b["period_start"], b["period_end"])] = b
    revised = list(latest.values())
    counted = list(revised)
    originals: set[tuple[str, str]] = set()
    for b in lines:
        period = (b["period_start"], b["period_end"])
        if b["type"] == "2" or period in originals:
            continue
        originals.add(period)
        if not any(
            r["period_start"] <= b["period_end"] and b["period_start"] <= r["period_end"]
            for r in revised
        ):
            counted.append(b)
    currencies = {b["currency"] for b in counted}
    if len(currencies) != 1:
        return None, ""
    total = sum((Decimal(str(b["value"])) for b in counted), Decimal(0))
    return str(total), currencies.pop()


_regions: frozenset[str] | None = None


def reference_regions() -> frozenset[str]:
    """The OECD DAC region codes (vocabulary 1), from resources/reference."""
    global _regions
    if _regions is None:
        import json

        from fieldkit.core.resources import resource_path

        rows = json.loads(resource_path("reference", "iati_regions.json").read_text("utf-8"))
        _regions = frozenset(r["code"] for r in rows)
    return _regions
