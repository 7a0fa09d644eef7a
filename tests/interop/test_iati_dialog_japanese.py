"""File > Import IATI... in Japanese (iati_ja.ts/.qm), under pytest-qt offscreen.

The dialog is driven as a Japanese user drives it: its title, labels, buttons, the summary of an
import of the messy sample and the reasons in the table of what was left out are checked word for
word. The catalogue must hold every text pyside6-lupdate finds in iati_import.py today, finished
and keeping its {placeholders}, and the committed .qm must answer as the .ts says. The reasons come
in English from the reader (no Qt): every fixed reason and every reason pattern written in the
reader's source must be one the dialog knows how to show in Japanese.

Set FIELDKIT_SCREENSHOTS to a folder to keep the grabs of the Japanese window.
"""

from __future__ import annotations

import ast
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QTextLayout, QTextOption  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog  # noqa: E402
from translation_helpers import (  # noqa: E402
    compiled_mismatches,
    lupdate,
    messages,
    placeholder_mismatches,
    untranslated,
)

from fieldkit.core.query import RecordFilter  # noqa: E402
from fieldkit.core.resources import resource_path  # noqa: E402
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
TS = resource_path("translations", "iati_ja.ts")
QM = resource_path("translations", "iati_ja.qm")
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
    assert reason_text("IATI version 1.05 was read as 2.03") == (
        "IATIバージョン1.05のファイルを2.03として読み込みました。"
    )
    assert reason_text("the file has no IATI version; it was read as 2.03") == (
        "ファイルにIATIのバージョン記載がないため、2.03として読み込みました。"
    )


def test_unknown_reasons_stay_as_the_reader_wrote_them(japanese):
    # e.g. a validation message from the project model: shown as is, never half-translated
    text = "budget_amount: Input should be a valid decimal"
    assert reason_text(text) == text


def test_english_reasons_are_unchanged(qapp):
    i18n.apply_language("en")
    for reason in ("no title", "negative value -500000", "not a date: ''"):
        assert reason_text(reason) == reason


# ---- every reason the reader writes is one the dialog can show in Japanese ----------------------


def _reason_argument(call: ast.Call) -> ast.AST | None:
    """The reason given to ``skip(node, what, reason, ...)``, ``Skip(line, id, what, reason, ...)``
    or ``report.notes.append(reason)``."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    if name == "skip" and len(call.args) >= 3:
        return call.args[2]
    if name == "Skip" and len(call.args) >= 4:
        return call.args[3]
    if (
        name == "append"
        and isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "notes"
    ):
        return call.args[0]
    return None


def _example(node: ast.AST) -> str | None:
    """The text a literal or f-string gives, with 7 for each value put into it."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "7" for part in node.values
        )
    return None  # a variable: a message built elsewhere (validation), shown as is


def written_reasons() -> list[str]:
    found = []
    for path in READERS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                argument = _reason_argument(node)
                example = _example(argument) if argument is not None else None
                if example is not None:
                    found.append(example)
    return found


def test_every_reason_in_the_readers_source_is_shown_in_japanese(japanese):
    reasons = written_reasons()
    assert len(reasons) >= 30  # the source really was read
    assert "no title" in reasons and "unknown code 7" in reasons
    unknown = [r for r in reasons if not JAPANESE.search(reason_text(r))]
    assert unknown == [], "add these reasons to iati_import.py's tables and to iati_ja.ts"


def test_every_coded_reason_of_the_reader_has_its_japanese_in_the_catalogue():
    """Reasons, notes and refusals written as Message("iati....") (fieldkit.core.messages)."""
    from fieldkit.core.messages import catalogue

    codes = set()
    for path in READERS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "Message"
                and isinstance(node.args[0], ast.Constant)
            ):
                codes.add(node.args[0].value)
    assert len(codes) >= 12 and "iati.not_kept" in codes  # the sources really were read
    japanese = catalogue("ja")
    missing = [c for c in codes if not JAPANESE.search(japanese.template(c) or "")]
    assert missing == [], "add these codes to resources/messages/messages.pot and ja.po"


# ---- the catalogue covers the module -------------------------------------------------------------


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> dict[tuple[str, str], ET.Element]:
    """What pyside6-lupdate finds in fieldkit/ui/iati_import.py today (into a scratch .ts)."""
    out = tmp_path_factory.mktemp("lupdate") / "iati_ja.ts"
    return lupdate([str(MODULE.relative_to(ROOT))], out)


def test_the_catalogue_is_loaded_with_the_japanese_interface(qapp):
    assert str(QM) in i18n.translation_files("ja")


def test_every_source_string_has_a_finished_japanese_translation(collected):
    committed = messages(TS)
    assert {context for context, _ in collected} == {dialog_module.CONTEXT}
    assert len(collected) >= 45  # the module really was read
    assert untranslated(collected, committed) == [], (
        "run `uv run python tools/update_translations.py iati` and translate"
    )


def test_translations_keep_placeholders_and_file_patterns():
    assert placeholder_mismatches(TS) == []
    for (_context, source), message in messages(TS).items():
        translation = message.findtext("translation") or ""
        for pattern in re.findall(r"\(\*[^)]*\)", source):
            assert pattern in translation  # the file dialog reads the pattern from it
        assert translation.count(";;") == source.count(";;")


def test_the_compiled_catalogue_matches_the_source(qapp):
    assert compiled_mismatches(TS, QM) == [], (
        "run `uv run python tools/update_translations.py iati`"
    )


def test_the_standard_buttons_are_qt_ones(qtbot, japanese):
    # Cancel and Close come from Qt's own Japanese catalogue, not from ours: check it is there.
    dialog = ImportIatiDialog(None, MESSY)
    qtbot.addWidget(dialog)
    dialog._done_buttons()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close).text() == "閉じる"
