"""The dashboard: what a head of section asks on Monday morning, at a glance.

Counts of meetings and visits by policy field, country and month, overdue follow-ups, and
projects whose interim or completion report is late. The numbers come in one background read
(``fieldkit.core.dashboard.load_figures``) from the store's running totals; a store without them
is counted in two, the headline figures first, then the charts and lists (``load_details``).
Until its figures arrive each place says "counting…", never "No records yet". A newer reload, or
the page being hidden (the window closing, another page shown), stops the reads in flight; a page
hidden mid-count counts again when shown. The charts are in ``dashboard_charts``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.dashboard import DashboardData, load_details, load_figures
from fieldkit.core.dashboard import load_dashboard as load_dashboard  # callers import it here
from fieldkit.core.followup_rows import ReadAbandoned
from fieldkit.core.reference import reference
from fieldkit.core.store import Changes
from fieldkit.ui import i18n
from fieldkit.ui.dashboard_charts import ALERT, BarChart, MonthChart, counting_text
from fieldkit.ui.lists.columns import country_label
from fieldkit.ui.lists.icons import icon
from fieldkit.ui.lists.model import ID_ROLE
from fieldkit.ui.operations import read
from fieldkit.ui.ops import Cancelled


def _unless_stale(store, load: Callable[..., DashboardData], *args: Any, stale) -> DashboardData:
    """``load(store, *args)`` on the worker; abandoned silently (``Cancelled``, which nobody is
    told of) once ``stale()`` is true."""
    try:
        return load(store, *args, stale=stale)
    except ReadAbandoned:
        raise Cancelled() from None


# ---- page --------------------------------------------------------------------------------------
class Card(QFrame):
    """A headline figure; clicking it opens the list behind it."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.value = QLabel(counting_text())
        self.value.setObjectName("cardValue")
        self.caption = QLabel()
        self.caption.setObjectName("cardCaption")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(2)
        lay.addWidget(self.value)
        lay.addWidget(self.caption)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def set_counting(self, caption: str) -> None:
        """The caption now, the figure once it is counted."""
        self.value.setText(counting_text())
        self.value.setProperty("alert", False)
        self.caption.setText(caption)
        self.setAccessibleName(f"{caption}: {self.value.text()}")

    def set(self, value: int, caption: str, alert: bool = False) -> None:
        self.value.setText(i18n.format_number(value))
        self.value.setProperty("alert", alert and value > 0)
        self.value.style().unpolish(self.value)
        self.value.style().polish(self.value)
        self.caption.setText(caption)
        self.setAccessibleName(f"{caption}: {value}")

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
        else:
            super().keyPressEvent(event)


def _panel(title_label: QLabel, body: QWidget, grow: bool = True) -> QFrame:
    frame = QFrame()
    frame.setObjectName("panel")
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(14, 10, 14, 12)
    lay.setSpacing(8)
    title_label.setObjectName("panelTitle")
    lay.addWidget(title_label)
    lay.addWidget(body, 1 if grow else 0)
    if not grow:
        lay.addStretch(1)
    return frame


