"""The project registry entry: a grassroots grant or JICA project, with its report deadlines."""

from __future__ import annotations

from fieldkit.core.reference import reference

from .base import RecordEditor
from .widgets import (
    CodeCombo,
    CountryPicker,
    DecimalEdit,
    LineEdit,
    OptionalDate,
    OptionalLine,
    TextBox,
)


class ProjectEditor(RecordEditor):
    kind = "project"
    title_field = "title"

    @property
    def kind_label(self) -> str:  # type: ignore[override]
        return self.tr("Project")

    def build_form(self) -> None:
        ref = reference()
        sec = self.section(self.tr("Project"))
        self.bind(sec, "title", self.tr("Title"), LineEdit(self.tr("Title")))
        self.bind(sec, "scheme", self.tr("Scheme"), CodeCombo(self.tr("Scheme"), ref.schemes))
        self.bind(
            sec, "status", self.tr("Status"), CodeCombo(self.tr("Status"), ref.activity_status)
        )
        self.bind(
            sec, "country", self.tr("Country"), CountryPicker(self.tr("Country"), optional=True)
        )
        self.bind(sec, "location", self.tr("Location"), LineEdit(self.tr("Location")))
        self.bind(
            sec,
            "implementing_partner",
            self.tr("Implementing partner"),
            LineEdit(self.tr("Implementing partner")),
        )
        self.bind(
            sec,
            "iati_identifier",
            self.tr("IATI identifier"),
            OptionalLine(self.tr("IATI identifier"), "e.g. JP-JICA-1234567"),
        )
        self.bind(
            sec,
            "reporting_org",
            self.tr("Reporting organisation"),
            LineEdit(self.tr("Reporting organisation")),
        )
        self.bind(sec, "description", self.tr("Description"), TextBox(self.tr("Description"), 5))

        self.add_handling()

        sec = self.section(self.tr("Budget"))
        self.bind_row(
            sec,
            self.tr("Budget"),
            [
                (
                    "budget",
                    self.tr("Amount"),
                    DecimalEdit(self.tr("Budget amount"), "e.g. 9850000"),
                ),
                ("currency", self.tr("Currency"), LineEdit(self.tr("Currency"), "JPY")),
            ],
        )
        self.bindings["currency"].widget.setMaximumWidth(80)

        sec = self.section(self.tr("Dates and reports"))
        for name, label in (
            ("contract_date", self.tr("Grant contract signed")),
            ("start_date", self.tr("Start")),
            ("end_date", self.tr("End")),
        ):
            self.bind(sec, name, label, OptionalDate(label))
        self.bind_row(
            sec,
            self.tr("Interim report due"),
            [
                (
                    "interim_report_due",
                    self.tr("Interim report due"),
                    OptionalDate(self.tr("Interim report due")),
                ),
                (
                    "interim_report_received",
                    self.tr("received"),
                    OptionalDate(self.tr("Interim report received")),
                ),
            ],
        )
        self.bind_row(
            sec,
            self.tr("Completion report due"),
            [
                (
                    "completion_report_due",
                    self.tr("Completion report due"),
                    OptionalDate(self.tr("Completion report due")),
                ),
                (
                    "completion_report_received",
                    self.tr("received"),
                    OptionalDate(self.tr("Completion report received")),
                ),
            ],
        )
        self.bind(sec, "completion_date", self.tr("Completed"), OptionalDate(self.tr("Completed")))

        sec = self.section(self.tr("Notes"))
        self.bind(sec, "notes", self.tr("Notes"), TextBox(self.tr("Notes"), 5), wide=True)
