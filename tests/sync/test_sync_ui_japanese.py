"""The Sync page and the conflicts screen in Japanese (resources/messages/ja.po), offscreen, against a real HQ.

The page is driven as a Japanese user drives it: not enrolled, enrolling (a wrong code, then the
right one), enrolled, a sync, a change HQ refused, HQ unreachable, and the conflicts screen with a
conflict hit here and one hit by another laptop. The texts are checked word for word. Errors and
refusal reasons come from sync/ and HQ as coded messages (fieldkit.core.messages), rendered from
the Japanese catalogue; tests/test_messages.py checks every code has its Japanese.
The catalogue must hold every text pyside6-lupdate finds in the two modules today, finished and
keeping its placeholders, and Qt must answer as the catalogue says. The grabs of the
Japanese widgets are checked for cut text.

Set FIELDKIT_SCREENSHOTS to a folder to keep the grabs.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from hqserver import Laptop  # noqa: E402
from PySide6.QtGui import QFontMetrics, QTextLayout, QTextOption  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStyle,
    QWidget,
)
from translation_helpers import (  # noqa: E402
    lupdate,
    messages,
    placeholder_mismatches,
    translator_mismatches,
    untranslated,
)

from fieldkit.core.messages import Message, stored  # noqa: E402
from fieldkit.core.models import Meeting, Project  # noqa: E402
from fieldkit.core.store import Store  # noqa: E402
from fieldkit.ui import i18n, ops  # noqa: E402
from fieldkit.ui.conflicts import ConflictsDialog  # noqa: E402
from fieldkit.ui.sync_page import SyncPage, kind_name, message_text  # noqa: E402
from sync.client import SyncError  # noqa: E402
from sync.state import SyncState  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
MODULES = ("fieldkit/ui/sync_page.py", "fieldkit/ui/conflicts.py")
CONTEXTS = {"SyncPage", "ConflictView", "ConflictsDialog"}
PLACEHOLDER = re.compile(r"%\d|\{[a-z_]+\}")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
CELL_PADDING = 3  # what the style leaves either side of a cell's text (Fusion: 3 px)
SIZE = (900, 640)  # the Sync page as the main window shows it on a small laptop screen

REGISTRY_REFUSAL_JA = (
    "登録簿の案件のため、変更できるのは本省のみです。本省の版を保持し、この端末での変更を"
    "ここに表示しています"
)


@pytest.fixture
def use_store():
    holder: dict[str, Store] = {}
    errors: list[BaseException] = []
    ops.configure(lambda: holder["store"], lambda parent, exc, details: errors.append(exc))
    yield holder, errors
    ops.wait_all()


def save_grab(widget: QWidget, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("FIELDKIT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / name
    assert widget.grab().save(str(png))
    assert png.stat().st_size > 0
    return png


def cut_texts(root: QWidget) -> list[tuple[str, str]]:
    """Visible texts that do not fit the room their widget has (labels, buttons, group titles,
    header sections, tree and table cells)."""
    cut = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) or w.width() <= 0:
            continue
        if isinstance(w, QLabel) and w.text():
            if w.wordWrap():
                if w.heightForWidth(w.contentsRect().width()) > w.height():
                    cut.append(("label", w.text()))
            elif w.fontMetrics().horizontalAdvance(w.text()) > w.contentsRect().width():
                cut.append(("label", w.text()))
        elif isinstance(w, QAbstractButton) and w.text():
            if w.width() < w.sizeHint().width():
                cut.append(("button", w.text()))
        elif isinstance(w, QGroupBox) and w.title():
            if w.fontMetrics().horizontalAdvance(w.title()) + 16 > w.width():
                cut.append(("group", w.title()))
        elif isinstance(w, QHeaderView) and w.orientation().name == "Horizontal":
            model = w.model()
            for section in range(w.count()):
                if w.isSectionHidden(section):
                    continue
                text = str(model.headerData(section, w.orientation()) or "")
                margin = w.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
                need = w.fontMetrics().horizontalAdvance(text) + 2 * margin
                if text and need > w.sectionSize(section):
                    cut.append(("header", text))
    return cut


def text_height(text: str, font, width: int) -> float | None:
    """The height of ``text`` wrapped to ``width`` as Qt's item painter lays it out (its
    fallback fonts included, which QFontMetrics leaves out); None if a word is wider."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    height = widest = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        height += line.height()
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return None if widest > width else height


