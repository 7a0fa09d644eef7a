"""The meeting editor: a record of conversation with every field of ``Meeting``."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton

from fieldkit.core.reference import reference

from .base import RecordEditor
from .pickers import RecordList
from .tables import PartnerAttendees, attendee_table
from .turns import TurnsTable
from .widgets import (
    CheckGrid,
    CodeCombo,
    CountryPicker,
    DateEdit,
    LineEdit,
    LinesEdit,
    OptionalTime,
    TextBox,
)


class MeetingEditor(RecordEditor):
    kind = "meeting"
    printable = True
    title_field = "subject"

    @property
    def kind_label(self) -> str:  # type: ignore[override]
        return self.tr("Meeting")

    @classmethod
    def has_followups(cls) -> bool:
        return True

    def build_form(self) -> None:
        ref = reference()
        sec = self.section(self.tr("Meeting"))
        self.bind(
            sec,
            "subject",
            self.tr("Subject"),
            LineEdit(
                self.tr("Subject"), self.tr("e.g. GX policy dialogue with the Ministry of Energy")
            ),
        )
        self.bind_row(
            sec,
            self.tr("Date"),
            [
                ("date", self.tr("Date"), DateEdit(self.tr("Date"))),
                ("start_time", self.tr("From"), OptionalTime(self.tr("Start time"))),
                ("end_time", self.tr("To"), OptionalTime(self.tr("End time"))),
            ],
        )
        self.bind(sec, "place", self.tr("Place"), LineEdit(self.tr("Place")))
        self.bind(sec, "country", self.tr("Country"), CountryPicker(self.tr("Country")))
        self.bind(
            sec,
            "meeting_type",
            self.tr("Type of meeting"),
            CodeCombo(self.tr("Type of meeting"), ref.meeting_types, blank=""),
        )
        self.bind_row(
            sec,
            self.tr("Language"),
            [
                (
                    "language",
                    self.tr("Language"),
                    LineEdit(self.tr("Language"), self.tr("e.g. English")),
                ),
                ("interpreter", self.tr("Interpreter"), LineEdit(self.tr("Interpreter"))),
            ],
        )

        self.add_handling()

        sec = self.section(self.tr("Counterparts"))
        orgs = RecordList(
            self.tr("Counterpart organisations"),
            ("organisation",),
            self.tr("Add an organisation from contacts: type a name..."),
        )
        new_org = QPushButton(self.tr("New organisation..."))
        new_org.setAccessibleName(self.tr("New organisation"))
        new_org.clicked.connect(self._new_organisation)
        orgs.row.addWidget(new_org)
        self.orgs = orgs
        self.bind(sec, "organisation_ids", self.tr("Organisations"), orgs)
        self.bind(
            sec,
            "partner_head",
            self.tr("Head of the partner side"),
            LineEdit(
                self.tr("Head of the partner side"),
                self.tr("e.g. Hon. Jane Doe, Cabinet Secretary"),
            ),
        )
        self.partners = PartnerAttendees(self.tr("Partner attendee"))
        self.partners.new_contact.clicked.connect(self._new_person)
        self.bind(sec, "partner_attendees", self.tr("Partner side"), self.partners)

        sec = self.section(self.tr("Our side"))
        self.bind(
            sec,
            "our_head",
            self.tr("Head of our side"),
            LineEdit(self.tr("Head of our side"), self.tr("e.g. Ambassador")),
        )
        self.bind(
            sec, "our_attendees", self.tr("Attendees"), attendee_table(self.tr("Our attendee"))
        )

        sec = self.section(self.tr("Policy"))
        self.bind(
            sec,
            "policy_fields",
            self.tr("Policy fields"),
            CheckGrid(
                self.tr("Policy fields"), ref.offered("policy_fields"), known=ref.policy_fields
            ),
        )
        self.bind(
            sec,
            "instruments",
            self.tr("Instruments"),
            CheckGrid(self.tr("Instruments"), ref.offered("instruments"), known=ref.instruments),
        )
        self.bind(
            sec,
            "summits",
            self.tr("Summit / forum"),
            CheckGrid(self.tr("Summit / forum"), ref.offered("summits"), known=ref.summits),
        )

        sec = self.section(self.tr("Record of conversation"))
        self.bind(
            sec,
            "key_points",
            self.tr("Key points"),
            TextBox(self.tr("Key points"), 4, self.tr("A summary of the meeting")),
        )
        # The exchange as spoken, in order: 先方 … / 当方 … (a partner's turn may be a request).
        self.turns = TurnsTable(self.tr("Exchange"))
        self.bind(sec, "turns", self.tr("Exchange"), self.turns)

        self.add_followups()

        sec = self.section(self.tr("Drafting and distribution"))
        self.bind(sec, "drafter", self.tr("Drafter"), LineEdit(self.tr("Drafter")))
        self.bind(sec, "approver", self.tr("Approver"), LineEdit(self.tr("Approver")))
        self.bind(
            sec,
            "distribution",
            self.tr("Distribution"),
            LinesEdit(self.tr("Distribution"), 3, self.tr("One addressee per line")),
        )

    # ---- loading -------------------------------------------------------------------------------
    @classmethod
    def fetch(cls, store, record_id: str) -> dict[str, Any]:
        out = super().fetch(store, record_id)
        ids = out["record"].get("organisation_ids") or []
        out["titles"] = {r.id: r.title_text() for r in store.get_many(ids)}
        return out

    def apply_extra(self, bundle: dict[str, Any]) -> None:
        self.orgs.set_titles(bundle.get("titles", {}))
        self.turns.set_followups([(f["id"], f["text"]) for f in bundle.get("followups", [])])

    def apply_defaults(self, defaults: dict[str, Any]) -> None:
        from fieldkit.ui import ops
        from fieldkit.ui.operations import records as record_ops

        if "drafter" not in defaults and ops.current_store() is not None:
            self.bindings["drafter"].set(ops.author())
        ids = defaults.get("organisation_ids") or []
        if ids:
            record_ops.titles(self, ids).success(self.orgs.set_titles).run_in_background()

    def set_extra_data(self, data: dict[str, Any]) -> None:
        titles = data.get("_titles")
        if titles:
            self.orgs.set_titles(titles)

    def display_data(self) -> dict[str, Any]:
        lw = self.orgs.list
        return {"_titles": {lw.item(i).data(0x0100): lw.item(i).text() for i in range(lw.count())}}

    def route_problem(self, where: str, msg: str) -> str:
        if "end_time" in msg:
            return "end_time"
        return super().route_problem(where, msg)

    # ---- new contacts inline -------------------------------------------------------------------
    def _new_organisation(self) -> None:
        from . import open_editor

        defaults: dict[str, Any] = {"name": self.orgs.search.text().strip()}
        country = self.bindings["country"].get()
        if country and country in reference().countries:
            defaults["country"] = country
        editor = open_editor(self, "organisation", defaults=defaults)
        editor.saved.connect(lambda rec: self.orgs.add(rec.id, rec.title_text()))

    def _new_person(self) -> None:
        from . import open_editor

        defaults: dict[str, Any] = {"name": self.partners.search.text().strip()}
        ids = self.orgs.ids()
        if ids:
            defaults["organisation_id"] = ids[0]
        country = self.bindings["country"].get()
        if country and country in reference().countries:
            defaults["country"] = country
        editor = open_editor(self, "person", defaults=defaults)
        editor.saved.connect(lambda rec: self.partners.add_person(rec.id))
