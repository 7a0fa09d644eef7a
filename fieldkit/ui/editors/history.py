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

from fieldkit.core import fields
from fieldkit.core.reference import reference
from fieldkit.ui.operations import records as record_ops

from .common import tr, ui_language

SHOWN = 120  # characters of a long value shown in the list; the tooltip has all of it


def field_label(name: str) -> str:
    return fields.label(name, ui_language())  # one home for field names: fieldkit.core.fields


def field_value_text(name: str, value: Any) -> str:
    table_name = fields.CODE_TABLES.get(name)
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