def cut_cells(view) -> list[str]:
    """Cells of a tree or table whose text does not fit (wrapped where the view wraps, on one
    line where it does not; the painter elides a text whose lines fill the cell exactly)."""
    cut = []
    model = view.model()
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            text = str(model.data(index) or "")
            if not text:
                continue
            room = view.visualRect(index)
            width = room.width() - 2 * CELL_PADDING
            if view.wordWrap():
                height = text_height(text, view.font(), width)
                if height is None or height >= room.height():
                    cut.append(text)
            elif QFontMetrics(view.font()).horizontalAdvance(text) > width:
                cut.append(text)
    return cut


def form_labels(layout: QFormLayout) -> list[str]:
    found = []
    for row in range(layout.rowCount()):
        item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and isinstance(item.widget(), QLabel) and item.widget().text():
            found.append(item.widget().text())
    return found


def show_page(qtbot) -> SyncPage:
    page = SyncPage()
    qtbot.addWidget(page)
    page.resize(*SIZE)
    page.show()
    return page


# ---- the Sync page in Japanese --------------------------------------------------------------------


def test_not_enrolled_enrol_and_sync_in_japanese(qtbot, japanese, hq, tmp_path, use_store):
    holder, errors = use_store
    store = holder["store"] = Store.open(tmp_path / "lap")
    store.create(Meeting(subject="GX対話", date=date(2026, 3, 2), country="KE"))
    page = show_page(qtbot)
    qtbot.waitUntil(lambda: page.server_label.text() != "")
    assert page.server_label.text() == "まだ登録されていません。下のフォームに入力してください。"
    assert page.sync_button.text() == "今すぐ同期" and not page.sync_button.isEnabled()
    assert page.auto_check.text() == "自動同期：" and page.minutes.suffix() == " 分ごと"
    titles = {box.title(): box for box in page.findChildren(QGroupBox)}
    state_box = titles["本省との同期"]
    assert form_labels(state_box.layout()) == [
        "サーバー：",
        "最終同期：",
        "未送信の変更：",
        "本省で未受理：",
        "競合：",
    ]
    assert page.last_label.text() == "未実施"
    assert page.pending_label.text() == "変更された記録 1件"
    assert page.conflicts_label.text() == "なし"
    assert page.enrol_box.title() == "この端末を登録"
    assert form_labels(page.enrol_box.layout()) == [
        "本省サーバーのアドレス：",
        "登録コード：",
        "この端末の名前：",
    ]
    assert page.name_edit.placeholderText() == "このパソコンの名前"
    assert page.enrol_button.text() == "登録"
    assert page.enrol_message.text() == (
        "本省IT担当に、貴館用の登録コード（1回限り有効）を依頼してください。"
    )
    QApplication.processEvents()
    save_grab(page, tmp_path, "sync_page_not_enrolled_ja.png")
    assert cut_texts(page) == []

    page.enrol_button.click()  # nothing filled in
    assert (
        page.enrol_message.text() == "本省サーバーのアドレスと登録コードの両方を入力してください。"
    )
    page.server_edit.setText(hq.url)
    page.code_edit.setText("WRONG-CODE-0000")
    page.enrol_button.click()
    qtbot.waitUntil(lambda: page.enrol_button.isEnabled(), timeout=10_000)
    assert page.enrol_message.text() == (
        "本省が登録を受け付けませんでした：登録コードが正しくありません。確認するか、"
        "本省IT担当に新しいコードを依頼してください"
    )

    page.code_edit.setText(hq.enrol_code("KE", "ナイロビ1号機"))
    page.enrol_button.click()
    qtbot.waitUntil(lambda: page.result_label.text().startswith("大使館 KE の端末として登録"),
                    timeout=10_000)  # fmt: skip
    enrolled = page.result_label.text()
    where = enrolled.removeprefix("大使館 KE の端末として登録しました。")
    assert where.startswith(
        ("端末の認証情報はシステムのキーリング", "このパソコンにはシステムのキーリング")
    )
    assert where.endswith("。") and "credential" not in where
    qtbot.waitUntil(lambda: page.sync_button.isEnabled())
    assert page.server_label.text() == (
        f"{hq.url} — 大使館：KE、この端末：「ナイロビ1号機」\n扱える秘密区分：秘まで"
    )
    assert not page.enrol_box.isVisible()
    assert page.enrol_again.text() == "再登録…"
    page.enrol_again.click()
    assert page.enrol_box.title() == "この端末を再登録"

    page.sync_button.click()
    qtbot.waitUntil(lambda: "件を送信" in page.result_label.text(), timeout=15_000)
    assert re.fullmatch(r"1件を送信、0件を受信しました（\d+\.\d秒）。", page.result_label.text())
    qtbot.waitUntil(lambda: page.pending_label.text() == "なし")
    assert re.fullmatch(r"\d{4}/\d\d/\d\d \d\d:\d\d", page.last_label.text())
    assert page.error_label.text() == ""
    QApplication.processEvents()
    save_grab(page, tmp_path, "sync_page_enrolled_ja.png")
    assert cut_texts(page) == []
    assert errors == []
    store.close()