class DashboardPage(i18n.Retranslating, QWidget):
    """Emits ``navigate(page, option)``: the window switches page (e.g. follow-ups, overdue only)."""

    navigate = Signal(str, str)
    open_record = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures: DashboardData | None = None  # the headline figures, first
        self.data: DashboardData | None = None  # everything, charts and lists too
        self._dirty = True
        self._generation = 0
        self._reading: threading.Event | None = None  # set: the reads in flight are stale

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.as_of = QLabel()
        self.as_of.setObjectName("pageCount")
        self.refresh_button = QPushButton(icon("refresh"), "")
        self.refresh_button.clicked.connect(self.reload)

        self.cards = {
            name: Card() for name in ("meeting", "visit", "project", "open", "overdue", "reports")
        }
        targets = {"meeting": ("meeting", ""), "visit": ("visit", ""), "project": ("project", ""),
                   "open": ("followups", ""), "overdue": ("followups", "overdue"),
                   "reports": ("project", "overdue")}  # fmt: skip
        for name, card in self.cards.items():
            card.clicked.connect(lambda n=name: self.navigate.emit(*targets[n]))

        self.month_chart = MonthChart()
        self.policy_chart = BarChart()
        self.country_chart = BarChart()
        self.country_chart.color = QColor("#3d8b6e")
        self.followup_list = QTreeWidget()
        self.project_list = QTreeWidget()
        for tree in (self.followup_list, self.project_list):
            tree.setRootIsDecorated(False)
            tree.setAlternatingRowColors(True)
            tree.setUniformRowHeights(True)
            tree.setMinimumHeight(250)
            tree.itemActivated.connect(
                lambda item, _col: self.open_record.emit(item.data(0, ID_ROLE))
            )
        self.followup_list.setColumnCount(4)
        self.project_list.setColumnCount(4)

        self.summits = QLabel()  # "G20 Summit, Miami in 12 days · TICAD 10 (2028)"
        self.summits.setObjectName("summitCountdown")
        self.summits.setWordWrap(True)
        self.month_title, self.policy_title, self.country_title = QLabel(), QLabel(), QLabel()
        self.followup_title, self.project_title = QLabel(), QLabel()
        self.grant_flags = QLabel()  # grant monitoring (#15): what an auditor would flag
        self.grant_flags.setObjectName("grantFlags")
        self.grant_flags.setWordWrap(True)

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.as_of)
        head.addStretch(1)
        head.addWidget(self.refresh_button)
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for card in self.cards.values():
            cards.addWidget(card, 1)
        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(_panel(self.month_title, self.month_chart), 0, 0, 1, 2)
        grid.addWidget(_panel(self.policy_title, self.policy_chart, grow=False), 1, 0)
        grid.addWidget(_panel(self.country_title, self.country_chart, grow=False), 1, 1)
        grid.addWidget(_panel(self.followup_title, self.followup_list), 2, 0)
        grid.addWidget(_panel(self.project_title, self.project_list), 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        content = QWidget()
        content.setObjectName("dashboardContent")
        lay = QVBoxLayout(content)
        lay.setContentsMargins(16, 12, 16, 16)
        lay.setSpacing(12)
        lay.addLayout(head)
        lay.addLayout(cards)
        lay.addWidget(self.summits)
        lay.addWidget(self.grant_flags)
        lay.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.retranslate()

    def reload(self) -> None:
        """Read the figures again (without the running totals: the cards first, then the rest).

        What is on screen stays until its new numbers arrive; only a page that has none yet says
        "counting…"."""
        self._dirty = False
        self._generation += 1
        generation = self._generation
        self.cancel()
        self._reading = threading.Event()
        read(self, _unless_stale, load_figures, stale=self._reading.is_set).success(
            lambda f: self._on_figures(generation, f)
        ).run_in_background()

    def cancel(self) -> None:
        """Stop the reads in flight: SQLite gives up within a millisecond instead of finishing a
        count nobody will see (as the follow-ups' list does, ``FollowupModel.cancel``)."""
        if self._reading is not None:
            self._reading.set()
            self._reading = None

    def _on_figures(self, generation: int, figures: DashboardData) -> None:
        if generation != self._generation:
            return
        if figures.complete:  # kept since the last count: nothing else to read
            self._on_loaded(generation, figures)
            return
        self.figures = figures
        self._show_figures()
        stale = self._reading.is_set if self._reading is not None else None
        read(self, _unless_stale, load_details, figures, stale=stale).success(
            lambda d: self._on_loaded(generation, d)
        ).run_in_background()

    def _on_loaded(self, generation: int, data: DashboardData) -> None:
        if generation != self._generation:
            return
        self._reading = None
        self.figures = self.data = data
        self._show()

    def _captions(self) -> dict[str, str]:
        return {
            "meeting": self.tr("Meetings"),
            "visit": self.tr("Monitoring visits"),
            "project": self.tr("Projects"),
            "open": self.tr("Open follow-ups"),
            "overdue": self.tr("Overdue follow-ups"),
            "reports": self.tr("Projects with late reports"),
        }

    def _show_figures(self) -> None:
        captions = self._captions()
        d = self.figures
        if d is None:
            for name, card in self.cards.items():
                card.set_counting(captions[name])
            return
        c = d.counts
        self.cards["meeting"].set(c.get("meeting", 0), captions["meeting"])
        self.cards["visit"].set(c.get("visit", 0), captions["visit"])
        self.cards["project"].set(c.get("project", 0), captions["project"])
        self.cards["open"].set(d.open_followups, captions["open"])
        self.cards["overdue"].set(d.overdue_followup_count, captions["overdue"], alert=True)
        if d.complete:  # the projects' report dates are read with the details
            self.cards["reports"].set(len(d.overdue_projects), captions["reports"], alert=True)
        elif self.data is None:
            self.cards["reports"].set_counting(captions["reports"])
        self.as_of.setText(
            self.tr("as of {date}").format(date=i18n.format_date(d.today, long=True))
        )
        self.summits.setText(self._countdown(d))
        self.summits.setVisible(bool(d.next_summits))

    def _countdown(self, d: DashboardData) -> str:
        ref = reference()
        parts = []
        for code, start, days in d.next_summits:
            s = ref.summits.get(code)
            name = i18n.label(s, code)
            if start is None:
                year = s.extra.get("year") if s else ""
                parts.append(self.tr("{summit} ({year}, dates not announced)").format(
                    summit=name, year=year))  # fmt: skip
            elif days <= 0:
                parts.append(self.tr("{summit}: under way").format(summit=name))
            else:
                parts.append(self.tr("{summit} in %n days", "", days).format(summit=name))
        return "  ·  ".join(parts)

    def _show(self) -> None:
        self._show_figures()
        d = self.data
        if d is None:
            return
        ref = reference()
        self.month_chart.set_months(d.by_month)
        self.policy_chart.set_items(
            [(i18n.label(ref.policy_fields.get(k), k), n) for k, n in d.by_policy]
        )
        self.country_chart.set_items([(country_label(k), n) for k, n in d.by_country])

        self.followup_list.clear()
        for f in d.overdue_followups:
            item = QTreeWidgetItem([
                i18n.format_date(f["due"]),
                self.tr("%n days", "", f["days"]),
                f["text"].splitlines()[0] if f["text"] else "",
                f["owner"],
            ])  # fmt: skip
            item.setForeground(0, ALERT)
            item.setToolTip(2, f"{f['text']}\n— {f['parent']}")
            item.setData(0, ID_ROLE, f["id"])
            self.followup_list.addTopLevelItem(item)
        self.grant_flags.setText(self._grant_flags_text(d.grant_flags))
        self.project_list.clear()
        names = {"interim": self.tr("interim report"), "completion": self.tr("completion report")}
        for p in d.overdue_projects:
            late = ", ".join(f"{names[k]} {i18n.format_date(due)}" for k, due in p["late"])
            item = QTreeWidgetItem(
                [self.tr("%n days", "", p["days"]), p["title"], country_label(p["country"]), late]
            )
            item.setForeground(0, ALERT)
            item.setToolTip(1, p["title"])
            item.setData(0, ID_ROLE, p["id"])
            self.project_list.addTopLevelItem(item)
        for tree, widths in (
            (self.followup_list, (100, 80, 260)),
            (self.project_list, (80, 260, 110)),
        ):
            for i, w in enumerate(widths):
                tree.setColumnWidth(i, w)

    def _grant_flags_text(self, counts: dict[str, int]) -> str:
        words = (
            ("report_overdue", self.tr("projects with a report overdue: %1")),
            ("report_late", self.tr("with a report received late: %1")),
            ("overrun", self.tr("past their implementation period: %1")),
            ("followup_due", self.tr("with a follow-up visit due: %1")),
            ("rating_missing", self.tr("visits missing DAC ratings: %1")),
            ("overall_disagrees", self.tr("visits whose overall rating disagrees: %1")),
        )
        parts = [text.replace("%1", str(counts[code])) for code, text in words if counts.get(code)]
        if not parts:
            return ""
        return self.tr("Grant monitoring — %1").replace("%1", " · ".join(parts))

    def apply_changes(self, changes: Changes) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def hideEvent(self, event) -> None:  # noqa: N802
        # The window closing hides its pages, as does showing another page: a count still
        # running is for nobody. Minimised (spontaneous) it goes on: the figures are wanted back.
        super().hideEvent(event)
        if self._reading is not None and not event.spontaneous():
            self.cancel()
            self._generation += 1  # whatever the stopped reads still deliver is dropped
            self._dirty = True

    def retranslate(self) -> None:
        self.title.setText(self.tr("Dashboard"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the dashboard"))
        self.month_title.setText(self.tr("Meetings and visits in the last 12 months"))
        self.policy_title.setText(self.tr("Meetings by policy field"))
        self.country_title.setText(self.tr("Meetings and visits by country"))
        self.followup_title.setText(self.tr("Overdue follow-ups"))
        self.project_title.setText(self.tr("Projects with overdue reports"))
        self.month_chart.setAccessibleName(self.month_title.text())
        self.policy_chart.setAccessibleName(self.policy_title.text())
        self.country_chart.setAccessibleName(self.country_title.text())
        self.followup_list.setAccessibleName(self.followup_title.text())
        self.project_list.setAccessibleName(self.project_title.text())
        self.followup_list.setHeaderLabels(
            [self.tr("Due"), self.tr("Late by"), self.tr("Action"), self.tr("Owner")]
        )
        self.project_list.setHeaderLabels(
            [self.tr("Late by"), self.tr("Project"), self.tr("Country"), self.tr("Report")]
        )
        self._show()
