"""``fieldkit --selftest``: prove that this installation works, without touching the user's data.

Embassy IT runs it after installing (and CI runs it on every bundle it builds): it opens a fresh
store in a temporary folder, writes and searches a record, opens an encrypted store, renders a
report, and starts Qt offscreen to paint a window, load the bundled fonts, icons and translations,
display the report with QtPdf, and build the real main window and its Help > About dialog. Every check prints one line; a failure says what failed and why, and
the exit status is 1. Nothing is written outside the temporary folder, which is removed afterwards.

The checks exercise what a frozen bundle most often loses: resource files, binary extensions
(sqlcipher3, lxml, pydantic-core), modules imported by name (the CLI's command modules), Qt plugins
(platform, image formats, QtPdf) and the Japanese font.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

# A word in each script the app must handle; the search must find the record by each of them.
SUBJECT = "Geothermal dialogue 地熱発電の協力 / حوار الطاقة"
SEARCH_TERMS = ("geothermal", "地熱発電", "地熱")  # the last is 2 characters: the LIKE path


@dataclass
class Outcome:
    name: str
    ok: bool
    detail: str
    seconds: float


class SelfTest:
    """Runs the checks in order, sharing a temporary folder; later checks use earlier results."""

    def __init__(self, out: TextIO, folder: Path) -> None:
        self.out = out
        self.folder = folder
        self.pdf: Path | None = None
        self.outcomes: list[Outcome] = []
        self.qt_messages: list[str] = []

    def run(self, name: str, check: Callable[[], str]) -> None:
        start = time.perf_counter()
        try:
            detail, ok = check(), True
        except Exception as exc:  # noqa: BLE001 - a check's failure is the result, not a crash
            where = traceback.extract_tb(exc.__traceback__)[-1]
            detail = f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})"
            ok = False
            if self.qt_messages:
                detail += "; Qt said: " + " | ".join(self.qt_messages[-5:])
        seconds = time.perf_counter() - start
        self.outcomes.append(Outcome(name, ok, detail, seconds))
        mark = "ok  " if ok else "FAIL"
        self.out.write(f"{mark} {name:<12} {detail} ({seconds * 1000:.0f} ms)\n")
        self.out.flush()

    # ---- checks ----------------------------------------------------------------------------------
    def check_resources(self) -> str:
        from fieldkit.core.reference import Reference
        from fieldkit.core.resources import resource_path, resources_dir

        ref = Reference()
        countries, sectors = len(ref.countries), len(ref.sectors)
        if countries < 100 or sectors < 100:
            raise RuntimeError(
                f"reference data incomplete: {countries} countries, {sectors} sectors"
            )
        icon = resource_path("icons", "app", "fieldkit.png")
        if not icon.is_file():
            raise FileNotFoundError(f"app icon missing: {icon}")
        return f"{resources_dir()}: {countries} countries, {sectors} DAC sectors, app icon"

    def check_commands(self) -> str:
        from fieldkit.cli.main import COMMAND_MODULES, build_parser

        build_parser()  # imports every command module by name, as `fieldkit --help` does
        return f"{len(COMMAND_MODULES)} command modules load"

    def check_store(self) -> str:
        from fieldkit.core.models import Meeting
        from fieldkit.core.opening import open_store

        data_dir = self.folder / "plain"
        store = open_store(data_dir)
        try:
            made = store.create(
                Meeting(
                    subject=SUBJECT,
                    date="2026-03-02",
                    country="KE",
                    policy_fields=["gx"],
                    key_points="Olkaria geothermal expansion; 地熱発電の拡大について協議。",
                )
            )
            for term in SEARCH_TERMS:
                found = [row["id"] for row in store.search(term)]
                if made.id not in found:
                    raise RuntimeError(f"search for {term!r} did not find the record just written")
        finally:
            store.close()
        store = open_store(data_dir, create=False)  # and it is still there after reopening
        try:
            again = store.get(made.id)
            if again.subject != SUBJECT:
                raise RuntimeError(f"reopened record reads back as {again.subject!r}")
        finally:
            store.close()
        terms = ", ".join(repr(t) for t in SEARCH_TERMS)
        return f"wrote a meeting, found it by {terms}, read it back after reopening"

    def check_encrypted(self) -> str:
        from fieldkit.core.errors import StoreError
        from fieldkit.core.models import Meeting
        from fieldkit.core.opening import open_store

        data_dir = self.folder / "encrypted"
        store = open_store(data_dir, passphrase="selftest passphrase")
        try:
            store.create(Meeting(subject="Encrypted", date="2026-03-02", country="KE"))
        finally:
            store.close()
        if b"Encrypted" in (data_dir / "fieldkit.db").read_bytes():
            raise RuntimeError("the encrypted store's file contains the record in clear text")
        try:
            open_store(data_dir, passphrase="wrong", create=False).close()
        except StoreError:
            pass
        else:
            raise RuntimeError("a wrong passphrase opened the encrypted store")
        return "SQLCipher store written, unreadable without its passphrase"

    def check_report(self) -> str:
        self.pdf = self.folder / "selftest.pdf"
        how = _render_with_reports(self.folder / "plain", self.pdf)
        if how is None:
            how = _render_with_reportlab(self.pdf)
        data = self.pdf.read_bytes()
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            raise RuntimeError(f"{self.pdf.name} is not a complete PDF")
        return f"{how}: {len(data) // 1024} KB"

    def check_iati(self) -> str:
        """The IATI reader process starts from this installation and sends activities back."""
        from fieldkit.interop.iati_read import ImportReport
        from fieldkit.interop.iati_worker import read_activities_in_worker, worker_command

        xml = self.folder / "selftest-iati.xml"
        xml.write_text(_IATI_SAMPLE, encoding="utf-8")
        report = ImportReport()
        found = [a.identifier for a in read_activities_in_worker(xml, report, country="KE")]
        if found != ["XM-DAC-701-8-SELFTEST-1"]:
            raise RuntimeError(f"the reader process returned {found!r}")
        how = "own executable" if getattr(sys, "frozen", False) else "python -m"
        return f"reader process ({how}: {Path(worker_command()[0]).name}) sent 1 activity"

    def check_sync(self) -> str:
        """Sync bodies of this installation: zstd and gzip pages round-trip, and the HTTP client
        decodes zstd answers (a laptop that asks HQ for zstd and cannot read it syncs nothing)."""
        from sync import protocol as p

        page = ('{"mutations":[' + ",".join(['{"ids":["x"],"base":null,"record":{}}'] * 200)
                + "]}").encode()  # fmt: skip
        sizes = []
        for encoding in ("zstd", "gzip"):
            body, headers = p.compress(page, encoding)
            if headers.get("Content-Encoding") != encoding or p.decompress(body, encoding) != page:
                raise RuntimeError(f"a {encoding} body does not come back as it was sent")
            sizes.append(f"{encoding} {len(body)} B")
        if "zstd" not in p.accepted_encodings():
            raise RuntimeError("the HTTP client cannot decode zstd answers (zstandard missing)")
        return f"{len(page)} B page: {', '.join(sizes)}; answers taken as {p.accepted_encodings()}"

    def check_qt(self) -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QTranslator, qInstallMessageHandler
        from PySide6.QtGui import QFontDatabase, QIcon, QImageReader, QStandardItemModel
        from PySide6.QtWidgets import QLineEdit, QMainWindow, QTableView

        from fieldkit.core.resources import resource_path

        # Qt's own warnings (e.g. the offscreen plugin's "propagateSizeHints") are kept, not
        # printed: they only matter, and are shown, when this check fails.
        qInstallMessageHandler(lambda _mode, _context, message: self.qt_messages.append(message))
        app = _application()
        notes = [app.platformName()]

        fonts = resource_path("fonts")
        font_files = sorted(p for p in fonts.rglob("*") if p.suffix.lower() in (".ttf", ".otf"))
        for path in font_files:
            if QFontDatabase.addApplicationFont(str(path)) < 0:
                raise RuntimeError(f"Qt cannot load the bundled font {path.name}")
        notes.append(f"{len(font_files)} fonts")

        # Every image format the shipped icons use must have its Qt plugin in the bundle.
        supported = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
        used = {p.suffix.lower().lstrip(".") for p in resource_path("icons").rglob("*.*")}
        missing = sorted((used & {"png", "svg", "ico", "jpg", "jpeg", "icns"}) - supported)
        if missing:
            raise RuntimeError(f"no Qt image plugin for {', '.join(missing)} icons")
        icon = QIcon(str(resource_path("icons", "app", "fieldkit.png")))
        if icon.isNull() or icon.pixmap(64, 64).isNull():
            raise RuntimeError("the app icon does not load")
        app.setWindowIcon(icon)

        from fieldkit.ui.i18n import translation_files

        translations = [Path(p) for p in translation_files("ja")]
        for path in translations:
            if not QTranslator().load(str(path)):
                raise RuntimeError(f"Qt cannot load the translation {path.name}")
        if not any(p.name == "qtbase_ja.qm" for p in translations):
            raise RuntimeError("Qt's own Japanese strings (qtbase_ja.qm) are missing")
        from fieldkit.core.messages import Message, catalogue

        texts = len(catalogue("ja").entries)  # resources/messages: every FieldKit text
        if Message("sync.timed_out").render("ja") == Message("sync.timed_out"):
            raise RuntimeError(
                "FieldKit's Japanese catalogue (resources/messages/ja.po) is missing"
            )
        notes.append(f"{len(translations)} Qt translations, {texts} FieldKit texts in Japanese")

        window = QMainWindow()
        window.setWindowTitle("FieldKit self-test")
        table = QTableView()
        model = QStandardItemModel(3, 2)
        model.setHorizontalHeaderLabels(["Subject", "件名"])
        table.setModel(model)
        window.setCentralWidget(table)
        window.setStatusBar(None)
        search = QLineEdit(SUBJECT)
        window.setMenuWidget(search)
        window.resize(640, 400)
        window.show()
        app.processEvents()
        shot = window.grab()
        window.close()
        if shot.isNull() or shot.width() < 100:
            raise RuntimeError("the window did not paint")
        notes.append(f"window painted {shot.width()}x{shot.height()}")

        notes.append(self._check_pdf_view(app))
        return ", ".join(notes)

    def _check_pdf_view(self, app) -> str:
        """QtPdf (the print preview) opens the report and renders its first page with ink on it."""
        if self.pdf is None or not self.pdf.is_file():
            return "QtPdf not checked (no report)"
        from PySide6.QtCore import QSize
        from PySide6.QtPdf import QPdfDocument

        doc = QPdfDocument(app)
        doc.load(str(self.pdf))
        if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() < 1:
            raise RuntimeError(f"QtPdf cannot open the report ({doc.error()})")
        image = doc.render(0, QSize(200, 283))
        if image.isNull():
            raise RuntimeError("QtPdf rendered nothing")
        small = image.scaled(40, 56)
        inked = sum(
            1
            for y in range(small.height())
            for x in range(small.width())
            if small.pixelColor(x, y).lightness() < 200
        )
        if inked == 0:
            raise RuntimeError("QtPdf rendered the report's first page blank")
        pages = doc.pageCount()
        doc.close()
        return f"QtPdf shows the report ({pages} page{'s' if pages > 1 else ''})"

    def check_window(self) -> str:
        """The real main window on the store written above, and Help > About with its licences.

        Set up as ``run_app`` does; the window's first queries run on background threads and must
        finish without reporting an error.
        """
        import importlib.util

        if importlib.util.find_spec("fieldkit.ui.main_window") is None:
            return "no desktop window in this build"
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtGui import QAction

        from fieldkit.core.opening import open_store
        from fieldkit.ui import ops
        from fieldkit.ui.about import show_about
        from fieldkit.ui.main_window import MainWindow

        app = _application()
        store = open_store(self.folder / "plain", create=False)
        reported: list[str] = []
        ops.configure(
            lambda: store,
            lambda _parent, exc, _details: reported.append(f"{type(exc).__name__}: {exc}"),
        )
        try:
            window = MainWindow(store)
            actions = len(window.findChildren(QAction))
            about = show_about(window)
            info = about.info
            about.close()
            for _ in range(3):  # start the deferred queries, let them finish, deliver results
                app.processEvents()
                ops.wait_all(15_000)
            app.processEvents()
            window.close()
            window.deleteLater()
            app.processEvents()
        finally:
            ops.wait_all(15_000)
            store.close()
        if reported:
            raise RuntimeError("the main window reported: " + "; ".join(reported[:3]))
        if actions < 10:
            raise RuntimeError(f"the main window has only {actions} actions")
        libraries, fonts = len(info.libraries), len(info.fonts)
        if libraries < 10 or fonts < 1 or any(c.licence == "unknown" for c in info.libraries):
            raise RuntimeError(
                f"About lists {libraries} libraries and {fonts} fonts: licence metadata missing"
            )
        return f"main window ({actions} actions); About lists {libraries} libraries, {fonts} fonts"


def _application():
    """The QApplication as the desktop app makes it (style, palette, PySide6 workarounds)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        return app
    try:
        from fieldkit.ui.app import make_application
    except ImportError:
        return QApplication(["fieldkit-selftest"])
    return make_application(["fieldkit-selftest"])