def test_a_refused_change_is_explained_in_japanese(qtbot, japanese, hq, tmp_path, use_store,
                                                   monkeypatch):  # fmt: skip
    holder, errors = use_store
    regional = Project(title="東アフリカ地域プログラム")
    hq.store.import_registry([regional.model_dump(mode="json")])  # only HQ changes it
    lap = Laptop(hq, tmp_path / "lap", "KE", "x")
    holder["store"] = lap.store
    lap.sync()
    lap.store.update(regional.id, {"notes": "現地でのメモ"})
    page = show_page(qtbot)
    qtbot.waitUntil(lambda: page.sync_button.isEnabled())
    page.sync_button.click()
    qtbot.waitUntil(lambda: "件を送信" in page.result_label.text(), timeout=15_000)
    assert re.fullmatch(
        r"\d+件を送信、\d+件を受信しました（\d+\.\d秒）。本省に受理されなかった変更：1件（下記参照）。",
        page.result_label.text(),
    )
    qtbot.waitUntil(lambda: page.rejected.topLevelItemCount() == 1)
    assert (
        page.rejected_box.title()
        == "本省に受理されなかった変更（修正して再送するか、破棄するまで未登録）"
    )
    header = page.rejected.headerItem()
    assert [header.text(c) for c in range(3)] == ["記録", "種類", "受理されなかった理由"]
    item = page.rejected.topLevelItem(0)
    assert [item.text(c) for c in range(3)] == [regional.title, "案件", REGISTRY_REFUSAL_JA]
    assert item.toolTip(2) == REGISTRY_REFUSAL_JA
    assert page.dismiss_button.text() == "選択した変更を破棄…"
    QApplication.processEvents()
    save_grab(page, tmp_path, "sync_page_refused_ja.png")
    assert cut_texts(page) == []
    assert cut_cells(page.rejected) == []

    item.setSelected(True)
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No
    )
    page.dismiss_button.click()
    (_parent, title, text), = asked  # fmt: skip
    assert title == "受理されなかった変更の破棄"
    assert text == (
        "本省に受理されなかった変更1件を破棄しますか？各記録は本省の版に戻ります。"
        "本省が一度も受理していない記録はこの端末から削除されます。この操作は監査ログに記録されます。"
    )
    assert SyncState(lap.store).rejected() != []
    assert errors == []
    lap.close()


