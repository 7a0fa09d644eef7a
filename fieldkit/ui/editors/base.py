"""The editor window every record kind shares: load, validate as you type, draft, save, close.

Reads and writes go through ``ops.QueryOp`` / ``ops.CollectionOp``; the worker functions get the
store and plain data copied from the form, never widgets. An edit of an existing record saves only
the fields the user changed (``store.update``), so a change synced in meanwhile to another field
is kept rather than overwritten by the form's stale copy.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldkit.core.errors import FieldKitError, ValidationProblem
from fieldkit.core.models import new_id, parse_record
from fieldkit.core.operations.records import FormSave
from fieldkit.core.reference import reference
from fieldkit.ui import handling_limits, ops
from fieldkit.ui.operations import records as record_ops

from . import approval_bar
from .checks import FOLLOWUP_FIELDS, EditorChecks
from .common import STYLE, Binding, tr
from .frame import EditorFrame
from .tables import FollowUpTable
from .unsaved import EditorUnsaved


class RecordEditor(EditorFrame, EditorChecks, EditorUnsaved, QWidget):
    """Base of the editors. Subclasses build their sections in ``build_form`` with ``bind``.

    The frame (``frame``), the checks (``checks``) and unsaved work (``unsaved``) are mixins.
    """

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
        self.approval_bar = approval_bar.attach(self)  # meetings and visits: 決裁
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
            record_ops.load(self, self.fetch, record_id).success(self._loaded).failure(
                self._load_failed
            ).run_in_background()
        else:
            self._start_new()

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
        default_cls = getattr(ops.settings(), "default_classification", "")
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
        if self.approval_bar is not None:  # after _set_busy: an approved record stays locked
            self.approval_bar.show_record(self.loaded)

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
        if not isinstance(exc, FieldKitError):
            ops.report(self, exc)

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
        # What HQ lets this laptop hold: levels above its ceiling disabled, a refused change shown.
        handling_limits.start(self, self.record_id)

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

        record_ops.load(self, self.fetch, rid).success(refreshed).failure(gone).run_in_background()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.content.setEnabled(not busy)
        self.save_button.setEnabled(not busy)
        if text or not busy:
            self.status_label.setText(text)

    def _autosave_ms(self) -> int:
        seconds = getattr(ops.settings(), "autosave_seconds", 5) or 5
        return int(seconds * 1000)

    # ---- title ---------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide_heading()

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
        form = FormSave(
            record=self.build_record(values),
            values=values,
            loaded=dict(self.loaded) if self.loaded else None,
            followups=extra.get("_followups"),
            loaded_followups=list(self.loaded_followups),
            draft_key=self.draft_key,
        )
        self._saving = True
        self._set_busy(True, tr("Saving..."))
        record_ops.save_form(
            self,
            form,
            source=self.change_source,
            after=self.after_save,
            extra=extra,
            context=self.save_context(),
            fetch=type(self).fetch,
        ).success(self._saved).failure(self._save_failed).run_in_background()
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
            ops.report(self, exc)
        self.save_button.setEnabled(True)

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
