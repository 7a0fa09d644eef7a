"""What HQ lets this laptop hold, shown where records are edited.

The editor's classification picker keeps every level in view but disables those above the
laptop's ceiling (fieldkit.core.ceiling), with a tooltip saying why; saving above it is refused by
the core anyway. A record whose last change HQ did not accept says so in the editor, with HQ's
reason, until a later change is accepted or the refused one is discarded.
"""

from __future__ import annotations

import weakref
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication

from fieldkit.ui.operations import handling


def refused_text(refused: dict[str, Any] | None) -> str:
    """One line for a record HQ did not accept ("" when it did)."""
    if not refused:
        return ""
    from fieldkit.core.messages import render, restored

    text = QCoreApplication.translate(
        "HandlingLimits",
        "Not accepted by HQ (not filed): %1. Fix it and sync again, or discard the change on the "
        "Sync page.",
    )
    return text.replace("%1", render(restored(refused["reason"])))


def ceiling_tip(ceiling: str) -> str:
    from fieldkit.core.reference import reference
    from fieldkit.ui.i18n import current_language

    level = reference().classifications.get(ceiling)
    name = level.label(current_language()) if level else ceiling
    text = QCoreApplication.translate("HandlingLimits", "HQ allows records up to %1 on this laptop")
    return text.replace("%1", name)


def apply(editor, info: dict[str, Any]) -> None:
    """Disable the levels above the ceiling in the editor's picker; show a refused change."""
    binding = getattr(editor, "bindings", {}).get("classification")
    if binding is not None:
        combo = binding.widget
        model = combo.model()
        tip = ceiling_tip(info["ceiling"])
        for i in range(combo.count()):
            item = model.item(i) if hasattr(model, "item") else None
            if item is None:
                continue
            allowed = combo.itemData(i) in info["allowed"]
            item.setEnabled(allowed)
            item.setToolTip("" if allowed else tip)
        combo.setToolTip(tip)
    text = refused_text(info.get("refused"))
    if text and hasattr(editor, "status_label"):
        editor.status_label.setText(text)
        editor.status_label.setToolTip(text)


def start(editor, record_id: str | None) -> None:
    """Ask the store (on the worker) and apply the answer to ``editor`` if it is still open."""
    ref = weakref.ref(editor)  # the answer must not keep a closed editor alive

    def done(info: dict[str, Any]) -> None:
        target = ref()
        if target is not None and shiboken6.isValid(target):
            apply(target, info)

    handling.limits(record_id).success(done).failure(
        lambda exc: None  # the picker stays as it is; saving is still checked by the core
    ).run_in_background()
