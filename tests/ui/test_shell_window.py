"""The main window: navigator, shortcuts, change notifications, settings, language, run_app."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
import shell_helpers
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from shell_helpers import WAIT, refreshed

from fieldkit.core.models import Meeting
from fieldkit.core.query import RecordFilter
from fieldkit.core.settings import load_settings
from fieldkit.ui import i18n, ops
from fieldkit.ui.lists.page import ListPage
from fieldkit.ui.main_window import PAGES, MainWindow
from fieldkit.ui.settings_dialog import SettingsDialog, check_server_url

# the shared fixtures
shell = shell_helpers.shell
demo = shell_helpers.demo


@pytest.fixture
def window(demo, qtbot):
    w = MainWindow(demo)
    qtbot.addWidget(w)
    w.resize(1400, 860)
    meetings = w.pages["meeting"]
    w.navigate("meeting")
    refreshed(qtbot, meetings.model, w.show)
    yield w
    i18n.apply_language("en")
    w.close()


def nav_texts(w) -> list[str]:
    return [w.navigator.item(i).text() for i in range(w.navigator.count())]


def test_navigator_entries_and_pages(window, qtbot):
    assert nav_texts(window) == [
        "Meetings", "Visits", "Projects", "Contacts", "Follow-ups", "Dashboard", "Sync",
    ]  # fmt: skip
    assert window.navigator.accessibleName() == "Navigator"
    for i, name in enumerate(PAGES):
        window.navigator.setCurrentRow(i)
        assert window.stack.currentWidget() is window.pages[name]
    window.navigate("contact")
    contacts = window.pages["contact"]
    qtbot.waitUntil(lambda: contacts.model.loaded, timeout=WAIT)
    kinds = {s["kind"] for s in window.store.summaries(contacts.model.ids())}
    assert kinds == {"organisation", "person"}


def test_shortcuts_focus_search_and_open_editors(window, qtbot, monkeypatch):
    import fieldkit.ui.editors as editors

    calls = []
    monkeypatch.setattr(editors, "open_editor", lambda *a, **k: calls.append(a[1:3]))
    window.activateWindow()
    window.acts["find"].trigger()
    assert (
        window.pages["meeting"].filter_bar.search.hasFocus()
        or QApplication.focusWidget() is window.pages["meeting"].filter_bar.search
    )
    assert window.acts["find"].shortcut().toString() == "Ctrl+F"
    assert window.acts["new_meeting"].shortcut().toString() == "Ctrl+N"
    assert window.acts["new_visit"].shortcut().toString() == "Ctrl+Shift+N"
    window.acts["new_meeting"].trigger()
    window.acts["new_visit"].trigger()
    assert calls == [("meeting", None), ("visit", None)]


def test_a_change_on_a_worker_thread_refreshes_the_list(window, qtbot):
    page = window.pages["meeting"]
    before = page.model.total()
    meeting = Meeting(subject="地熱開発に関する協議 (new)", date="2027-12-31", country="KE")
    with qtbot.waitSignal(page.model.refreshed, timeout=WAIT):
        ops.CollectionOp(window, lambda store: store.create(meeting)).run_in_background()
    assert page.model.total() == before + 1
    assert page.model.id_at(0) == meeting.id  # newest date first


def test_undo_after_delete_restores(window, qtbot):
    page = window.pages["meeting"]
    rid = page.model.id_at(0)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.detail.record is not None, timeout=WAIT)
    with qtbot.waitSignal(page.model.refreshed, timeout=WAIT):
        window.acts["delete"].trigger()
    assert rid not in page.model.ids()
    assert window.undo_button.isVisible() and "trash" in window.status_text.text()
    with qtbot.waitSignal(page.model.refreshed, timeout=WAIT):
        window.acts["undo"].trigger()
    assert rid in page.model.ids()


def test_detail_link_navigates_to_the_linked_record(window, qtbot):
    visit_id = window.store.ids(RecordFilter(kinds=("visit",)))[0]
    project_id = window.store.get(visit_id).project_id
    window.show_record(visit_id)
    visits = window.pages["visit"]
    qtbot.waitUntil(
        lambda: visits.detail.record is not None and visits.detail.record.id == visit_id,
        timeout=WAIT,
    )
    assert window.current_page() is visits
    visits.detail.open_record.emit(project_id)
    projects = window.pages["project"]
    qtbot.waitUntil(
        lambda: projects.detail.record is not None and projects.detail.record.id == project_id,
        timeout=WAIT,
    )
    assert window.current_page() is projects


def test_language_switch_retranslates_the_open_window(window, qtbot):
    page: ListPage = window.pages["meeting"]
    assert i18n.translation_files("ja"), "the Japanese .qm must be built"
    i18n.apply_language("ja")
    QApplication.processEvents()
    assert nav_texts(window)[:3] == ["面談", "視察", "案件"]
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "日付"
    assert page.new_button.text() == "新規面談"
    assert window.file_menu.title() == "ファイル(&F)"
    first_date = page.model.index(0, 0).data()
    assert "/" in first_date and first_date[:4].isdigit()  # 2026/11/27, the Japanese style
    assert page.filter_bar.country.itemText(0) == "すべての国"
    assert page.filter_bar.country.findText("ケニア") > 0
    i18n.apply_language("en")
    QApplication.processEvents()
    assert nav_texts(window)[0] == "Meetings"
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Subject"


def test_settings_dialog_saves_and_switches_language(window, qtbot):
    store = window.store
    dialog = SettingsDialog(store.data_dir, window, store)
    qtbot.addWidget(dialog)
    dialog.user_name.setText("Sato Yuki")
    dialog.post.setText("Embassy of Japan in Kenya")
    dialog.server.setText("not a url")
    assert dialog.server_error.isVisibleTo(dialog) and not dialog._validate()
    dialog.accept()
    assert not (store.data_dir / "settings.json").exists()  # refused: nothing saved
    dialog.server.setText("https://hq.example.go.jp")
    dialog.language.setCurrentIndex(dialog.language.findData("ja"))
    dialog.paper.setCurrentIndex(dialog.paper.findData("Letter"))
    dialog.accept()
    saved = load_settings(store.data_dir)
    assert (saved.user_name, saved.server_url, saved.language, saved.paper_size) == (
        "Sato Yuki", "https://hq.example.go.jp", "ja", "Letter",
    )  # fmt: skip
    assert json.loads((store.data_dir / "settings.json").read_text(encoding="utf-8"))["post"]
    assert store.settings.user_name == "Sato Yuki"
    assert i18n.current_language() == "ja"
    QApplication.processEvents()
    assert nav_texts(window)[0] == "面談"


def test_server_url_check():
    assert check_server_url("") is None
    assert check_server_url("https://hq.example.go.jp:8443/fk") is None
    assert (
        check_server_url("ftp://x")
        and check_server_url("hq.example")
        and check_server_url("http://a b")
    )


@pytest.fixture
def keep_excepthook(monkeypatch):
    """run_app installs its exception hook; later tests must not get dialogs from it."""
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


@pytest.mark.runs_app_exec
def test_run_app_exits_quietly_when_unlock_is_cancelled(
    tmp_path, monkeypatch, qapp, keep_excepthook
):
    from fieldkit.ui import app, unlock

    monkeypatch.setattr(unlock, "open_store_interactively", lambda data_dir, parent=None: None)
    assert app.run_app(SimpleNamespace(data_dir=tmp_path)) == 0


@pytest.mark.runs_app_exec
def test_run_app_opens_the_window_and_offers_drafts(tmp_path, monkeypatch, qapp, keep_excepthook):
    import fieldkit.ui.editors as editors
    from fieldkit.core.demo import generate
    from fieldkit.core.store import Store
    from fieldkit.ui import app, unlock

    seeded = Store.open(tmp_path)
    generate(seeded, meetings=30, visits=5, projects=5, seed=2)
    seeded.close()
    events = []
    real_install = unlock.install_lock
    monkeypatch.setattr(
        unlock, "install_lock", lambda w, s: (events.append("lock"), real_install(w, s))
    )
    monkeypatch.setattr(editors, "offer_draft_restore", lambda parent: events.append("drafts"))

    def check_and_quit():
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        if windows and windows[0].pages["meeting"].model.loaded:
            events.append(("rows", windows[0].pages["meeting"].model.rowCount()))
            windows[0].close()
            QApplication.quit()
        else:
            QTimer.singleShot(50, check_and_quit)

    QTimer.singleShot(50, check_and_quit)
    assert app.run_app(SimpleNamespace(data_dir=tmp_path)) == 0
    assert events[:2] == ["lock", "drafts"]
    assert ("rows", 30) in events
    assert (tmp_path / "window.ini").exists()


def test_qt_standard_buttons_follow_the_language(qapp):
    """Qt's own strings (OK/Cancel/Close, file and print dialogs) come from Qt's qtbase_ja.qm."""
    from PySide6.QtWidgets import QDialogButtonBox

    from fieldkit.ui import i18n

    def texts() -> list[str]:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Close
        )
        return sorted(b.text() for b in box.buttons())

    try:
        i18n.apply_language("ja")
        assert texts() == sorted(["キャンセル", "閉じる"])
    finally:
        i18n.apply_language("en")
    assert texts() == ["Cancel", "Close"]
