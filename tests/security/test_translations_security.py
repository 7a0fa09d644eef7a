"""The catalogue (resources/messages/ja.po) covers every word the security dialogs can show.

A string added to unlock.py (passphrase.py, security_words.py), lock.py or about.py without a
Japanese translation fails here, as does a translation Qt does not find, one that drops a
{placeholder}, or a new zxcvbn message. What the core says (strength problems, conversion steps,
how long guessing takes) is coded (fieldkit.core.messages): tests/test_messages.py checks the
catalogue has it in Japanese, and here a real conversion reports only coded steps the dialogs
show in Japanese."""

from __future__ import annotations

import ast
import random
import re
from pathlib import Path

import pytest
from security_helpers import PASS, meeting, photo_file
from translation_helpers import load_tool, lupdate, messages, translator_mismatches

from fieldkit.core.attachments import add_attachment
from fieldkit.core.messages import SOURCE, Entry, Message, catalogue, read_catalogue
from fieldkit.core.opening import open_store
from fieldkit.core.security import encrypt_store, strength
from fieldkit.core.security.errors import FORGOTTEN
from fieldkit.ui import i18n
from fieldkit.ui import security_words as words

ROOT = Path(__file__).resolve().parents[2]
MODULES = (
    "fieldkit/ui/unlock.py",
    "fieldkit/ui/passphrase.py",
    "fieldkit/ui/security_words.py",
    "fieldkit/ui/lock.py",
    "fieldkit/ui/about.py",
)
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@pytest.fixture(scope="module")
def collected() -> dict[tuple[str, str], object]:
    """What pyside6-lupdate finds in the three modules today."""
    return lupdate(list(MODULES))


def test_the_modules_are_extracted_into_the_one_catalogue():
    tool = load_tool()
    modules = {str(p.relative_to(ROOT)) for p in tool.files(tool.UI_SOURCES)}
    assert set(MODULES) <= modules
    assert [Path(p).name for p in i18n.translation_files("ja")] == ["qtbase_ja.qm"]


def test_every_source_string_has_a_finished_japanese_translation(collected):
    contexts = {context for context, _ in collected}
    committed = messages(contexts)
    assert len(collected) > 70  # the modules really were read (the core's words: coded)
    missing = sorted(key for key in collected if key not in committed)
    assert missing == [], "run tools/update_translations.py and translate these"
    problems = []
    for (context, source), entry in committed.items():
        text = entry.translations[0] if entry.translations else ""
        if entry.fuzzy or not text.strip():
            problems.append((context, source, "not translated"))
        elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
            problems.append((context, source, f"placeholders differ: {text}"))
        elif (
            source != "OK"
            and PLACEHOLDER.sub("", text).strip()  # "{warning}" alone: the warning is translated
            and not re.search(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]", text)
        ):
            problems.append((context, source, f"no Japanese in {text!r}"))
    assert problems == []
    stale = sorted(key for key in committed if key not in collected)
    assert stale == [], "strings gone from the code: regenerate with tools/update_translations.py"


def test_the_app_finds_each_translation_under_the_context_the_code_asks_for(qapp, collected):
    assert translator_mismatches({context for context, _ in collected}) == []


def test_zxcvbn_feedback_is_all_listed():
    """Every message the installed zxcvbn can give (its gettext ``_()`` calls) has our wording."""
    import zxcvbn.feedback

    tree = ast.parse(Path(zxcvbn.feedback.__file__).read_text(encoding="utf-8"))
    said = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert len(said) > 20
    english = catalogue(SOURCE).entries
    assert sorted(t for t in said if (words.ZXCVBN, t) not in english) == []


