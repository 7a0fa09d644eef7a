"""The monitoring visit editor: the project, the six DAC criteria, findings, photos, follow-ups."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from fieldkit.core.models import SHORT
from fieldkit.core.reference import reference

from .base import RecordEditor
from .common import code_label, error_label, tr
from .photos import PhotoStrip, save_photos, stored_thumbnails
from .pickers import RecordPick
from .tables import attendee_table
from .widgets import (
    CodeCombo,
    CountryPicker,
    DateEdit,
    LineEdit,
    LinesEdit,
    NumberEdit,
    TextBox,
)


def rating_combo(name: str) -> QComboBox:
    ratings = reference().ratings
    combo = CodeCombo(name, {}, blank=tr("not rated"))
    for code in ratings.values():
        combo.addItem(f"{code.code}  {code_label(code)}", code.code)
    return combo


class CriteriaGrid(QWidget):
    """The six DAC criteria, each rated A-D with a note."""

    changed = Signal()

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for c, text in enumerate((tr("Criterion"), tr("Rating"), tr("Note"))):
            head = QLabel(text)
            head.setObjectName("columnHeader")
            grid.addWidget(head, 0, c)
        grid.setColumnStretch(2, 1)
        self.rows: dict[str, tuple[QComboBox, TextBox, QLabel]] = {}
        for i, code in enumerate(reference().dac_criteria.values()):
            label = code_label(code)
            lab = QLabel(label)
            rating = rating_combo(tr("%1 rating").replace("%1", label))
            note = TextBox(tr("%1 note").replace("%1", label), 2)
            lab.setBuddy(rating)
            err = error_label()
            r = 1 + i * 2
            grid.addWidget(lab, r, 0)
            grid.addWidget(rating, r, 1)
            grid.addWidget(note, r, 2)
            grid.addWidget(err, r + 1, 2)
            rating.changed.connect(self.changed)
            note.changed.connect(self.changed)
            self.rows[code.code] = (rating, note, err)

    def value(self) -> dict[str, dict[str, Any]]:
        out = {}
        for code, (rating, note, _err) in self.rows.items():
            r, n = rating.value(), note.value()
            if r or n:
                out[code] = {"rating": r, "note": n}
        return out

    def set_value(self, value: Any) -> None:
        value = value or {}
        for code, (rating, note, _err) in self.rows.items():
            entry = value.get(code) or {}
            rating.set_value(entry.get("rating"))
            note.set_value(entry.get("note", ""))

    def show_errors(self, items: list[tuple[str, str]]) -> None:
        per: dict[str, list[str]] = {}
        for sub, msg in items:
            code = sub.split(".")[0]
            per.setdefault(code, []).append(msg)
        for code, (_r, _n, err) in self.rows.items():
            err.setText("\n".join(per.get(code, [])))
            err.setVisible(code in per)


class VisitEditor(RecordEditor):
    kind = "visit"
    printable = True
    title_field = "title"

    @property
    def kind_label(self) -> str:  # type: ignore[override]
        return self.tr("Visit")

    @classmethod
    def has_followups(cls) -> bool:
        return True

    def build_form(self) -> None:
        self.loaded_photos: list[dict] = []
        self.thumbs: dict[str, bytes | None] = {}
        sec = self.section(self.tr("Visit"))
        self.project = RecordPick(
            self.tr("Project"),
            ("project",),
            self.tr("Type part of the project title, place or partner..."),
        )
        self.project.chosen.connect(self._project_chosen)
        self.bind(sec, "project_id", self.tr("Project"), self.project)
        self.bind(
            sec,
            "title",
            self.tr("Title"),
            LineEdit(self.tr("Title"), self.tr("e.g. Interim monitoring visit")),
        )
        self.bind(sec, "date", self.tr("Date"), DateEdit(self.tr("Date")))
        self.bind(sec, "site", self.tr("Site"), LineEdit(self.tr("Site")))
        self.bind(sec, "country", self.tr("Country"), CountryPicker(self.tr("Country")))
        lat = NumberEdit(self.tr("Latitude"), "-1.28638")
        lon = NumberEdit(self.tr("Longitude"), "36.81724")
        lat.setMaximumWidth(140)
        lon.setMaximumWidth(140)
        self.bind_row(
            sec,
            self.tr("GPS"),
            [("latitude", self.tr("Latitude"), lat), ("longitude", self.tr("Longitude"), lon)],
        )

        self.add_handling()

        sec = self.section(self.tr("People"))
        self.bind(
            sec,
            "visitors",
            self.tr("Visitors"),
            LinesEdit(self.tr("Visitors"), 2, self.tr("One name per line")),
        )
        self.bind(sec, "people_met", self.tr("People met"), attendee_table(self.tr("Person met")))

        sec = self.section(self.tr("Progress"))
        self.bind(
            sec,
            "progress",
            self.tr("Progress against plan"),
            TextBox(self.tr("Progress against plan"), 5),
        )
        self.bind(
            sec,
            "facilities_use",
            self.tr("Use of facilities and equipment"),
            TextBox(self.tr("Use of facilities and equipment"), 4),
        )

        sec = self.section(self.tr("Evaluation (OECD DAC criteria)"))
        self.bind(sec, "criteria", "", CriteriaGrid(self.tr("DAC criteria ratings")), wide=True)
        self.bind(
            sec,
            "overall_rating",
            self.tr("Overall rating"),
            rating_combo(self.tr("Overall rating")),
        )

        sec = self.section(self.tr("Findings"))
        self.bind(sec, "findings", self.tr("Findings"), TextBox(self.tr("Findings"), 6))
        self.bind(
            sec, "issues", self.tr("Issues and risks"), TextBox(self.tr("Issues and risks"), 4)
        )
        self.bind(
            sec,
            "recommendations",
            self.tr("Recommendations"),
            TextBox(self.tr("Recommendations"), 4),
        )

        sec = self.section(self.tr("Photos"))
        self.photos = PhotoStrip(self.tr("Photos"))
        self.photos.changed.connect(self._on_change)
        self.photos.gps_found.connect(self._gps_from_photo)
        sec.add_wide(self.photos)

        self.add_followups()

    def heading(self) -> str:
        text = super().heading()
        if self.loaded is not None and not self.bindings["title"].get():
            site = self.bindings["site"].get()
            return self.tr("Visit %1").replace(
                "%1", f"{self.bindings['date'].get()} {site}".strip()
            )
        return text

    # ---- project -------------------------------------------------------------------------------
    def _project_chosen(self, row: dict) -> None:
        country = self.bindings["country"]
        if not country.get() and row.get("country"):
            country.set(row["country"])
        title = self.bindings["title"]
        if not title.get():
            title.set(self.tr("Monitoring visit: %1").replace("%1", row.get("title", "")))

    def _gps_from_photo(self, lat: float, lon: float) -> None:
        la, lo = self.bindings["latitude"], self.bindings["longitude"]
        if la.get() is None and lo.get() is None:
            la.set(lat)
            lo.set(lon)
            self.status_label.setText(self.tr("GPS position taken from the photo"))

    # ---- loading and saving --------------------------------------------------------------------
    @classmethod
    def fetch(cls, store, record_id: str) -> dict[str, Any]:
        out = super().fetch(store, record_id)
        atts = [a.model_dump(mode="json") for a in store.children(record_id, "attachment")]
        out["attachments"] = atts
        out["thumbs"] = stored_thumbnails(store, atts)
        pid = out["record"].get("project_id")
        out["titles"] = {r.id: r.title_text() for r in store.get_many([pid] if pid else [])}
        return out

    def apply_extra(self, bundle: dict[str, Any]) -> None:
        self.loaded_photos = bundle.get("attachments", [])
        self.thumbs = bundle.get("thumbs", {})
        self.photos.set_stored(self.loaded_photos, self.thumbs)
        for rid, title in bundle.get("titles", {}).items():
            self.project.set_title(rid, title)

    def apply_defaults(self, defaults: dict[str, Any]) -> None:
        from fieldkit.ui.operations import records as record_ops

        pid = defaults.get("project_id")
        if pid:

            def got(rows: list[dict]) -> None:
                if rows:
                    self.project.set_title(pid, rows[0]["title"])
                    self._project_chosen(rows[0])
                    self.baseline = self.form_data()  # a preset project is not an edit
                    self._refresh_title()

            record_ops.summaries(self, [pid]).success(got).run_in_background()

    def extra_data(self) -> dict[str, Any]:
        return {"_photos": self.photos.value()}

    def display_data(self) -> dict[str, Any]:
        pid = self.project.value()
        return {"_titles": {pid: self.project.shown.text()}} if pid else {}

    def set_extra_data(self, data: dict[str, Any]) -> None:
        for rid, title in (data.get("_titles") or {}).items():
            self.project.set_title(rid, title)
        if "_photos" in data and data["_photos"] != self.photos.value():
            self.photos.restore(data["_photos"], {a["id"]: a for a in self.loaded_photos})
            self.photos.set_thumbnails(self.thumbs)

    def extra_problems(self) -> list[tuple[str, str]]:
        out = []
        for i, card in enumerate(self.photos.cards, 1):
            caption = card.item.get("caption", "")
            if len(caption) > SHORT:
                out.append(
                    (
                        "_photos",
                        self.tr("Photo %1: caption too long: %2 characters; the limit is %3")
                        .replace("%1", str(i))
                        .replace("%2", str(len(caption)))
                        .replace("%3", str(SHORT)),
                    )
                )
            if card.item.get("error"):
                out.append(
                    (
                        "_photos",
                        self.tr("Photo %1: %2")
                        .replace("%1", str(i))
                        .replace("%2", card.item["error"]),
                    )
                )
        return out

    def save_context(self) -> Any:
        return list(self.loaded_photos)

    def after_save(self, store, record, extra: dict[str, Any], context: Any) -> list[str]:
        return save_photos(store, record.id, extra.get("_photos", []), context or [])
