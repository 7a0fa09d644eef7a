"""The print preview window: a report rendered in memory (QtPdf), zoom, the system print dialog
and Export PDF…; printing and exporting a classified document are audited
(``fieldkit.ui.operations.printing``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMessageBox, QToolBar, QWidget

from fieldkit.core.reference import reference
from fieldkit.ui.operations import printing as printing_ops
from fieldkit.ui.operations.printing import Rendered

from . import file_dialogs, i18n

PRINT_DPI = 300  # enough for text and photos; a 600 dpi A4 page is a 140 MB image


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
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        saved = self.tr("Saved {path}")
        printing_ops.save_pdf(self, self.rendered, path).success(
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
            printing_ops.log_print(self, self.rendered, printed).run_in_background()
        return printed


def show_preview(parent: QWidget | None) -> Callable[[Rendered], None]:
    """A preview operation's success step: the window, kept referenced until it closes."""

    def show(rendered: Rendered) -> None:
        window = PreviewWindow(parent, rendered)
        window.show()
        window.raise_()
        _open_windows.add(window)
        window.destroyed.connect(lambda *_: _open_windows.discard(window))

    return show


# Preview windows are top-level: keep them referenced until they close.
_open_windows: set[PreviewWindow] = set()
