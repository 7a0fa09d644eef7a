"""The first-start, unlock, lock, passphrase-change and About dialogs in Japanese (offscreen).

Each dialog is built as the app builds it after ``i18n.apply_language("ja")`` and driven like a
user would; the labels, buttons and messages a Japanese user reads are checked word for word.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QPushButton
from security_helpers import NEW, PASS

from fieldkit.about import about_info
from fieldkit.core.messages import Message
from fieldkit.core.opening import open_store
from fieldkit.core.security import Backoff
from fieldkit.core.security.errors import DamagedStore, StoreInUse
from fieldkit.ui import i18n
from fieldkit.ui.about import AboutDialog
from fieldkit.ui.lock import AppLock, ChangePassphraseDialog, Cover
from fieldkit.ui.unlock import ChoosePassphraseDialog, UnlockDialog, error_text

LATIN = re.compile(r"[A-Za-z]")


def latin_outside_quotes(text: str) -> list[str]:
    """Latin letters a Japanese user would see, ignoring 「quoted examples」 and FieldKit's name."""
    text = re.sub(r"「[^」]*」", "", text).replace("FieldKit", "")
    return LATIN.findall(text)


def test_first_start_dialog_in_japanese(qtbot, data_dir, japanese):
    d = ChoosePassphraseDialog(data_dir, convert=False)
    qtbot.addWidget(d)
    assert d.windowTitle() == "このパソコンのデータの保護"
    assert d.ok.text() == "暗号化"
    assert d.later.text() == "終了"
    assert d.chooser.first_label.text() == "パスフレーズ:"
    assert d.chooser.understood.text() == (
        "パスフレーズを忘れると誰もデータを復元できないことを理解しました。"
    )
    assert d.chooser.first.toggle.text() == "表示"
    d.chooser.first.toggle.click()
    assert d.chooser.first.toggle.text() == "非表示"
    assert (
        d.chooser.meter.label.text() == "互いに関係のない4つ以上の単語か、長い文を使ってください。"
    )

    d.chooser.first.edit.setText("kenya2026")
    d.chooser.second.edit.setText("kenya2027")
    meter = d.chooser.meter.label.text()
    assert (
        meter.startswith("強度: ") and "このパスフレーズは使用できません: 10文字未満です。" in meter
    )
    assert latin_outside_quotes(meter) == []
    assert d.chooser.match.text() == "入力した2つのパスフレーズが一致しません。"
    for weak in ("password1234", "abcdefghijklmnop", "Summer2026Summer2026", "qwertyuiopasdf"):
        d.chooser.first.edit.setText(weak)
        meter = d.chooser.meter.label.text()
        assert "使用できません" in meter and latin_outside_quotes(meter) == [], meter

    d.chooser.first.edit.setText(PASS)
    d.chooser.second.edit.setText(PASS)
    d.chooser.understood.setChecked(True)
    assert d.chooser.meter.label.text().startswith("強度: ")
    assert "推測による解読には" in d.chooser.meter.label.text()
    assert d.ok.isEnabled()
    texts = [w.text() for w in d.findChildren(QLabel) if w.text()]
    assert any(t.startswith("FieldKit は、このパソコンに保存するすべてのデータ") for t in texts)
    assert any(t.startswith("忘れたパスフレーズは復元できません。本省を含め") for t in texts)
    d.ok.click()  # creates the encrypted store; the progress step is shown in Japanese
    assert d.store is not None
    d.store.close()


def test_conversion_offer_in_japanese(qtbot, data_dir, japanese):
    d = ChoosePassphraseDialog(data_dir, convert=True)
    qtbot.addWidget(d)
    assert d.later.text() == "後で"
    d._report(Message("convert.checking_copy"))  # the core reports coded steps
    assert d.status.text() == "暗号化したコピーを確認しています…"
    d._report(Message("convert.encrypting_attachments", i=4, n=9))
    assert d.status.text() == "添付ファイルを暗号化しています（4/9）…"


def test_unlock_dialog_in_japanese(qtbot, data_dir, japanese):
    open_store(data_dir, passphrase=PASS).close()
    d = UnlockDialog(data_dir, lambda p: open_store(data_dir, passphrase=p, create=False))
    qtbot.addWidget(d)
    assert d.windowTitle() == "FieldKit のロック解除"
    assert d.ok.text() == "ロック解除"
    assert d.quit.text() == "終了"
    assert d.field.edit.accessibleName() == "パスフレーズ"
    d.ok.click()
    assert d.message.text() == "先にパスフレーズを入力してください。"
    d.field.edit.setText("not the passphrase")
    d.ok.click()
    assert d.message.text() == "パスフレーズが正しくありません（連続 1 回の誤り）。"
    d.field.edit.setText(PASS)
    d.ok.click()
    assert d.result_value is not None
    d.result_value.close()


