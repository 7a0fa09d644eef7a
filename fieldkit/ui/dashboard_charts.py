"""The dashboard's charts, painted with QPainter (QtCharts is not part of the app's Qt): bars by
policy field or country, and meetings and visits by month. Until their figures arrive they say
"counting…", never "No records yet"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from fieldkit.ui import i18n
from fieldkit.ui.lists.columns import kind_label

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
