"""Record fields as people name them, in any language: one home for every layer.

A field's label is the coded message ``field.<name>`` in the catalogue (resources/messages), so
the history dialog, the conflicts screen and anything else that names a field say the same words
in English and Japanese; a field without an entry is named after itself ("start_time" -> "Start
time"). Fields holding reference codes are shown by their names from the table ``CODE_TABLES``
gives.

    fields.label("partner_attendees", "ja")   # "先方出席者"
"""

from __future__ import annotations

from fieldkit.core.messages import catalogue

# Fields holding reference codes -> the reference table that names them.
CODE_TABLES = {
    "policy_fields": "policy_fields",
    "instruments": "instruments",
    "summits": "summits",
    "caveats": "caveats",
    "classification": "classifications",
    "country": "countries",
    "scheme": "schemes",
    "meeting_type": "meeting_types",
    "type": "organisation_types",
}


def label(name: str, lang: str = "en") -> str:
    """The field's label in ``lang`` (its own name, made readable, when it has none)."""
    text = catalogue(lang).template(f"field.{name}")
    if text is None and lang != "en":
        text = catalogue("en").template(f"field.{name}")
    return text if text is not None else name.replace("_", " ").capitalize()