def _render_with_reports(store_dir: Path, pdf: Path) -> str | None:
    """The real record of conversation from ``fieldkit.reports``, for the meeting just written.

    None when this build has no reports package (the check then draws a page with reportlab).
    """
    import importlib.util

    if importlib.util.find_spec("fieldkit.reports") is None:
        return None
    from fieldkit.core.opening import open_store
    from fieldkit.reports import meeting_report

    store = open_store(store_dir, create=False)
    try:
        meeting = next(iter(store.iter_records()))
        result = meeting_report(store, meeting.id, pdf, event=None)
    finally:
        store.close()
    return f"record of conversation (fieldkit.reports), {result.pages} page(s)"


def _render_with_reportlab(pdf: Path) -> str:
    """Without fieldkit.reports: a one-page PDF with the bundled Japanese font, via reportlab."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from fieldkit.core.resources import resource_path

    japanese = resource_path("fonts", "ipaexg.ttf")
    if not japanese.is_file():
        raise FileNotFoundError(f"the Japanese report font is missing: {japanese}")
    pdfmetrics.registerFont(TTFont("FK-Selftest", str(japanese)))
    c = canvas.Canvas(str(pdf), pagesize=A4)
    width, height = A4
    c.setFont("FK-Selftest", 10)
    c.drawCentredString(width / 2, height - 30, "UNCLASSIFIED")
    c.setFont("FK-Selftest", 16)
    c.drawString(60, height - 90, "FieldKit self-test")
    c.setFont("FK-Selftest", 11)
    c.drawString(60, height - 120, SUBJECT.split(" / ")[0])  # IPAexGothic has no Arabic
    c.rect(60, height - 300, width - 120, 150)
    c.showPage()
    c.save()
    return "reportlab PDF with IPAexGothic (no fieldkit.reports in this build)"


def run_selftest(out: TextIO | None = None) -> int:
    """Run every check; 0 when all pass, 1 (after saying what failed) otherwise."""
    out = out or sys.stdout or _log_file()  # a windowed Windows app has no stdout
    from fieldkit import __version__

    start = time.perf_counter()
    how = "bundle" if getattr(sys, "frozen", False) else "source"
    out.write(f"FieldKit {__version__} self-test ({how}, Python {sys.version.split()[0]})\n")
    with tempfile.TemporaryDirectory(
        prefix="fieldkit-selftest-", ignore_cleanup_errors=True
    ) as tmp:
        test = SelfTest(out, Path(tmp))
        test.run("resources", test.check_resources)
        test.run("commands", test.check_commands)
        test.run("store", test.check_store)
        test.run("encryption", test.check_encrypted)
        test.run("report", test.check_report)
        test.run("iati", test.check_iati)
        test.run("sync", test.check_sync)
        test.run("qt", test.check_qt)
        test.run("window", test.check_window)
    failed = [o.name for o in test.outcomes if not o.ok]
    total = time.perf_counter() - start
    if failed:
        out.write(f"self-test FAILED: {', '.join(failed)} ({total:.2f} s)\n")
    else:
        out.write(f"self-test passed: {len(test.outcomes)} checks ({total:.2f} s)\n")
    out.flush()
    return 1 if failed else 0


_IATI_SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2026-01-01T00:00:00Z">
 <iati-activity last-updated-datetime="2026-01-01T00:00:00Z" xml:lang="en" default-currency="JPY">
  <iati-identifier>XM-DAC-701-8-SELFTEST-1</iati-identifier>
  <reporting-org ref="XM-DAC-701-8" type="10"><narrative>JICA</narrative></reporting-org>
  <title><narrative>Self-test geothermal project</narrative></title>
  <activity-status code="2"/>
  <activity-date iso-date="2026-01-01" type="2"/>
  <recipient-country code="KE" percentage="100"/>
 </iati-activity>
</iati-activities>
"""


def _log_file() -> TextIO:
    from fieldkit.core.paths import resolve_data_dir

    folder = resolve_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return open(folder / "selftest.txt", "w", encoding="utf-8")
