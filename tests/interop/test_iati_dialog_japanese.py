"""File > Import IATI... in Japanese (resources/messages/ja.po), under pytest-qt offscreen.

The dialog is driven as a Japanese user drives it: its title, labels, buttons, the summary of an
import of the messy sample and the reasons in the table of what was left out are checked word for
word. The catalogue must hold every text pyside6-lupdate finds in iati_import.py today, finished
and keeping its {placeholders}, and Qt must answer as the catalogue says. The reasons come coded
from the reader (no Qt): every code the readers use has its Japanese in the catalogue.

Set FIELDKIT_SCREENSHOTS to a folder to keep the grabs of the Japanese window.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QTextLayout, QTextOption  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog  # noqa: E402
from translation_helpers import (  # noqa: E402
    load_tool,
    lupdate,
    messages,
    placeholder_mismatches,
    translator_mismatches,
    untranslated,
)

from fieldkit.core.messages import Message, catalogue  # noqa: E402
from fieldkit.core.query import RecordFilter  # noqa: E402
from fieldkit.ui import i18n, ops  # noqa: E402
from fieldkit.ui import iati_import as dialog_module  # noqa: E402
from fieldkit.ui.iati_import import ImportIatiDialog, import_iati_dialog, reason_text  # noqa: E402

from .conftest import MESSY  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "fieldkit" / "ui" / "iati_import.py"
READERS = (
    ROOT / "fieldkit" / "interop" / "iati_read.py",
    ROOT / "fieldkit" / "interop" / "iati_elements.py",
    ROOT / "fieldkit" / "interop" / "iati_encoding.py",
    ROOT / "fieldkit" / "interop" / "iati_import.py",
)
CONTEXTS = {dialog_module.CONTEXT}
CELL_PADDING = 3  # what the style leaves either side of a cell's text (Fusion: 3 px)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture
def ui_store(qtbot, store):
    problems = []
    ops.configure(lambda: store, lambda parent, exc, details: problems.append((exc, details)))
    yield store
    ops.wait_all()
    assert problems == []


def finished(dialog: ImportIatiDialog) -> bool:
    return not dialog.running


def button_texts(dialog: ImportIatiDialog) -> list[str]:
    return [b.text() for b in dialog.buttons.buttons()]


def headers(dialog: ImportIatiDialog) -> list[str]:
    table = dialog.table
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]


def column(dialog: ImportIatiDialog, col: int) -> list[str]:
    return [dialog.table.item(r, col).text() for r in range(dialog.table.rowCount())]


def save_grab(widget, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("FIELDKIT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / name
    assert widget.grab().save(str(png))
    return png


# ---- the dialog in Japanese ----------------------------------------------------------------------


def test_the_file_dialog_asks_in_japanese(qtbot, japanese, ui_store, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: asked.append(a) or ("", ""))
    assert import_iati_dialog(None) is None
    _parent, title, _folder, filters = asked[0]
    assert title == "IATI活動ファイルの取り込み"
    assert filters == "IATI活動ファイル (*.xml);;すべてのファイル (*)"


def test_the_running_dialog_speaks_japanese(qtbot, japanese):
    dialog = ImportIatiDialog(None, MESSY)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "IATI活動ファイルの取り込み"
    assert dialog.status.text() == "messy-2.02.xml を読み込んでいます…"
    assert dialog.bar.accessibleName() == "取り込みの進捗"
    assert dialog.table.accessibleName() == "取り込まなかった項目"
    assert button_texts(dialog) == ["キャンセル"]  # Qt's own catalogue, loaded with ours
    assert headers(dialog) == ["行", "識別子", "対象要素", "理由", "処理"]


def test_an_import_ends_with_the_japanese_summary_and_reasons(qtbot, japanese, ui_store, tmp_path):
    dialog = import_iati_dialog(None, path=str(MESSY))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: finished(dialog), timeout=10_000)
    assert dialog.error == ""
    assert dialog.windowTitle() == "IATI取り込み完了"
    assert dialog.status.text() == (
        "messy-2.02.xml：活動6件を読み込みました。案件登録簿に新規登録3件、更新0件、"
        "変更なし0件、スキップ3件。活動内の11項目は取り込みませんでした。"
    )
    assert button_texts(dialog) == ["閉じる"]
    assert ui_store.count(RecordFilter(kinds=("project",))) == 3

    skipped = dialog.report.skipped
    assert dialog.table.rowCount() == len(skipped) == 14  # with the missing activity-status
    assert column(dialog, 0) == [str(s.line) for s in skipped]  # line numbers as the file has them
    assert column(dialog, 1) == [s.identifier for s in skipped]
    assert column(dialog, 2) == [s.what for s in skipped]  # IATI element names, as in the file
    reasons = dict(zip((s.reason for s in skipped), column(dialog, 3), strict=True))
    assert reasons["no title"] == "案件名（title）がありません"
    assert reasons["no iati-identifier"] == "iati-identifier（IATI識別子）がありません"
    assert reasons["no role"] == "役割（role）の指定がありません"
    assert reasons["negative value -500000"] == "金額が負の値です（-500000）"
    assert reasons["not a date: ''"] == "日付として読めません：''"
    assert reasons["the identifier appears again (first at line 4)"] == (
        "識別子が重複しています（初出は4行目）"
    )
    assert reasons["budgets in several currencies (EUR, USD): no total"] == (
        "予算が複数の通貨（EUR, USD）で記載されているため、合計を算出していません"
    )
    assert reasons["percentage -10 is outside 0-100; kept without it"] == (
        "割合 -10 が0～100の範囲外のため、割合なしで取り込みました"
    )
    untranslated = [r for r, shown in reasons.items() if shown == r or not JAPANESE.search(shown)]
    assert untranslated == []
    outcomes = column(dialog, 4)
    assert outcomes == ["活動をスキップ" if s.whole else "この項目のみ除外" for s in skipped]

    # Nothing cut: every cell shows its whole text (on one line, or wrapped in a taller row),
    # the window stays on the screen, and the summary has the lines it needs.
    QApplication.processEvents()
    png = save_grab(dialog, tmp_path, "iati_import_ja.png")
    assert png.stat().st_size > 0
    assert cut_cells(dialog.table) == []
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    assert dialog.width() > 640  # it widened for the reasons
    status = dialog.status
    assert status.heightForWidth(status.width()) <= status.height()


def text_height(text: str, font, width: int) -> float | None:
    """The height of ``text`` wrapped to ``width`` as Qt's item painter lays it out (its
    fallback fonts included, which QFontMetrics leaves out); None if a word is wider."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    widest = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        height += line.height()
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return None if widest > width else height


