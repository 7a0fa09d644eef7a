"""What a field trial of the desktop app found on screen (issue #18), each checked on real widgets.

Screenshots of the window at laptop sizes go to ``build/screenshots/`` (or $FIELDKIT_ARTIFACTS)
for people to look at.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
import shell_helpers
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox, QVBoxLayout, QWidget
from shell_helpers import WAIT, refreshed

from fieldkit.ui import i18n
from fieldkit.ui.app import apply_theme
from fieldkit.ui.main_window import PAGES, MainWindow

shell = shell_helpers.shell
demo = shell_helpers.demo

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("FIELDKIT_ARTIFACTS", ROOT / "build" / "screenshots"))
LAPTOPS = [(1280, 800), (1366, 768)]


def luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# ---- combo boxes ---------------------------------------------------------------------------------
def test_the_highlighted_item_of_a_combo_popup_is_readable(qapp, qtbot):
    apply_theme(qapp)  # the app's palette and stylesheet, as make_application applies them
    holder = QWidget()
    qtbot.addWidget(holder)
    combo = QComboBox()
    combo.addItems(["English", "Kenya", "Sustainability"])
    QVBoxLayout(holder).addWidget(combo)
    holder.resize(300, 200)
    holder.show()
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=WAIT)
    view.setCurrentIndex(combo.model().index(1, 0))
    qapp.processEvents()
    image = view.grab().toImage()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image.save(str(ARTIFACTS / "combo-popup.png"))
    rect = view.visualRect(combo.model().index(1, 0))
    counts: dict[int, int] = {}
    for y in range(rect.top() + 1, rect.bottom()):
        for x in range(rect.left() + 1, min(rect.right(), image.width() - 1)):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    ranked = sorted(counts, key=counts.get, reverse=True)
    background = QColor.fromRgb(ranked[0])
    assert background != QColor("#ffffff"), "the highlighted row is not highlighted"
    # the text: the drawn colour that stands out most from the row's background
    text = max((QColor.fromRgb(c) for c in ranked[1:]), key=lambda c: contrast(c, background))
    assert contrast(text, background) >= 4.5
    combo.hidePopup()


# ---- the window on a laptop ----------------------------------------------------------------------
@pytest.fixture
def window(demo, qtbot, qapp):
    apply_theme(qapp)  # sizes and screenshots as the app draws them
    w = MainWindow(demo)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.navigate("meeting")
    refreshed(qtbot, w.pages["meeting"].model, w.show)
    yield w
    i18n.apply_language("en")
    w.close()


def _show_page_with_a_record(window, qtbot, name: str) -> None:
    window.navigate(name)
    page = window.current_page()
    if name in ("followups",):
        qtbot.waitUntil(lambda: page.proxy.rowCount() > 1, timeout=WAIT)
        page.table.selectRow(1)
        qtbot.waitUntil(lambda: page.detail.record is not None, timeout=WAIT)
    elif hasattr(page, "model") and hasattr(page, "detail"):
        qtbot.waitUntil(lambda: page.model.rowCount() > 1, timeout=WAIT)
        page.table.selectRow(1)
        qtbot.waitUntil(lambda: page.detail.record is not None, timeout=WAIT)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_page_fits_laptop_screens(window, qtbot, lang):
    from PySide6.QtGui import QFontDatabase

    from fieldkit.core.resources import resource_path

    # Japanese glyphs at their real width (a machine without a CJK font would draw boxes)
    QFontDatabase.addApplicationFont(str(resource_path("fonts", "ipaexg.ttf")))
    i18n.apply_language(lang)
    for name in PAGES:
        _show_page_with_a_record(window, qtbot, name)
        for width, height in LAPTOPS:
            window.resize(width, height)
            qtbot.wait(30)
            hint = window.minimumSizeHint()
            assert hint.width() <= 1280, (name, lang, hint)
            assert hint.height() <= 768 - 60, (name, lang, hint)  # room for a task bar
            assert (window.width(), window.height()) == (width, height), name
            page = window.current_page()
            # nothing of the page lies beyond the window's right edge
            right = page.mapTo(window, QPoint(page.width(), 0)).x()
            assert right <= width, (name, right)
            table = getattr(page, "table", None)
            key = getattr(table, "_key_column", None)
            if key is not None:  # the subject / title stays readable; the rest scrolls
                assert table.columnWidth(key) >= table.KEY_COLUMN_MIN, (name, width)
            if name in ("project", "meeting", "followups") and width == 1280:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                window.grab().save(str(ARTIFACTS / f"laptop-{width}x{height}-{name}-{lang}.png"))


def test_filter_bar_takes_two_rows_only_when_narrow(window, qtbot):
    _show_page_with_a_record(window, qtbot, "project")
    bar = window.pages["project"].filter_bar
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: bar.date_from.y() > bar.search.y() + 10, timeout=WAIT)
    assert bar.geometry().right() <= bar.parentWidget().width()
    window.resize(2200, 1000)
    qtbot.waitUntil(lambda: abs(bar.date_from.y() - bar.search.y()) < 10, timeout=WAIT)


# ---- columns -------------------------------------------------------------------------------------
def test_followups_action_column_is_readable_at_1280(window, qtbot):
    _show_page_with_a_record(window, qtbot, "followups")
    page = window.pages["followups"]
    window.resize(1280, 800)
    qtbot.wait(30)
    assert page.table.columnWidth(1) >= 200


def test_detail_table_breaks_lines_between_words_only(window, qtbot):
    _show_page_with_a_record(window, qtbot, "meeting")
    page = window.pages["meeting"]
    # a meeting with follow-ups, shown in a pane as narrow as the splitter lets it be
    for row in range(page.model.rowCount()):
        page.table.selectRow(row)
        # The pane loads in the background: wait for this row's record, not the one before.
        qtbot.waitUntil(
            lambda: (
                page.detail.record is not None and page.detail.record.id == page.detail.record_id
            ),
            timeout=WAIT,
        )
        if "Follow-up actions" in page.detail.browser.toPlainText():
            break
    else:
        pytest.fail("no meeting with follow-ups in the demo data")
    page.splitter.setSizes([10_000, 1])
    qtbot.wait(30)
    doc = page.detail.browser.document()
    block = doc.begin()
    checked = 0
    while block.isValid():
        text = block.text()
        layout = block.layout()
        if text in ("Status", "Due", "Open", "Done") and layout is not None:
            assert layout.lineCount() == 1, f"{text!r} broken over {layout.lineCount()} lines"
            checked += 1
        block = block.next()
    assert checked >= 2


# ---- switching the language while running --------------------------------------------------------
def test_switching_to_japanese_rewords_the_sync_page_and_status_bar(window, qtbot):
    from fieldkit.core import messages

    def ja(context: str, text: str, n: int | None = None) -> str:
        found = messages.text(context, text, "ja", n)
        assert found != text, f"no Japanese for {text!r}"
        return found.replace("%n", str(n)) if n is not None else found

    sync = window.pages["sync"]
    window.navigate("sync")
    qtbot.waitUntil(lambda: bool(sync._status), timeout=WAIT)
    qtbot.waitUntil(lambda: window.status_info.text() != "", timeout=WAIT)
    pending, refused = window._pending  # changes waiting, changes HQ did not accept
    assert refused == 0
    i18n.apply_language("ja")
    QApplication.processEvents()  # Qt posts the LanguageChange events
    assert sync.sync_button.text() == ja("SyncPage", "Sync now")
    assert sync.state_box.title() == ja("SyncPage", "Sync with headquarters")
    assert sync.state_form.labelForField(sync.last_label).text() == ja("SyncPage", "Last sync:")
    assert sync.server_label.text() == ja("SyncPage", "Not enrolled yet: fill in the form below.")
    assert sync.rejected.headerItem().text(2) == ja("SyncPage", "Why HQ refused it")
    expected = (
        ja("MainWindow", "%n changes not yet synced", pending)
        if pending
        else ja("MainWindow", "All changes synced")
    )
    assert window.status_info.text() == expected
    i18n.apply_language("en")
    QApplication.processEvents()
    assert sync.sync_button.text() == "Sync now"
    assert window.status_info.text().endswith("not yet synced") or pending == 0


# ---- the unlock dialog ---------------------------------------------------------------------------
def test_enter_after_a_wrong_passphrase_only_says_it_was_wrong(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt

    from fieldkit.core.opening import open_store
    from fieldkit.ui import unlock

    passphrase = "correct horse battery staple"
    folder = tmp_path / "locked"
    open_store(folder, passphrase=passphrase).close()
    forgotten: list = []
    monkeypatch.setattr(unlock, "show_forgotten", lambda parent: forgotten.append(parent))
    opened: list = []

    def attempt(text: str):
        store = open_store(folder, passphrase=text)
        opened.append(store)
        return store

    dialog = unlock.UnlockDialog(folder, attempt)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.field.edit
    edit.setFocus()
    for n in (1, 2):
        edit.setText("not the passphrase")
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert forgotten == []  # the "forgotten passphrase" box stayed shut
        assert dialog.message.text() == f"Wrong passphrase ({n} wrong in a row)."
    dialog.backoff.clear()  # no waiting out the slow-down after wrong guesses
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=WAIT)
    edit.setText(passphrase)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert forgotten == []
    assert len(opened) == 1 and dialog.result() == dialog.DialogCode.Accepted
    opened[0].close()


# ---- file dialogs --------------------------------------------------------------------------------
def test_file_dialog_keeps_a_readable_sidebar_and_visible_icons(window, qtbot):
    from PySide6.QtWidgets import QFileDialog, QToolButton

    dialog = QFileDialog(window, "Export", str(ROOT))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own, as on Linux
    qtbot.addWidget(dialog)
    dialog.resize(800, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(ARTIFACTS / "file-dialog.png"))
    sidebar = dialog.findChild(QWidget, "sidebar")
    shot = sidebar.grab().toImage()
    background = QColor.fromRgb(shot.pixel(shot.width() - 4, shot.height() - 4))
    assert luminance(background) > 0.8, background.name()  # light, not the navigator's navy
    buttons = [b for b in dialog.findChildren(QToolButton) if b.isVisible()]
    assert len(buttons) >= 5
    for button in buttons:
        image = button.grab().toImage()
        cx, cy = image.width() // 2, image.height() // 2
        centre = [image.pixel(x, y) for x in range(cx - 7, cx + 7) for y in range(cy - 7, cy + 7)]
        background = image.pixel(3, cy)
        drawn = sum(1 for rgb in centre if rgb != background)
        assert drawn >= 20, (button.objectName(), drawn)  # an icon, not an empty frame


def test_file_dialogs_start_in_documents_then_where_the_user_went(tmp_path, monkeypatch):
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    from fieldkit.ui import file_dialogs

    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("FIELDKIT_DATA_DIR", str(config))
    monkeypatch.setattr(file_dialogs, "_remembered", {})
    elsewhere = tmp_path / "somewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the working directory is never where a dialog opens
    asked: list[str] = []
    chosen = tmp_path / "reports" / "meetings.csv"
    chosen.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda parent, caption, start, filters: asked.append(start) or (str(chosen), filters),
    )
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    expected = Path(docs) if docs and Path(docs).is_dir() else Path.home()
    assert file_dialogs.save_file_name(None, "Export", "meetings.csv", "*.csv") == str(chosen)
    assert Path(asked[0]) == expected / "meetings.csv"
    assert not asked[0].startswith(str(elsewhere))
    # the next dialog, even after a restart, opens where the user saved last
    monkeypatch.setattr(file_dialogs, "_remembered", {})
    assert (config / "dialogs.ini").is_file()
    file_dialogs.save_file_name(None, "Export", "visits.csv", "*.csv")
    assert Path(asked[1]) == chosen.parent / "visits.csv"
    # a remembered folder that has gone: Documents again
    (chosen.parent / "meetings.csv").unlink(missing_ok=True)
    chosen.parent.rmdir()
    monkeypatch.setattr(file_dialogs, "_remembered", {})
    assert file_dialogs.start_folder() == expected


# ---- first start: who drafts the records ---------------------------------------------------------
@pytest.mark.runs_app_exec
def test_first_start_asks_for_name_and_post_and_records_carry_them(tmp_path, monkeypatch, qapp):
    import sys
    from types import SimpleNamespace

    from PySide6.QtCore import QTimer

    from fieldkit.core.models import Meeting
    from fieldkit.core.settings import load_settings
    from fieldkit.core.store import Store
    from fieldkit.ui import app, first_start, unlock

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    monkeypatch.delenv("FIELDKIT_USER", raising=False)
    monkeypatch.delenv("FIELDKIT_POST", raising=False)
    data_dir = tmp_path / "new"
    opened: list = []

    def first_open(folder, parent=None):  # the passphrase step, done: a new, empty store
        opened.append(Store.open(folder))
        return opened[0]

    monkeypatch.setattr(unlock, "open_store_interactively", first_open)
    monkeypatch.setattr(unlock, "install_lock", lambda window, store: None)
    seen: dict = {}

    tries = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, first_start.WhoDialog):
            tries.append(1)
            if len(tries) < 500:  # about 10 s; never poll for ever (the test would hang)
                QTimer.singleShot(20, answer)
            return
        dialog.ok.click()  # nothing typed: refused, the dialog stays
        seen["refused"] = dialog.error.text()
        seen["still_open"] = dialog.isVisible()
        dialog.name.setText("Sato Yuki")
        dialog.post.setText("Embassy of Japan in Kenya")
        dialog.ok.click()
        seen["answered"] = True

    polls = []

    def close_window():  # once the window shows after the answer (or after 5 s without one)
        polls.append(1)
        # The visible one: a window of an earlier test may linger, hidden, until Qt deletes it.
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        if len(polls) >= 1000:  # about 20 s: give up instead of hanging; the asserts say why
            QApplication.quit()
            return
        if not windows or ("answered" not in seen and len(polls) < 250):
            QTimer.singleShot(20, close_window)
            return
        seen["footer"] = windows[0].user_label.text()
        windows[0].close()
        QApplication.quit()

    QTimer.singleShot(0, answer)
    QTimer.singleShot(0, close_window)
    assert app.run_app(SimpleNamespace(data_dir=data_dir)) == 0
    assert seen.get("answered"), "no question asked at first start"
    assert seen["refused"] == "Give both your name and your post." and seen["still_open"]
    assert seen["footer"] == "Sato Yuki\nEmbassy of Japan in Kenya"
    saved = load_settings(data_dir)
    # The post is chosen from HQ's list: Settings keep its code, records and screens its name.
    assert (saved.user_name, saved.post) == ("Sato Yuki", "emb-ke")
    with Store.open(data_dir) as store:
        record = store.create(
            Meeting(subject="Courtesy call", country="KE", date=date(2027, 1, 29))
        )
        assert record.created_by == "Sato Yuki" and record.post == "Embassy of Japan in Kenya"
    # a later start does not ask again
    assert not first_start.needs_asking(saved)


def test_a_name_from_the_cli_counts_as_given(tmp_path, monkeypatch):
    from fieldkit.cli.main import main
    from fieldkit.core.settings import load_settings
    from fieldkit.ui import first_start

    monkeypatch.delenv("FIELDKIT_USER", raising=False)
    folder = tmp_path / "cli"
    assert main(["--data-dir", str(folder), "config", "user_name", "Ito Daisuke"]) == 0
    settings = load_settings(folder)
    assert settings.user_name == "Ito Daisuke"
    assert not first_start.needs_asking(settings)
