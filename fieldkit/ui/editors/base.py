"""The editor window every record kind shares: load, validate as you type, draft, save, close.

Reads and writes go through ``ops.QueryOp`` / ``ops.CollectionOp``; the worker functions get the
store and plain data copied from the form, never widgets. An edit of an existing record saves only
the fields the user changed (``store.update``), so a change synced in meanwhile to another field
is kept rather than overwritten by the form's stale copy.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldKitError, ValidationProblem
from fieldkit.core.models import MODELS, FollowUp, new_id, parse_record
from fieldkit.core.reference import reference
from fieldkit.ui import ops

from .common import STYLE, Binding, Section, error_label, problems, tr, ui_language
from .tables import FollowUpTable
from .widgets import CheckGrid, CodeCombo

FOLLOWUP_FIELDS = ("text", "owner", "due", "status")


class RecordEditor(QWidget):
    """Base of the editors. Subclasses build their sections in ``build_form`` with ``bind``."""

    kind = ""
    printable = False  # the reports print meetings and visits
    default_size = (1000, 860)
    kind_label = ""
    title_field = "title"
    saved = Signal(object)  # the saved record

    def __init__(
        self,
        parent: QWidget | None = None,
        record_id: str | None = None,
        defaults: dict[str, Any] | None = None,
        draft: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(STYLE)
        self.record_id = record_id
        self.new_id = (draft or {}).get("data", {}).get("_id") or new_id()
        self.loaded: dict[str, Any] | None = None  # the stored record, JSON dump
        self.loaded_followups: list[dict[str, Any]] = []
        self.baseline: dict[str, Any] = {}
        self.bindings: dict[str, Binding] = {}
        self.followups: FollowUpTable | None = None
        self.draft_key = (draft or {}).get("key") or f"{self.kind}:{record_id or self.new_id}"
        self._pending_draft = (draft or {}).get("data")
        self._defaults = dict(defaults or {})
        self._ready = False
        self._saving = False
        self._close_after_save = False
        self._force_close = False
        self._draft_written = draft is not None
        self._last_draft: dict[str, Any] | None = None
        self.current_problems: list[tuple[str, str]] = []
        self._ask_box: QMessageBox | None = None
        # A new form does not greet the user with "Required" everywhere: a field's problems show
        # once it was edited, and all of them once Save is tried (or for a stored record).
        self._touched: set[str] = set()
        self._show_all = record_id is not None or draft is not None

        self._build_frame()
        self.build_form()
        self.content_layout.addStretch(1)
        self._align_labels()
        self._wire_changes()

        self._validate_timer = QTimer(self, singleShot=True, interval=200)
        self._validate_timer.timeout.connect(self._on_validate_timer)
        self._autosave = QTimer(self, interval=self._autosave_ms())
        self._autosave.timeout.connect(self.save_draft_now)

        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)
        self.resize(*self.default_size)

        if record_id:
            self._set_busy(True, tr("Loading..."))
            ops.QueryOp(self, lambda store: self.fetch(store, record_id), self._loaded).failure(
                self._load_failed
            ).run_in_background()
        else:
            self._start_new()

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

    # ---- to be provided by each editor ---------------------------------------------------------
    def build_form(self) -> None:
        raise NotImplementedError

    @classmethod
    def fetch(cls, store, record_id: str) -> dict[str, Any]:
        """On the worker: the record and whatever the form shows beside it."""
        record = store.get(record_id)
        out: dict[str, Any] = {"record": record.model_dump(mode="json")}
        if cls.has_followups():
            out["followups"] = [
                f.model_dump(mode="json") for f in store.children(record_id, "followup")
            ]
        return out

    @classmethod
    def has_followups(cls) -> bool:
        return False

    def apply_extra(self, bundle: dict[str, Any]) -> None:
        """On the main thread after loading: titles of linked records, attachments, ..."""

    def extra_data(self) -> dict[str, Any]:
        """Form state beyond the model's fields (kept in drafts; keys start with "_")."""
        return {}

    def set_extra_data(self, data: dict[str, Any]) -> None:
        pass

    def display_data(self) -> dict[str, Any]:
        """What a restored draft needs to show but that is not an edit (titles of linked records)."""
        return {}

    def extra_problems(self) -> list[tuple[str, str]]:
        return []

    def save_context(self) -> Any:
        """On the main thread before a save: what ``after_save`` needs besides the form."""
        return None

    def after_save(self, store, record, extra: dict[str, Any], context: Any) -> list[str]:
        """On the worker, after the record is committed; returns warnings to show.

        Must use only its arguments: it runs on a worker thread while the window waits.
        """
        return []

    def route_problem(self, where: str, msg: str) -> str:
        """Which binding shows a problem the model reported for the record as a whole."""
        for name in self.bindings:
            if name in msg:
                return name
        return where

    # ---- form state ----------------------------------------------------------------------------
    def model_values(self) -> dict[str, Any]:
        return {name: b.get() for name, b in self.bindings.items()}

    def form_data(self) -> dict[str, Any]:
        data = self.model_values()
        if self.followups is not None:
            data["_followups"] = self.followups.value()
        data.update(self.extra_data())
        return data

    def set_form_data(self, data: dict[str, Any]) -> None:
        for name, b in self.bindings.items():
            if name in data:
                b.set(data[name])
        if self.followups is not None and "_followups" in data:
            self.followups.set_value(data["_followups"])
        self.set_extra_data(data)

    def is_dirty(self) -> bool:
        return self._ready and self.form_data() != self.baseline

    def _wire_changes(self) -> None:
        for name, b in self.bindings.items():
            b.widget.changed.connect(self._on_change)
            b.widget.changed.connect(lambda n=name: self._touch(n))
        if self.followups is not None:
            self.followups.changed.connect(self._on_change)

    def _touch(self, name: str) -> None:
        if self._ready:
            self._touched.add(name)

    def _on_change(self) -> None:
        if self._ready:
            self._validate_timer.start()

    def _on_validate_timer(self) -> None:
        self.validate()
        self._refresh_title()

    # ---- loading -------------------------------------------------------------------------------
    def _start_new(self) -> None:
        store = ops._store_provider() if ops._store_provider else None
        default_cls = getattr(getattr(store, "settings", None), "default_classification", "")
        if "classification" in self.bindings:
            # The user's default marking (Settings), else the post's reference default.
            ref = reference()
            cls = default_cls if default_cls in ref.classifications else ref.default_classification
            self.bindings["classification"].set(cls)
        self.set_form_data(self._defaults)
        self.apply_defaults(self._defaults)
        self.baseline = self.form_data()
        self._become_ready()

    def apply_defaults(self, defaults: dict[str, Any]) -> None:
        """Hook: e.g. show the title of a preset project id."""

    def _loaded(self, bundle: dict[str, Any]) -> None:
        self.loaded = bundle["record"]
        self.loaded_followups = bundle.get("followups", [])
        self.set_form_data(self.loaded)
        if self.followups is not None:
            self.followups.set_value(
                [{k: f.get(k) for k in ("id", *FOLLOWUP_FIELDS)} for f in self.loaded_followups]
            )
        self.apply_extra(bundle)
        self.baseline = self.form_data()
        self._set_busy(False)
        self._become_ready()

    def _load_failed(self, exc: BaseException) -> None:
        # A draft for a record that cannot be opened (e.g. now in the trash) is kept, not dropped.
        self._draft_written = False
        self._last_draft = None
        self._set_busy(False)
        self.content.setEnabled(False)
        self.save_button.setEnabled(False)
        self._show_banner(
            [("", str(exc) if isinstance(exc, FieldKitError) else repr(exc))],
            head=tr("This record cannot be opened."),
        )
        if not isinstance(exc, FieldKitError) and ops._error_reporter:
            ops._error_reporter(self, exc, "")

    def _become_ready(self) -> None:
        if self._pending_draft:
            self.set_form_data(self._draft_edits(self._pending_draft))
            self._last_draft = self.form_data()
            self._pending_draft = None
            self.status_label.setText(tr("Restored from an unsaved draft"))
        self._ready = True
        self.validate()
        self._refresh_title()
        self._autosave.start()

    def _draft_edits(self, draft: dict[str, Any]) -> dict[str, Any]:
        """What the user had changed when the draft was kept.

        The draft also records the form as it was loaded (``_base``): only fields that differ
        from it are applied, so a change synced to another field since then is not undone.
        """
        base = draft.get("_base")
        if not isinstance(base, dict):
            return draft
        edits = {k: v for k, v in draft.items() if k.startswith("_") or base.get(k) != v}
        edits.pop("_base", None)
        return edits

    @property
    def change_source(self) -> str:
        """Tags this editor's own saves in the store's change notifications."""
        return f"editor:{self.draft_key}"

    def watched_ids(self) -> set[str]:
        ids = {self.record_id} if self.record_id else set()
        ids.update(f["id"] for f in self.loaded_followups)
        return ids

    def external_change(self, changes) -> None:
        """Someone else (sync, the follow-ups list, another window) changed this record."""
        if not self._ready or self._saving or self.loaded is None:
            return
        if self.is_dirty():
            # Saving sends only the fields edited here, so their other changes survive.
            self.status_label.setText(
                tr("Changed elsewhere meanwhile; saving keeps those changes to other fields.")
            )
            return
        rid = self.record_id
        before = self.form_data()

        def refreshed(bundle: dict[str, Any]) -> None:
            if self._saving or self.form_data() != before:
                # The user started typing meanwhile: keep the typing, as for a dirty form.
                self.status_label.setText(
                    tr("Changed elsewhere meanwhile; saving keeps those changes to other fields.")
                )
                return
            self._ready = False
            self._loaded(bundle)

        def gone(exc: BaseException) -> None:
            # Typically moved to the trash elsewhere: say so, and keep what is on screen.
            self._show_banner([], head=tr("Changed elsewhere:"), lines=[str(exc)])

        ops.QueryOp(self, lambda store: self.fetch(store, rid), refreshed).failure(
            gone
        ).run_in_background()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.content.setEnabled(not busy)
        self.save_button.setEnabled(not busy)
        if text or not busy:
            self.status_label.setText(text)

    def _autosave_ms(self) -> int:
        store = ops._store_provider() if ops._store_provider else None
        seconds = getattr(getattr(store, "settings", None), "autosave_seconds", 5) or 5
        return int(seconds * 1000)

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

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide_heading()

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

    # ---- validation ----------------------------------------------------------------------------
    def build_record(self, values: dict[str, Any] | None = None):
        """The model the form describes (raises pydantic.ValidationError)."""
        values = self.model_values() if values is None else values
        base = dict(self.loaded) if self.loaded else {"id": self.new_id, "kind": self.kind}
        base.update(values)
        return parse_record(base)

    def validate(self) -> list[tuple[str, str]]:
        """Check the whole form, show every problem next to its field; the list is empty if valid."""
        found: list[tuple[str, str]] = []
        try:
            self.build_record()
        except ValidationError as exc:
            found.extend(problems(exc))
        found.extend(self.followup_problems())
        found.extend(self.extra_problems())
        self.show_problems(found)
        return self.current_problems

    def followup_problems(self) -> list[tuple[str, str]]:
        if self.followups is None:
            return []
        out = []
        for i, row in enumerate(self.followups.value()):
            try:
                FollowUp.model_validate({k: row.get(k) for k in FOLLOWUP_FIELDS})
            except ValidationError as exc:
                out.extend((f"_followups.{i}.{w}", m) for w, m in problems(exc))
        return out

    def show_problems(self, found: list[tuple[str, str]]) -> None:
        # parse_record picks the model by kind, so pydantic puts the kind first: "meeting.subject".
        tag = f"{self.kind}."
        found = [(w.removeprefix(tag) if w.startswith(tag) else w, m) for w, m in found]
        # A widget that knows better why its text is wrong (a country name matching nothing).
        for name, b in self.bindings.items():
            own = getattr(b.widget, "problem", None)
            msg = own() if own else None
            if msg:
                found = [f for f in found if f[0].partition(".")[0] != name] + [(name, msg)]
        self.current_problems = found
        per_field: dict[str, list[tuple[str, str]]] = {name: [] for name in self.bindings}
        general: list[tuple[str, str]] = []
        followup_items: list[tuple[str, str]] = []
        for where, msg in found:
            head, _, rest = where.partition(".")
            if head == "_followups":
                followup_items.append((rest, msg))
                continue
            if head not in per_field:
                head = self.route_problem(where, msg).partition(".")[0]
            if head in per_field:
                per_field[head].append((rest, msg))
            else:
                general.append((where, msg))
        shown = self._show_all
        for name, b in self.bindings.items():
            b.display_errors(per_field[name] if shown or name in self._touched else [])
        if self.followups is not None:
            self.followups.show_errors(followup_items)
        visible = shown or any(
            w.partition(".")[0] in self._touched or w.startswith("_") for w, _ in found
        )
        if found and shown:
            lines = []
            for where, msg in found[:6]:
                name = where.partition(".")[0]
                label = (
                    self.bindings[name].label
                    if name in self.bindings
                    else {"_followups": tr("Follow-up actions"), "_photos": tr("Photos")}.get(
                        name, name
                    )
                )
                lines.append(f"• {label}: {msg}" if label else f"• {msg}")
            if len(found) > 6:
                lines.append(tr("... and %1 more").replace("%1", str(len(found) - 6)))
            self._show_banner(found, head=tr("Fix these before saving:"), lines=lines)
        else:
            self.problem_banner.setVisible(False)
        # Save stays available on an untouched new form: pressing it shows what is missing.
        self.save_button.setEnabled(self._ready and not (found and visible) and not self._saving)

    def _show_banner(self, found, head: str, lines: list[str] | None = None) -> None:
        if lines is None:
            lines = [f"• {w + ': ' if w else ''}{m}" for w, m in found]
        self.problem_text.setText("\n".join([head, *lines]))
        self.problem_banner.setVisible(True)

    def _focus_first_problem(self) -> None:
        for where, _ in self.current_problems:
            b = self.bindings.get(where.partition(".")[0])
            if b is not None:
                self.scroll.ensureWidgetVisible(b.widget)
                b.widget.setFocus()
                return

    # ---- saving --------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save if the form is valid; returns False (and shows why) if it is not."""
        if not self._ready or self._saving:
            return False
        self._show_all = True
        found = self.validate()
        if found:
            self._focus_first_problem()
            self.status_label.setText(tr("Not saved: fix the problems shown in red."))
            return False
        values = self.model_values()
        extra = self.form_data()
        loaded = dict(self.loaded) if self.loaded else None
        loaded_followups = list(self.loaded_followups)
        record = self.build_record(values)
        key = self.draft_key
        editor_cls = type(self)
        source = self.change_source
        after = self.after_save
        context = self.save_context()

        def run(store):
            with store.tx.write():
                if loaded is None:
                    saved = store.create(record, source=source)
                else:
                    changed = {k: v for k, v in values.items() if v != loaded.get(k)}
                    saved = (
                        store.update(loaded["id"], changed, source=source)
                        if changed
                        else store.get(loaded["id"])
                    )
                if "_followups" in extra:
                    save_followups(
                        store, saved, extra["_followups"], loaded_followups, source=source
                    )
                store.discard_draft(key)
            warnings = after(store, saved, extra, context)
            bundle = editor_cls.fetch(store, saved.id)
            bundle["warnings"] = warnings
            return bundle

        self._saving = True
        self._set_busy(True, tr("Saving..."))
        ops.CollectionOp(self, run).success(self._saved).failure(
            self._save_failed
        ).run_in_background()
        return True

    def _saved(self, bundle: dict[str, Any]) -> None:
        self._saving = False
        self._draft_written = False
        self._last_draft = None
        record = parse_record(bundle["record"])
        first_save = self.record_id is None
        self.record_id = record.id
        if first_save:
            from . import register

            register(self)
        self._ready = False
        self._loaded(bundle)
        warnings = bundle.get("warnings") or []
        now = QDateTime.currentDateTime().toString("HH:mm:ss")
        self.status_label.setText(tr("Saved at %1").replace("%1", now))
        if warnings:
            self._show_banner(
                [], head=tr("Saved, with problems:"), lines=[f"• {w}" for w in warnings]
            )
        self.saved.emit(record)
        if self._close_after_save:
            self._force_close = True
            self.close()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._close_after_save = False
        self._set_busy(False)
        if isinstance(exc, ValidationProblem):
            self.show_problems(exc.problems)
            self.status_label.setText(tr("Not saved."))
        elif isinstance(exc, FieldKitError):
            self._show_banner([], head=tr("Not saved:"), lines=[str(exc)])
            self.status_label.setText(tr("Not saved."))
        else:
            self.status_label.setText(tr("Not saved."))
            if ops._error_reporter:
                ops._error_reporter(self, exc, "")
        self.save_button.setEnabled(True)

    # ---- drafts --------------------------------------------------------------------------------
    def save_draft_now(self) -> bool:
        """Keep what is typed so far; called by the autosave timer. True if a draft was written."""
        if not self._ready or self._saving or not self.is_dirty():
            return False
        data = self.form_data()
        if data == self._last_draft:
            return False
        self._last_draft = data
        payload = {
            **data,
            **self.display_data(),
            "_id": self.new_id,
            "_title": self.draft_title(),
            "_base": self.baseline,
        }
        key, kind, rid = self.draft_key, self.kind, self.record_id

        def done(_result) -> None:
            self._draft_written = True
            now = QDateTime.currentDateTime().toString("HH:mm:ss")
            self.status_label.setText(tr("Draft kept at %1").replace("%1", now))

        ops.CollectionOp(self, lambda store: store.save_draft(key, kind, payload, rid)).success(
            done
        ).run_in_background()
        return True

    def _discard_draft(self) -> None:
        if self._draft_written or self._last_draft is not None:
            key = self.draft_key
            ops.CollectionOp(None, lambda store: store.discard_draft(key)).run_in_background()
            self._draft_written = False
            self._last_draft = None

    # ---- closing -------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._saving and not self._force_close:
            self._close_after_save = True
            event.ignore()
            return
        if self._force_close or not self.is_dirty():
            self._autosave.stop()
            if not self._force_close or not self.is_dirty():
                self._discard_draft()
            event.accept()
            return
        event.ignore()
        self._ask_close()

    def _ask_close(self) -> None:
        if self._ask_box is not None and self._ask_box.isVisible():
            self._ask_box.raise_()
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Unsaved changes"))
        box.setText(
            tr("Save the changes to \u201c%1\u201d before closing?").replace("%1", self.heading())
        )
        box.setInformativeText(
            tr("If you discard them, what you typed since the last save is lost.")
        )
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _r: self._close_answer(box.standardButton(box.clickedButton())))
        self._ask_box = box
        box.open()

    def _close_answer(self, button) -> None:
        self._ask_box = None
        if button == QMessageBox.StandardButton.Save:
            self._close_after_save = True
            if not self.save():
                self._close_after_save = False
        elif button == QMessageBox.StandardButton.Discard:
            self._discard_draft()
            self._force_close = True
            self._autosave.stop()
            self.close()

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


def save_followups(
    store, parent, rows: list[dict], loaded: list[dict], source: object | None = None
) -> None:
    """Make the stored follow-ups of ``parent`` match the table: create, update, delete."""
    old = {f["id"]: f for f in loaded}
    kept = set()
    today = date.today().isoformat()
    for row in rows:
        values = {k: row.get(k) for k in FOLLOWUP_FIELDS}
        rid = row.get("id")
        if rid in old:
            kept.add(rid)
            prev = old[rid]
            changed = {k: v for k, v in values.items() if v != prev.get(k)}
            if "status" in changed:
                changed["done_on"] = today if changed["status"] == "done" else None
            if changed:
                store.update(rid, changed, source=source)
        else:
            store.create(
                FollowUp(
                    parent_id=parent.id,
                    classification=parent.classification,
                    caveats=parent.caveats,
                    done_on=today if values["status"] == "done" else None,
                    **values,
                ),
                source=source,
            )
    for rid in old.keys() - kept:
        store.delete(rid, source=source)
