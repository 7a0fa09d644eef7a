"""The summit brief from the app: pick a summit (the next one first) and, if wanted, countries;
Preview makes the brief (fieldkit.reports.brief) in the background and shows it, to print or
export like any report."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QWidget

from fieldkit.core.errors import FieldKitError
from fieldkit.core.messages import render
from fieldkit.core.reference import reference
from fieldkit.ui.operations.brief import summit_brief
from fieldkit.ui.operations.printing import Rendered

from . import i18n, ops
from .print_preview import show_preview
from .report_dialogs import add_countries_error_and_buttons, typed_countries


def summits_in_order(today: date) -> list[str]:
    """Summits to come first (soonest first), then the past ones (latest first), undated last."""
    ref = reference()

    def key(code: str):
        start, _ = ref.summit_dates(code)
        if start is None:
            return (2, 0)
        days = (start - today).days
        return (0, days) if days >= 0 else (1, -days)

    return sorted(ref.offered("summits"), key=key)


class BriefDialog(i18n.Retranslating, QDialog):
    """Summit and countries; Preview makes the summit brief."""

    built_when = "preview_button"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.summit = QComboBox()
        self.summit_label = QLabel()
        self.summit_label.setBuddy(self.summit)
        form.addRow(self.summit_label, self.summit)
        add_countries_error_and_buttons(self, form)
        self.retranslate()

    def retranslate(self) -> None:
        lang = i18n.current_language()
        current = self.summit.currentData()
        self.summit.clear()
        for code in summits_in_order(date.today()):
            self.summit.addItem(reference().summits[code].label(lang), code)
        if current:
            self.summit.setCurrentIndex(max(self.summit.findData(current), 0))
        self.setWindowTitle(self.tr("Summit brief"))
        self.summit_label.setText(self.tr("&Summit / forum"))
        self.country_label.setText(self.tr("&Countries"))
        self.country.setPlaceholderText(self.tr("every country taking part, or codes such as KE"))
        hint = self.country.fontMetrics().horizontalAdvance(self.country.placeholderText())
        self.country.setMinimumWidth(max(hint + 40, 260))
        self.preview_button.setText(self.tr("Preview"))

    def countries(self) -> tuple[str, ...]:
        return typed_countries(self.country.text())

    def preview(self) -> ops.QueryOp | None:
        try:
            countries = self.countries()
        except FieldKitError as exc:
            self.error.setText(render(exc, i18n.current_language()))
            return None
        self.error.clear()
        self.preview_button.setEnabled(False)
        summit = self.summit.currentData()
        lang = i18n.current_language()
        title = self.tr("Summit brief: {summit}").format(summit=self.summit.currentText())
        show = show_preview(self.parentWidget())

        def done(rendered: Rendered) -> None:
            self.preview_button.setEnabled(True)
            show(rendered)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.preview_button.setEnabled(True)
            if isinstance(exc, FieldKitError):
                self.error.setText(render(exc, i18n.current_language()))
            else:
                ops.report(self, exc)

        op = summit_brief(self, summit, countries, lang, title)
        return op.success(done).failure(failed).run_in_background()


def brief_dialog(parent: QWidget | None) -> BriefDialog:
    dialog = BriefDialog(parent)
    dialog.show()
    return dialog
