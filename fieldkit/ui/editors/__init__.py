"""Record editors: one window per record, validated as you type, kept as a draft while you work.

open_editor(window, "meeting")                               # a new meeting
open_editor(window, "visit", defaults={"project_id": pid})   # a visit to a project
open_editor(window, "meeting", rid)                          # edit (or focus, if already open)
show_history(window, rid)                                    # who changed what, when
offer_draft_restore(window)                                  # at start: unsaved drafts
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from fieldkit.core.envelope import USER_KINDS

from .base import RecordEditor

EDITOR_KINDS = USER_KINDS

# Open editors by (kind, record id) for saved records, by draft key for new ones.
_open: dict[str, RecordEditor] = {}


def editor_class(kind: str) -> type[RecordEditor]:
    from .contacts import OrganisationEditor, PersonEditor
    from .followup import FollowUpEditor
    from .meeting import MeetingEditor
    from .project import ProjectEditor
    from .visit import VisitEditor

    classes = {
        "meeting": MeetingEditor,
        "visit": VisitEditor,
        "project": ProjectEditor,
        "organisation": OrganisationEditor,
        "person": PersonEditor,
        "followup": FollowUpEditor,
    }
    try:
        return classes[kind]
    except KeyError:
        raise ValueError(f"no editor for {kind!r}; choose from {', '.join(EDITOR_KINDS)}") from None


def _key(editor: RecordEditor) -> str:
    return editor.record_id or editor.draft_key


class _Dispatcher(QObject):
    """Brings the store's change notifications (sent on the writer's thread) to the UI thread."""

    changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.store = None
        self.changed.connect(self._dispatch)

    def listen(self) -> None:
        from fieldkit.ui import ops

        store = ops.current_store()
        if store is None or store is self.store:
            return
        if self.store is not None:
            self.store.unsubscribe(self._on_store_change)
        self.store = store
        store.subscribe(self._on_store_change)

    def _on_store_change(self, changes) -> None:
        self.changed.emit(changes)  # queued to the UI thread when sent from a worker

    def _dispatch(self, changes) -> None:
        for editor in open_editors():
            if changes.source == editor.change_source:
                continue
            if changes.ids & editor.watched_ids():
                editor.external_change(changes)


_dispatcher: _Dispatcher | None = None


def _watch_store() -> None:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    _dispatcher.listen()


def register(editor: RecordEditor) -> None:
    """Remember an open editor (again under its id once a new record is saved)."""
    _watch_store()
    for k, v in list(_open.items()):
        if v is editor:
            del _open[k]
    _open[_key(editor)] = editor
    editor.destroyed.connect(lambda *_a, k=id(editor): _forget(k))


def _forget(ident: int) -> None:
    for k, v in list(_open.items()):
        try:
            if id(v) == ident:
                del _open[k]
        except RuntimeError:
            del _open[k]


def open_editors() -> list[RecordEditor]:
    """The editor windows still open (a window deleted but not yet forgotten is left out)."""
    from shiboken6 import isValid

    return [e for e in _open.values() if isValid(e)]


def _focus(editor: RecordEditor) -> None:
    editor.show()
    if editor.isMinimized():
        editor.showNormal()
    editor.raise_()
    editor.activateWindow()


def open_editor(
    parent: QWidget | None,
    kind: str,
    record_id: str | None = None,
    defaults: dict[str, Any] | None = None,
    *,
    draft: dict[str, Any] | None = None,
) -> RecordEditor:
    """Open (or bring forward) the editor of a record; a new record when ``record_id`` is None.

    ``defaults`` pre-fill a new record, e.g. {"parent_id": meeting_id} for a follow-up or
    {"project_id": pid} for a visit. ``draft`` is a row of ``store.drafts()`` to restore.
    """
    cls = editor_class(kind)
    key = record_id or (draft or {}).get("key")
    existing = _open.get(key) if key else None
    if existing is not None and existing in open_editors():
        _focus(existing)
        return existing
    editor = cls(parent, record_id=record_id, defaults=defaults, draft=draft)
    register(editor)
    _focus(editor)
    return editor


def close_editors() -> bool:
    """Close every editor window (the main window calls this when it closes).

    Editors without unsaved changes close; each one with changes asks Save / Discard / Cancel and
    stays open for now. True if none is left open, so the caller can go ahead and close.
    """
    for editor in open_editors():
        editor.close()
    return not any(e.isVisible() for e in open_editors())


def show_history(parent: QWidget | None, record_id: str) -> QWidget:
    """A window listing every change of a record: who, when, field: old -> new."""
    from .history import HistoryDialog

    dialog = HistoryDialog(parent, record_id)
    dialog.show()
    return dialog


def offer_draft_restore(parent: QWidget | None):
    """At start: if unsaved drafts exist (after a crash), offer to restore or discard each.

    Returns the ``DraftOffer``; its ``dialog`` appears once the drafts are read (if there are any).
    """
    from .drafts import DraftOffer

    offer = DraftOffer(parent)
    offer.start()
    return offer


__all__ = [
    "EDITOR_KINDS",
    "close_editors",
    "RecordEditor",
    "offer_draft_restore",
    "open_editor",
    "open_editors",
    "show_history",
]