def test_strength_labels_problems_and_times_come_out_in_japanese(japanese):
    labels = [Message(f"passphrase.strength_{score}") for score in range(5)]
    assert labels == list(strength.LABELS)  # each label is its English word
    verdict = strength.check_strength("password1234")
    assert verdict.label == labels[verdict.score] and isinstance(verdict.label, Message)
    assert [words.strength_label(label) for label in labels] == [
        "非常に弱い",
        "弱い",
        "普通",
        "強い",
        "非常に強い",
    ]
    samples = {
        "": "パスフレーズが入力されていません",
        "kenya2026": "10文字未満です",
        " river copper lantern ": "先頭または末尾に空白があります（後で入力するときに間違えやすくなります）",
        "password1234": "非常によく使われるパスワードです",  # zxcvbn's warning, in Japanese
        "abcdefghijklmnop": "「abc」や「6543」のような連続した並びは推測されやすいです",
    }
    for passphrase, start in samples.items():
        verdict = strength.check_strength(passphrase)
        assert not verdict.acceptable, passphrase
        text = words.problem_text(verdict.problem)
        assert text.startswith(start), (passphrase, text)
        assert not re.search(r"[A-Za-z]", re.sub(r"「[^」]*」", "", text)), text
    hour, month = 3600, 86400 * 31
    assert words.crack_time_text(strength.duration(month * 12 * 100)) == "数百年以上"
    assert words.crack_time_text(strength.duration(3 * hour)) == "約3時間"
    assert words.crack_time_text(strength.duration(month)) == "約1か月"
    assert words.crack_time_text(strength.duration(0.2)) == "1秒未満"
    verdict = strength.check_strength("correct horse battery staple lantern")
    assert re.fullmatch(
        r"約\d+[秒分時間日か月年]+|数百年以上", words.crack_time_text(verdict.crack_time)
    )


def test_strength_wording_stays_english_in_english(qapp):
    i18n.apply_language("en")
    verdict = strength.check_strength("password1234")
    assert words.problem_text(verdict.problem) == verdict.problem
    assert words.crack_time_text(strength.duration(3 * 3600)) == "3 hours"
    assert words.crack_time_text(strength.duration(3600)) == "1 hour"


def test_guessing_times_are_worded_as_zxcvbn_words_them():
    """The coded duration is zxcvbn's own display text in English, for any number of seconds."""
    from zxcvbn.time_estimates import display_time

    rng = random.Random(7)
    samples = [0.4, 1, 59.4, 59.6, 60, 3599, 86400 * 31 * 12 * 100, 1e30]
    samples += [10 ** rng.uniform(-1, 12) for _ in range(500)]
    for seconds in samples:
        assert strength.duration(seconds) == display_time(seconds), seconds
    assert words.forgotten_text() == FORGOTTEN  # the dialogs say what the CLI says


def test_every_conversion_step_of_the_core_is_worded(japanese, tmp_path):
    """A real conversion (records and an attachment) reports coded steps, each shown in Japanese."""
    data_dir = tmp_path / "data"
    with open_store(data_dir, create=True) as store:
        parent = store.create(meeting())
        add_attachment(store, parent.id, photo_file(tmp_path / "p.jpg"))
    steps: list[str] = []
    encrypt_store(data_dir, PASS, report=steps.append)
    assert len(steps) >= 6 and all(isinstance(step, Message) for step in steps), steps
    for step in steps:
        text = words.progress_text(step)
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text), (step, text)
    assert (
        words.progress_text(Message("convert.encrypting_attachments", i=3, n=12))
        == "添付ファイルを暗号化しています（3/12）…"
    )
    assert words.progress_text(Message("convert.done")) == "完了しました。"


def test_update_tool_takes_finished_qt_translations_and_lists_what_is_left(tmp_path):
    tool = load_tool()
    ts = tmp_path / "x_ja.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="ja_JP">'
        "<context><name>C</name>"
        "<message><source>Done</source><translation>完了</translation></message>"
        '<message><source>New</source><translation type="unfinished"></translation></message>'
        "<message><source>Blank</source><translation>  </translation></message>"
        '<message numerus="yes"><source>%n days</source><translation>'
        "<numerusform>%n日</numerusform></translation></message>"
        "</context></TS>",
        encoding="utf-8",
    )
    taken = tool.from_ts([ts])
    assert {k: e.translations for k, e in taken.items()} == {
        ("C", "Done"): ("完了",),
        ("C", "%n days"): ("%n日",),
    }
    english = [
        Entry("C", "Done"),
        Entry("C", "New"),
        Entry("C", "Done!"),
        Entry("C", "%n days", "%n days"),
    ]
    merged = tool.translated_entries("ja", english, taken)
    assert [(e.source, e.translations, e.fuzzy) for e in merged] == [
        ("Done", ("完了",), False),
        ("New", ("",), False),
        ("Done!", ("完了",), True),  # the English changed a little: kept, to be reviewed
        ("%n days", ("%n日",), False),
    ]
    assert [e.source for e in tool.untranslated(merged)] == ["New", "Done!"]
    po = tmp_path / "ja.po"
    po.write_text(tool.po_text("ja", merged), encoding="utf-8")
    back = read_catalogue(po, "ja")
    assert back.text("C", "%n days", 3) == "%n日" and back.text("C", "Done!") == "Done!"
