"""The passphrase widgets of the security dialogs: a field with show/hide, the strength meter,
and the choose-and-confirm pair (first start, conversion, passphrase change)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.security.strength import Strength, check_strength

from .security_words import crack_time_text, feedback_text, problem_text, strength_label

METER_COLOURS = ("#b3261e", "#c4541d", "#b08900", "#2e7d32", "#1b5e20")


class PassphraseField(QWidget):
    """A password line edit with a show/hide toggle; the text never goes anywhere but memory."""

    textChanged = Signal(str)
    returnPressed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(accessible_name)
        # No undo history, no drag out, no context-menu copy of a secret.
        self.edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.edit.setDragEnabled(False)
        self.edit.textChanged.connect(self.textChanged)
        self.edit.returnPressed.connect(self.returnPressed)
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setText(self.tr("Show"))
        self.toggle.setAccessibleName(self.tr("Show passphrase"))
        self.toggle.toggled.connect(self._show)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.toggle)
        self.setFocusProxy(self.edit)

    def _show(self, on: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        self.toggle.setText(self.tr("Hide") if on else self.tr("Show"))

    def text(self) -> str:
        return self.edit.text()

    def clear(self) -> None:
        self.edit.clear()


class StrengthMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.setAccessibleName(self.tr("Passphrase strength"))
        self.label = QLabel()
        self.label.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.bar)
        lay.addWidget(self.label)
        self.verdict: Strength | None = None
        self.update_for("")

    def update_for(self, passphrase: str, user_words: tuple[str, ...] = ()) -> Strength:
        verdict = check_strength(passphrase, user_words)
        self.verdict = verdict
        self.bar.setValue(verdict.score if passphrase else 0)
        colour = METER_COLOURS[verdict.score]
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        label = strength_label(verdict.label)
        if not passphrase:
            text = self.tr("Use four or more unrelated words, or a long sentence.")
        elif verdict.acceptable:
            text = self.tr("Strength: {label}. Guessing it would take {time}.").format(
                label=label, time=crack_time_text(verdict.crack_time)
            )
        else:
            hint = feedback_text(verdict.hints[0]) if verdict.hints else ""
            text = (
                self.tr("Strength: {label}. Not accepted: {problem}. {hint}")
                .format(label=label, problem=problem_text(verdict.problem), hint=hint)
                .strip()
            )
        self.label.setText(text)
        self.bar.setAccessibleDescription(text)
        return verdict


class ChoosePassphrase(QWidget):
    """New passphrase twice, the meter, and the plain statement about forgetting it."""

    validityChanged = Signal(bool)

    def __init__(self, user_words: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user_words = user_words
        self.first = PassphraseField(self.tr("New passphrase"))
        self.second = PassphraseField(self.tr("Repeat the passphrase"))
        self.meter = StrengthMeter()
        self.match = QLabel()
        self.understood = QCheckBox(
            self.tr("I understand: if I forget it, nobody can recover the data.")
        )
        self.understood.setAccessibleName(self.tr("Forgotten passphrase cannot be recovered"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.first_label = QLabel(self.tr("Passphrase:"))  # "New passphrase:" when re-keying
        form.addRow(self.first_label, self.first)
        form.addRow("", self.meter)
        form.addRow(self.tr("Repeat:"), self.second)
        form.addRow("", self.match)
        form.addRow(self.understood)
        self.first.textChanged.connect(self._changed)
        self.second.textChanged.connect(self._changed)
        self.understood.toggled.connect(self._changed)
        self._valid = False

    def _changed(self, *_: object) -> None:
        verdict = self.meter.update_for(self.first.text(), self.user_words)
        same = self.first.text() == self.second.text()
        self.match.setText(
            "" if not self.second.text() or same else self.tr("The two passphrases differ.")
        )
        valid = verdict.acceptable and same and self.understood.isChecked()
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)

    def is_valid(self) -> bool:
        return self._valid

    def passphrase(self) -> str:
        return self.first.text()
