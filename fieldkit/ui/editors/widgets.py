"""Field widgets for the editors. Each has ``value()`` / ``set_value()`` in JSON terms and ``changed``.

Values are what the model's JSON dump holds (ISO dates, codes, ids), so a form can be compared
with the stored record, saved as a draft and validated by the model without conversion. Nothing
here cuts or rewrites what the user typed: a bad value goes to the model, which says why.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QStringListModel, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.query import RecordFilter
from fieldkit.core.reference import Code, reference
from fieldkit.ui import ops

from .common import code_label, tr, ui_language

DATE_FMT = "yyyy-MM-dd"  # how values are kept (ISO); what the user sees follows the locale


def display_date_format() -> str:
    """Dates as the rest of the app shows them: 2026/03/02 in Japanese, 2 Mar 2026 in English.

    Not the locale's short format: its two-digit years (02/03/26) are ambiguous on a report.
    """
    from .common import ui_language

    return "yyyy/MM/dd" if ui_language() == "ja" else "d MMM yyyy"


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setAccessibleName(name)
    return widget


class LineEdit(QLineEdit):
    """A one-line text; no maximum length (the model reports one that is too long)."""

    changed = Signal()

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _named(self, name)
        if placeholder:
            self.setPlaceholderText(placeholder)
        self.textChanged.connect(self.changed)

    def value(self) -> str:
        return self.text()

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))
        self.setCursorPosition(0)  # show the start of a long value, not its end


class NumberEdit(LineEdit):
    """A number typed as text: a number if it reads as one, otherwise the text, for the model to refuse."""

    def value(self) -> Any:
        text = self.text().strip()
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            return text

    def set_value(self, value: Any) -> None:
        if isinstance(value, float) and value.is_integer():
            value = repr(value)
        super().set_value(value)


class DecimalEdit(LineEdit):
    """Money: kept as the exact text (the model reads it as a Decimal)."""

    def value(self) -> Any:
        return self.text().strip() or None


class TextBox(QPlainTextEdit):
    """Multi-line narrative that grows with its text (up to a point, then scrolls).

    Tab moves on to the next field, as in any form.
    """

    changed = Signal()
    MAX_LINES = 24

    def __init__(self, name: str, lines: int = 4, placeholder: str = "", parent=None) -> None:
        super().__init__(parent)
        _named(self, name)
        self.setTabChangesFocus(True)
        if placeholder:
            self.setPlaceholderText(placeholder)
        self.min_lines = lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self.changed)
        self.document().documentLayout().documentSizeChanged.connect(
            lambda _s: self.updateGeometry()
        )

    def sizeHint(self):  # noqa: N802 - Qt API
        hint = super().sizeHint()
        # A plain-text document's height is counted in lines (wrapped lines included).
        lines = int(self.document().documentLayout().documentSize().height())
        lines = max(self.min_lines, min(lines, self.MAX_LINES))
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + margins.top() + margins.bottom() + 8
        hint.setHeight(lines * self.fontMetrics().lineSpacing() + frame)
        return hint

    def minimumSizeHint(self):  # noqa: N802 - Qt API
        return self.sizeHint()

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value: Any) -> None:
        self.setPlainText(value or "")


class LinesEdit(TextBox):
    """A list of short texts, one per line (distribution, visitors)."""

    def value(self) -> list[str]:
        return [line.strip() for line in self.toPlainText().splitlines() if line.strip()]

    def set_value(self, value: Any) -> None:
        self.setPlainText("\n".join(value or []))


class DateEdit(QDateEdit):
    changed = Signal()

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        _named(self, name)
        self.setCalendarPopup(True)
        self.setDisplayFormat(display_date_format())
        self.setDate(QDate.currentDate())
        self.setMinimumWidth(130)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.dateChanged.connect(self.changed)

    def value(self) -> str:
        return self.date().toString(DATE_FMT)

    def set_value(self, value: Any) -> None:
        d = QDate.fromString(str(value), DATE_FMT) if value else QDate.currentDate()
        self.setDate(d if d.isValid() else QDate.currentDate())


class _Optional(QWidget):
    """A check box that says whether the value is set, and the editor for it."""

    changed = Signal()

    def __init__(self, name: str, editor: QWidget, parent=None) -> None:
        super().__init__(parent)
        self.check = QCheckBox()
        self.check.setAccessibleName(tr("Set %1").replace("%1", name))
        self.check.setToolTip(tr("Tick to set %1").replace("%1", name))
        self.editor = editor
        _named(editor, name)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.check)
        lay.addWidget(editor)
        lay.addStretch(1)
        self.check.toggled.connect(self._toggled)
        editor.setEnabled(False)
        self.setFocusProxy(self.check)
        self._kept = editor.dateTime()
        self._show_unset(True)

    def _show_unset(self, unset: bool) -> None:
        # Unset shows an empty box, not a greyed date that reads as if it were set.
        ed = self.editor
        ed.blockSignals(True)
        if unset:
            if ed.dateTime() != ed.minimumDateTime():
                self._kept = ed.dateTime()
            ed.setSpecialValueText(" ")
            ed.setDateTime(ed.minimumDateTime())
        else:
            ed.setSpecialValueText("")
            ed.setDateTime(self._kept)
        ed.blockSignals(False)

    def _toggled(self, on: bool) -> None:
        self._show_unset(not on)
        self.editor.setEnabled(on)
        if on:
            self.editor.setFocus()
        self.changed.emit()

    def is_set(self) -> bool:
        return self.check.isChecked()


class OptionalDate(_Optional):
    def __init__(self, name: str, parent=None) -> None:
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(display_date_format())
        self.date_edit.setDate(QDate.currentDate())
        self.date_edit.setMinimumWidth(130)
        super().__init__(name, self.date_edit, parent)
        self.date_edit.dateChanged.connect(self.changed)

    def value(self) -> str | None:
        return self.date_edit.date().toString(DATE_FMT) if self.is_set() else None

    def set_value(self, value: Any) -> None:
        d = QDate.fromString(str(value), DATE_FMT) if value else QDate()
        self.check.setChecked(d.isValid())
        if d.isValid():
            self.date_edit.setDate(d)


class OptionalTime(_Optional):
    def __init__(self, name: str, parent=None) -> None:
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setTime(QTime(10, 0))
        self.time_edit.setMinimumWidth(80)
        super().__init__(name, self.time_edit, parent)
        self.time_edit.timeChanged.connect(self.changed)

    def value(self) -> str | None:
        return self.time_edit.time().toString("HH:mm:ss") if self.is_set() else None

    def set_value(self, value: Any) -> None:
        t = QTime()
        if value:
            t = QTime.fromString(str(value)[:8], "HH:mm:ss")
            if not t.isValid():
                t = QTime.fromString(str(value)[:5], "HH:mm")
        self.check.setChecked(t.isValid())
        if t.isValid():
            self.time_edit.setTime(t)


class CodeCombo(QComboBox):
    """One code from a reference list, shown by its name in the interface language."""

    changed = Signal()

    def __init__(
        self, name: str, codes: dict[str, Code], blank: str | None = None, parent=None
    ) -> None:
        super().__init__(parent)
        _named(self, name)
        self.blank = blank
        if blank is not None:
            self.addItem(blank, None)
        for code in codes.values():
            self.addItem(code_label(code), code.code)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentIndexChanged.connect(self.changed)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        if value in (None, "") and self.blank is not None:
            self.setCurrentIndex(0)
            return
        i = self.findData(value)
        if i < 0:  # a code the reference no longer has: keep it visible (the model says why)
            self.addItem(f"{value} ({tr('unknown')})", value)
            i = self.count() - 1
        self.setCurrentIndex(i)


class CountryPicker(QComboBox):
    """A country by typing any part of its English or Japanese name, or its code."""

    changed = Signal()

    def __init__(self, name: str, optional: bool = False, parent=None) -> None:
        super().__init__(parent)
        _named(self, name)
        self.optional = optional
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText(tr("Type a country name or code"))
        self._by_key: dict[str, str] = {}
        ja = ui_language() == "ja"
        self.addItem("", None)
        countries = sorted(
            reference().countries.values(), key=lambda c: (c.name_ja or c.name) if ja else c.name
        )
        for c in countries:
            first, second = (c.name_ja or c.name, c.name) if ja else (c.name, c.name_ja)
            text = f"{first} / {second} ({c.code})" if second else f"{first} ({c.code})"
            self.addItem(text, c.code)
            for key in (text, c.code, c.name, c.name_ja):
                if key:
                    self._by_key[key.casefold()] = c.code
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMinimumWidth(280)
        self.lineEdit().textChanged.connect(self.changed)

    def value(self) -> str | None:
        text = self.currentText().strip()
        if not text:
            return None if self.optional else ""
        return self._by_key.get(text.casefold(), text)

    def problem(self) -> str | None:
        text = self.currentText().strip()
        if text and text.casefold() not in self._by_key:
            text = text if len(text) <= 40 else text[:37] + "..."
            return tr("No country matches \u201c%1\u201d: pick one from the list").replace(
                "%1", text
            )
        return None

    def set_value(self, value: Any) -> None:
        if not value:
            self.setCurrentIndex(0)
            self.setEditText("")
            return
        i = self.findData(value)
        if i >= 0:
            self.setCurrentIndex(i)
        else:
            self.setEditText(str(value))


class CheckGrid(QWidget):
    """Codes chosen by ticking boxes (policy fields, instruments, summits, caveats)."""

    changed = Signal()

    def __init__(self, name: str, codes: dict[str, Code], columns: int = 2, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 2, 0, 2)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(4)
        self.boxes: dict[str, QCheckBox] = {}
        rows = max(1, -(-len(codes) // columns))
        self._rows = rows
        ja = ui_language() == "ja"
        for n, code in enumerate(codes.values()):
            # Column by column, so the list reads top to bottom like the reference list.
            self._add(code.code, code_label(code), code.name if ja else "", n % rows, n // rows)

    def _add(self, code: str, label: str, tip: str, row: int, col: int) -> QCheckBox:
        box = QCheckBox(label)
        box.setAccessibleName(label)
        if tip:
            box.setToolTip(tip)
        self.grid.addWidget(box, row, col)
        box.toggled.connect(self.changed)
        self.boxes[code] = box
        return box

    def value(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_value(self, value: Any) -> None:
        chosen = list(dict.fromkeys(value or []))
        for code in chosen:
            if code not in self.boxes:  # no longer in the reference: kept, and the model says why
                self._rows += 1
                self._add(code, f"{code} ({tr('unknown')})", "", self._rows, 0)
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)


class RecordSearch(QLineEdit):
    """Search as you type over one kind of record; ``picked`` gives the chosen summary row."""

    picked = Signal(dict)

    def __init__(self, name: str, kinds: tuple[str, ...], placeholder: str = "", parent=None):
        super().__init__(parent)
        _named(self, name)
        self.kinds = kinds
        self.setPlaceholderText(placeholder or tr("Type to search..."))
        self.setClearButtonEnabled(True)
        self.results = QStandardItemModel(self)
        self.completer_ = QCompleter(self.results, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setWidget(self)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.activated[QModelIndex].connect(self._activated)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._search)
        self._generation = 0
        self.textEdited.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._enter)
        self.exclude: set[str] = set()

    def _enter(self) -> None:
        # Enter with the list closed takes the best match, as in a browser's address bar.
        if not self.completer_.popup().isVisible() and self.text().strip():
            if self._timer.isActive():
                self._pick_on_result = True
                return
            self.pick_first()

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(event)
        if not self.text():
            self._timer.start()

    def search_now(self) -> None:
        self._timer.stop()
        self._search()

    def _search(self) -> None:
        self._generation += 1
        gen = self._generation
        text = self.text().strip()
        kinds = self.kinds

        def run(store):
            # Nothing typed yet: the most recently touched records are the likely ones.
            return store.search(
                text, RecordFilter(kinds=kinds), limit=25, sort="title" if text else "updated"
            )

        ops.QueryOp(self, run, lambda rows: self._show(gen, rows)).run_in_background()

    def _show(self, gen: int, rows: list[dict]) -> None:
        if gen != self._generation:
            return  # a later keystroke already asked again
        self.results.clear()
        lang = ui_language()
        for row in rows:
            if row["id"] in self.exclude:
                continue
            text = row["title"] or row["id"]
            detail = (
                [reference().country_name(row.get("country"), lang)] if row.get("country") else []
            )
            if row.get("date"):
                detail.append(row["date"])
            item = QStandardItem(text + (f"  —  {', '.join(detail)}" if detail else ""))
            item.setData(row, Qt.ItemDataRole.UserRole)
            self.results.appendRow(item)
        if getattr(self, "_pick_on_result", False):
            self._pick_on_result = False
            if self.pick_first():
                return
        if self.results.rowCount() and self.hasFocus():
            self.completer_.complete()
        elif not self.results.rowCount():
            self.completer_.popup().hide()

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(Qt.ItemDataRole.UserRole)
        if row:
            self.clear()
            self.picked.emit(row)

    def pick_first(self) -> bool:
        """For tests and Enter: take the first result shown."""
        if not self.results.rowCount():
            return False
        self._activated(self.results.index(0, 0))
        return True


class RecordPick(QWidget):
    """One linked record (a visit's project, a person's organisation): search, show, clear."""

    changed = Signal()
    chosen = Signal(dict)

    def __init__(self, name: str, kinds: tuple[str, ...], placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.record_id: str | None = None
        self.search = RecordSearch(name, kinds, placeholder)
        self.shown = QLabel()
        self.shown.setTextFormat(Qt.TextFormat.PlainText)
        self.shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shown.setWordWrap(True)
        self.clear_button = QToolButton()
        self.clear_button.setText(tr("Remove"))
        self.clear_button.setAccessibleName(tr("Remove the link to %1").replace("%1", name))
        self.clear_button.clicked.connect(lambda: self.set_value(None, changed=True))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.shown, 1)
        top.addWidget(self.clear_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(top)
        lay.addWidget(self.search)
        self.search.picked.connect(self._picked)
        self.setFocusProxy(self.search)
        self._show(None, "")

    def _picked(self, row: dict) -> None:
        self._show(row["id"], row["title"])
        self.changed.emit()
        self.chosen.emit(row)

    def _show(self, record_id: str | None, title: str) -> None:
        self.record_id = record_id
        self.shown.setText(title or (record_id or ""))
        self.shown.setVisible(record_id is not None)
        self.clear_button.setVisible(record_id is not None)

    def value(self) -> str | None:
        return self.record_id

    def set_value(self, value: Any, title: str = "", changed: bool = False) -> None:
        self._show(value or None, title)
        if changed:
            self.changed.emit()

    def set_title(self, record_id: str, title: str) -> None:
        if self.record_id == record_id:
            self._show(record_id, title)


class RecordList(QWidget):
    """Several linked records (a meeting's counterpart organisations): search to add, remove."""

    changed = Signal()

    def __init__(self, name: str, kinds: tuple[str, ...], placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.search = RecordSearch(name, kinds, placeholder)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Chosen: %1").replace("%1", name))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.remove = QPushButton(tr("Remove"))
        self.remove.setAccessibleName(tr("Remove the selected %1").replace("%1", name))
        self.remove.clicked.connect(self._remove_selected)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.search, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(self.row)
        lower = QHBoxLayout()
        lower.addWidget(self.list, 1)
        lower.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(lower)
        self.search.picked.connect(lambda row: self.add(row["id"], row["title"]))
        self.setFocusProxy(self.search)
        self._update_visibility()

    def _update_visibility(self) -> None:
        # An empty list box is only clutter: it appears with the first organisation.
        has = self.list.count() > 0
        self.list.setVisible(has)
        self.remove.setVisible(has)

    def add(self, record_id: str, title: str, emit: bool = True) -> None:
        if record_id in self.ids():
            return
        item = QListWidgetItem(title or record_id)
        item.setData(Qt.ItemDataRole.UserRole, record_id)
        self.list.addItem(item)
        self.search.exclude = set(self.ids())
        self._update_visibility()
        if emit:
            self.changed.emit()

    def _remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.search.exclude = set(self.ids())
        self._update_visibility()
        self.changed.emit()

    def ids(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def value(self) -> list[str]:
        return self.ids()

    def set_value(self, value: Any, titles: dict[str, str] | None = None) -> None:
        self.list.clear()
        for rid in value or []:
            self.add(rid, (titles or {}).get(rid, rid), emit=False)
        self._update_visibility()

    def set_titles(self, titles: dict[str, str]) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            rid = item.data(Qt.ItemDataRole.UserRole)
            if rid in titles:
                item.setText(titles[rid])


def completer_for(words: list[str], parent: QWidget) -> QCompleter:
    c = QCompleter(QStringListModel(words, parent), parent)
    c.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    c.setFilterMode(Qt.MatchFlag.MatchContains)
    return c


class OptionalLine(LineEdit):
    """A one-line text that is absent (None) when empty, e.g. an IATI identifier."""

    def value(self) -> str | None:
        return self.text() or None
