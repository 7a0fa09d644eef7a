"""The editor window's frame: header, problem banner, form sections, button bar, title and marking.

``EditorFrame`` is mixed into ``RecordEditor``; the form code of each kind calls ``section`` and
``bind`` from here. It only lays out and labels: loading and saving live in ``base``.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.models import MODELS
from fieldkit.core.reference import reference

from .common import Binding, Section, error_label, tr, ui_language
from .tables import FollowUpTable
from .widgets import CheckGrid, CodeCombo


class EditorFrame:
    """Layout and labels of ``RecordEditor`` (a mixin: it has no state of its own)."""

    # ---- frame ---------------------------------------------------------------------------------
    def _build_frame(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        header = QWidget()
        header.setObjectName("editorHeader")
        hl = QHBoxLayout(header)
        hl.setContentsMargins(18, 12, 18, 8)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title_label = QLabel()
        self.title_label.setObjectName("editorTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setWeight(QFont.Weight.DemiBold)
        self.title_label.setFont(font)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title_label.setMinimumWidth(200)
        self.subtitle_label = QLabel()
        self.subtitle_label.setObjectName("editorSubtitle")
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        hl.addLayout(titles, 1)
        self.marking = QLabel()
        self.marking.setObjectName("marking")
        self.marking.setAccessibleName(tr("Classification marking"))
        hl.addWidget(self.marking, 0, Qt.AlignmentFlag.AlignTop)
        outer.addWidget(header)

        self.problem_banner = QFrame()
        self.problem_banner.setObjectName("problemBanner")
        pl = QVBoxLayout(self.problem_banner)
        pl.setContentsMargins(12, 6, 12, 6)
        self.problem_text = QLabel()
        self.problem_text.setObjectName("problemText")
        self.problem_text.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_text.setWordWrap(True)
        self.problem_text.setAccessibleName(tr("Problems to fix before saving"))
        pl.addWidget(self.problem_text)
        self.problem_banner.setVisible(False)
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(18, 0, 18, 6)
        banner_row.addWidget(self.problem_banner)
        outer.addLayout(banner_row)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        content.setObjectName("editorContent")
        self.content_layout = QVBoxLayout(content)
        self.content_layout.setContentsMargins(18, 0, 18, 12)
        self.content_layout.setSpacing(10)
        self.scroll.setWidget(content)
        self.content = content
        outer.addWidget(self.scroll, 1)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        outer.addWidget(line)
        bar = QHBoxLayout()
        bar.setContentsMargins(18, 8, 18, 10)
        bar.setSpacing(8)
        self.history_button = QPushButton(tr("History"))
        self.print_button = QPushButton(tr("Print..."))
        self.pdf_button = QPushButton(tr("Export PDF..."))
        self.status_label = QLabel()
        self.status_label.setObjectName("editorSubtitle")
        self.close_button = QPushButton(tr("Close"))
        self.save_button = QPushButton(tr("Save"))
        self.save_button.setDefault(False)
        self.save_button.setToolTip(
            tr("Save (%1)").replace(
                "%1",
                QKeySequence(QKeySequence.StandardKey.Save).toString(
                    QKeySequence.SequenceFormat.NativeText
                ),
            )
        )
        for b, name in (
            (self.history_button, tr("Show the edit history")),
            (self.print_button, tr("Print this record")),
            (self.pdf_button, tr("Export this record as PDF")),
            (self.close_button, tr("Close the editor")),
            (self.save_button, tr("Save the record")),
        ):
            b.setAccessibleName(name)
            b.setAutoDefault(False)
        bar.addWidget(self.history_button)
        self.print_button.setVisible(self.printable)
        self.pdf_button.setVisible(self.printable)
        bar.addWidget(self.print_button)
        bar.addWidget(self.pdf_button)
        bar.addSpacing(12)
        bar.addWidget(self.status_label, 1)
        bar.addWidget(self.close_button)
        bar.addWidget(self.save_button)
        outer.addLayout(bar)
        self.history_button.clicked.connect(self._history)
        self.print_button.clicked.connect(self._print)
        self.pdf_button.clicked.connect(self._export_pdf)
        self.close_button.clicked.connect(self.close)
        self.save_button.clicked.connect(self.save)

    def _align_labels(self) -> None:
        # One label column for the whole form, so fields line up from section to section.
        labels = [
            sec.form.itemAt(r, QFormLayout.ItemRole.LabelRole).widget()
            for sec in self.content.findChildren(Section)
            for r in range(sec.form.rowCount())
            if sec.form.itemAt(r, QFormLayout.ItemRole.LabelRole) is not None
        ]
        if labels:
            width = min(max(lab.sizeHint().width() for lab in labels), 220)
            for lab in labels:
                lab.setFixedWidth(width)
                lab.setWordWrap(True)
                lab.setContentsMargins(0, 3, 0, 0)  # level with the text inside the field
                lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

    def section(self, title: str) -> Section:
        box = Section(title)
        self.content_layout.addWidget(box)
        return box

    def bind(
        self,
        section: Section | None,
        name: str,
        label: str,
        widget: QWidget,
        *,
        wide: bool = False,
        show_errors=None,
    ) -> QWidget:
        """Put a model field on the form; its problems are shown under it."""
        err = error_label()
        if not widget.accessibleName():
            widget.setAccessibleName(label)
        model_field = MODELS[self.kind].model_fields.get(name)
        if model_field is not None and model_field.is_required():
            widget.setProperty("required", True)
            widget.setAccessibleDescription(tr("Required"))
        if section is not None:
            if wide:
                section.add_wide(widget, err)
            else:
                section.add(label, widget, err)
        if show_errors is None and hasattr(widget, "show_errors"):
            show_errors = widget.show_errors
        self.bindings[name] = Binding(
            name, label, widget, widget.value, widget.set_value, err, show_errors
        )
        return widget

    def bind_row(self, section: Section, label: str, items: list[tuple[str, str, QWidget]]) -> None:
        """Several short fields on one line (date, start, end), their problems listed under it."""
        row = QWidget()
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        errors = QWidget()
        el = QVBoxLayout(errors)
        el.setContentsMargins(0, 0, 0, 0)
        el.setSpacing(0)
        for i, (name, text, widget) in enumerate(items):
            if i or text != label:
                small = QLabel(text)
                small.setBuddy(widget)
                if i:
                    lay.addSpacing(10)
                lay.addWidget(small)
            lay.addWidget(widget)
            self.bind(None, name, widget.accessibleName() or text, widget)
            el.addWidget(self.bindings[name].error)
            if widget.property("required"):
                row.setProperty("required", True)
        lay.addStretch(1)
        section.add(label, row, errors)

    def add_handling(self) -> None:
        """Classification and caveats: every record carries its handling marking."""
        ref = reference()
        sec = self.section(tr("Handling"))
        self.bind(
            sec,
            "classification",
            tr("Classification"),
            CodeCombo(tr("Classification"), ref.classifications),
        )
        self.bind(sec, "caveats", tr("Caveats"), CheckGrid(tr("Caveats"), ref.caveats, columns=3))

    def add_followups(self) -> None:
        sec = self.section(tr("Follow-up actions"))
        self.followups = FollowUpTable(tr("Follow-up"))
        sec.add_wide(self.followups)

    # ---- title and marking ---------------------------------------------------------------------
    def heading(self) -> str:
        b = self.bindings.get(self.title_field)
        text = (b.get() if b else "") or ""
        if self.loaded is None:
            return tr("New %1").replace("%1", self.kind_label.lower()) + (
                f": {text}" if text else ""
            )
        return text or self.kind_label

    def _elide_heading(self) -> None:
        # One line, elided: a very long subject must neither widen the window nor wrap oddly.
        text = getattr(self, "_heading", "")
        width = max(self.title_label.width(), 200)
        self.title_label.setText(
            self.title_label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
        )
        self.title_label.setToolTip(text if len(text) > 60 else "")

    def draft_title(self) -> str:
        b = self.bindings.get(self.title_field)
        text = str(b.get() or "").strip() if b else ""
        return text.splitlines()[0] if text else ""

    def _refresh_title(self) -> None:
        heading = self.heading()
        self._heading = heading
        self._elide_heading()
        self.setWindowTitle(f"{heading} [*] - {self.kind_label} - FieldKit")
        self.setWindowModified(self.is_dirty())
        if self.loaded:
            when = QDateTime.fromString(
                str(self.loaded.get("updated_at", ""))[:19], "yyyy-MM-ddTHH:mm:ss"
            )
            when.setTimeZone(QDateTime.currentDateTimeUtc().timeZone())
            self.subtitle_label.setText(
                tr("%1 · revision %2 · last changed %3 by %4")
                .replace("%1", self.kind_label)
                .replace("%2", str(self.loaded.get("revision", "")))
                .replace(
                    "%3", when.toLocalTime().toString("yyyy-MM-dd HH:mm") if when.isValid() else ""
                )
                .replace("%4", self.loaded.get("updated_by") or "?")
            )
        else:
            self.subtitle_label.setText(tr("%1 · not saved yet").replace("%1", self.kind_label))
        cls = self.bindings.get("classification")
        code = cls.get() if cls else (self.loaded or {}).get("classification")
        level = reference().classifications.get(code or "")
        self.marking.setText(level.label(ui_language()) if level else "")
        self.marking.setVisible(bool(level))
        saved = self.loaded is not None
        for b in (self.history_button, self.print_button, self.pdf_button):
            b.setEnabled(saved)

    # ---- buttons -------------------------------------------------------------------------------
    def _saved_notice(self) -> None:
        if self.is_dirty():
            self.status_label.setText(
                tr("Showing the last saved version; save to include your changes.")
            )

    def _history(self) -> None:
        if self.record_id:
            from . import show_history

            show_history(self, self.record_id)

    def _print(self) -> None:
        if self.record_id:
            self._saved_notice()
            from fieldkit.ui import printing

            printing.preview_record(self, self.record_id)

    def _export_pdf(self) -> None:
        if self.record_id:
            self._saved_notice()
            from fieldkit.ui import printing

            printing.export_record_pdf(self, self.record_id)
