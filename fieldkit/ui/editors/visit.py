"""The monitoring visit editor: the project, the type of visit and the sections it asks for, the
six DAC criteria on JICA's sub-rating scale, the checklist, findings, photos, follow-ups."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from fieldkit.core.grant_reference import dac_ratings_of, sections_of, visit_types
from fieldkit.core.models import SHORT

from .base import RecordEditor
from .photos import PhotoStrip, save_photos, stored_thumbnails
from .pickers import RecordPick
from .tables import attendee_table
from .visit_grant import ChecklistEditor, SubRatingGrid, overall_combo, suggestion
from .widgets import (
    CodeCombo,
    CountryPicker,
    DateEdit,
    LineEdit,
    LinesEdit,
    NumberEdit,
    TextBox,
)


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
        self.visit_type = CodeCombo(self.tr("Type of visit"), visit_types())
        self.bind(sec, "visit_type", self.tr("Type of visit"), self.visit_type)
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
        self.bind(sec, "approver", self.tr("Approver"), LineEdit(self.tr("Approver")))

        # What each type of visit asks for (visit_types.json): one section per part, shown for
        # the chosen type, or whenever it already holds something.
        self.type_sections = {}
        sec = self.type_sections["applicant"] = self.section(self.tr("Pre-approval survey"))
        for name, label in (
            ("applicant_capacity", self.tr("Applicant's capacity")),
            ("site_assessment", self.tr("The site")),
            ("quotes_review", self.tr("Quotes reviewed")),
        ):
            self.bind(sec, name, label, TextBox(label, 4))
        sec = self.type_sections["delivery"] = self.section(self.tr("Completion inspection"))
        label = self.tr("Delivery against the contract")
        self.bind(sec, "delivery", label, TextBox(label, 5))
        sec = self.type_sections["checklist"] = self.section(self.tr("Post-completion checklist"))
        self.bind(sec, "checklist", "", ChecklistEditor(self.tr("Checklist")), wide=True)
        sec = self.type_sections["progress"] = self.section(self.tr("Progress"))
        self.bind(
            sec,
            "progress",
            self.tr("Progress against plan"),
            TextBox(self.tr("Progress against plan"), 5),
        )
        sec = self.type_sections["facilities_use"] = self.section(self.tr("Use of facilities"))
        self.bind(
            sec,
            "facilities_use",
            self.tr("Use of facilities and equipment"),
            TextBox(self.tr("Use of facilities and equipment"), 4),
        )

        sec = self.type_sections["ratings"] = self.section(
            self.tr("Evaluation (OECD DAC criteria, JICA sub-ratings)")
        )
        self.bind(sec, "criteria", "", SubRatingGrid(self.tr("DAC criteria ratings")), wide=True)
        self.bind(
            sec,
            "overall_rating",
            self.tr("Overall rating"),
            overall_combo(self.tr("Overall rating")),
        )
        self.suggested = QLabel()
        self.rating_warning = QLabel()
        self.rating_warning.setObjectName("ratingWarning")
        self.rating_warning.setStyleSheet("color: #b3261e; font-weight: bold")
        self.rating_warning.setWordWrap(True)
        sec.add_wide(self.suggested)
        sec.add_wide(self.rating_warning)
        for name in ("visit_type", "criteria", "overall_rating", "progress", "facilities_use",
                     "applicant_capacity", "site_assessment", "quotes_review", "delivery",
                     "checklist"):  # fmt: skip
            self.bindings[name].widget.changed.connect(self._update_sections)

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
        self.visit_type.set_value("interim")  # a new visit: the commonest kind
        self._update_sections()

    # ---- the type of visit ---------------------------------------------------------------------
    def _update_sections(self) -> None:
        vtype = self.bindings["visit_type"].get() or "other"
        asked = set(sections_of(vtype))
        if dac_ratings_of(vtype) != "none":
            asked.add("ratings")
        held = {
            "applicant": any(
                self.bindings[n].get()
                for n in ("applicant_capacity", "site_assessment", "quotes_review")
            ),
            "delivery": bool(self.bindings["delivery"].get()),
            "checklist": bool(self.bindings["checklist"].get()),
            "progress": bool(self.bindings["progress"].get()),
            "facilities_use": bool(self.bindings["facilities_use"].get()),
            "ratings": bool(
                self.bindings["criteria"].get() or self.bindings["overall_rating"].get()
            ),
        }
        for code, sec in self.type_sections.items():
            sec.setVisible(code in asked or held[code])
        text, warning = suggestion(
            self.bindings["criteria"].get(), self.bindings["overall_rating"].get()
        )
        if dac_ratings_of(vtype) == "required":
            text = self.tr("This type of visit needs DAC ratings.") + " " + text
        self.suggested.setText(text)
        self.rating_warning.setText(warning)
        self.rating_warning.setVisible(bool(warning))

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