def test_sync_errors_are_said_in_japanese(qtbot, japanese, hq, tmp_path, use_store):
    holder, errors = use_store
    lap = Laptop(hq, tmp_path / "lap", "KE", "x")
    holder["store"] = lap.store
    hq.store.revoke(lap.device_id)
    page = show_page(qtbot)
    qtbot.waitUntil(lambda: page.sync_button.isEnabled())
    page.sync_now()
    revoked = (
        "本省がこの端末を受け付けませんでした：この端末のアクセス権は本省により取り消されました。"
        "本省IT担当に再登録を依頼してください"
    )
    qtbot.waitUntil(lambda: page.error_label.text() == revoked, timeout=15_000)
    # The next time the page opens, it says the last sync did not finish, and why.
    later = show_page(qtbot)
    qtbot.waitUntil(lambda: later.error_label.text() != "")
    assert later.error_label.text() == f"前回の同期は完了しませんでした：{revoked}"
    QApplication.processEvents()
    save_grab(later, tmp_path, "sync_page_error_ja.png")
    assert cut_texts(later) == []

    # Automatic sync while HQ is away: a quiet note, not an error.
    hq.stop()
    later.error_label.clear()
    later.sync_now(auto=True)
    qtbot.waitUntil(lambda: not later._running, timeout=20_000)
    assert later.phase_label.text() == "本省に接続できません。5分後に再試行します。"
    assert later.error_label.text() == ""
    assert errors == []
    lap.close()


def test_progress_phases_are_in_japanese(qtbot, japanese, use_store, tmp_path):
    holder, _errors = use_store
    holder["store"] = Store.open(tmp_path / "lap")
    page = show_page(qtbot)
    shown = []
    for phase in ("push", "pull", "files up", "files down"):
        page._on_progress(2, 5, phase)
        shown.append(page.phase_label.text())
    assert shown == ["変更を送信中 (2/5)", "変更を受信中 (2/5)", "写真を送信中 (2/5)",
                     "写真を受信中 (2/5)"]  # fmt: skip
    ops.wait_all()
    holder["store"].close()


# ---- the conflicts screen in Japanese ------------------------------------------------------------


def test_the_conflicts_screen_in_japanese(qtbot, japanese, hq, tmp_path, use_store):
    holder, errors = use_store
    a, b, c = (Laptop(hq, tmp_path / n, "KE", f"ナイロビ{n}") for n in "abc")
    m = a.store.create(Meeting(subject="s", date=date(2026, 3, 2), country="KE"))
    for lap in (a, b, c):
        lap.sync()
    a.store.update(m.id, {"subject": "Aの件名", "place": "Aの場所"})
    b.store.update(m.id, {"subject": "Bの件名", "place": "Bの場所"})
    a.sync(), b.sync(), c.sync()

    holder["store"] = b.store  # the laptop that hit the conflict
    dialog = ConflictsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.list.count() == 1)
    view = dialog.view
    assert dialog.windowTitle() == "同期の競合"
    assert dialog.list.item(0).text() == "面談：Aの件名"
    headers = [view.table.horizontalHeaderItem(i).text() for i in range(4)]
    assert headers == ["項目", "自分の版（この端末）", "本省の版", "採用"]
    assert view.heading.text() == (
        "面談「Aの件名」：この端末と他の場所の両方で変更されました。どちらを採用するか選んでください。"
    )
    assert [view.table.item(r, 0).text() for r in range(2)] == ["場所", "件名"]
    assert [view.table.item(r, 1).text() for r in range(2)] == ["Bの場所", "Bの件名"]
    assert [view.table.item(r, 2).text() for r in range(2)] == ["Aの場所", "Aの件名"]
    radios = [btn.text() for btn in view.groups["subject"].buttons()]
    assert radios == ["自分の版", "本省の版"]
    assert [w.text() for w in (dialog.all_mine, dialog.all_theirs, dialog.apply)] == [
        "すべて自分の版を採用",
        "すべて本省の版を採用",
        "解決",
    ]
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "閉じる"  # Qt's own catalogue, loaded with ours
    QApplication.processEvents()
    save_grab(dialog, tmp_path, "conflicts_ja.png")
    assert cut_texts(dialog) == []
    assert cut_cells(view.table) == []
    for group in view.groups.values():  # both choices readable in their cell
        for button in group.buttons():
            assert button.width() >= button.sizeHint().width(), button.text()
    view.choose_all(True)
    dialog.apply.click()
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=10_000)
    assert dialog.status.text() == "競合はありません。すべて解決済みです。"
    assert view.heading.text() == "競合が選択されていません。"
    dialog.close()

    # Another laptop of the embassy sees the same conflict, named after the laptop that hit it.
    holder["store"] = c.store
    other = ConflictsDialog()
    qtbot.addWidget(other)
    other.show()
    qtbot.waitUntil(lambda: other.list.count() == 1)
    assert other.view.table.horizontalHeaderItem(1).text() == "自分の版（「ナイロビb」から送信）"
    assert other.view.heading.text() == (
        "面談「Aの件名」：端末「ナイロビb」と他の場所の両方で変更されました。"
        "どちらを採用するか選んでください。"
    )
    QApplication.processEvents()
    save_grab(other, tmp_path, "conflicts_elsewhere_ja.png")
    assert cut_texts(other) == []
    assert errors == []
    for lap in (a, b, c):
        lap.close()


