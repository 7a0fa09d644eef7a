"""Dialogs that make a report to preview: the period digest (period, countries, policy fields,
summit) and the follow-up and project lists (owner, countries)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QCollator, QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldKitError
from fieldkit.core.reference import UnknownCountry, country_code, reference
from fieldkit.ui.operations import printing as printing_ops
from fieldkit.ui.operations.printing import Rendered

from . import i18n, ops
from .print_preview import show_preview

ERROR_STYLE = "color: #b3121b"
COUNTRY_NAME_EN = Qt.ItemDataRole.UserRole + 1  # so a Japanese list still finds "Kenya"


def _preview_buttons(dialog) -> QDialogButtonBox:
    """Preview (the default; its text set by the dialog's retranslate) and Qt's own Cancel,
    which Qt translates and retranslates itself; both wired to the dialog."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    dialog.preview_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
    dialog.preview_button.setDefault(True)
    dialog.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.preview)
    buttons.rejected.connect(dialog.reject)
    return buttons


def typed_countries(text: str) -> tuple[str, ...]:
    """Country codes as typed in a report dialog (spaces, commas or 、 between them), each
    checked by the core's one country check; the first unknown one is the error."""
    codes = []
    for code in re.split(r"[\s,;、，]+", text):
        if not code:
            continue
        try:
            codes.append(country_code(code))
        except UnknownCountry:
            raise FieldKitError(
                QCoreApplication.translate(
                    "ListReportDialog", "unknown country code '{code}' (use ISO codes such as KE)"
                ).format(code=code.upper())
            ) from None
    return tuple(codes)


def add_countries_error_and_buttons(dialog, form: QFormLayout) -> None:
    """The rows a report dialog ends with: countries typed as codes, the error line, and
    Preview / Cancel (as ``dialog.country``, ``dialog.error``, ``dialog.preview_button``)."""
    dialog.country = QLineEdit()
    dialog.country_label = QLabel()
    dialog.country_label.setBuddy(dialog.country)
    form.addRow(dialog.country_label, dialog.country)
    dialog.error = QLabel()
    dialog.error.setWordWrap(True)
    dialog.error.setStyleSheet(ERROR_STYLE)
    form.addRow(dialog.error)
    form.addRow(_preview_buttons(dialog))


