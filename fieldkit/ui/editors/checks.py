"""Checking an editor's form as the user types, and showing each problem beside its field."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from fieldkit.core.models import FollowUp, parse_record
from fieldkit.core.operations.followups import FOLLOWUP_FIELDS

from .common import problems, tr


class EditorChecks:
    """Validation of ``RecordEditor``'s form (a mixin: it has no state of its own)."""

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