def test_lock_screen_and_wait_in_japanese(qtbot, data_dir, japanese):
    open_store(data_dir, passphrase=PASS).close()
    backoff = Backoff(data_dir)
    for _ in range(5):
        backoff.failed()
    d = UnlockDialog(data_dir, lambda p: None, locked=True)
    qtbot.addWidget(d)
    d._countdown.stop()
    assert d.windowTitle() == "FieldKit はロックされています"
    assert d.quit.text() == "FieldKit を終了"
    assert not d.ok.isEnabled()
    assert re.fullmatch(
        r"誤ったパスフレーズの入力が続きました。\d+ 秒後にもう一度お試しください。",
        d.message.text(),
    )


def test_core_refusals_are_worded_in_japanese(japanese):
    damaged = error_text(DamagedStore("/x/fieldkit.db is damaged (short). It was left untouched."))
    assert damaged.startswith(
        "データファイルが破損しているか改変されているため、開くことができません。"
    )
    assert damaged.endswith("詳細: /x/fieldkit.db is damaged (short). It was left untouched.")
    assert error_text(StoreInUse("x")).startswith("データが別の FieldKit のウィンドウ")


def test_lock_menu_cover_and_change_passphrase_in_japanese(qtbot, data_dir, qapp):
    store = open_store(data_dir, passphrase=PASS)
    try:
        window = QMainWindow()
        window.file_menu = window.menuBar().addMenu("&File")
        qtbot.addWidget(window)
        window.show()
        app_lock = AppLock(window, store)
        assert app_lock.lock_action.text() == "Lock FieldKit"
        i18n.apply_language("ja")  # the menu follows a language switch at once
        QApplication.processEvents()
        assert app_lock.lock_action.text() == "FieldKit をロック"
        assert app_lock.change_action.text() == "パスフレーズの変更…"
        cover = Cover(window)
        assert [w.text() for w in cover.findChildren(QLabel)] == ["FieldKit はロックされています"]
        window.removeEventFilter(cover)
        cover.deleteLater()

        d = ChangePassphraseDialog(store, window)
        qtbot.addWidget(d)
        assert d.windowTitle() == "パスフレーズの変更"
        assert (d.ok.text(), d.cancel.text()) == ("変更", "キャンセル")
        assert d.chooser.first_label.text() == "新しいパスフレーズ:"
        d.chooser.first.edit.setText(NEW)
        d.chooser.second.edit.setText(NEW)
        d.chooser.understood.setChecked(True)
        d.current.edit.setText(NEW)
        d.ok.click()
        assert d.message.text() == "新しいパスフレーズが現在のパスフレーズと同じです。"
        d.current.edit.setText("not the current one")
        d.ok.click()
        assert d.message.text() == (
            "現在のパスフレーズが正しくありません。何も変更していません（連続 1 回の誤り）。"
        )
        i18n.apply_language("en")
        QApplication.processEvents()
        assert app_lock.lock_action.text() == "Lock FieldKit"
    finally:
        i18n.apply_language("en")
        store.close()


def test_about_dialog_in_japanese(qtbot, tmp_path, japanese):
    info = about_info(tmp_path)
    d = AboutDialog(info)
    qtbot.addWidget(d)
    assert d.windowTitle() == "FieldKit について"
    assert d.tabs.tabText(0) == f"ライブラリ（{len(info.libraries)}）"
    assert d.tabs.tabText(1) == f"フォント（{len(info.fonts)}）"
    assert d.close_button.text() == "閉じる"
    header = d.libraries.table.headerItem()
    assert [header.text(i) for i in range(3)] == ["名称", "バージョン", "ライセンス"]
    labels = [w.text() for w in d.findChildren(QLabel)]
    assert "データフォルダー:" in labels
    assert "協力に関する面談、案件視察、フォローアップをオフラインで記録します。" in labels
    buttons = sorted(b.text() for b in d.findChildren(QPushButton))
    assert buttons == sorted(["フォルダーを開く", "詳細をコピー", "閉じる"])
    assert "ライセンス: " in d.libraries.text.toPlainText()