def cut_cells(table) -> list[tuple[int, int, str]]:
    """Cells whose text does not fit the space the table gives it (the painter elides a text
    whose lines fill the cell exactly, hence the strict comparison)."""
    cut = []
    for row in range(table.rowCount()):
        for col in range(table.columnCount()):
            item = table.item(row, col)
            room = table.visualRect(table.model().index(row, col))
            height = text_height(item.text(), item.font(), room.width() - 2 * CELL_PADDING)
            if height is None or height >= room.height():
                cut.append((row, col, item.text()))
    return cut


def test_cancel_is_said_in_japanese(qtbot, japanese, ui_store, tmp_path):
    from .test_iati_dialog import write_many

    big = tmp_path / "big.xml"
    write_many(big, 2000)
    dialog = import_iati_dialog(None, path=str(big))
    qtbot.addWidget(dialog)
    dialog.cancel()
    assert dialog.status.text() == "キャンセルしています…"
    qtbot.waitUntil(lambda: finished(dialog), timeout=20_000)
    assert dialog.windowTitle() == "IATI取り込み中止"
    assert dialog.status.text() == "キャンセルしました。何も取り込まれていません。"
    assert ui_store.count(RecordFilter(kinds=("project",))) == 0


def test_the_file_notes_are_shown_in_japanese(japanese):
    assert reason_text(Message("iati.version_read_as", version="1.05")) == (
        "IATIバージョン1.05のファイルを2.03として読み込みました。"
    )
    assert reason_text(Message("iati.no_version")) == (
        "ファイルにIATIのバージョン記載がないため、2.03として読み込みました。"
    )


def test_unknown_reasons_stay_as_the_reader_wrote_them(japanese):
    # e.g. a validation message from the project model: shown as is, never half-translated
    text = "budget_amount: Input should be a valid decimal"
    assert reason_text(text) == text


def test_english_reasons_are_unchanged(qapp):
    i18n.apply_language("en")
    reasons = {
        Message("iati.no_title"): "no title",
        Message("iati.negative_value", value=-500000): "negative value -500000",
        Message("iati.not_a_date", value=repr("")): "not a date: ''",
    }
    for reason, english in reasons.items():
        assert reason == english and reason_text(reason) == english


# ---- every reason the reader writes is one the dialog can show in Japanese ----------------------


def test_every_code_the_readers_use_has_its_japanese_in_the_catalogue():
    """Reasons, notes and refusals are coded (Message("iati....")); the catalogue script finds
    the codes the sources use (Babel's extractor) and each has its Japanese."""
    used = load_tool().codes_used()
    readers = {str(p.relative_to(ROOT)) for p in READERS}
    codes = {c for c, where in used.items() if {w.rsplit(":", 1)[0] for w in where} & readers}
    assert len(codes) >= 40 and {"iati.no_title", "iati.not_kept"} <= codes  # really read
    japanese = catalogue("ja")
    missing = sorted(c for c in codes if not JAPANESE.search(japanese.template(c) or ""))
    assert missing == [], "add these codes to resources/messages/messages.pot and ja.po"


# ---- the catalogue covers the module -------------------------------------------------------------


@pytest.fixture(scope="module")
def collected() -> dict[tuple[str, str], object]:
    """What pyside6-lupdate finds in fieldkit/ui/iati_import.py today."""
    return lupdate([str(MODULE.relative_to(ROOT))])


def test_the_japanese_interface_asks_the_catalogue(qapp):
    assert translator_mismatches(CONTEXTS) == []


def test_every_source_string_has_a_finished_japanese_translation(collected):
    committed = messages(CONTEXTS)
    assert {context for context, _ in collected} == CONTEXTS
    assert len(collected) >= 15  # the module really was read (the reader's words: coded)
    assert untranslated(collected, committed) == [], (
        "run `uv run python tools/update_translations.py` and translate"
    )


def test_translations_keep_placeholders_and_file_patterns():
    assert placeholder_mismatches(CONTEXTS) == []
    for (_context, source), entry in messages(CONTEXTS).items():
        translation = entry.translations[0]
        for pattern in re.findall(r"\(\*[^)]*\)", source):
            assert pattern in translation  # the file dialog reads the pattern from it
        assert translation.count(";;") == source.count(";;")


def test_the_standard_buttons_are_qt_ones(qtbot, japanese):
    # Cancel and Close come from Qt's own Japanese catalogue, not from ours: check it is there.
    dialog = ImportIatiDialog(None, MESSY)
    qtbot.addWidget(dialog)
    dialog._done_buttons()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close).text() == "閉じる"
