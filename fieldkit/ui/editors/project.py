"""The project registry entry: a grassroots grant or JICA project, with its grant cycle
(application, approval, contract, quotes, disbursements, handover) and report deadlines."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox

from fieldkit.core.reference import reference

from .base import RecordEditor
from .common import tr
from .tables import Column, RowTable
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
        self.bind(
            sec,
            "scheme",
            self.tr("Scheme"),
            CodeCombo(self.tr("Scheme"), ref.offered("schemes"), known=ref.schemes),
        )
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

        # The grant cycle (#15); which stages apply to the scheme is in schemes.json.
        sec = self.section(self.tr("Grant cycle"))
        for name, label in (
            ("application_received", self.tr("Application received")),
            ("hq_approval_date", self.tr("HQ approval")),
        ):
            self.bind(sec, name, label, OptionalDate(label))
        self.bind(
            sec, "contract_number", self.tr("Contract number"), LineEdit(self.tr("Contract number"))
        )
        self.bind_row(
            sec,
            self.tr("Contract amount"),
            [
                (
                    "contract_amount",
                    self.tr("Contract amount"),
                    DecimalEdit(self.tr("Contract amount"), "e.g. 9850000"),
                ),
                (
                    "contract_currency",
                    self.tr("Currency"),
                    LineEdit(self.tr("Contract currency"), "JPY"),
                ),
            ],
        )
        self.bindings["contract_currency"].widget.setMaximumWidth(80)
        self.bind(sec, "quotes", self.tr("Quotes obtained"), quote_table(self.tr("Quote")))
        self.bind(
            sec,
            "disbursements",
            self.tr("Disbursements"),
            disbursement_table(self.tr("Disbursement")),
        )
        self.bind(sec, "handover_date", self.tr("Handover"), OptionalDate(self.tr("Handover")))

        sec = self.section(self.tr("Notes"))
        self.bind(sec, "notes", self.tr("Notes"), TextBox(self.tr("Notes"), 5), wide=True)


class CheckCell(QCheckBox):
    """A yes/no cell of a row table."""

    changed = Signal()

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.toggled.connect(self.changed)

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))


class QuoteTable(RowTable):
    def is_blank(self, values: dict[str, Any]) -> bool:
        # An unticked "selected" box alone does not make a quote.
        return all(values.get(c.key) in (None, "", [], False) for c in self.columns)


def quote_table(name: str) -> RowTable:
    return QuoteTable(
        name,
        [
            Column("supplier", tr("Supplier"), lambda n: LineEdit(n), 3),
            Column("amount", tr("Amount"), lambda n: DecimalEdit(n), 2),
            Column("currency", tr("Currency"), lambda n: LineEdit(n, "JPY"), 1),
            Column("received_on", tr("Received"), lambda n: OptionalDate(n), 2),
            Column("selected", tr("Selected"), lambda n: CheckCell(n), 1),
        ],
        tr("Add quote"),
    )


def disbursement_table(name: str) -> RowTable:
    return RowTable(
        name,
        [
            Column("paid_on", tr("Paid on"), lambda n: OptionalDate(n), 2),
            Column("amount", tr("Amount"), lambda n: DecimalEdit(n), 2),
            Column("currency", tr("Currency"), lambda n: LineEdit(n, "JPY"), 1),
            Column("note", tr("Note"), lambda n: LineEdit(n), 3),
        ],
        tr("Add disbursement"),
    )
