"""Parts of the visit editor for #15: the criteria on JICA's sub-rating scale (legacy A-D kept),
the overall rating suggested by the published rule with a warning when the entered one differs,
and the post-completion checklist."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from fieldkit.core.grant_reference import checklist_items, rated_as, sub_ratings
from fieldkit.core.models import CriterionRating, Visit
from fieldkit.core.ratings import suggested_overall
from fieldkit.core.reference import reference

from .common import code_label, error_label, tr
from .widgets import CodeCombo, LineEdit, NumberEdit, TextBox


def sub_rating_combo(name: str) -> QComboBox:
    combo = CodeCombo(name, {}, blank=tr("not rated"))
    for code in sub_ratings().values():
        combo.addItem(f"{code.extra.get('symbol', code.code)}  {code_label(code)}", code.code)
    return combo


def overall_combo(name: str) -> QComboBox:
    combo = CodeCombo(name, {}, blank=tr("not rated"))
    for code in reference().ratings.values():
        combo.addItem(f"{code.code}  {code_label(code)}", code.code)
    return combo


class SubRatingGrid(QWidget):
    """The six DAC criteria, each on JICA's sub-rating scale (③ High, ② Fair, ① Low) with a
    note; a rating given A-D before the sub-ratings is shown and kept as it was."""

    changed = Signal()

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for c, text in enumerate((tr("Criterion"), tr("Sub-rating"), tr("Note"))):
            head = QLabel(text)
            head.setObjectName("columnHeader")
            grid.addWidget(head, 0, c)
        grid.setColumnStretch(2, 1)
        self.legacy: dict[str, str | None] = {}
        self.rows: dict[str, tuple[QComboBox, TextBox, QLabel, QLabel]] = {}
        dims = rated_as()
        criteria = reference().dac_criteria
        for i, code in enumerate(criteria.values()):
            label = code_label(code)
            lab = QLabel(label)
            if dims.get(code.code, code.code) != code.code:
                other = code_label(criteria[dims[code.code]])
                lab.setToolTip(tr("Rated together with %1 (the lower counts)").replace("%1", other))
            rating = sub_rating_combo(tr("%1 rating").replace("%1", label))
            note = TextBox(tr("%1 note").replace("%1", label), 2)
            legacy = QLabel()
            legacy.setObjectName("legacyRating")
            legacy.setVisible(False)
            lab.setBuddy(rating)
            err = error_label()
            r = 1 + i * 2
            grid.addWidget(lab, r, 0)
            grid.addWidget(rating, r, 1)
            grid.addWidget(note, r, 2)
            grid.addWidget(legacy, r + 1, 1)
            grid.addWidget(err, r + 1, 2)
            rating.changed.connect(self.changed)
            note.changed.connect(self.changed)
            self.rows[code.code] = (rating, note, err, legacy)

    def value(self) -> dict[str, dict[str, Any]]:
        out = {}
        for code, (rating, note, _err, _legacy) in self.rows.items():
            r, n, old = rating.value(), note.value(), self.legacy.get(code)
            if r or n or old:
                out[code] = {"rating": r, "note": n}
                if old:
                    out[code]["legacy_rating"] = old
        return out

    def set_value(self, value: Any) -> None:
        value = value or {}
        for code, (rating, note, _err, legacy) in self.rows.items():
            entry = CriterionRating.model_validate(value.get(code) or {})
            self.legacy[code] = entry.legacy_rating
            rating.set_value(entry.rating)
            note.set_value(entry.note)
            legacy.setText(
                tr("Legacy rating: %1").replace("%1", entry.legacy_rating)
                if entry.legacy_rating
                else ""
            )
            legacy.setVisible(bool(entry.legacy_rating))

    def show_errors(self, items: list[tuple[str, str]]) -> None:
        per: dict[str, list[str]] = {}
        for sub, msg in items:
            per.setdefault(sub.split(".")[0], []).append(msg)
        for code, (_r, _n, err, _l) in self.rows.items():
            err.setText("\n".join(per.get(code, [])))
            err.setVisible(code in per)


def suggestion(criteria: dict[str, dict[str, Any]], entered: str | None) -> tuple[str, str]:
    """(the suggested overall rating as text, a warning or "") for the editor's criteria."""
    try:
        crit = {k: CriterionRating.model_validate(v) for k, v in criteria.items()}
    except ValueError:
        return "", ""
    suggested = suggested_overall(Visit.model_construct(criteria=crit))
    if not suggested:
        return tr("Suggested overall rating: give every criterion a sub-rating"), ""
    text = tr("Suggested overall rating (JICA rule): %1").replace("%1", suggested)
    if entered and entered != suggested:
        warning = tr(
            "The overall rating %1 differs from %2, which the sub-ratings give under JICA's rule"
        )
        return text, warning.replace("%1", entered).replace("%2", suggested)
    return text, ""


def answers() -> tuple[tuple[bool | None, str], ...]:
    return ((None, tr("not checked")), (True, tr("yes")), (False, tr("no")))


class ChecklistEditor(QWidget):
    """The post-completion checklist: each item answered yes / no / not checked, with a note;
    the number of beneficiaries reached."""

    changed = Signal()

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(2, 1)
        self.rows: dict[str, tuple[QComboBox, LineEdit]] = {}
        for i, item in enumerate(checklist_items().values()):
            label = code_label(item)
            lab = QLabel(label)
            lab.setWordWrap(True)
            answer = QComboBox()
            answer.setAccessibleName(label)
            for value, text in answers():
                answer.addItem(text, value)
            note = LineEdit(tr("%1 note").replace("%1", label), tr("Note"))
            lab.setBuddy(answer)
            grid.addWidget(lab, i, 0)
            grid.addWidget(answer, i, 1)
            grid.addWidget(note, i, 2)
            answer.currentIndexChanged.connect(self.changed)
            note.changed.connect(self.changed)
            self.rows[item.code] = (answer, note)
        self.count = NumberEdit(tr("Beneficiaries reached (count)"), "0")
        self.count.setMaximumWidth(140)
        self.count.changed.connect(self.changed)
        lab = QLabel(tr("Beneficiaries reached (count)"))
        lab.setBuddy(self.count)
        grid.addWidget(lab, len(self.rows), 0)
        grid.addWidget(self.count, len(self.rows), 1)
        self.error = error_label()
        grid.addWidget(self.error, len(self.rows) + 1, 0, 1, 3)

    def value(self) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        for code, (answer, note) in self.rows.items():
            a, n = answer.currentData(), note.value()
            if a is not None or n:
                out[code] = {"answer": a, "note": n}
        count = self.count.value()
        if isinstance(count, float) and count.is_integer():
            count = int(count)
        if count is not None:
            out["beneficiaries_count"] = count
        return out or None

    def set_value(self, value: Any) -> None:
        value = value or {}
        for code, (answer, note) in self.rows.items():
            entry = value.get(code) or {}
            a = entry.get("answer")
            answer.setCurrentIndex(0 if a is None else answer.findData(a))
            note.set_value(entry.get("note", ""))
        count = value.get("beneficiaries_count")
        self.count.set_value("" if count is None else str(count))

    def show_errors(self, items: list[tuple[str, str]]) -> None:
        self.error.setText("\n".join(m for _s, m in items))
        self.error.setVisible(bool(items))
