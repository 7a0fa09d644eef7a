"""What the shell's buttons and menus do to a record, in one place for every view.

Editors, history, printing and the other windows are built by other parts of the app; the shell
calls them through their published functions (``fieldkit.ui.editors.open_editor`` etc.). If a part
is missing from this build the user is told so instead of getting a traceback.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from fieldkit.ui import errors
from fieldkit.ui.operations import records as record_ops


def call_part(parent: QWidget | None, module: str, function: str, *args: Any, **kwargs: Any) -> Any:
    """``fieldkit.ui.<module>.<function>(*args)``, or a plain message if that part is absent."""
    try:
        mod = importlib.import_module(f"fieldkit.ui.{module}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("fieldkit.ui"):
            errors.show_message(
                parent,
                QCoreApplication.translate(
                    "Actions", "This part of FieldKit is not installed: {name}."
                ).format(name=module),
            )
            return None
        raise
    fn = getattr(mod, function, None)
    if fn is None:
        errors.show_message(
            parent,
            QCoreApplication.translate(
                "Actions", "This part of FieldKit is not installed: {name}."
            ).format(name=f"{module}.{function}"),
        )
        return None
    return fn(*args, **kwargs)


def new_record(parent: QWidget, kind: str, defaults: dict | None = None) -> None:
    call_part(parent, "editors", "open_editor", parent, kind, None, defaults)


def edit_record(parent: QWidget, kind: str, record_id: str) -> None:
    call_part(parent, "editors", "open_editor", parent, kind, record_id)


def show_history(parent: QWidget, record_id: str) -> None:
    call_part(parent, "editors", "show_history", parent, record_id)


def print_preview(parent: QWidget, record_id: str) -> None:
    call_part(parent, "printing", "preview_record", parent, record_id)


def export_pdf(parent: QWidget, record_id: str) -> None:
    call_part(parent, "printing", "export_record_pdf", parent, record_id)


def delete_record(
    parent: QWidget, record_id: str, on_done: Callable[[Any], None] | None = None
) -> None:
    """To the trash; the window offers Undo (restore) in its status bar."""

    def done(rec) -> None:
        window = parent.window()
        offer = getattr(window, "offer_undo", None)
        if offer:
            offer(
                QCoreApplication.translate("Actions", "Moved “{title}” to the trash.").format(
                    title=rec.title_text()[:60]
                ),
                lambda: restore_record(parent, rec.id),
            )
        if on_done:
            on_done(rec)

    record_ops.delete(parent, record_id).success(done).run_in_background()


def restore_record(
    parent: QWidget, record_id: str, on_done: Callable[[Any], None] | None = None
) -> None:
    def done(rec) -> None:
        window = parent.window()
        status = getattr(window, "show_status", None)
        if status:
            status(
                QCoreApplication.translate("Actions", "Restored “{title}”.").format(
                    title=rec.title_text()[:60]
                )
            )
        if on_done:
            on_done(rec)

    record_ops.restore(parent, record_id).success(done).run_in_background()
