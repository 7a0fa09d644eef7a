"""Contacts: organisations and people, the directory meetings pick counterparts from."""

from __future__ import annotations

from typing import Any

from fieldkit.core.reference import reference

from .base import RecordEditor
from .pickers import RecordPick
from .widgets import CodeCombo, CountryPicker, LineEdit, TextBox


class OrganisationEditor(RecordEditor):
    kind = "organisation"
    default_size = (780, 680)
    title_field = "name"

    @property
    def kind_label(self) -> str:  # type: ignore[override]
        return self.tr("Organisation")

    def build_form(self) -> None:
        sec = self.section(self.tr("Organisation"))
        self.bind(sec, "name", self.tr("Name"), LineEdit(self.tr("Name")))
        self.bind(
            sec,
            "name_local",
            self.tr("Name (local language)"),
            LineEdit(self.tr("Name (local language)")),
        )
        self.bind(sec, "acronym", self.tr("Acronym"), LineEdit(self.tr("Acronym")))
        self.bind(
            sec, "type", self.tr("Type"), CodeCombo(self.tr("Type"), reference().organisation_types)
        )
        self.bind(
            sec, "country", self.tr("Country"), CountryPicker(self.tr("Country"), optional=True)
        )
        self.bind(
            sec,
            "iati_ref",
            self.tr("IATI organisation id"),
            LineEdit(self.tr("IATI organisation id"), "e.g. XM-DAC-701-8"),
        )
        sec = self.section(self.tr("Contact details"))
        self.bind(sec, "address", self.tr("Address"), LineEdit(self.tr("Address")))
        self.bind(sec, "phone", self.tr("Phone"), LineEdit(self.tr("Phone")))
        self.bind(sec, "email", self.tr("Email"), LineEdit(self.tr("Email")))
        self.bind(sec, "website", self.tr("Website"), LineEdit(self.tr("Website")))
        sec = self.section(self.tr("Notes"))
        self.bind(sec, "notes", self.tr("Notes"), TextBox(self.tr("Notes"), 6), wide=True)


class PersonEditor(RecordEditor):
    kind = "person"
    default_size = (780, 620)
    title_field = "name"

    @property
    def kind_label(self) -> str:  # type: ignore[override]
        return self.tr("Person")

    def build_form(self) -> None:
        sec = self.section(self.tr("Person"))
        self.bind(sec, "name", self.tr("Name"), LineEdit(self.tr("Name")))
        self.bind(
            sec,
            "name_local",
            self.tr("Name (local script)"),
            LineEdit(self.tr("Name (local script)")),
        )
        self.bind(sec, "title", self.tr("Title / position"), LineEdit(self.tr("Title / position")))
        self.org = RecordPick(
            self.tr("Organisation"), ("organisation",), self.tr("Type to find the organisation...")
        )
        self.bind(sec, "organisation_id", self.tr("Organisation"), self.org)
        self.bind(
            sec, "country", self.tr("Country"), CountryPicker(self.tr("Country"), optional=True)
        )
        sec = self.section(self.tr("Contact details"))
        self.bind(sec, "email", self.tr("Email"), LineEdit(self.tr("Email")))
        self.bind(sec, "phone", self.tr("Phone"), LineEdit(self.tr("Phone")))
        sec = self.section(self.tr("Notes"))
        self.bind(sec, "notes", self.tr("Notes"), TextBox(self.tr("Notes"), 6), wide=True)

    @classmethod
    def fetch(cls, store, record_id: str) -> dict[str, Any]:
        out = super().fetch(store, record_id)
        return out | {"titles": _titles(store, [out["record"].get("organisation_id")])}

    def apply_extra(self, bundle: dict[str, Any]) -> None:
        for rid, title in bundle.get("titles", {}).items():
            self.org.set_title(rid, title)

    def apply_defaults(self, defaults: dict[str, Any]) -> None:
        from fieldkit.ui.operations import records as record_ops

        oid = defaults.get("organisation_id")
        if oid:
            record_ops.titles(self, [oid]).success(
                lambda t: self.apply_extra({"titles": t})
            ).run_in_background()

    def set_extra_data(self, data: dict[str, Any]) -> None:
        if data.get("_titles"):
            self.apply_extra({"titles": data["_titles"]})

    def display_data(self) -> dict[str, Any]:
        rid = self.org.value()
        return {"_titles": {rid: self.org.shown.text()}} if rid else {}


def _titles(store, ids: list[str | None]) -> dict[str, str]:
    return {r.id: r.title_text() for r in store.get_many([i for i in ids if i])}
