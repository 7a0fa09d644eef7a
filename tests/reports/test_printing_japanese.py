"""The print preview and the report dialogs in Japanese (resources/messages/ja.po).

A string added to printing.py (or print_preview.py, report_dialogs.py) without a Japanese translation fails here: the catalogue must hold
every text pyside6-lupdate finds in the module today, each finished, keeping its {placeholders}
and its &mnemonic, and Qt must give the catalogue's answers. Text shown
without going through tr() at all is caught by reading the module's source.

Set FIELDKIT_SCREENSHOTS to a folder to keep the grabs of the Japanese windows.
"""

from __future__ import annotations

import ast
import os
import re
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import QDate, Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QWidget,
)
from translation_helpers import (  # noqa: E402
    lupdate,
    messages,
    placeholder_mismatches,
    translator_mismatches,
    untranslated,
)

from fieldkit.core.models import Meeting  # noqa: E402
from fieldkit.ui import i18n, ops, printing  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# printing.py and the two modules it was split into (the preview window, the report dialogs)
MODULES = [
    ROOT / "fieldkit" / "ui" / f"{name}.py"
    for name in ("printing", "print_preview", "report_dialogs")
]
MNEMONIC = re.compile(r"&([A-Za-z])")


# ---- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def ui_store(store, qtbot):
    errors = []
    ops.configure(lambda: store, lambda parent, exc, details: errors.append(details))
    yield store
    ops.wait_all()
    for w in list(printing._open_windows):
        w.close()
    assert errors == []


def _window(qtbot, report: str) -> printing.PreviewWindow:
    qtbot.waitUntil(
        lambda: any(w.rendered.report == report for w in printing._open_windows), timeout=15_000
    )
    window = next(w for w in printing._open_windows if w.rendered.report == report)
    qtbot.addWidget(window)
    return window


def clipped(top: QWidget) -> list[str]:
    """Visible labels, buttons, boxes and lists narrower than their text needs."""
    found = []
    for w in [top, *top.findChildren(QWidget)]:
        if not w.isVisible() or not isinstance(w, (QLabel, QAbstractButton, QComboBox, QGroupBox)):
            continue
        if isinstance(w, QLabel) and w.wordWrap():
            continue
        if isinstance(w, (QLabel, QAbstractButton)) and not w.text():
            continue  # Qt's own icon buttons (a line edit's clear button)
        if isinstance(w, QGroupBox):
            # The title is drawn in the frame: the box must be wide enough for it.
            need = w.fontMetrics().horizontalAdvance(w.title()) + 16
        else:
            need = w.minimumSizeHint().width()
            if isinstance(w, (QLabel, QAbstractButton)):
                need = max(need, w.sizeHint().width())
        if w.width() < need:
            text = w.title() if isinstance(w, QGroupBox) else getattr(w, "text", lambda: "")()
            found.append(f"{type(w).__name__} {text!r}: {w.width()} < {need}")
    return found


