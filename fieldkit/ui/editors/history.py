"""A record's edit history: every revision with who, when, and each field's old -> new value."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from fieldkit.core.reference import reference
from fieldkit.ui.operations import records as record_ops

from .common import tr, ui_language

SHOWN = 120  # characters of a long value shown in the list; the tooltip has all of it


# Field names as people say them (QT_TRANSLATE_NOOP: lupdate sees the words, tr() translates).
FIELD_LABELS = {
    "subject": QT_TRANSLATE_NOOP("", "Subject"),
    "date": QT_TRANSLATE_NOOP("", "Date"),
    "start_time": QT_TRANSLATE_NOOP("", "Start time"),
    "end_time": QT_TRANSLATE_NOOP("", "End time"),
    "place": QT_TRANSLATE_NOOP("", "Place"),
    "country": QT_TRANSLATE_NOOP("", "Country"),
    "organisation_ids": QT_TRANSLATE_NOOP("", "Counterpart organisations"),
    "partner_attendees": QT_TRANSLATE_NOOP("", "Partner side"),
    "our_attendees": QT_TRANSLATE_NOOP("", "Our side"),
    "policy_fields": QT_TRANSLATE_NOOP("", "Policy fields"),
    "instruments": QT_TRANSLATE_NOOP("", "Instruments"),
    "summits": QT_TRANSLATE_NOOP("", "Summit / forum"),
    "key_points": QT_TRANSLATE_NOOP("", "Key points"),
    "partner_requests": QT_TRANSLATE_NOOP("", "Partner's requests"),
    "our_responses": QT_TRANSLATE_NOOP("", "Our responses"),
    "drafter": QT_TRANSLATE_NOOP("", "Drafter"),
    "approver": QT_TRANSLATE_NOOP("", "Approver"),
    "distribution": QT_TRANSLATE_NOOP("", "Distribution"),
    "classification": QT_TRANSLATE_NOOP("", "Classification"),
    "caveats": QT_TRANSLATE_NOOP("", "Caveats"),
    "post": QT_TRANSLATE_NOOP("", "Post"),
    "project_id": QT_TRANSLATE_NOOP("", "Project"),
    "title": QT_TRANSLATE_NOOP("", "Title"),
    "site": QT_TRANSLATE_NOOP("", "Site"),
    "latitude": QT_TRANSLATE_NOOP("", "Latitude"),
    "longitude": QT_TRANSLATE_NOOP("", "Longitude"),
    "visitors": QT_TRANSLATE_NOOP("", "Visitors"),
    "people_met": QT_TRANSLATE_NOOP("", "People met"),
    "progress": QT_TRANSLATE_NOOP("", "Progress against plan"),
    "facilities_use": QT_TRANSLATE_NOOP("", "Use of facilities and equipment"),
    "criteria": QT_TRANSLATE_NOOP("", "DAC criteria"),
    "overall_rating": QT_TRANSLATE_NOOP("", "Overall rating"),
    "findings": QT_TRANSLATE_NOOP("", "Findings"),
    "issues": QT_TRANSLATE_NOOP("", "Issues and risks"),
    "recommendations": QT_TRANSLATE_NOOP("", "Recommendations"),
    "name": QT_TRANSLATE_NOOP("", "Name"),
    "name_local": QT_TRANSLATE_NOOP("", "Name (local language)"),
    "acronym": QT_TRANSLATE_NOOP("", "Acronym"),
    "type": QT_TRANSLATE_NOOP("", "Type"),
    "address": QT_TRANSLATE_NOOP("", "Address"),
    "phone": QT_TRANSLATE_NOOP("", "Phone"),
    "email": QT_TRANSLATE_NOOP("", "Email"),
    "website": QT_TRANSLATE_NOOP("", "Website"),
    "iati_ref": QT_TRANSLATE_NOOP("", "IATI organisation id"),
    "notes": QT_TRANSLATE_NOOP("", "Notes"),
    "organisation_id": QT_TRANSLATE_NOOP("", "Organisation"),
    "parent_id": QT_TRANSLATE_NOOP("", "From"),
    "text": QT_TRANSLATE_NOOP("", "Action"),
    "owner": QT_TRANSLATE_NOOP("", "Owner"),
    "due": QT_TRANSLATE_NOOP("", "Due"),
    "status": QT_TRANSLATE_NOOP("", "Status"),
    "done_on": QT_TRANSLATE_NOOP("", "Done on"),
    "description": QT_TRANSLATE_NOOP("", "Description"),
    "iati_identifier": QT_TRANSLATE_NOOP("", "IATI identifier"),
    "scheme": QT_TRANSLATE_NOOP("", "Scheme"),
    "budget": QT_TRANSLATE_NOOP("", "Budget"),
    "currency": QT_TRANSLATE_NOOP("", "Currency"),
    "location": QT_TRANSLATE_NOOP("", "Location"),
    "implementing_partner": QT_TRANSLATE_NOOP("", "Implementing partner"),
    "reporting_org": QT_TRANSLATE_NOOP("", "Reporting organisation"),
    "start_date": QT_TRANSLATE_NOOP("", "Start"),
    "end_date": QT_TRANSLATE_NOOP("", "End"),
    "contract_date": QT_TRANSLATE_NOOP("", "Grant contract signed"),
    "interim_report_due": QT_TRANSLATE_NOOP("", "Interim report due"),
    "interim_report_received": QT_TRANSLATE_NOOP("", "Interim report received"),
    "completion_report_due": QT_TRANSLATE_NOOP("", "Completion report due"),
    "completion_report_received": QT_TRANSLATE_NOOP("", "Completion report received"),
    "completion_date": QT_TRANSLATE_NOOP("", "Completed"),
    "caption": QT_TRANSLATE_NOOP("", "Caption"),
    "position": QT_TRANSLATE_NOOP("", "Position"),
    "deleted": QT_TRANSLATE_NOOP("", "In the trash"),
}

# Fields holding reference codes, shown by their names.
CODE_TABLES = {
    "policy_fields": "policy_fields",
    "instruments": "instruments",
    "summits": "summits",
    "caveats": "caveats",
    "classification": "classifications",
    "country": "countries",
    "scheme": "schemes",
    "type": "organisation_types",
}


def field_label(name: str) -> str:
    return tr(FIELD_LABELS.get(name) or name.replace("_", " ").capitalize())


def field_value_text(name: str, value: Any) -> str:
    table_name = CODE_TABLES.get(name)
    if table_name and value:
        table = getattr(reference(), table_name)
        lang = ui_language()
        codes = value if isinstance(value, list) else [value]
        return ", ".join(table[c].label(lang) if c in table else str(c) for c in codes)
    return value_text(value)


def value_text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return ", ".join(value)
        return "; ".join(value_text(v) for v in value)
    if isinstance(value, dict):
        if "name" in value:
            return " / ".join(
                str(value[k]) for k in ("name", "title", "organisation") if value.get(k)
            )
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def short(text: str) -> str:
    text = text.replace("\n", " ⏎ ")
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def local_time(iso: str) -> str:
    when = QDateTime.fromString(iso[:23], Qt.DateFormat.ISODateWithMs)
    if not when.isValid():
        when = QDateTime.fromString(iso[:19], Qt.DateFormat.ISODate)
    if not when.isValid():
        return iso
    when.setTimeZone(QTimeZone.utc())
    return when.toLocalTime().toString("yyyy-MM-dd HH:mm:ss")


ACTIONS = {
    "create": QT_TRANSLATE_NOOP("", "Created"),
    "update": QT_TRANSLATE_NOOP("", "Edited"),
    "delete": QT_TRANSLATE_NOOP("", "Moved to the trash"),
    "restore": QT_TRANSLATE_NOOP("", "Restored from the trash"),
    "import": QT_TRANSLATE_NOOP("", "Imported"),
    "sync": QT_TRANSLATE_NOOP("", "Synced"),
    "demo": QT_TRANSLATE_NOOP("", "Demo data"),
}


class HistoryDialog(QDialog):
    def __init__(self, parent, record_id: str) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.record_id = record_id
        self.setWindowTitle(self.tr("Edit history"))
        self.heading = QLabel(self.tr("Loading..."))
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Edit history"))
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [
                self.tr("When"),
                self.tr("Who"),
                self.tr("Change"),
                self.tr("Before"),
                self.tr("After"),
            ]
        )
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        for col in (0, 1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in (3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.tree, 1)
        lay.addWidget(buttons)
        self.resize(960, 520)
        self.entries: list = []

        record_ops.history(self, record_id).success(self._show).run_in_background()

    def _show(self, result) -> None:
        title, entries = result
        self.entries = entries
        self.heading.setText(
            self.tr("%1 — %2 revisions").replace("%1", title).replace("%2", str(len(entries)))
        )
        self.tree.clear()
        for entry in reversed(entries):  # newest first
            action = tr(ACTIONS.get(entry.action, entry.action))
            top = QTreeWidgetItem(
                [
                    local_time(entry.at),
                    entry.author or "?",
                    self.tr("%1 (revision %2)")
                    .replace("%1", action)
                    .replace("%2", str(entry.revision)),
                ]
            )
            for field, (old, new) in sorted(entry.changes.items()):
                old_t, new_t = field_value_text(field, old), field_value_text(field, new)
                child = QTreeWidgetItem(["", "", field_label(field), short(old_t), short(new_t)])
                child.setToolTip(3, old_t)
                child.setToolTip(4, new_t)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)

    def lines(self) -> list[str]:
        """The history as plain lines "who when field: old -> new" (tests, copying)."""
        out = []
        for e in self.entries:
            for field, (old, new) in sorted(e.changes.items()):
                out.append(
                    f"{e.author} {e.at} {field}: "
                    f"{field_value_text(field, old)} -> {field_value_text(field, new)}"
                )
        return out
