"""Print and PDF export from the desktop app: a preview window (QtPdf), the system print dialog,
and dialogs for the digest and the follow-up and project lists.

    printing.preview_record(window, meeting_id)      # preview, then Print… or Export PDF…
    printing.export_record_pdf(window, visit_id)     # straight to a file
    printing.digest_dialog(window)                   # period, countries, fields, summit
    printing.report_dialog(window, "followups")      # or "projects"

The PDF is made by ``fieldkit.reports`` in a background QueryOp, into memory: a classified preview
never touches the disk until the user exports it. Printing and exporting a classified document
go in the audit log.

Every word on screen goes through Qt's translation (``printing_ja.ts``/``.qm``): ``self.tr`` in the
windows, the ``Printing`` context for the module's functions. Suggested file names stay ASCII
(``digest-2026-01-01-2026-03-31.pdf``) in every language: they travel by e-mail, zip and HQ file
shares, where non-ASCII names are still mangled; a record's own title is kept as typed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCollator,
    QCoreApplication,
    QDate,
    QIODevice,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
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
    QMainWindow,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldKitError
from fieldkit.core.reference import reference

from . import file_dialogs, i18n, ops

PRINT_DPI = 300  # enough for text and photos; a 600 dpi A4 page is a 140 MB image


@dataclass
class Rendered:
    """A report made in memory, and what printing or exporting it must log."""

    pdf: bytes
    pages: int
    classification: str
    title: str
    filename: str  # suggested file name
    record_id: str | None
    report: str  # meeting, visit, digest, followups, projects


def _safe_name(text: str) -> str:
    name = re.sub(r"[^\w\-]+", "-", text, flags=re.UNICODE).strip("-")[:60]
    return name or "report"


def _render(make: Callable, title: str, filename: str, record_id: str | None, report: str):
    """A function for a QueryOp: build the PDF in memory (no audit event: it is only a preview)."""

    def run(store) -> Rendered:
        out = io.BytesIO()
        result = make(store, out)
        return Rendered(
            out.getvalue(), result.pages, result.classification, title, filename, record_id, report
        )

    return run


# ---- words the module's functions share ----------------------------------------------------------


def _export_title() -> str:
    return QCoreApplication.translate("Printing", "Export PDF")


def _pdf_filter() -> str:
    return QCoreApplication.translate("Printing", "PDF documents (*.pdf)")


def _pages(n: int) -> str:
    # Two sources rather than a %n plural: no English catalogue is shipped to pluralise "%n".
    if n == 1:
        return QCoreApplication.translate("Printing", "1 page")
    return QCoreApplication.translate("Printing", "{n} pages").format(n=n)


def _kind_name(kind: str) -> str:
    """What a record is, for the refusal to print it."""
    names = {
        "project": QCoreApplication.translate("Printing", "a project"),
        "organisation": QCoreApplication.translate("Printing", "an organisation"),
        "person": QCoreApplication.translate("Printing", "a person"),
        "followup": QCoreApplication.translate("Printing", "a follow-up action"),
        "attachment": QCoreApplication.translate("Printing", "an attachment"),
    }
    return names.get(kind, kind)


# ---- the preview window ---------------------------------------------------------------------------


class PreviewWindow(i18n.Retranslating, QMainWindow):
    """A rendered report: scroll, zoom, Print…, Export PDF…"""

    built_when = "status_label"

    def __init__(self, parent: QWidget | None, rendered: Rendered) -> None:
        super().__init__(parent)
        self.rendered = rendered
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(820, 980)
        # QPdfDocument reads from the buffer while it lives: both belong to the window.
        self._bytes = QByteArray(rendered.pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.setCentralWidget(self.view)

        self.toolbar = QToolBar(self)
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.print_action = QAction(self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_document)
        self.export_action = QAction(self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_pdf)
        self.fit_action = QAction(self)
        self.fit_action.triggered.connect(
            lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        )
        self.whole_action = QAction(self)
        self.whole_action.triggered.connect(
            lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        )
        for action in (self.print_action, self.export_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.fit_action)
        self.toolbar.addAction(self.whole_action)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.retranslate()

    def retranslate(self) -> None:
        """The window's words in the interface language (the document keeps its own)."""
        rendered = self.rendered
        self.setWindowTitle(self.tr("Print preview — {title}").format(title=rendered.title))
        self.toolbar.setWindowTitle(self.tr("Report"))
        self.print_action.setText(self.tr("Print…"))
        self.print_action.setToolTip(self.tr("Print this document"))
        self.export_action.setText(self.tr("Export PDF…"))
        self.export_action.setToolTip(self.tr("Save this document as a PDF file"))
        self.fit_action.setText(self.tr("Fit width"))
        self.whole_action.setText(self.tr("Whole page"))
        level = reference().classifications.get(rendered.classification)
        self.status_label.setText(
            self.tr("{pages} · {marking}").format(
                pages=_pages(rendered.pages),
                marking=i18n.label(level, rendered.classification),
            )
        )

    # -- export ----------------------------------------------------------------------------------
    def export_pdf(self) -> None:
        path = file_dialogs.save_file_name(
            self, _export_title(), self.rendered.filename, _pdf_filter()
        )
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        """Write the previewed PDF to ``path`` (aside, then renamed) and log it if classified."""
        from fieldkit.reports.output import write_bytes_atomic

        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        rendered = self.rendered
        saved = self.tr("Saved {path}")

        def save(store) -> str:
            written = write_bytes_atomic(path, rendered.pdf)
            _audit(store, "export_pdf", rendered, file=str(written))
            return str(written)

        ops.CollectionOp(self, save).success(
            lambda p: self.statusBar().showMessage(saved.format(path=p), 8000)
        ).run_in_background()

    # -- print -----------------------------------------------------------------------------------
    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.rendered.title)
        printer.setFromTo(1, self.rendered.pages)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Render each page at printer resolution (QPdfDocument.render) and paint it; returns pages."""
        first = max(printer.fromPage(), 1) if printer.fromPage() else 1
        last = min(printer.toPage() or self.document.pageCount(), self.document.pageCount())
        dpi = min(printer.resolution(), PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(
                self, self.tr("Print"), self.tr("The printer could not be started.")
            )
            return 0
        printed = 0
        try:
            for index in range(first - 1, last):
                if printed:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                image = self.document.render(
                    index,
                    QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)),
                )
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), scaled), image)
                printed += 1
        finally:
            painter.end()
        if printed:
            rendered = self.rendered
            ops.CollectionOp(
                self, lambda store: _audit(store, "print", rendered, pages=printed)
            ).run_in_background()
        return printed


def _audit(store, event: str, rendered: Rendered, **detail) -> None:
    from fieldkit.reports.output import is_classified

    if is_classified(rendered.classification):
        store.audit(
            event,
            rendered.record_id,
            classification=rendered.classification,
            report=rendered.report,
            **detail,
        )


def _show(parent: QWidget | None) -> Callable[[Rendered], None]:
    def show(rendered: Rendered) -> None:
        window = PreviewWindow(parent, rendered)
        window.show()
        window.raise_()
        _open_windows.add(window)
        window.destroyed.connect(lambda *_: _open_windows.discard(window))

    return show


# Preview windows are top-level: keep them referenced until they close.
_open_windows: set[PreviewWindow] = set()


# ---- one record -----------------------------------------------------------------------------------


def _record_maker(record_id: str, lang: str):
    from fieldkit.reports import record_report

    def make(store, out):
        return record_report(store, record_id, out, event=None, lang=lang)

    return make


def _record_title(store, record_id: str) -> tuple[str, str]:
    record = store.get(record_id)
    if record.kind not in ("meeting", "visit"):
        raise FieldKitError(
            QCoreApplication.translate(
                "Printing", "This record is {kind}: only meetings and visits can be printed."
            ).format(kind=_kind_name(record.kind))
        )
    day = getattr(record, "date", None)
    name = f"{record.kind}-{day.isoformat() if day else ''}-{_safe_name(record.title_text())}"
    return record.title_text(), name + ".pdf"


def preview_record(parent: QWidget | None, record_id: str) -> ops.QueryOp:
    """Open a preview of the meeting record or visit report, with Print… and Export PDF…"""
    lang = i18n.current_language()  # read here, on the UI thread: the report is made elsewhere

    def run(store) -> Rendered:
        title, filename = _record_title(store, record_id)
        kind = store.get(record_id).kind
        return _render(_record_maker(record_id, lang), title, filename, record_id, kind)(store)

    return ops.QueryOp(parent, run, _show(parent)).run_in_background()


def export_record_pdf(parent: QWidget | None, record_id: str) -> ops.QueryOp:
    """Ask for a file name (suggesting one from the record) and write the document there."""
    lang = i18n.current_language()
    saved = QCoreApplication.translate("Printing", "Saved {path} ({pages})")

    def ask(names: tuple[str, str]) -> None:
        path = file_dialogs.save_file_name(parent, _export_title(), names[1], _pdf_filter())
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"

        def run(store):
            from fieldkit.reports import record_report

            return record_report(store, record_id, path, event="export_pdf", lang=lang)

        def done(result) -> None:
            if parent is not None and hasattr(parent, "statusBar"):
                message = saved.format(path=result.path, pages=_pages(result.pages))
                parent.statusBar().showMessage(message, 8000)

        ops.QueryOp(parent, run, done).run_in_background()

    return ops.QueryOp(
        parent, lambda store: _record_title(store, record_id), ask
    ).run_in_background()


# ---- digest and lists -----------------------------------------------------------------------------

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
        for code in ref.summits:
            self.summit.addItem("", code)
        self.summit_label = QLabel()
        self.summit_label.setBuddy(self.summit)
        form.addRow(self.summit_label, self.summit)

        self.fields_box = QGroupBox()
        fields_layout = QVBoxLayout(self.fields_box)
        self.fields: dict[str, QCheckBox] = {}
        for code in ref.policy_fields:
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
        from fieldkit.reports import digest_report
        from fieldkit.reports.labels import labels

        lang = i18n.current_language()

        def make(store, out):
            return digest_report(store, query, out, event=None, lang=lang)

        name = f"digest-{query.date_from}-{query.date_to}.pdf"
        show = _show(self.parentWidget())
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
            ops.QueryOp(self, _render(make, title, name, None, "digest"), done)
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
        self.country = QLineEdit()
        self.country_label = QLabel()
        self.country_label.setBuddy(self.country)
        form.addRow(self.country_label, self.country)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        form.addRow(self.error)
        buttons = _preview_buttons(self)
        form.addRow(buttons)
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
        codes = tuple(c.upper() for c in re.split(r"[\s,;、，]+", self.country.text()) if c)
        for c in codes:
            if c not in reference().countries:
                raise FieldKitError(
                    self.tr("unknown country code '{code}' (use ISO codes such as KE)").format(
                        code=c
                    )
                )
        return codes

    def preview(self) -> ops.QueryOp | None:
        try:
            countries = self.countries()
        except FieldKitError as exc:
            self.error.setText(str(exc))
            return None
        self.error.clear()
        from fieldkit.reports import followups_report, projects_report

        owner = self.owner.text().strip() or None
        lang = i18n.current_language()
        if self.name == "followups":

            def make(store, out):
                return followups_report(
                    store, out, owner=owner, countries=countries, event=None, lang=lang
                )
        else:

            def make(store, out):
                return projects_report(store, out, countries=countries, event=None, lang=lang)

        show = _show(self.parentWidget())

        def done(rendered: Rendered) -> None:
            show(rendered)
            self.accept()

        filename = f"{self.name}-{date.today().isoformat()}.pdf"
        return ops.QueryOp(
            self, _render(make, self.title(), filename, None, self.name), done
        ).run_in_background()


def report_dialog(parent: QWidget | None, name: str) -> ListReportDialog:
    """``name`` is "followups" or "projects"."""
    dialog = ListReportDialog(parent, name)
    dialog.show()
    return dialog
