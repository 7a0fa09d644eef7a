"""The unlock, first-start, conversion and lock screens, driven as a user would (offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from security_helpers import PASS, meeting

from fieldkit.core.opening import open_store
from fieldkit.core.security import Backoff
from fieldkit.core.security.files import StoreState, store_state
from fieldkit.ui import lock as lock_module
from fieldkit.ui.lock import AppLock, Cover
from fieldkit.ui.unlock import ChoosePassphraseDialog, UnlockDialog, open_store_interactively


def when_modal(qtbot, cls, act, timeout=5000):
    """Run ``act(dialog)`` once a modal dialog of ``cls`` is showing (exec() blocks the test)."""
    done = []

    def poll():
        w = QApplication.activeModalWidget()
        if isinstance(w, cls) and w.isVisible():
            done.append(w)
            act(w)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return done


def type_into(field, text):
    field.edit.setText(text)


def test_first_start_asks_for_a_strong_passphrase_and_creates_an_encrypted_store(qtbot, data_dir):
    seen = {}

    def act(d: ChoosePassphraseDialog):
        type_into(d.chooser.first, "kenya2026")
        type_into(d.chooser.second, "kenya2026")
        d.chooser.understood.setChecked(True)
        seen["weak_enabled"] = d.ok.isEnabled()
        seen["weak_text"] = d.chooser.meter.label.text()
        type_into(d.chooser.first, PASS)
        type_into(d.chooser.second, PASS + "x")
        seen["mismatch_enabled"] = d.ok.isEnabled()
        type_into(d.chooser.second, PASS)
        seen["ok_enabled"] = d.ok.isEnabled()
        d.ok.click()

    when_modal(qtbot, ChoosePassphraseDialog, act)
    store = open_store_interactively(data_dir)
    assert store is not None
    try:
        assert seen == {
            "weak_enabled": False,
            "weak_text": seen["weak_text"],
            "mismatch_enabled": False,
            "ok_enabled": True,
        }
        assert "Not accepted" in seen["weak_text"]
        assert store_state(data_dir) is StoreState.ENCRYPTED
    finally:
        store.close()


def plain_window(qtbot, data_dir):
    with open_store(data_dir) as s:
        s.create(meeting("Kept through conversion"))
    store = open_store_interactively(data_dir)  # opens at once, no dialog in the way
    assert store is not None and store_state(data_dir) is StoreState.PLAIN
    window = QMainWindow()
    window.file_menu = window.menuBar().addMenu("&File")
    qtbot.addWidget(window)
    window.show()
    return window, store


def test_existing_unencrypted_store_is_offered_conversion_over_the_window(qtbot, data_dir):
    window, store = plain_window(qtbot, data_dir)
    try:
        app_lock = AppLock(window, store)
        assert not app_lock.change_action.isEnabled()
        qtbot.waitUntil(lambda: getattr(app_lock, "offer", None) is not None)
        d = app_lock.offer
        assert d.isVisible() and d.convert
        type_into(d.chooser.first, PASS)
        type_into(d.chooser.second, PASS)
        d.chooser.understood.setChecked(True)
        d.ok.click()
        assert store_state(data_dir) is StoreState.ENCRYPTED
        # The same open store now works on the encrypted file.
        assert [r["title"] for r in store.search("conversion")] == ["Kept through conversion"]
        store.create(meeting("Written after conversion"))
        assert app_lock.change_action.isEnabled()
    finally:
        store.close()
    with open_store(data_dir, passphrase=PASS) as s:
        assert s.count() == 2


def test_not_now_keeps_the_unencrypted_store(qtbot, data_dir):
    window, store = plain_window(qtbot, data_dir)
    try:
        app_lock = AppLock(window, store)
        qtbot.waitUntil(lambda: getattr(app_lock, "offer", None) is not None)
        app_lock.offer.later.click()
        assert store_state(data_dir) is StoreState.PLAIN
        assert store.count() == 1
    finally:
        store.close()


def test_unlock_refuses_a_wrong_passphrase_then_opens(qtbot, data_dir):
    open_store(data_dir, passphrase=PASS).close()
    seen = {}

    def act(d: UnlockDialog):
        type_into(d.field, "not the passphrase")
        d.ok.click()
        seen["message"] = d.message.text()
        seen["field"] = d.field.text()
        type_into(d.field, PASS)
        d.ok.click()

    when_modal(qtbot, UnlockDialog, act)
    store = open_store_interactively(data_dir)
    assert store is not None
    store.close()
    assert seen == {"message": "Wrong passphrase (1 wrong in a row).", "field": ""}


def test_unlock_counts_down_after_too_many_wrong_attempts(qtbot, data_dir):
    open_store(data_dir, passphrase=PASS).close()
    backoff = Backoff(data_dir)
    for _ in range(4):
        backoff.failed()
    dialog = UnlockDialog(data_dir, lambda p: None)
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    assert "Try again in" in dialog.message.text()
    dialog._countdown.stop()


@pytest.fixture
def locked_window(qtbot, data_dir, monkeypatch):
    store = open_store(data_dir, passphrase=PASS)
    window = QMainWindow()
    window.file_menu = window.menuBar().addMenu("&File")
    window.setWindowTitle("Meeting: Secret subject")
    qtbot.addWidget(window)
    window.show()
    app_lock = AppLock(window, store)
    yield window, app_lock, store
    store.close()


def test_lock_on_demand_covers_windows_and_needs_the_passphrase(qtbot, locked_window):
    window, app_lock, store = locked_window
    assert app_lock.lock_action in window.file_menu.actions()
    assert app_lock.lock_action.shortcut().toString() == "Ctrl+L"
    seen = {}

    def act(d: UnlockDialog):
        seen["covered"] = any(isinstance(c, Cover) and c.isVisible() for c in window.children())
        seen["title"] = window.windowTitle()
        d.reject()  # Esc does not unlock
        seen["still_locked"] = d.isVisible() and app_lock.locked
        type_into(d.field, "wrong passphrase here")
        d.ok.click()
        seen["wrong"] = d.message.text()
        type_into(d.field, PASS)
        d.ok.click()

    when_modal(qtbot, UnlockDialog, act)
    app_lock.lock_action.trigger()
    assert seen["covered"] and seen["still_locked"]
    assert "Secret" not in seen["title"]
    assert seen["wrong"].startswith("Wrong passphrase")
    assert not app_lock.locked
    assert window.windowTitle() == "Meeting: Secret subject"
    qtbot.waitUntil(lambda: not any(isinstance(c, Cover) for c in window.children()))
    assert store.audit_events()[0]["event"] == "unlock_failed"


def test_idle_time_locks_the_app(qtbot, locked_window, monkeypatch):
    window, app_lock, store = locked_window
    monkeypatch.setattr(lock_module, "MS_PER_MINUTE", 50)
    store.settings.lock_minutes = 1
    app_lock.restart()
    locked = []

    def act(d: UnlockDialog):
        locked.append(app_lock.locked)
        type_into(d.field, PASS)
        d.ok.click()

    when_modal(qtbot, UnlockDialog, act)
    qtbot.waitUntil(lambda: bool(locked), timeout=3000)
    assert locked == [True]
    store.settings.lock_minutes = 0  # 0: never lock on idle
    app_lock.restart()
    assert not app_lock.idle.isActive()
