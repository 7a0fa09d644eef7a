"""The conflicts screen: both versions of each conflicting field side by side; choose per field.

A conflict is the same field changed on this laptop and on another one (or an edit against a
delete). Nothing was dropped: "mine" is what this laptop sent, "theirs" what HQ kept. Conflicts
another laptop of the embassy hit are listed too ("mine" is then what that laptop sent), so
whoever knows the answer can settle them. The choice becomes an ordinary edit, which the next
sync sends to HQ.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.envelope import ENVELOPE
from fieldkit.ui import i18n
from fieldkit.ui.editors.history import field_label
from fieldkit.ui.operations import sync as sync_ops
from fieldkit.ui.sync_page import kind_name, message_text


def show_value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1)


def title_of(record: dict[str, Any]) -> str:
    for key in ("subject", "title", "name", "text", "caption", "filename"):
        if record.get(key):
            return str(record[key]).splitlines()[0][:80]
    return record.get("id", "")


class ConflictView(QWidget):
    """One conflict: a row per field, with a Mine / Theirs choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict: dict[str, Any] | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Mine (this laptop)"), self.tr("Theirs (HQ)"),
             self.tr("Keep")]
        )  # fmt: skip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.groups: dict[str, QButtonGroup] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)

    def set_conflict(self, conflict: dict[str, Any] | None) -> None:
        self.conflict = conflict
        self.groups.clear()
        self.table.setRowCount(0)
        if conflict is None:
            self.heading.setText(self.tr("No conflict selected."))
            return
        mine, theirs = conflict["mine"], conflict["theirs"]
        device = conflict.get("device") or ""
        if device:  # hit by another laptop of the embassy: anyone may settle it
            heading = self.tr("%1 “%2”: changed on laptop “%3” and elsewhere. Choose what to "
                              "keep.").replace("%3", device)  # fmt: skip
            mine_label = self.tr("Mine (sent by “%1”)").replace("%1", device)
        else:
            heading = self.tr("%1 “%2”: changed on this laptop and elsewhere. Choose what to keep.")
            mine_label = self.tr("Mine (this laptop)")
        self.heading.setText(
            heading.replace("%1", kind_name(conflict["kind"])).replace("%2", title_of(theirs))
        )
        self.table.horizontalHeaderItem(1).setText(mine_label)
        for name in conflict["fields"]:
            if name == "deleted":
                label = self.tr("Deleted")
                a = self.tr("deleted") if mine.get("deleted_at") else self.tr("kept, edited")
                b = self.tr("deleted") if theirs.get("deleted_at") else self.tr("kept, edited")
            else:
                # Field names as people say them in Japanese; English keeps the record's own
                # field names, which HQ IT and the CLI use too.
                label = name if i18n.current_language() == "en" else field_label(name)
                a, b = show_value(mine.get(name)), show_value(theirs.get(name))
            row = self.table.rowCount()
            self.table.insertRow(row)
            for col, text in enumerate((label, a, b)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, col, item)
            choice = QWidget()
            box = QHBoxLayout(choice)
            box.setContentsMargins(4, 0, 4, 0)
            group = QButtonGroup(choice)
            for i, text in enumerate((self.tr("Mine"), self.tr("Theirs"))):
                button = QRadioButton(text)
                group.addButton(button, i)
                box.addWidget(button)
            group.button(1).setChecked(True)
            self.groups[name] = group
            self.table.setCellWidget(row, 3, choice)
        self.table.resizeRowsToContents()

    def choose_all(self, mine: bool) -> None:
        for group in self.groups.values():
            group.button(0 if mine else 1).setChecked(True)

    def choice(self) -> tuple[str, dict[str, Any]]:
        """("mine", {field: value}) for the fields set to Mine, or ("theirs", {})."""
        assert self.conflict is not None
        mine = self.conflict["mine"]
        picked = [f for f, g in self.groups.items() if g.checkedId() == 0]
        if not picked:
            return "theirs", {}
        if "deleted" in picked:
            return "mine", {k: v for k, v in mine.items() if k not in _ENVELOPE}
        return "mine", {f: mine.get(f) for f in picked}


_ENVELOPE = ENVELOPE  # the store's own fields: never a user's pick


class ConflictsDialog(QDialog):
    """All open conflicts: pick one on the left, choose field by field on the right."""

    resolved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.resize(980, 560)
        self.items: list[dict[str, Any]] = []
        self.list = QListWidget()
        self.view = ConflictView()
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.view)
        split.setStretchFactor(1, 3)
        self.all_mine = QPushButton(self.tr("Keep all mine"))
        self.all_theirs = QPushButton(self.tr("Keep all theirs"))
        self.apply = QPushButton(self.tr("Resolve"))
        self.apply.setDefault(True)
        self.status = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        row = QHBoxLayout()
        for w in (self.all_mine, self.all_theirs, self.apply):
            row.addWidget(w)
        row.addWidget(self.status, 1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        self.list.currentRowChanged.connect(self._select)
        self.all_mine.clicked.connect(lambda: self.view.choose_all(True))
        self.all_theirs.clicked.connect(lambda: self.view.choose_all(False))
        self.apply.clicked.connect(self._resolve)
        buttons.rejected.connect(self.reject)
        self.reload()

    def reload(self) -> None:
        sync_ops.conflicts(self).success(self._show).run_in_background()

    def _show(self, conflicts: list[dict[str, Any]]) -> None:
        self.items = conflicts
        self.list.clear()
        for k in conflicts:
            item = QListWidgetItem(
                self.tr("%1: %2")
                .replace("%1", kind_name(k["kind"]))
                .replace("%2", title_of(k["theirs"]))
            )
            item.setToolTip(k["record_id"])
            self.list.addItem(item)
        has = bool(conflicts)
        for w in (self.all_mine, self.all_theirs, self.apply):
            w.setEnabled(has)
        self.status.setText("" if has else self.tr("No conflicts: everything is settled."))
        if has:
            self.list.setCurrentRow(0)
        else:
            self.view.set_conflict(None)

    def _select(self, row: int) -> None:
        self.view.set_conflict(self.items[row] if 0 <= row < len(self.items) else None)

    def _resolve(self) -> None:
        conflict = self.view.conflict
        if conflict is None:
            return
        keep, values = self.view.choice()
        cid = conflict["id"]

        def done(_result) -> None:
            self.status.setText(self.tr("Resolved; it reaches HQ with the next sync."))
            self.resolved.emit(cid)
            self.reload()

        def failed(exc: BaseException) -> None:
            self.status.setText(message_text(exc))  # a coded refusal in the user's language

        sync_ops.resolve(self, cid, keep, values).success(done).failure(failed).run_in_background()
