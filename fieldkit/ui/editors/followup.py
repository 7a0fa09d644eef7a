"""A follow-up action on its own: what the follow-ups list opens."""

from __future__ import annotations

from typing import Any

from .base import RecordEditor
from .pickers import RecordPick
from .tables import StatusCombo
from .widgets import LineEdit, OptionalDate, TextBox


class FollowUpEditor(RecordEditor):
    kind = "followup"
    default_size = (760, 480)
    title_field = "text"

    @property
    def kind_label(self) -> str:  # type: ignore[override]
        return self.tr("Follow-up")

    def build_form(self) -> None:
        self._inherited: dict[str, Any] = {}
        sec = self.section(self.tr("Follow-up action"))
        self.parent_pick = RecordPick(
            self.tr("Meeting or visit"),
            ("meeting", "visit"),
            self.tr("Type to find the meeting or visit..."),
        )
        self.bind(sec, "parent_id", self.tr("From"), self.parent_pick)
        self.bind(sec, "text", self.tr("Action"), TextBox(self.tr("Action"), 4))
        self.bind(sec, "owner", self.tr("Owner"), LineEdit(self.tr("Owner")))
        self.bind(sec, "due", self.tr("Due"), OptionalDate(self.tr("Due date")))
        self.bind(sec, "status", self.tr("Status"), StatusCombo(self.tr("Status")))
        self.bind(sec, "done_on", self.tr("Done on"), OptionalDate(self.tr("Done on")))
        self.bindings["status"].widget.changed.connect(self._status_changed)

    def heading(self) -> str:
        text = super().heading()
        first = text.splitlines()[0] if text else ""
        return first if len(first) <= 80 else first[:77] + "..."

    def _status_changed(self) -> None:
        if not self._ready:
            return
        from fieldkit.core.operations.followups import done_on

        # The rule every caller shares: done today unless a date is given; not done, no date.
        done = self.bindings["done_on"]
        wanted = done_on(self.bindings["status"].get(), done.get())
        if wanted != done.get():
            done.set(wanted)

    @classmethod
    def fetch(cls, store, record_id: str) -> dict[str, Any]:
        out = super().fetch(store, record_id)
        return out | {"parent": _parent(store, out["record"].get("parent_id"))}

    def apply_extra(self, bundle: dict[str, Any]) -> None:
        parent = bundle.get("parent")
        if parent:
            self.parent_pick.set_title(parent["id"], parent["title"])

    def apply_defaults(self, defaults: dict[str, Any]) -> None:
        from fieldkit.ui.operations import read

        pid = defaults.get("parent_id")
        if pid:

            def got(parent) -> None:
                if parent:
                    self._inherited = {k: parent[k] for k in ("classification", "caveats")}
                    self.apply_extra({"parent": parent})
                    self.validate()

            read(self, _parent, pid).success(got).run_in_background()

    def model_values(self) -> dict[str, Any]:
        # A new follow-up carries the marking of the meeting or visit it came from.
        values = super().model_values()
        if self.loaded is None:
            values.update(self._inherited)
        return values

    def display_data(self) -> dict[str, Any]:
        pid = self.parent_pick.value()
        return {"_parent": {"id": pid, "title": self.parent_pick.shown.text()}} if pid else {}

    def set_extra_data(self, data: dict[str, Any]) -> None:
        if data.get("_parent"):
            self.apply_extra({"parent": data["_parent"]})


def _parent(store, parent_id: str | None) -> dict[str, Any] | None:
    if not parent_id:
        return None
    try:
        rec = store.get(parent_id)
    except Exception:  # a follow-up whose meeting is in the trash still opens
        return None
    return {
        "id": rec.id,
        "title": rec.title_text(),
        "classification": rec.classification,
        "caveats": list(rec.caveats),
    }
