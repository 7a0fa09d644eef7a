"""Pieces every editor shares: the UI language, reference labels, validation messages, form rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from fieldkit.core.errors import problems_from_pydantic
from fieldkit.core.reference import Code

# lupdate files bare ``tr("...")`` calls under the empty context; translate at run time likewise.
CONTEXT = ""


def tr(text: str) -> str:
    """Translate outside a QObject (one context for all editor helpers)."""
    return QCoreApplication.translate(CONTEXT, text)


def ui_language() -> str:
    """ "ja" when the interface runs in Japanese, otherwise "en" (the shell's i18n decides)."""
    try:
        from fieldkit.ui import i18n
    except ImportError:  # the editors on their own (tests of a partial build): follow the locale
        return "ja" if QLocale().language() == QLocale.Language.Japanese else "en"
    return i18n.current_language()


def code_label(code: Code, lang: str | None = None) -> str:
    return code.label(lang or ui_language())


def friendly(err: dict, fallback: str) -> str:
    """A pydantic error as a sentence a desk officer understands; the reason is always kept."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "missing" or (
        kind in ("string_too_short", "too_short")
        and value in ("", None, [])
        and ctx.get("min_length") == 1
    ):
        return tr("Required")
    if kind == "string_too_short" and isinstance(value, str) and value == "":
        return tr("Required")
    if kind == "string_too_long":
        return (
            tr("Too long: %1 characters; the limit is %2 (nothing was cut: shorten it)")
            .replace("%1", f"{len(value):,}" if isinstance(value, str) else "?")
            .replace("%2", f"{ctx.get('max_length', 0):,}")
        )
    if kind == "value_error":
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        if msg == "end_time is before start_time":
            return tr("The end time is before the start time (end_time is before start_time)")
        return msg
    if kind in ("float_parsing", "decimal_parsing", "int_parsing"):
        return tr("Not a number (got %1)").replace("%1", repr(value))
    if kind in ("less_than_equal", "greater_than_equal"):
        return (
            tr("Out of range: %1 (allowed %2 to %3)")
            .replace("%1", str(value))
            .replace("%2", str(ctx.get("ge", "...")) if "ge" in ctx else "...")
            .replace("%3", str(ctx.get("le", "...")) if "le" in ctx else "...")
        )
    if kind == "string_type" and value is None:
        return tr("Required")
    return fallback


def problems(exc: ValidationError) -> list[tuple[str, str]]:
    """(field path, reason) pairs: ``problems_from_pydantic`` wording, made friendlier where we can."""
    base = problems_from_pydantic(exc)
    out = []
    for err, (where, msg) in zip(exc.errors(include_url=False), base, strict=True):
        out.append((where, friendly(err, msg)))
    return out


@dataclass
class Binding:
    """One model field on a form: how to read and set it, and where its problems are shown."""

    name: str
    label: str
    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]
    error: QLabel
    show_errors: Callable[[list[tuple[str, str]]], None] | None = None

    def display_errors(self, items: list[tuple[str, str]]) -> None:
        """``items`` are (sub-path after the field name, message)."""
        if self.show_errors is not None:
            self.show_errors(items)
            remaining = [m for sub, m in items if not sub]
        else:
            remaining = [f"{sub}: {m}" if sub else m for sub, m in items]
        text = "\n".join(remaining)
        if text != self.error.text():
            self.error.setText(text)
        self.error.setVisible(bool(remaining))
        invalid = bool(items)
        if bool(self.widget.property("invalid")) != invalid:
            # Re-polishing restyles the whole subtree: only when the state flips.
            self.widget.setProperty("invalid", invalid)
            self.widget.style().unpolish(self.widget)
            self.widget.style().polish(self.widget)


def error_label() -> QLabel:
    lab = QLabel()
    lab.setObjectName("fieldError")
    lab.setTextFormat(Qt.TextFormat.PlainText)
    lab.setWordWrap(True)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lab.setVisible(False)
    return lab


class Section(QGroupBox):
    """A titled group of labelled fields, each with its problem line under it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(6)
        self.setLayout(self.form)

    def add(self, label: str, widget: QWidget, error: QLabel | None = None) -> None:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        if error is not None:
            lay.addWidget(error)
        lab = QLabel(label)
        if widget.property("required"):
            lab.setText(f"{label} <span style='color:#b3261e'>*</span>")
        lab.setBuddy(widget)
        lab.setMinimumHeight(widget.sizeHint().height() if widget.sizeHint().height() < 40 else 24)
        self.form.addRow(lab, box)

    def add_wide(self, widget: QWidget, error: QLabel | None = None) -> None:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        if error is not None:
            lay.addWidget(error)
        self.form.addRow(box)


STYLE = """
QLabel#fieldError { color: #b3261e; font-size: 90%; }
QLabel#editorSubtitle { color: #5f6368; }
QFrame#problemBanner { background: #fdecea; border: 1px solid #f3b8b2; border-radius: 4px; }
QLabel#problemText { color: #8c1d18; }
QFrame#infoBanner { background: #e8f0fe; border: 1px solid #c6dafc; border-radius: 4px; }
QLabel#marking { font-weight: 600; padding: 2px 8px; border-radius: 3px;
                 background: #fff4e5; color: #8a4b00; border: 1px solid #f0c27b; }
QGroupBox { font-weight: 600; margin-top: 14px; border: 1px solid #d0d4da; border-radius: 5px;
            padding-top: 8px; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; }
QGroupBox QLabel, QGroupBox QCheckBox, QGroupBox QLineEdit, QGroupBox QPlainTextEdit,
QGroupBox QComboBox, QGroupBox QPushButton, QGroupBox QToolButton, QGroupBox QDateEdit,
QGroupBox QTimeEdit, QGroupBox QListWidget, QGroupBox QTableWidget, QGroupBox QHeaderView
    { font-weight: normal; }
QLabel#columnHeader { font-weight: 600; color: #3c4043; }
*[invalid="true"] QLineEdit, QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"],
QComboBox[invalid="true"] { border: 1px solid #b3261e; }
"""
