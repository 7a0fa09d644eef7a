"""The bar above a list: search box and filters, turned into a ``RecordFilter``.

Typing is debounced briefly so a burst of keystrokes makes one query; combo boxes and dates
apply at once. Which filters appear depends on the list (policy fields exist on meetings,
report status and "overdue" on projects).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.query import RecordFilter
from fieldkit.core.reference import reference
from fieldkit.ui import i18n

from .columns import status_label
from .icons import icon

SEARCH_DELAY_MS = 40  # long enough to merge a burst of typing, short enough to feel instant
NO_DATE = QDate(1900, 1, 1)


class DateBox(QDateEdit):
    """A date edit that can be empty: its minimum date shows as "any"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setDate(NO_DATE)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setSpecialValueText(" ")

    def value(self) -> date | None:
        d = self.date()
        return None if d == NO_DATE else date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        # An empty box opens its calendar on today, not on 1900.
        if self.date() == NO_DATE:
            self.calendarWidget().setSelectedDate(QDate.currentDate())
        super().mousePressEvent(event)


class FilterBar(i18n.Retranslating, QWidget):
    """Emits ``changed`` whenever the filter it describes changes."""

    changed = Signal()
    #: the search text is being edited: a query for the old text is no longer wanted
    editing = Signal()

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(180)
        self.search.textChanged.connect(self._on_text)
        self.search.returnPressed.connect(self._apply_now)

        self.country = QComboBox()
        self.country.setMinimumContentsLength(11)
        self.country.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.country.currentIndexChanged.connect(self.changed)

        self.policy = QComboBox()
        self.policy.setMinimumContentsLength(11)
        self.policy.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.policy.currentIndexChanged.connect(self.changed)
        self.policy.setVisible(kind == "meeting")

        # Meetings are tagged with summits and instruments too (issue #16).
        self.summit = QComboBox()
        self.instrument = QComboBox()
        for combo in (self.summit, self.instrument):
            combo.setMinimumContentsLength(11)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.currentIndexChanged.connect(self.changed)
            combo.setVisible(kind == "meeting")

        self.status = QComboBox()
        self.status.currentIndexChanged.connect(self.changed)
        self.status.setVisible(kind == "project")

        self.date_label = QLabel()
        self.date_from = DateBox()
        self.date_to = DateBox()
        self.to_label = QLabel("–")
        for box in (self.date_from, self.date_to):
            box.dateChanged.connect(lambda _d: self.changed.emit())
        dated = kind in ("meeting", "visit", "project")
        for w in (self.date_label, self.date_from, self.to_label, self.date_to):
            w.setVisible(dated)

        self.overdue = QCheckBox()
        self.overdue.toggled.connect(self.changed)
        self.overdue.setVisible(kind == "project")

        self.clear_button = QToolButton()
        self.clear_button.setIcon(icon("clear"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.clear)

        # Two rows when the list is narrow (a 1280-pixel laptop with the detail pane open), one
        # row when there is room: the bar's minimum width is that of the two-row arrangement.
        self.first_row = QHBoxLayout()
        self.first_row.setSpacing(6)
        self.first_row.addWidget(self.search, 4)
        self.first_row.addWidget(self.country, 1)
        self.first_row.addWidget(self.policy, 1)
        self.first_row.addWidget(self.status, 1)
        self.second_row = QHBoxLayout()
        self.second_row.setSpacing(6)
        self.second_row.addStretch(1)
        self._dates = (
            self.summit,
            self.instrument,
            self.date_label,
            self.date_from,
            self.to_label,
            self.date_to,
            self.overdue,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(self.first_row)
        layout.addLayout(self.second_row)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # minimumSizeHint decides
        self._one_row: bool | None = None
        self._arrange(one_row=False)
        self.retranslate()

    def _arrange(self, one_row: bool) -> None:
        if one_row == self._one_row:
            return
        self._one_row = one_row
        target = self.first_row if one_row else self.second_row
        for w in (*self._dates, self.clear_button):
            target.addWidget(w)  # addWidget takes a widget out of the layout it was in

    def _one_row_width(self) -> int:
        shown = [w for w in (self.country, self.policy, self.status, *self._dates) if w.isVisible()]
        widths = [self.search.minimumWidth() + 60, self.clear_button.sizeHint().width()]
        widths += [w.sizeHint().width() for w in shown]
        return sum(widths) + 6 * len(widths)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        def row(widgets) -> int:
            shown = [w for w in widgets if w.isVisibleTo(self)]
            return sum(w.minimumSizeHint().width() for w in shown) + 6 * len(shown)

        first = self.search.minimumWidth() + row((self.country, self.policy, self.status))
        second = row((*self._dates, self.clear_button))
        height = self.search.minimumSizeHint().height()
        return QSize(max(first, second), height * 2 + 6 if self._one_row is False else height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange(one_row=event.size().width() >= self._one_row_width())

    # ---- state -------------------------------------------------------------------------------
    def _on_text(self, _text: str) -> None:
        self.editing.emit()
        self._timer.start()

    def _apply_now(self) -> None:
        self._timer.stop()
        self.changed.emit()

    def flush(self) -> None:
        """Apply typed text now (tests, Enter)."""
        if self._timer.isActive():
            self._apply_now()

    def record_filter(self, kinds: tuple[str, ...], deleted: bool = False) -> RecordFilter:
        country = self.country.currentData()
        policy = self.policy.currentData()
        status = self.status.currentData()
        meeting = self.kind == "meeting"
        summit, instrument = self.summit.currentData(), self.instrument.currentData()
        return RecordFilter(
            kinds=kinds,
            countries=(country,) if country else (),
            policy_fields=(policy,) if policy and self.kind == "meeting" else (),
            summits=(summit,) if summit and meeting else (),
            instruments=(instrument,) if instrument and meeting else (),
            statuses=(status,) if status and self.kind == "project" else (),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            overdue=self.overdue.isChecked() and self.kind == "project",
            text=self.search.text().strip(),
            deleted=deleted,
        )

    def is_filtered(self) -> bool:
        return bool(
            self.search.text().strip()
            or self.country.currentData()
            or self.policy.currentData()
            or self.summit.currentData()
            or self.instrument.currentData()
            or self.status.currentData()
            or self.date_from.value()
            or self.date_to.value()
            or self.overdue.isChecked()
        )

    def clear(self) -> None:
        widgets = (
            self.search,
            self.country,
            self.policy,
            self.summit,
            self.instrument,
            self.status,
            self.date_from,
            self.date_to,
            self.overdue,
        )
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        self.country.setCurrentIndex(0)
        self.policy.setCurrentIndex(0)
        self.summit.setCurrentIndex(0)
        self.instrument.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.date_from.set_value(None)
        self.date_to.set_value(None)
        self.overdue.setChecked(False)
        for w in widgets:
            w.blockSignals(False)
        self._timer.stop()
        self.changed.emit()

    def set_country(self, code: str | None) -> None:
        i = self.country.findData(code) if code else 0
        self.country.setCurrentIndex(max(i, 0))

    # ---- language ----------------------------------------------------------------------------
    def _fill(self, combo: QComboBox, any_text: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        # "" rather than None: PySide6 6.12 returns an empty QVariant as None without a reference,
        # and enough currentData() calls would free None itself (see pyside_workarounds.guard_none_refcount).
        combo.addItem(any_text, "")
        for code, text in items:
            combo.addItem(text, code)
        i = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(i, 0))
        combo.blockSignals(False)

    def retranslate(self) -> None:
        ref = reference()
        lang = i18n.current_language()
        self.search.setPlaceholderText(self.tr("Search…"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setToolTip(
            self.tr(
                "Search every field, in any language (Ctrl+F). Every word must match; "
                'put "exact phrases" in quotes.'
            )
        )
        countries = sorted(
            ((c.code, c.label(lang)) for c in ref.countries.values()), key=lambda kv: kv[1]
        )
        self._fill(self.country, self.tr("All countries"), countries)
        self.country.setAccessibleName(self.tr("Country"))
        self._fill(
            self.policy,
            self.tr("All policy fields"),
            [(c.code, c.label(lang)) for c in ref.offered("policy_fields").values()],
        )
        self.policy.setAccessibleName(self.tr("Policy field"))
        for combo, table, any_text, name in (
            (self.summit, "summits", self.tr("All summits / forums"), self.tr("Summit / forum")),
            (self.instrument, "instruments", self.tr("All instruments"), self.tr("Instrument")),
        ):
            codes = ref.offered(table).values()  # codes HQ retired are not offered
            self._fill(combo, any_text, [(c.code, c.label(lang)) for c in codes])
            combo.setAccessibleName(name)
        self._fill(
            self.status,
            self.tr("Any status"),
            [(code, status_label("project", code)) for code in ref.activity_status],
        )
        self.status.setAccessibleName(self.tr("Status"))
        self.date_label.setText(self.tr("Date"))
        self.date_from.setSpecialValueText(self.tr("from"))
        self.date_to.setSpecialValueText(self.tr("to"))
        self.date_from.setAccessibleName(self.tr("From date"))
        self.date_from.setToolTip(self.tr("From this date (empty: any)"))
        self.date_to.setAccessibleName(self.tr("To date"))
        self.date_to.setToolTip(self.tr("Up to this date (empty: any)"))
        self.overdue.setText(self.tr("Reports overdue"))
        self.overdue.setAccessibleName(self.tr("Only projects with overdue reports"))
        self.clear_button.setToolTip(self.tr("Clear all filters"))
        self.clear_button.setAccessibleName(self.tr("Clear filters"))