def test_a_deletion_conflict_in_japanese(qtbot, japanese):
    from fieldkit.ui.conflicts import ConflictView

    view = ConflictView()
    qtbot.addWidget(view)
    record = {"id": "r1", "kind": "project", "title": "橋梁改修"}
    view.set_conflict(
        {"id": "c1", "kind": "project", "fields": ["deleted"], "device": "",
         "mine": {**record, "deleted_at": "2026-03-02T00:00:00+00:00"}, "theirs": record}
    )  # fmt: skip
    assert view.heading.text().startswith("案件「橋梁改修」：")
    row = [view.table.item(0, c).text() for c in range(3)]
    assert row == ["削除", "削除済み", "削除せず編集"]


# ---- messages from sync/ --------------------------------------------------------------------------


def _stopped(n: int) -> Message:
    return Message("sync.stopped", why=Message("sync.unreachable"), n=n)


@pytest.mark.parametrize(
    ("message", "english", "japanese_text"),
    [
        (
            _stopped(5),
            "sync stopped: no connection (the server is unreachable or not running) (tried 5 "
            "times); what was sent is kept, the next sync goes on from there",
            "同期が中断しました：接続できません（サーバーに到達できないか、サーバーが起動していません）"
            "（5回試行）。送信済みの分は保持され、次回の同期はその続きから行います",
        ),
        (
            Message(
                "sync.cannot_reach",
                server="https://hq.example.go.jp:8443",
                why=Message("sync.timed_out"),
            ),
            "cannot reach HQ at https://hq.example.go.jp:8443: the connection timed out",
            "本省のサーバー https://hq.example.go.jp:8443 に接続できません：接続がタイムアウトしました",
        ),
        (
            Message("sync.hq_problem", why=Message("hq.internal_error"), n=5),
            "HQ has a problem: HQ hit an internal error; the request was not applied (tried 5 "
            "times); try again later",
            "本省のサーバーに問題があります：本省のサーバーで内部エラーが発生しました。要求は適用されて"
            "いません（5回試行）。しばらくしてから再度お試しください",
        ),
        (
            Message(
                "hq.refused_kind",
                id="0b7c",
                kind=Message("kind.project"),
                kind_mine=Message("kind.meeting"),
            ),
            "record 0b7c is a project on HQ, not a meeting",
            "記録 0b7c は本省では面談ではなく案件です",
        ),
        (
            Message("sync.bad_server_address", url="'hq.example'"),
            "server address must start with https:// or http:// (got 'hq.example')",
            "サーバーのアドレスは https:// または http:// で始めてください（入力：'hq.example'）",
        ),
        (
            Message("hq.too_old", version=1, needed=2),
            "this FieldKit is too old for HQ (sync protocol 1, HQ needs 2 or newer): update "
            "FieldKit, then sync again",
            "このFieldKitは古いため本省と同期できません（同期プロトコル1、本省は2以上が必要）。"
            "FieldKitを更新してから、もう一度同期してください",
        ),
        # A detail HQ did not code stays as written, inside the Japanese frame.
        (
            Message("sync.request_refused", why="not a sha256 in the address"),
            "HQ refused the request: not a sha256 in the address",
            "本省が要求を受け付けませんでした：not a sha256 in the address",
        ),
    ],
)
def test_coded_messages_are_shown_in_the_users_language(japanese, message, english, japanese_text):
    assert message == english  # the English is the message itself (logs, CLI, JSON)
    assert message_text(message) == japanese_text
    assert message_text(SyncError(message)) == japanese_text
    # kept in the sync state (last error, refused changes) and shown later, still coded
    assert message_text(stored(message)) == japanese_text
    i18n.apply_language("en")
    assert message_text(message) == english


