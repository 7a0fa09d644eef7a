"""What the IATI importer and exporter share: codes, languages, the schema files, record ids."""

from __future__ import annotations

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
