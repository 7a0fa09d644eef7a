"""The exchange of a record of conversation on the meeting form: ordered turns (先方 … / 当方 …).

Each row is one turn: who spoke, what was said, and for the partner whether it was a request.
Turns are added for either side, moved up and down, and removed; the form's value is the list of
turns in order, so drafts keep what was typed like any other field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QPushButton, QToolButton

from .common import tr
from .tables import Column, RowTable, _Row
from .widgets import TextBox


class SideCombo(QComboBox):
    """Who spoke: the partner (先方) or our side (当方)."""

    changed = Signal()

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.addItem(tr("Partner"), "partner")
        self.addItem(tr("Our side"), "ours")
        self.currentIndexChanged.connect(self.changed)

    def value(self) -> str:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        i = self.findData(value or "partner")
        self.setCurrentIndex(max(i, 0))


class RequestBox(QCheckBox):
    """A partner's turn that asks for something: the brief lists it until it is answered."""

    changed = Signal()

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(tr("Request"), parent)
        self.setAccessibleName(name)
        self.setToolTip(tr("The partner asks for something: listed in the summit brief"))
        self.toggled.connect(self.changed)

    def value(self) -> bool:
        # Not isEnabled(): the whole form is disabled while it loads. The table drops the flag
        # of our side's turns itself.
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))


class FollowUpCombo(QComboBox):
    """The follow-up that carries out a partner's request: one of the meeting's saved ones."""

    changed = Signal()

    def __init__(self, name: str, options, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setToolTip(tr("The follow-up that answers this request (saved follow-ups)"))
        self._options = options  # the table's list of (id, text), shared by every row
        self._wanted: str | None = None
        self.currentIndexChanged.connect(self._picked)
        self.refill()

    def _picked(self) -> None:
        self._wanted = self.currentData()
        self.changed.emit()

    def refill(self) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem("—", None)
        for fid, text in self._options():
            self.addItem(text if len(text) <= 60 else text[:57] + "…", fid)
        i = self.findData(self._wanted) if self._wanted else 0
        if i < 0:  # not among this meeting's follow-ups (not yet loaded, or since deleted)
            self.addItem(tr("(another follow-up)"), self._wanted)
            i = self.count() - 1
        self.setCurrentIndex(i)
        self.blockSignals(False)

    def value(self) -> str | None:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        self._wanted = value or None
        self.refill()


class TurnsTable(RowTable):
    """The turns in the order spoken; rows with no text are left out of the value."""

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(
            name,
            [
                Column("side", tr("Side"), lambda n: SideCombo(n), 0),
                Column("text", tr("What was said"), lambda n: TextBox(n, 2), 6),
                Column("request", "", lambda n: RequestBox(n), 0),
                Column(
                    "follow_up_id",
                    tr("Follow-up"),
                    lambda n: FollowUpCombo(n, lambda: self._followups),
                    2,
                ),
            ],
            tr("Add a partner turn"),
        )
        self.add_ours = QPushButton(tr("Add our turn"))
        self.add_ours.setAccessibleName(tr("Add our turn"))
        self.add_ours.clicked.connect(lambda: self._add_side("ours"))
        self.buttons.insertWidget(1, self.add_ours)
        self._moves: dict[int, tuple[QToolButton, QToolButton]] = {}
        self._followups: list[tuple[str, str]] = []
        self.empty.setText(tr("No turns yet: add what each side said, in order."))

    def set_followups(self, items: list[tuple[str, str]]) -> None:
        """The meeting's saved follow-ups (id, text), offered to link a request to."""
        self._followups = list(items)
        for row in self.rows:
            row.widgets["follow_up_id"].refill()

    def _add_clicked(self) -> None:
        self._add_side("partner")

    def _add_side(self, side: str) -> None:
        row = self.add_row({"side": side})
        row.widgets["text"].setFocus()

    def add_row(self, values: dict[str, Any] | None = None, emit: bool = True) -> _Row:
        up, down = QToolButton(), QToolButton()
        for button, text, tip, delta in (
            (up, "↑", tr("Move up"), -1),
            (down, "↓", tr("Move down"), 1),
        ):
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, b=button, d=delta: self._move_button(b, d))
        self._pending_moves = (up, down)
        row = super().add_row(values, emit)
        side = row.widgets["side"]
        side.changed.connect(lambda r=row: self._sync_request(r))
        self._sync_request(row)
        return row

    def _relayout(self) -> None:
        pending = getattr(self, "_pending_moves", None)
        if pending is not None and self.rows and id(self.rows[-1]) not in self._moves:
            self._moves[id(self.rows[-1])] = pending
            self._pending_moves = None
        super()._relayout()
        n = len(self.columns)
        for i, row in enumerate(self.rows):
            up, down = self._moves[id(row)]
            self.grid.addWidget(up, 1 + i * 2, n + 1)
            self.grid.addWidget(down, 1 + i * 2, n + 2)
            up.setEnabled(i > 0)
            down.setEnabled(i < len(self.rows) - 1)
            number = str(i + 1)
            up.setAccessibleName(tr("Move turn %1 up").replace("%1", number))
            down.setAccessibleName(tr("Move turn %1 down").replace("%1", number))

    def _drop_moves(self, row: _Row) -> None:
        for button in self._moves.pop(id(row), ()):
            self.grid.removeWidget(button)
            button.deleteLater()

    def remove_row(self, row: _Row) -> None:
        self._drop_moves(row)
        super().remove_row(row)

    def clear_rows(self) -> None:
        for row in list(self.rows):
            self._drop_moves(row)
        super().clear_rows()

    def _move_button(self, button: QToolButton, delta: int) -> None:
        for row in self.rows:
            if button in self._moves.get(id(row), ()):
                self.move(row, delta)
                return

    def move(self, row: _Row, delta: int) -> None:
        """Move a turn up (-1) or down (+1) in the exchange."""
        i = self.rows.index(row)
        j = i + delta
        if not 0 <= j < len(self.rows):
            return
        self.rows[i], self.rows[j] = self.rows[j], self.rows[i]
        self._relayout()
        self.changed.emit()

    def _sync_request(self, row: _Row) -> None:
        # Only the partner asks: our side's turns are answers.
        partner = row.widgets["side"].value() == "partner"
        row.widgets["request"].setEnabled(partner)
        row.widgets["follow_up_id"].setEnabled(partner)

    def row_value(self, row: _Row) -> dict[str, Any]:
        values = super().row_value(row)
        if values.get("side") != "partner":
            values["request"] = False
            values["follow_up_id"] = None
        return values

    def is_blank(self, values: dict[str, Any]) -> bool:
        return not (values.get("text") or "").strip()
