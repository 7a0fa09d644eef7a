"""The message catalogues: every text in every language, with the same parameters; coded errors."""

from __future__ import annotations

import json
import pickle
import re

import pytest
from babel.messages.pofile import read_po

from fieldkit.core import messages
from fieldkit.core.errors import FieldKitError, StoreError, ValidationProblem
from fieldkit.core.messages import (
    Message,
    catalogue,
    catalogue_path,
    parameters,
    render,
    restored,
    stored,
)

TRANSLATED = [lang for lang in messages.LANGUAGES if lang != messages.SOURCE]


def babel_catalogue(lang: str):
    with catalogue_path(lang).open("rb") as f:
        return read_po(f)


OTHER_PLACEHOLDERS = re.compile(r"%\(\w+\)[sd]|%\d|%n")  # HQ console's %(n)s, Qt's %1 and %n


def placeholders(text: str) -> set[str]:
    """What a text fills in: {name} (coded messages, the UI, reports), %(name)s, %1, %n."""
    if "{" in text and OTHER_PLACEHOLDERS.search(text) is None:
        return {"{" + name + "}" for name in parameters(text)}
    found = set(OTHER_PLACEHOLDERS.findall(text))
    try:
        found |= {"{" + name + "}" for name in parameters(text)}
    except ValueError:  # a literal brace in a printf-style text
        pass
    return found


def english_entries():
    return list(catalogue(messages.SOURCE).entries.values())


def test_the_english_catalogue_is_the_source_and_well_formed():
    entries = english_entries()
    assert entries, "messages.pot is empty"
    for entry in entries:
        assert entry.source.strip(), entry
        assert not any(entry.translations), f"{entry.context}: messages.pot carries a msgstr"
    codes = [e.context for e in entries if messages.is_code(e.context)]
    assert len(codes) == len(set(codes)), "a code is used for two English texts"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_text_is_translated_with_the_same_parameters(lang):
    english = catalogue(messages.SOURCE).entries
    translated = catalogue(lang).entries
    missing = sorted(key for key in english if key not in translated)
    assert not missing, f"{lang}.po lacks {missing[:10]} ({len(missing)} in all)"
    stale = sorted(key for key in translated if key not in english)
    assert not stale, f"{lang}.po has texts messages.pot no longer has: {stale[:10]}"
    problems = []
    for key, entry in english.items():
        mine = translated[key]
        if mine.fuzzy or not mine.translations or not all(t.strip() for t in mine.translations):
            problems.append((key, "untranslated or fuzzy"))
            continue
        wanted = placeholders(entry.source) | placeholders(entry.source_plural or entry.source)
        for text in mine.translations:
            got = placeholders(text)
            # A plural form may leave out its count ("one item"); other texts keep every one
            optional = {"{n}", "%n"} if entry.source_plural else set()
            if got - wanted or (wanted - optional) - got:
                problems.append((key, f"parameters {sorted(got)} instead of {sorted(wanted)}"))
    assert not problems, f"{lang}.po: {problems[:10]} ({len(problems)} in all)"


@pytest.mark.parametrize("lang", messages.LANGUAGES)
def test_the_app_reads_the_catalogue_as_babel_does(lang):
    ours = catalogue(lang).entries
    theirs = {}
    for message in babel_catalogue(lang):
        if not message.id:
            continue
        source, plural = (
            (message.id[0], message.id[1]) if isinstance(message.id, tuple) else (message.id, "")
        )
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        theirs[(message.context or "", source)] = (plural, tuple(texts), message.fuzzy)
    assert {k: (e.source_plural, e.translations, e.fuzzy) for k, e in ours.items()} == theirs


def test_a_message_renders_in_each_language_and_is_its_english_text():
    message = Message("sync.timed_out")
    assert str(message) == message == "the connection timed out"
    assert json.loads(json.dumps({"why": message})) == {"why": "the connection timed out"}
    assert message.render("ja") == "接続がタイムアウトしました"
    assert render(message, "fr") == "the connection timed out"  # unknown language: English


def test_nested_messages_render_in_the_same_language_and_survive_the_wire():
    outer = Message("test.nested", why=Message("sync.timed_out"), n=3)
    back = Message.from_dict(outer.to_dict())
    assert back == outer and back.params == {"why": Message("sync.timed_out"), "n": 3}
    assert isinstance(back.params["why"], Message)
    assert pickle.loads(pickle.dumps(outer)).params == outer.params
    # An unknown code still says everything it carries, in the reader's language
    assert render(outer, "ja") == "test.nested (why=接続がタイムアウトしました, n=3)"


def test_a_coded_error_renders_per_language_and_plain_sentences_still_work():
    coded = StoreError(Message("sync.connection_cut"))
    assert isinstance(coded, FieldKitError)
    assert str(coded) == "the connection was cut"
    assert coded.render("ja") == "接続が切断されました"
    assert render(coded, "ja") == "接続が切断されました"
    again = pickle.loads(pickle.dumps(coded))  # errors cross to worker processes and back
    assert again.message == coded.message and str(again) == str(coded)
    assert isinstance(again.message, Message) and again.render("ja") == "接続が切断されました"
    plain = StoreError("data.db is not a FieldKit store")
    assert plain.message is None
    assert render(plain, "ja") == str(plain) == "data.db is not a FieldKit store"
    assert str(ValidationProblem([("title", "required")])) == "title: required"


def test_messages_kept_in_a_database_come_back_coded_and_old_rows_as_written():
    message = Message("sync.stopped", why=Message("sync.timed_out"), n=2)
    back = restored(stored(StoreError(message)))
    assert isinstance(back, Message) and back == message
    assert back.render("ja").startswith("同期が中断しました：接続がタイムアウトしました")
    assert restored(stored("an old English sentence")) == "an old English sentence"
    assert restored(None) == "" and restored('{"code" broken') == '{"code" broken'


def test_plural_forms_follow_each_language(tmp_path):
    english = messages.read_catalogue(
        write(tmp_path / "en.po", "nplurals=2; plural=(n != 1);", ""), "en"
    )
    japanese = messages.read_catalogue(
        write(tmp_path / "ja.po", "nplurals=1; plural=0;", 'msgstr[0] "{n} 件"'), "ja"
    )
    for n, en, ja in ((1, "1 item", "1 件"), (5, "5 items", "5 件")):
        assert english.render("test.items", {"n": n}) == en
        assert japanese.render("test.items", {"n": n}) == ja


def write(path, plural_forms: str, translation: str):
    path.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: ' + plural_forms + '\\n"\n\n'
        'msgctxt "test.items"\nmsgid "{n} item"\nmsgid_plural "{n} items"\n'
        + (translation or 'msgstr[0] ""\nmsgstr[1] ""')
        + "\n",
        encoding="utf-8",
    )
    return path


def test_the_catalogues_are_in_step_with_the_code(capsys):
    """What tools/update_translations.py --check says: every text the UI, the reports and the
    coded messages use is in messages.pot, translated in every language, nothing stale."""
    from translation_helpers import load_tool

    status = load_tool().main(["--check"])
    assert status == 0, capsys.readouterr().out
