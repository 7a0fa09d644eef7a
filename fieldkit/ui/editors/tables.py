"""Editable tables of rows inside a form: attendees and follow-up actions.

A grid of real input widgets rather than a QTableView with delegates: a handful of rows, each
typed into directly, tabbed through in reading order, with its problems shown under the row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.ui.operations import read

from .common import error_label, tr
from .widgets import LineEdit, OptionalDate


@dataclass
class Column:
    key: str
    header: str
    make: Callable[[str], QWidget]  # accessible name -> widget with value/set_value/changed
    stretch: int = 1


class StatusCombo(QComboBox):
    changed = Signal()

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        for code, label in (("open", tr("Open")), ("done", tr("Done")), ("dropped", tr("Dropped"))):
            self.addItem(label, code)
        self.currentIndexChanged.connect(self.changed)

    def value(self) -> str:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        i = self.findData(value or "open")
        if i < 0:
            self.addItem(str(value), value)
            i = self.count() - 1
        self.setCurrentIndex(i)


class _Row:
    def __init__(self, widgets: dict[str, QWidget], remove: QToolButton, error: QLabel) -> None:
        self.widgets = widgets
        self.remove = remove
        self.error = error
        self.extra: dict[str, Any] = {}


class RowTable(QWidget):
    """Rows of fields with an Add button; ``value()`` skips rows left completely empty."""

    changed = Signal()

    def __init__(self, name: str, columns: list[Column], add_label: str, parent=None) -> None:
        super().__init__(parent)
        self.name = name
        self.setAccessibleName(name)
        self.columns = columns
        self.rows: list[_Row] = []
        self._value_rows: list[int] = []
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(3)
        for c, col in enumerate(columns):
            head = QLabel(col.header)
            head.setObjectName("columnHeader")
            self.grid.addWidget(head, 0, c)
            self.grid.setColumnStretch(c, col.stretch)
        self.empty = QLabel(tr("None yet."))
        self.empty.setObjectName("editorSubtitle")
        self.add_button = QPushButton(add_label)
        self.add_button.setAccessibleName(add_label)
        self.add_button.clicked.connect(self._add_clicked)
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.buttons.addWidget(self.add_button)
        self.buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addLayout(self.grid)
        lay.addWidget(self.empty)
        lay.addLayout(self.buttons)
        self._relayout()

    # ---- rows ----------------------------------------------------------------------------------
    def _add_clicked(self) -> None:
        row = self.add_row()
        first = row.widgets[self.columns[0].key]
        first.setFocus()

    def add_row(self, values: dict[str, Any] | None = None, emit: bool = True) -> _Row:
        n = len(self.rows) + 1
        widgets = {}
        for col in self.columns:
            w = col.make(f"{self.name} {n}: {col.header}")
            widgets[col.key] = w
            w.changed.connect(self.changed)
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(tr("Remove this row"))
        remove.setAccessibleName(
            tr("Remove row %1 of %2").replace("%1", str(n)).replace("%2", self.name)
        )
        remove.setAutoRaise(True)
        row = _Row(widgets, remove, error_label())
        remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        if values:
            self.set_row(row, values)
        self._relayout()
        if emit:
            self.changed.emit()
        return row

    def set_row(self, row: _Row, values: dict[str, Any]) -> None:
        for key, w in row.widgets.items():
            w.set_value(values.get(key))
        row.extra = {k: v for k, v in values.items() if k not in row.widgets}

    def remove_row(self, row: _Row) -> None:
        self.rows.remove(row)
        for w in (*row.widgets.values(), row.remove, row.error):
            self.grid.removeWidget(w)
            w.deleteLater()
        self._relayout()
        self.changed.emit()

    def clear_rows(self) -> None:
        for row in list(self.rows):
            self.rows.remove(row)
            for w in (*row.widgets.values(), row.remove, row.error):
                self.grid.removeWidget(w)
                w.deleteLater()
        self._relayout()

    def _relayout(self) -> None:
        for i, row in enumerate(self.rows):
            r = 1 + i * 2
            for c, col in enumerate(self.columns):
                self.grid.addWidget(row.widgets[col.key], r, c)
            self.grid.addWidget(row.remove, r, len(self.columns))
            self.grid.addWidget(row.error, r + 1, 0, 1, len(self.columns))
        self.empty.setVisible(not self.rows)
        # Reading order is tab order: every row's fields, then its remove button.
        chain = [w for row in self.rows for w in (*row.widgets.values(), row.remove)]
        chain.append(self.add_button)
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    # ---- values --------------------------------------------------------------------------------
    def row_value(self, row: _Row) -> dict[str, Any]:
        return {**row.extra, **{k: w.value() for k, w in row.widgets.items()}}

    def value(self) -> list[dict[str, Any]]:
        out = []
        self._value_rows = []
        for i, row in enumerate(self.rows):
            values = self.row_value(row)
            if self.is_blank(values):
                continue
            out.append(values)
            self._value_rows.append(i)
        return out

    def is_blank(self, values: dict[str, Any]) -> bool:
        return all(values.get(c.key) in (None, "", []) for c in self.columns)

    def set_value(self, value: Any) -> None:
        self.clear_rows()
        for item in value or []:
            self.add_row(item, emit=False)

    def show_errors(self, items: list[tuple[str, str]]) -> None:
        """``items``: ("3.name", reason) for the 4th non-empty row; ("", reason) for the table."""
        self.value()
        per_row: dict[int, list[str]] = {}
        for sub, msg in items:
            head, _, rest = sub.partition(".")
            if head.isdigit() and int(head) < len(self._value_rows):
                col = next((c.header for c in self.columns if c.key == rest.split(".")[0]), rest)
                per_row.setdefault(self._value_rows[int(head)], []).append(
                    f"{col}: {msg}" if col else msg
                )
        for i, row in enumerate(self.rows):
            lines = per_row.get(i, [])
            row.error.setText("\n".join(lines))
            row.error.setVisible(bool(lines))


def attendee_table(name: str) -> RowTable:
    return RowTable(
        name,
        [
            Column("name", tr("Name"), lambda n: LineEdit(n), 3),
            Column("title", tr("Title / position"), lambda n: LineEdit(n), 3),
            Column("organisation", tr("Organisation"), lambda n: LineEdit(n), 3),
        ],
        tr("Add person"),
    )


class PartnerAttendees(RowTable):
    """Partner-side attendees: typed in, or taken from contacts with their title and organisation."""

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(
            name,
            [
                Column("name", tr("Name"), lambda n: LineEdit(n), 3),
                Column("title", tr("Title / position"), lambda n: LineEdit(n), 3),
                Column("organisation", tr("Organisation"), lambda n: LineEdit(n), 3),
            ],
            tr("Add person"),
            parent,
        )
        from .pickers import RecordSearch

        self.search = RecordSearch(
            tr("Add a partner attendee from contacts"),
            ("person",),
            tr("Add from contacts: type a name..."),
        )
        self.search.setMinimumWidth(260)
        self.buttons.insertWidget(0, self.search, 1)
        self.new_contact = QPushButton(tr("New contact..."))
        self.new_contact.setAccessibleName(tr("New contact"))
        self.buttons.insertWidget(2, self.new_contact)
        self.search.picked.connect(lambda row: self.add_person(row["id"]))

    def add_person(self, person_id: str) -> None:
        """Add a contact as an attendee, with the title and organisation the directory has."""

        def done(result) -> None:
            person, org = result
            if any(r.extra.get("person_id") == person.id for r in self.rows):
                return
            self.add_row(
                {
                    "name": person.name,
                    "title": person.title,
                    "organisation": org.name if org else "",
                    "person_id": person.id,
                    "organisation_id": org.id if org else None,
                }
            )

        read(self, _person_and_organisation, person_id).success(done).run_in_background()


class FollowUpTable(RowTable):
    """Follow-up actions: saved as FollowUp records whose parent is this meeting or visit."""

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(
            name,
            [
                Column("text", tr("Action"), lambda n: LineEdit(n), 5),
                Column("owner", tr("Owner"), lambda n: LineEdit(n), 2),
                Column("due", tr("Due"), lambda n: OptionalDate(n), 0),
                Column("status", tr("Status"), lambda n: StatusCombo(n), 0),
            ],
            tr("Add follow-up"),
            parent,
        )

    def is_blank(self, values: dict[str, Any]) -> bool:
        return not values.get("id") and all(
            values.get(k) in (None, "") for k in ("text", "owner", "due")
        )


def _person_and_organisation(store, person_id: str):
    """On the worker: a contact and the organisation it belongs to (None if that is gone)."""
    person = store.get(person_id)
    org = None
    if person.organisation_id:
        try:
            org = store.get(person.organisation_id)
        except Exception:  # noqa: BLE001 - a dangling link: the person still counts
            org = None
    return person, org
