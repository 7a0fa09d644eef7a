"""The dashboard: what a head of section asks on Monday morning, at a glance.

Counts of meetings and visits by policy field, country and month, overdue follow-ups, and
projects whose interim or completion report is late. The numbers come in two background reads:
the headline figures (``fieldkit.core.dashboard.load_figures``, a few indexed counts) and then the
charts and lists (``load_details``); until each arrives its place says "counting…", never "No
records yet". The charts are painted with QPainter (QtCharts is not part of the app's Qt).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.dashboard import DashboardData, load_details, load_figures
from fieldkit.core.dashboard import load_dashboard as load_dashboard  # callers import it here
from fieldkit.core.reference import reference
from fieldkit.core.store import Changes
from fieldkit.ui import i18n
from fieldkit.ui.lists.columns import country_label, kind_label
from fieldkit.ui.lists.icons import icon
from fieldkit.ui.lists.model import ID_ROLE
from fieldkit.ui.operations import read

BAR = QColor("#2f6fb0")
BAR_ALT = QColor("#7aa6d6")
ALERT = QColor("#b3261e")


# ---- charts ------------------------------------------------------------------------------------
class BarChart(QWidget):
    """Horizontal bars with a label and a value each; sized to its rows, readable at any DPI."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[tuple[str, int]] = []
        self.counting = True  # no figures yet: say so rather than "No records yet"
        self.color = BAR
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def set_items(self, items: list[tuple[str, int]]) -> None:
        self.items = items
        self.counting = False
        self.setAccessibleDescription("; ".join(f"{k}: {v}" for k, v in items))
        self.updateGeometry()
        self.update()

    def placeholder_text(self) -> str:
        """What the chart says instead of bars: still counting, or nothing to count."""
        return counting_text() if self.counting else self.tr("No records yet")

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 10

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, max(1, len(self.items)) * self._row_height() + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        if not self.items:
            p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder_text())
            return
        rh = self._row_height()
        label_w = min(
            max(fm.horizontalAdvance(k) for k, _ in self.items) + 12, int(self.width() * 0.45)
        )
        value_w = max(fm.horizontalAdvance(i18n.format_number(v)) for _, v in self.items) + 10
        bar_w = max(10, self.width() - label_w - value_w - 4)
        top = max(v for _, v in self.items) or 1
        for i, (label, value) in enumerate(self.items):
            y = 4 + i * rh
            p.setPen(text_color)
            elided = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 12)
            p.drawText(
                QRectF(0, y, label_w - 8, rh),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                elided,
            )
            w = bar_w * value / top
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.color)
            p.drawRoundedRect(QRectF(label_w, y + 4, max(w, 2), rh - 8), 3, 3)
            p.setPen(text_color)
            p.drawText(
                QRectF(label_w + w + 6, y, value_w, rh),
                Qt.AlignmentFlag.AlignVCenter,
                i18n.format_number(value),
            )


class MonthChart(QWidget):
    """Stacked columns per month: meetings and visits, with a small legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months: list[tuple[int, int, int, int]] = []
        self.counting = True
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def set_months(self, months: list[tuple[int, int, int, int]]) -> None:
        self.months = months
        self.counting = False
        self.setAccessibleDescription(
            "; ".join(f"{i18n.format_month(y, m)}: {a} + {b}" for y, m, a, b in months)
        )
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(520, 220)

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        pal = self.palette()
        text_color = pal.color(QPalette.ColorRole.WindowText)
        grid = pal.color(QPalette.ColorRole.Mid)
        if not self.months:
            if self.counting:
                p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
                p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, counting_text())
            return
        legend_h = fm.height() + 8
        label_h = fm.height() + 6
        left = fm.horizontalAdvance("0000") + 8
        chart = QRectF(
            left, legend_h + 4, self.width() - left - 4, self.height() - legend_h - label_h - 8
        )
        top = max((a + b for _y, _m, a, b in self.months), default=0)
        step = _nice_step(top)
        top = max(step * ((top + step - 1) // step), step)
        p.setPen(grid)
        small = QFont(self.font())
        for k in range(0, top + 1, step):
            y = chart.bottom() - chart.height() * k / top
            p.setPen(grid)
            p.drawLine(int(chart.left()), int(y), int(chart.right()), int(y))
            p.setPen(text_color)
            p.setFont(small)
            p.drawText(
                QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight,
                i18n.format_number(k),
            )
        n = len(self.months)
        slot = chart.width() / n
        bw = slot * 0.62
        for i, (y_, m_, meetings, visits) in enumerate(self.months):
            x = chart.left() + i * slot + (slot - bw) / 2
            h1 = chart.height() * meetings / top
            h2 = chart.height() * visits / top
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(BAR)
            p.drawRect(QRectF(x, chart.bottom() - h1, bw, h1))
            p.setBrush(BAR_ALT)
            p.drawRect(QRectF(x, chart.bottom() - h1 - h2, bw, h2))
            p.setPen(text_color)
            label = i18n.locale().toString(
                _qdate(y_, m_), "M月" if i18n.current_language() == "ja" else "MMM"
            )
            if m_ == 1 or i == 0:
                label += f" {y_ % 100:02d}" if i18n.current_language() != "ja" else f" {y_}"
            p.drawText(
                QRectF(chart.left() + i * slot - 10, chart.bottom() + 3, slot + 20, label_h),
                Qt.AlignmentFlag.AlignHCenter,
                label,
            )
        # legend
        x = chart.left()
        for color, text in ((BAR, kind_label("meeting")), (BAR_ALT, kind_label("visit"))):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRoundedRect(QRectF(x, 4 + (legend_h - 12) / 2, 12, 12), 2, 2)
            p.setPen(text_color)
            p.drawText(QRectF(x + 16, 4, 200, legend_h), Qt.AlignmentFlag.AlignVCenter, text)
            x += 16 + fm.horizontalAdvance(text) + 18


def counting_text() -> str:
    """What a figure, chart or list says while its numbers are still being read."""
    return QCoreApplication.translate("DashboardPage", "counting…")


def _qdate(y: int, m: int):
    from PySide6.QtCore import QDate

    return QDate(y, m, 1)


def _nice_step(top: int) -> int:
    for step in (
        1,
        2,
        5,
        10,
        20,
        25,
        50,
        100,
        200,
        250,
        500,
        1000,
        2000,
        5000,
        10000,
        20000,
        50000,
    ):
        if top / step <= 5:
            return step
    return 100000


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

        self.month_title, self.policy_title, self.country_title = QLabel(), QLabel(), QLabel()
        self.followup_title, self.project_title = QLabel(), QLabel()

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
        """Read the figures again: the cards first (fast at any size), then charts and lists.

        What is on screen stays until its new numbers arrive; only a page that has none yet says
        "counting…"."""
        self._dirty = False
        self._generation += 1
        generation = self._generation
        read(self, load_figures).success(
            lambda f: self._on_figures(generation, f)
        ).run_in_background()

    def _on_figures(self, generation: int, figures: DashboardData) -> None:
        if generation != self._generation:
            return
        self.figures = figures
        self._show_figures()
        read(self, load_details, figures).success(
            lambda d: self._on_loaded(generation, d)
        ).run_in_background()

    def _on_loaded(self, generation: int, data: DashboardData) -> None:
        if generation != self._generation:
            return
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

    def apply_changes(self, changes: Changes) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty:
            self.reload()

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
