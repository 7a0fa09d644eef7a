"""Fixtures for the IATI and calendar tests: the committed sample files, line lookup, and the
facts of an IATI activity element by element (``facts``)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from lxml import etree

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "activity-standard-example-annotated.xml"  # the official IATI 2.03 example
MESSY = DATA / "messy-2.02.xml"


def line_of(path: Path, marker: str) -> int:
    """The line number of the first line of ``path`` containing ``marker``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if marker in line:
            return number
    raise AssertionError(f"{marker!r} not in {path}")


@pytest.fixture
def messy() -> Path:
    return MESSY


@pytest.fixture
def example() -> Path:
    return EXAMPLE


# ---- the facts of an activity, element by element -----------------------------------------------
# Written independently of FieldKit's reader: every child of an activity becomes a tree of (tag,
# attributes, text, children), with what may be written differently but means the same made equal
# (inherited xml:lang made explicit, numbers as numbers, a budget value's currency and value-date
# from the activity's defaults, whitespace, the order of narratives).
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NUMBERS = {"percentage", "significance"}
# Written by the exporter itself, about the export: not facts of the source.
OWN = {"last-updated-datetime", XML_LANG}


def activities(path) -> dict[str, etree._Element]:
    root = etree.parse(str(path)).getroot()
    return {a.findtext("iati-identifier").strip(): a for a in root.iter("iati-activity")}


def facts(activity) -> Counter:
    """Every child of the activity as a comparable tree (a multiset: order within a tag is free),
    plus the activity's own attributes."""
    lang = (activity.get(XML_LANG) or "en").lower()
    currency = activity.get("default-currency")
    out: Counter = Counter()
    for child in activity:
        if isinstance(child.tag, str):
            out[_tree(child, lang, currency)] += 1
    attrs = {k: v for k, v in activity.attrib.items() if k not in OWN}
    if attrs.get("humanitarian") in ("true", "false"):
        attrs["humanitarian"] = "1" if attrs["humanitarian"] == "true" else "0"
    out[("@", tuple(sorted(attrs.items())))] += 1
    return out


def _tree(el, lang: str, currency: str | None):
    attrs = {}
    for key, value in el.attrib.items():
        if key == XML_LANG:
            continue
        attrs[key] = _number(value) if key in NUMBERS else value.strip()
    if el.tag == "narrative":
        attrs["lang"] = (el.get(XML_LANG) or lang).lower()
    text = (el.text or "").strip()
    if el.tag == "value":
        text = _number(text)
        parent = el.getparent()
        if parent is not None and parent.tag == "budget":
            attrs.setdefault("currency", currency or "")
            start = parent.find("period-start")
            if start is not None:
                attrs.setdefault("value-date", start.get("iso-date"))
    kids = sorted(
        (_tree(c, lang, currency) for c in el if isinstance(c.tag, str)),
        key=repr,
    )
    return (el.tag, tuple(sorted(attrs.items())), text, tuple(kids))


def _number(text: str) -> str:
    try:
        return str(Decimal(text.strip()).normalize())
    except InvalidOperation:
        return text.strip()