def test_plain_texts_stay_as_sync_wrote_them(japanese):
    text = "invalid record 0b7c: subject: String should have at least 1 character"
    assert message_text(text) == text


def test_english_messages_are_unchanged(qapp):
    i18n.apply_language("en")
    revoked = Message("sync.laptop_refused", why=Message("hq.device_revoked"))
    assert message_text(revoked) == "HQ refused this laptop: this device was revoked by HQ"
    assert message_text(Message("hq.refused_gone", id="0b7c")) == "record 0b7c is no longer on HQ"
    assert kind_name("followup") == "Follow-up"


def test_hq_sends_its_refusals_coded_beside_the_text_for_older_laptops(hq):
    """What goes over the wire: the English sentence (laptops before coded messages) and the
    code with its parameters, which this laptop shows in its user's language."""
    import httpx

    answer = httpx.post(
        f"{hq.url}/v1/enroll",
        content=b'{"code": "WRONG-CODE-0000", "device_name": "x"}',
        headers={"X-FieldKit-Protocol": "99", "Content-Type": "application/json"},
    )
    body = answer.json()
    assert answer.status_code == 403
    assert body["error"] == "unknown enrolment code; check it or ask HQ IT for a new one"
    assert body["message"] == {"code": "hq.enrol_code_unknown", "params": {}}
    assert Message.from_dict(body["message"]).render("ja") == (
        "登録コードが正しくありません。確認するか、本省IT担当に新しいコードを依頼してください"
    )


# ---- the catalogue covers the two modules --------------------------------------------------------


@pytest.fixture(scope="module")
def collected() -> dict[tuple[str, str], object]:
    return lupdate(list(MODULES))


def test_the_japanese_interface_asks_the_catalogue(japanese):
    assert translator_mismatches(CONTEXTS) == []
    assert i18n.tr("SyncPage", "Sync now") == "今すぐ同期"


def test_every_source_string_has_a_finished_japanese_translation(collected):
    committed = messages(CONTEXTS)
    assert {context for context, _ in collected} == CONTEXTS
    assert len(collected) >= 70  # the modules really were read (sync's own words: coded)
    assert untranslated(collected, committed) == [], (
        "run `uv run python tools/update_translations.py` and translate"
    )


def test_translations_keep_their_placeholders():
    assert placeholder_mismatches(CONTEXTS, PLACEHOLDER) == []
    for (context, source), entry in messages(CONTEXTS).items():
        if re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", source)):  # words, not only "%1: %2"
            assert JAPANESE.search(entry.translations[0]), (context, source)
