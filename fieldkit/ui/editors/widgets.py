"""Field widgets for the editors. Each has ``value()`` / ``set_value()`` in JSON terms and ``changed``.

Values are what the model's JSON dump holds (ISO dates, codes, ids), so a form can be compared
with the stored record, saved as a draft and validated by the model without conversion. Nothing
here cuts or rewrites what the user typed: a bad value goes to the model, which says why.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QStringListModel, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTimeEdit,
    QWidget,
)

from fieldkit.core.reference import Code, reference

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
        self, name: str, codes: dict[str, Code], blank: str | None = None, parent=None,
        known: dict[str, Code] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        _named(self, name)
        self.blank = blank
        self.known = known or {}  # every code ever published: a retired one keeps its name
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
            self.addItem(_not_offered(value, self.known), value)
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


def _not_offered(code: str, known: dict[str, Code]) -> str:
    """A record's code that is not offered any more: its name and "retired" (HQ dropped it), or
    "unknown" (never in the lists)."""
    if code in known:
        retired = tr("retired")
        return f"{code_label(known[code])} ({retired})"
    return f"{code} ({tr('unknown')})"


class CheckGrid(QWidget):
    """Codes chosen by ticking boxes (policy fields, instruments, summits, caveats)."""

    changed = Signal()

    def __init__(
        self, name: str, codes: dict[str, Code], columns: int = 2, parent=None,
        known: dict[str, Code] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setAccessibleName(name)
        self.known = known or {}  # every code ever published: a retired one keeps its name
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
                self._add(code, _not_offered(code, self.known), "", self._rows, 0)
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)


def completer_for(words: list[str], parent: QWidget) -> QCompleter:
    c = QCompleter(QStringListModel(words, parent), parent)
    c.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    c.setFilterMode(Qt.MatchFlag.MatchContains)
    return c


class OptionalLine(LineEdit):
    """A one-line text that is absent (None) when empty, e.g. an IATI identifier."""

    def value(self) -> str | None:
        return self.text() or None