def grab(widget: QWidget, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("FIELDKIT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{name}.png"
    assert widget.grab().save(str(out))
    return out


def shown(qtbot, widget: QWidget, *, fit: bool = True) -> None:
    widget.show()
    qtbot.waitExposed(widget)
    if fit:  # a dialog at the size its layout asks for
        widget.adjustSize()
    qtbot.wait(50)


# ---- what a Japanese user sees -------------------------------------------------------------------


def test_preview_window_in_japanese(ui_store, full_meeting, qtbot, japanese, tmp_path):
    printing.preview_record(None, full_meeting.id)
    window = _window(qtbot, "meeting")
    assert window.windowTitle() == "印刷プレビュー — GX dialogue on geothermal power"
    assert window.print_action.text() == "印刷…"
    assert window.export_action.text() == "PDFで書き出す…"
    assert window.fit_action.text() == "幅に合わせる"
    assert window.whole_action.text() == "ページ全体を表示"
    assert window.toolbar.windowTitle() == "レポート"
    pages = window.rendered.pages
    assert window.status_label.text() == f"{pages}ページ・秘"  # CONFIDENTIAL in Japanese
    # The suggested file name stays ASCII for its fixed parts, whatever the language.
    assert window.rendered.filename.startswith("meeting-2026-03-02-")
    shown(qtbot, window, fit=False)
    assert clipped(window) == []
    grab(window, "preview_ja", tmp_path)


def test_preview_window_follows_a_language_switch(ui_store, full_meeting, qtbot, japanese):
    i18n.apply_language("en")
    printing.preview_record(None, full_meeting.id)
    window = _window(qtbot, "meeting")
    assert window.print_action.text() == "Print…"
    assert "CONFIDENTIAL" in window.status_label.text()
    i18n.apply_language("ja")
    qtbot.waitUntil(lambda: window.print_action.text() == "印刷…", timeout=5_000)
    assert window.status_label.text().endswith("・秘")


def test_digest_dialog_in_japanese(ui_store, qtbot, japanese, tmp_path):
    ui_store.create(Meeting(subject="Critical minerals talks", date=date(2026, 3, 1),
                            country="TZ", policy_fields=["critical_minerals"]))  # fmt: skip
    dialog = printing.digest_dialog(None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "期間ダイジェスト"
    assert dialog.period_label.text() == "対象期間(&P)"
    assert dialog.period_to.text() == "～"
    assert dialog.summit_label.text() == "首脳会議・フォーラム(&S)"
    assert dialog.summit.itemText(0) == "指定なし"
    assert "第9回アフリカ開発会議（TICAD 9）" in [
        dialog.summit.itemText(i) for i in range(dialog.summit.count())
    ]
    assert dialog.fields_box.title() == "重点分野（未選択の場合は全分野）"
    assert dialog.fields["critical_minerals"].text() == "重要鉱物"
    assert dialog.countries_box.title() == "対象国（未選択の場合は全ての国）"
    assert dialog.country_filter.placeholderText() == "国名または国コードで検索"
    assert dialog.preview_button.text() == "プレビュー"
    assert dialog.cancel_button.text() == "キャンセル"
    assert dialog.date_from.displayFormat() == "yyyy/MM/dd"
    names = [dialog.countries.item(i).text() for i in range(dialog.countries.count())]
    assert "ケニア（KE）" in names
    # Kana order, not the English names' order: アフガニスタン comes before ケニア.
    assert names.index("アフガニスタン（AF）") < names.index("ケニア（KE）")

    shown(qtbot, dialog)
    assert clipped(dialog) == []
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= max(screen.width(), 1280) and dialog.height() <= 768
    grab(dialog, "digest_ja", tmp_path)

    # The Japanese list finds a country by its Japanese name, its English name or its code.
    for typed, code in (("ケニア", "KE"), ("Kenya", "KE"), ("tanz", "TZ")):
        dialog.country_filter.setText(typed)
        visible = [dialog.countries.item(i) for i in range(dialog.countries.count())
                   if not dialog.countries.item(i).isHidden()]  # fmt: skip
        assert [i.data(Qt.ItemDataRole.UserRole) for i in visible] == [code], typed
    dialog.country_filter.clear()

    dialog.date_from.setDate(QDate(2026, 5, 1))
    dialog.date_to.setDate(QDate(2026, 1, 1))
    assert dialog.preview() is None
    assert dialog.error.text() == (
        "対象期間の開始日（2026/05/01）が終了日（2026/01/01）より後になっています。"
    )
    shown(qtbot, dialog)
    assert clipped(dialog) == []
    grab(dialog, "digest_ja_error", tmp_path)

    dialog.date_from.setDate(QDate(2026, 1, 1))
    dialog.date_to.setDate(QDate(2026, 12, 31))
    dialog.fields["critical_minerals"].setChecked(True)
    dialog.preview()
    window = _window(qtbot, "digest")
    assert window.rendered.title == "期間ダイジェスト（2026年1月1日～2026年12月31日）"
    assert window.windowTitle() == f"印刷プレビュー — {window.rendered.title}"
    assert window.rendered.filename == "digest-2026-01-01-2026-12-31.pdf"


def test_digest_dialog_retranslates_and_keeps_the_ticks(ui_store, qtbot, japanese):
    i18n.apply_language("en")
    dialog = printing.digest_dialog(None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Period digest"
    assert dialog.fields["digital"].text() == "Digital"
    kenya = next(dialog.countries.item(i) for i in range(dialog.countries.count())
                 if dialog.countries.item(i).data(Qt.ItemDataRole.UserRole) == "KE")  # fmt: skip
    kenya.setCheckState(Qt.CheckState.Checked)
    dialog.country_filter.setText("ken")
    i18n.apply_language("ja")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "期間ダイジェスト", timeout=5_000)
    assert dialog.fields["digital"].text() == "デジタル"
    assert dialog.checked_countries() == ("KE",)
    visible = [dialog.countries.item(i).text() for i in range(dialog.countries.count())
               if not dialog.countries.item(i).isHidden()]  # fmt: skip
    assert visible == ["ケニア（KE）"]


@pytest.mark.parametrize(
    ("name", "title"), [("followups", "フォローアップ事項一覧"), ("projects", "案件進捗状況一覧")]
)
def test_list_report_dialogs_in_japanese(
    ui_store, full_meeting, qtbot, japanese, tmp_path, name, title
):
    dialog = printing.report_dialog(None, name)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == title
    assert dialog.country_label.text() == "対象国(&C)"
    assert dialog.country.placeholderText() == "全ての国（または KE, TZ などの国コード）"
    assert dialog.preview_button.text() == "プレビュー"
    assert dialog.cancel_button.text() == "キャンセル"
    if name == "followups":
        assert dialog.owner_label.text() == "担当者(&O)"
        assert dialog.owner.placeholderText() == "全担当者"
    dialog.country.setText("ke、XX")
    assert dialog.preview() is None
    assert dialog.error.text() == (
        "国コード「XX」は存在しません（KE などの ISO 国コードを入力してください）。"
    )
    shown(qtbot, dialog)
    assert clipped(dialog) == []
    for edit in (dialog.country, dialog.owner):
        if edit.isVisible():  # the hint is read in full, not cut at the field's edge
            hint = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
            assert edit.width() > hint
    grab(dialog, f"{name}_ja", tmp_path)

    dialog.country.setText("KE")
    dialog.preview()
    window = _window(qtbot, name)
    assert window.rendered.title == title
    assert window.windowTitle() == f"印刷プレビュー — {title}"
    assert re.fullmatch(rf"{name}-\d{{4}}-\d\d-\d\d\.pdf", window.rendered.filename)


def test_a_record_that_cannot_be_printed_is_refused_in_japanese(store, japanese):
    from fieldkit.core.errors import FieldKitError
    from fieldkit.core.models import Organisation

    # A project prints as its monitoring file (#15); an organisation has nothing to print.
    org = store.create(Organisation(name="Kenya Power", country="KE"))
    with pytest.raises(FieldKitError) as refused:
        printing._record_title(store, org.id)
    assert str(refused.value) == (
        "この記録（組織）は印刷できません。"
        "印刷できるのは面談記録、視察報告及び案件モニタリング・ファイルのみです。"
    )


# ---- the catalogue covers the module ---------------------------------------------------------------


@pytest.fixture(scope="module")
def collected() -> dict[tuple[str, str], object]:
    """What pyside6-lupdate finds in the printing modules today."""
    return lupdate([str(m.relative_to(ROOT)) for m in MODULES])


def test_the_japanese_interface_asks_the_catalogue(qapp, collected):
    assert translator_mismatches({context for context, _ in collected}) == []


def test_every_source_string_has_a_finished_japanese_translation(collected):
    contexts = {context for context, _ in collected}
    committed = messages(contexts)
    assert {"PreviewWindow", "DigestDialog", "ListReportDialog", "Printing"} <= contexts
    assert len(collected) >= 40  # the module really was read
    assert untranslated(collected, committed) == [], (
        "run `uv run python tools/update_translations.py` and translate these"
    )


def test_translations_keep_placeholders_and_mnemonics(collected):
    contexts = {context for context, _ in collected}
    assert placeholder_mismatches(contexts) == []
    for (context, source), entry in messages(contexts).items():
        translation = entry.translations[0]
        keys = [k.upper() for k in MNEMONIC.findall(source)]
        assert [k.upper() for k in MNEMONIC.findall(translation)] == keys, (context, source)
        if "(*.pdf)" in source:
            assert "(*.pdf)" in translation  # the file dialog reads the pattern from it


# Qt calls that put their text arguments on screen.
SHOWN = {
    "setText", "setWindowTitle", "setTitle", "setPlaceholderText", "setToolTip", "addRow",
    "addItem", "addButton", "showMessage", "warning", "information", "critical", "question",
    "getSaveFileName", "setAccessibleName", "setItemText", "QLabel", "QAction", "QCheckBox",
    "QGroupBox", "QPushButton", "QToolBar", "QListWidgetItem", "FieldKitError",
}  # fmt: skip


def _literal_words(node: ast.AST) -> bool:
    """A text written into the call itself (a literal with letters, or an f-string)."""
    if isinstance(node, ast.JoinedStr):
        return True
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and bool(re.search(r"[A-Za-z]", node.value))
    )


def test_no_text_reaches_the_screen_without_translation():
    trees = [ast.parse(m.read_text(encoding="utf-8")) for m in MODULES]
    untranslated = []
    for node in (n for tree in trees for n in ast.walk(tree)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in SHOWN:
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if _literal_words(arg):
                    untranslated.append(f"line {node.lineno}: {name}({ast.unparse(arg)})")
    assert untranslated == []