class DigestDialog(i18n.Retranslating, QDialog):
    """Pick the period, countries, policy fields and summit; Preview makes the digest."""

    built_when = "preview_button"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ref = reference()
        form = QFormLayout()
        today = date.today()
        self.date_from = QDateEdit(QDate(today - timedelta(days=90)))
        self.date_to = QDateEdit(QDate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
        self.period_to = QLabel()
        period = QHBoxLayout()
        period.addWidget(self.date_from)
        period.addWidget(self.period_to)
        period.addWidget(self.date_to)
        period.addStretch(1)
        self.period_label = QLabel()
        self.period_label.setBuddy(self.date_from)
        form.addRow(self.period_label, period)
        self.summit = QComboBox()
        self.summit.addItem("", None)
        for code in ref.offered("summits"):
            self.summit.addItem("", code)
        self.summit_label = QLabel()
        self.summit_label.setBuddy(self.summit)
        form.addRow(self.summit_label, self.summit)

        self.fields_box = QGroupBox()
        fields_layout = QVBoxLayout(self.fields_box)
        self.fields: dict[str, QCheckBox] = {}
        for code in ref.offered("policy_fields"):
            box = QCheckBox()
            self.fields[code] = box
            fields_layout.addWidget(box)
        fields_layout.addStretch(1)

        self.countries_box = QGroupBox()
        countries_layout = QVBoxLayout(self.countries_box)
        self.country_filter = QLineEdit()
        self.country_filter.setClearButtonEnabled(True)
        self.country_filter.textChanged.connect(self._filter_countries)
        self.countries = QListWidget()
        # A few names are very long (セントヘレナ、アセンション及び…): elide those in the middle,
        # keeping the code, rather than scroll the whole list sideways.
        self.countries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.countries.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        countries_layout.addWidget(self.country_filter)
        countries_layout.addWidget(self.countries)

        columns = QHBoxLayout()
        columns.addWidget(self.fields_box)
        columns.addWidget(self.countries_box, 1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        buttons = _preview_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        lang = i18n.current_language()
        ref = reference()
        self.setWindowTitle(self.tr("Period digest"))
        self.period_label.setText(self.tr("&Period"))
        self.period_to.setText(self.tr("to"))
        self.date_from.setAccessibleName(self.tr("First day of the period"))
        self.date_to.setAccessibleName(self.tr("Last day of the period"))
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("yyyy/MM/dd" if lang == "ja" else "yyyy-MM-dd")
        self.summit_label.setText(self.tr("&Summit / forum"))
        self.summit.setItemText(0, self.tr("Any"))
        for i in range(1, self.summit.count()):
            self.summit.setItemText(i, ref.summits[self.summit.itemData(i)].label(lang))
        self.fields_box.setTitle(self.tr("Policy fields (none ticked: all)"))
        for code, box in self.fields.items():
            box.setText(ref.policy_fields[code].label(lang))
        self.countries_box.setTitle(self.tr("Countries (none ticked: all)"))
        self.country_filter.setPlaceholderText(self.tr("Type a country's name or code"))
        self._fill_countries(lang)
        self.preview_button.setText(self.tr("Preview"))

    def _fill_countries(self, lang: str) -> None:
        """The country list in the interface language and its collation order, ticks kept."""
        ticked = set(self.checked_countries())
        collator = QCollator(i18n.locale())
        ref = reference()
        names = sorted(
            ((code, c.label(lang)) for code, c in ref.countries.items()),
            key=lambda pair: collator.sortKey(pair[1]),
        )
        self.countries.clear()
        widths = []
        metrics = self.countries.fontMetrics()
        for code, name in names:
            text = self.tr("{name} ({code})").format(name=name, code=code)
            widths.append(metrics.horizontalAdvance(text))
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setData(COUNTRY_NAME_EN, ref.countries[code].name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = Qt.CheckState.Checked if code in ticked else Qt.CheckState.Unchecked
            item.setCheckState(checked)
            self.countries.addItem(item)
        # Wide enough for nineteen names in twenty, with the tick box and the scroll bar.
        widths.sort()
        fits = widths[len(widths) * 19 // 20] if widths else 0
        extra = 3 * metrics.height() + self.countries.verticalScrollBar().sizeHint().width()
        self.countries.setMinimumWidth(fits + extra)
        self._filter_countries(self.country_filter.text())

    def _filter_countries(self, text: str) -> None:
        text = text.casefold().strip()
        for i in range(self.countries.count()):
            item = self.countries.item(i)
            words = f"{item.text()} {item.data(COUNTRY_NAME_EN)}".casefold()
            item.setHidden(bool(text) and text not in words)

    def checked_countries(self) -> tuple[str, ...]:
        return tuple(
            self.countries.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.countries.count())
            if self.countries.item(i).checkState() == Qt.CheckState.Checked
        )

    def query(self):
        from fieldkit.reports import DigestQuery

        return DigestQuery(
            date_from=self.date_from.date().toPython(),
            date_to=self.date_to.date().toPython(),
            countries=self.checked_countries(),
            policy_fields=tuple(c for c, box in self.fields.items() if box.isChecked()),
            summit=self.summit.currentData(),
        )

    def preview(self) -> ops.QueryOp | None:
        query = self.query()
        if query.date_from > query.date_to:
            self.error.setText(
                self.tr("The period starts ({start}) after it ends ({end}).").format(
                    start=i18n.format_date(query.date_from), end=i18n.format_date(query.date_to)
                )
            )
            return None
        try:
            query = query.check()
        except FieldKitError as exc:
            self.error.setText(str(exc))
            return None
        self.error.clear()
        self.preview_button.setEnabled(False)
        from fieldkit.reports.labels import labels

        lang = i18n.current_language()
        name = f"digest-{query.date_from}-{query.date_to}.pdf"
        show = show_preview(self.parentWidget())
        could_not = self.tr("The digest could not be made: {error}")

        def done(rendered: Rendered) -> None:
            self.preview_button.setEnabled(True)
            show(rendered)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.preview_button.setEnabled(True)
            if isinstance(exc, FieldKitError):
                self.error.setText(str(exc))
            else:
                self.error.setText(could_not.format(error=f"{type(exc).__name__}: {exc}"))

        title = self.tr("Period digest {period}").format(period=query.period(labels(lang)))
        return (
            printing_ops.digest(self, query, lang, title, name)
            .success(done)
            .failure(failed)
            .run_in_background()
        )


def digest_dialog(parent: QWidget | None) -> DigestDialog:
    dialog = DigestDialog(parent)
    dialog.show()
    return dialog


class ListReportDialog(i18n.Retranslating, QDialog):
    """Options for the follow-up list (owner, countries) or the project sheet (countries)."""

    built_when = "preview_button"

    REPORTS = ("followups", "projects")

    def __init__(self, parent: QWidget | None, name: str) -> None:
        if name not in self.REPORTS:
            raise ValueError(f"unknown report {name!r}; choose from {', '.join(self.REPORTS)}")
        super().__init__(parent)
        self.name = name
        form = QFormLayout(self)
        self.owner = QLineEdit()
        self.owner_label = QLabel()
        self.owner_label.setBuddy(self.owner)
        if name == "followups":
            form.addRow(self.owner_label, self.owner)
        add_countries_error_and_buttons(self, form)
        self.retranslate()

    def title(self) -> str:
        """The report's name, as its printed title calls it."""
        if self.name == "followups":
            return self.tr("Follow-up actions")
        return self.tr("Project status sheet")

    def retranslate(self) -> None:
        self.setWindowTitle(self.title())
        self.owner_label.setText(self.tr("&Owner"))
        self.owner.setPlaceholderText(self.tr("everyone"))
        self.country_label.setText(self.tr("&Countries"))
        self.country.setPlaceholderText(self.tr("all countries, or codes such as KE, TZ"))
        for edit in (self.owner, self.country):
            # The hint must fit: Japanese placeholders are wider than the default field.
            hint = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
            edit.setMinimumWidth(max(hint + 40, 260))
        self.preview_button.setText(self.tr("Preview"))

    def countries(self) -> tuple[str, ...]:
        return typed_countries(self.country.text())

    def preview(self) -> ops.QueryOp | None:
        try:
            countries = self.countries()
        except FieldKitError as exc:
            self.error.setText(str(exc))
            return None
        self.error.clear()
        owner = self.owner.text().strip() or None
        lang = i18n.current_language()
        filename = f"{self.name}-{date.today().isoformat()}.pdf"
        if self.name == "followups":
            op = printing_ops.followups(self, owner, countries, lang, self.title(), filename)
        else:
            op = printing_ops.projects(self, countries, lang, self.title(), filename)
        show = show_preview(self.parentWidget())

        def done(rendered: Rendered) -> None:
            show(rendered)
            self.accept()

        return op.success(done).run_in_background()


def report_dialog(parent: QWidget | None, name: str) -> ListReportDialog:
    """``name`` is "followups" or "projects"."""
    dialog = ListReportDialog(parent, name)
    dialog.show()
    return dialog
