"""Print and PDF export from the desktop app: a preview window (QtPdf), the system print dialog,
and dialogs for the digest and the follow-up and project lists.

    printing.preview_record(window, meeting_id)      # preview, then Print... or Export PDF...
    printing.export_record_pdf(window, visit_id)     # straight to a file
    printing.digest_dialog(window)                   # period, countries, fields, summit
    printing.report_dialog(window, "followups")      # or "projects"

The PDF is made by ``fieldkit.reports`` in a background QueryOp, into memory: a classified preview
never touches the disk until the user exports it. Printing and exporting a classified document
go in the audit log.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, QRect, QSize, Qt
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
    QFileDialog,
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

from . import i18n, ops

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


# ---- the preview window ---------------------------------------------------------------------------


class PreviewWindow(QMainWindow):
    """A rendered report: scroll, zoom, Print..., Export PDF..."""

    def __init__(self, parent: QWidget | None, rendered: Rendered) -> None:
        super().__init__(parent)
        self.rendered = rendered
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"Preview — {rendered.title}")
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

        bar = QToolBar("Report", self)
        bar.setMovable(False)
        self.addToolBar(bar)
        self.print_action = QAction("Print...", self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_document)
        self.export_action = QAction("Export PDF...", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_pdf)
        fit = QAction("Fit width", self)
        fit.triggered.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        whole = QAction("Whole page", self)
        whole.triggered.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        for action in (self.print_action, self.export_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(fit)
        bar.addAction(whole)
        level = reference().classifications.get(rendered.classification)
        self.status_label = QLabel(
            f"{rendered.pages} page{'s' if rendered.pages != 1 else ''} · "
            f"{level.name if level else rendered.classification}"
        )
        self.statusBar().addPermanentWidget(self.status_label)

    # -- export ----------------------------------------------------------------------------------
    def export_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export PDF", self.rendered.filename, "PDF documents (*.pdf)"
        )
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        """Write the previewed PDF to ``path`` (aside, then renamed) and log it if classified."""
        from fieldkit.reports.output import write_bytes_atomic

        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        rendered = self.rendered

        def save(store) -> str:
            written = write_bytes_atomic(path, rendered.pdf)
            _audit(store, "export_pdf", rendered, file=str(written))
            return str(written)

        ops.CollectionOp(self, save).success(
            lambda p: self.statusBar().showMessage(f"Saved {p}", 8000)
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
            QMessageBox.warning(self, "Print", "The printer could not be started.")
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
        raise FieldKitError(f"a {record.kind} cannot be printed; only meetings and visits")
    day = getattr(record, "date", None)
    name = f"{record.kind}-{day.isoformat() if day else ''}-{_safe_name(record.title_text())}"
    return record.title_text(), name + ".pdf"


def preview_record(parent: QWidget | None, record_id: str) -> ops.QueryOp:
    """Open a preview of the meeting record or visit report, with Print... and Export PDF..."""
    lang = i18n.current_language()  # read here, on the UI thread: the report is made elsewhere

    def run(store) -> Rendered:
        title, filename = _record_title(store, record_id)
        kind = store.get(record_id).kind
        return _render(_record_maker(record_id, lang), title, filename, record_id, kind)(store)

    return ops.QueryOp(parent, run, _show(parent)).run_in_background()


def export_record_pdf(parent: QWidget | None, record_id: str) -> ops.QueryOp:
    """Ask for a file name (suggesting one from the record) and write the document there."""
    lang = i18n.current_language()

    def ask(names: tuple[str, str]) -> None:
        path, _ = QFileDialog.getSaveFileName(
            parent, "Export PDF", names[1], "PDF documents (*.pdf)"
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"

        def run(store):
            from fieldkit.reports import record_report

            return record_report(store, record_id, path, event="export_pdf", lang=lang)

        def done(result) -> None:
            if parent is not None and hasattr(parent, "statusBar"):
                parent.statusBar().showMessage(f"Saved {result.path} ({result.pages} pages)", 8000)

        ops.QueryOp(parent, run, done).run_in_background()

    return ops.QueryOp(
        parent, lambda store: _record_title(store, record_id), ask
    ).run_in_background()


# ---- digest and lists -----------------------------------------------------------------------------


class DigestDialog(QDialog):
    """Pick the period, countries, policy fields and summit; Preview makes the digest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Period digest")
        ref = reference()
        form = QFormLayout()
        today = date.today()
        self.date_from = QDateEdit(QDate(today - timedelta(days=90)))
        self.date_to = QDateEdit(QDate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        form.addRow("From", self.date_from)
        form.addRow("To", self.date_to)
        self.summit = QComboBox()
        self.summit.addItem("Any", None)
        for code, s in ref.summits.items():
            self.summit.addItem(s.name, code)
        form.addRow("Summit / forum", self.summit)

        fields_box = QGroupBox("Policy fields (none ticked: all)")
        fields_layout = QVBoxLayout(fields_box)
        self.fields: dict[str, QCheckBox] = {}
        for code, f in ref.policy_fields.items():
            box = QCheckBox(f.name)
            self.fields[code] = box
            fields_layout.addWidget(box)

        countries_box = QGroupBox("Countries (none ticked: all)")
        countries_layout = QVBoxLayout(countries_box)
        self.country_filter = QLineEdit()
        self.country_filter.setPlaceholderText("Type to find a country")
        self.country_filter.textChanged.connect(self._filter_countries)
        self.countries = QListWidget()
        for code, c in sorted(ref.countries.items(), key=lambda kv: kv[1].name):
            item = QListWidgetItem(f"{c.name} ({code})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.countries.addItem(item)
        countries_layout.addWidget(self.country_filter)
        countries_layout.addWidget(self.countries)

        columns = QHBoxLayout()
        columns.addWidget(fields_box)
        columns.addWidget(countries_box)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3121b")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = buttons.addButton("Preview", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.preview)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _filter_countries(self, text: str) -> None:
        text = text.casefold()
        for i in range(self.countries.count()):
            item = self.countries.item(i)
            item.setHidden(bool(text) and text not in item.text().casefold())

    def query(self):
        from fieldkit.reports import DigestQuery

        countries = tuple(
            self.countries.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.countries.count())
            if self.countries.item(i).checkState() == Qt.CheckState.Checked
        )
        return DigestQuery(
            date_from=self.date_from.date().toPython(),
            date_to=self.date_to.date().toPython(),
            countries=countries,
            policy_fields=tuple(c for c, box in self.fields.items() if box.isChecked()),
            summit=self.summit.currentData(),
        )

    def preview(self) -> ops.QueryOp | None:
        try:
            query = self.query().check()
        except FieldKitError as exc:
            self.error.setText(str(exc))
            return None
        self.error.clear()
        self.preview_button.setEnabled(False)
        from fieldkit.reports import digest_report

        lang = i18n.current_language()

        def make(store, out):
            return digest_report(store, query, out, event=None, lang=lang)

        name = f"digest-{query.date_from}-{query.date_to}.pdf"
        show = _show(self.parentWidget())

        def done(rendered: Rendered) -> None:
            self.preview_button.setEnabled(True)
            show(rendered)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.preview_button.setEnabled(True)
            if isinstance(exc, FieldKitError):
                self.error.setText(str(exc))
            else:
                self.error.setText(f"The digest could not be made: {type(exc).__name__}: {exc}")

        title = f"Period digest {query.period()}"
        return (
            ops.QueryOp(self, _render(make, title, name, None, "digest"), done)
            .failure(failed)
            .run_in_background()
        )


def digest_dialog(parent: QWidget | None) -> DigestDialog:
    dialog = DigestDialog(parent)
    dialog.show()
    return dialog


class ListReportDialog(QDialog):
    """Options for the follow-up list (owner, countries) or the project sheet (countries)."""

    TITLES = {"followups": "Follow-up actions", "projects": "Project status sheet"}

    def __init__(self, parent: QWidget | None, name: str) -> None:
        if name not in self.TITLES:
            raise ValueError(f"unknown report {name!r}; choose from {', '.join(self.TITLES)}")
        super().__init__(parent)
        self.name = name
        self.setWindowTitle(self.TITLES[name])
        form = QFormLayout(self)
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("everyone")
        if name == "followups":
            form.addRow("Owner", self.owner)
        self.country = QLineEdit()
        self.country.setPlaceholderText("all countries, or codes such as KE, TZ")
        form.addRow("Countries", self.country)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3121b")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = buttons.addButton("Preview", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.preview)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def countries(self) -> tuple[str, ...]:
        codes = tuple(c.upper() for c in re.split(r"[\s,;]+", self.country.text()) if c)
        for c in codes:
            if c not in reference().countries:
                raise FieldKitError(f"unknown country code {c!r} (use ISO codes such as KE)")
        return codes

    def preview(self) -> ops.QueryOp | None:
        try:
            countries = self.countries()
        except FieldKitError as exc:
            self.error.setText(str(exc))
            return None
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

        title = self.TITLES[self.name]
        filename = f"{self.name}-{date.today().isoformat()}.pdf"
        return ops.QueryOp(
            self, _render(make, title, filename, None, self.name), done
        ).run_in_background()


def report_dialog(parent: QWidget | None, name: str) -> ListReportDialog:
    """``name`` is "followups" or "projects"."""
    dialog = ListReportDialog(parent, name)
    dialog.show()
    return dialog
