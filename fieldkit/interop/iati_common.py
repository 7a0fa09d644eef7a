"""What the IATI importer and exporter share: codes, languages, the schema files, record ids."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JICA_REF = "XM-DAC-701-8"
SRS_WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"
SUPPORTED_VERSIONS = ("2.01", "2.02", "2.03")

# activity-date/@type: 2.0x codes, and the names 1.0x files used (some 2.0x files still do).
DATE_TYPES = {
    "1": "start-planned",
    "2": "start-actual",
    "3": "end-planned",
    "4": "end-actual",
    "start-planned": "start-planned",
    "start-actual": "start-actual",
    "end-planned": "end-planned",
    "end-actual": "end-actual",
}

# The children of iati-activity in the schema's sequence (2.03); extension elements come last.
ACTIVITY_ORDER = (
    "iati-identifier", "reporting-org", "title", "description", "participating-org",
    "other-identifier", "activity-status", "activity-date", "contact-info", "activity-scope",
    "recipient-country", "recipient-region", "location", "sector", "tag", "country-budget-items",
    "humanitarian-scope", "policy-marker", "collaboration-type", "default-flow-type",
    "default-finance-type", "default-aid-type", "default-tied-status", "budget",
    "planned-disbursement", "capital-spend", "transaction", "document-link", "related-activity",
    "legacy-data", "conditions", "result", "crs-add", "fss",
)  # fmt: skip
_RANK = {tag: i for i, tag in enumerate(ACTIVITY_ORDER)}


def schema_rank(tag) -> int:
    """Where an element goes among the children of iati-activity (extensions at the end)."""
    return _RANK.get(tag, len(ACTIVITY_ORDER)) if isinstance(tag, str) else len(ACTIVITY_ORDER)


# xs:language, which xml:lang must match (the schema refuses "fr_fr").
_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*\Z")


def valid_language(code: str) -> bool:
    return bool(_LANGUAGE.match(code))


# What the IATI Standard allows in an organisation identifier and an activity identifier: no
# whitespace, and none of / & | ? (they break the identifier's use in URLs and registries).
_BAD_IDENTIFIER = re.compile(r"[\s/&|?]")


def identifier_problem(value: str, what: str = "activity"):
    """Why ``value`` is not a valid IATI identifier (a Message), or None.

    ``what``: "activity", "organisation" or "reporting_org" (which identifier it is)."""
    from fieldkit.core.messages import Message

    kind = {
        "activity": Message("iati.identifier_of_activity"),
        "organisation": Message("iati.identifier_of_organisation"),
        "reporting_org": Message("iati.identifier_of_reporting_org"),
    }[what]
    if not value:
        return Message("iati.identifier_empty", what=kind)
    bad = _BAD_IDENTIFIER.search(value)
    if bad is None:
        return None
    if bad.group().isspace():
        return Message("iati.identifier_space", what=kind, value=repr(value))
    return Message("iati.identifier_char", what=kind, value=repr(value), char=repr(bad.group()))


# Fixed namespace for record ids derived from an IATI identifier: every laptop and HQ that imports
# the same activity gets the same record id, so sync merges them instead of duplicating them.
_IATI_NAMESPACE = uuid.UUID("6f0e7c8a-3b1d-5e7a-9c4f-1a2b3c4d5e6f")


def project_id_for(iati_identifier: str) -> str:
    return str(uuid.uuid5(_IATI_NAMESPACE, iati_identifier.strip()))


def preferred_languages(ui_language: str = "") -> tuple[str, ...]:
    """English or Japanese first, by the user's preference."""
    return ("ja", "en") if ui_language == "ja" else ("en", "ja")


def pick(texts: dict[str, str], prefer: tuple[str, ...]) -> tuple[str, str]:
    """(language, text) to show: the first preferred language present, else the first given."""
    for lang in prefer:
        if texts.get(lang):
            return lang, texts[lang]
    for lang, text in texts.items():
        if text:
            return lang, text
    return "", ""


def schema_path() -> Path:
    """The official IATI 2.03 activity schema shipped in ``resources/iati`` (xml.xsd beside it)."""
    from fieldkit.core.resources import resource_path

    return resource_path("iati", "iati-activities-schema.xsd")
