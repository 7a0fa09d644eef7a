"""No error a user meets is an English sentence below the UI: each is a coded Message.

Scans fieldkit/core, fieldkit/interop and sync (HQ's server aside: its refusals are coded in
sync/server) for ``raise SomeError("...")`` / ``raise SomeError(f"...")``. A FieldKitError (what
the CLI prints and the app shows) raised with a literal sentence fails; any other exception type
with a sentence must be in ALLOWED with the reason it is not shown to a user as written.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from fieldkit.core import messages
from fieldkit.core.errors import FieldKitError

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("fieldkit/core", "fieldkit/interop", "sync")

# (file, exception) -> why a literal sentence is fine there
ALLOWED = {
    ("fieldkit/core/transfer.py", "ValueError"): "a JSON line's problem, listed with its line "
    "number among an import's (where, what) problems like pydantic's",
    ("fieldkit/core/query.py", "ValueError"): "a sort name from the program (UI columns, CLI "
    "choices), never typed freely",
    ("fieldkit/core/resources.py", "FileNotFoundError"): "the catalogue itself lives in the "
    "missing resources folder: nothing to render a code with",
    ("fieldkit/core/schema.py", "ValueError"): "a programming error in an upgrade step",
    ("fieldkit/core/atomic.py", "ValueError"): "a programming error (wrong mode)",
    ("fieldkit/core/security/backoff.py", "ValueError"): "caught: an unreadable attempts file "
    "counts as none",
    ("fieldkit/core/security/blobs.py", "ValueError"): "a programming error (key length)",
    ("fieldkit/interop/iati_worker.py", "RuntimeError"): "a bug in the reader process, with its "
    "traceback for the log",
    ("sync/protocol.py", "ValueError"): "HQ's request decoding: answered as a coded 4xx by "
    "sync/server",
    ("sync/protocol.py", "BodyTooLarge"): "HQ's request decoding: answered as a coded 413 by "
    "sync/server",
}


def _sentence_raises():
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith("sync/server/"):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                    continue
                args = node.exc.args
                if args and isinstance(args[0], (ast.Constant, ast.JoinedStr)):
                    yield rel, node.lineno, ast.unparse(node.exc.func)


def _exception_class(rel: str, name: str):
    module = importlib.import_module(rel.removesuffix(".py").replace("/", "."))
    obj = module
    for part in name.split("."):
        obj = getattr(obj, part, None)
    if obj is None:  # imported inside a function: look in the usual homes
        for home in ("fieldkit.core.errors", "fieldkit.core.security.errors"):
            obj = getattr(importlib.import_module(home), name, None)
            if obj is not None:
                break
    return obj


def test_no_fieldkit_error_is_raised_with_a_sentence():
    found = list(_sentence_raises())
    assert found, "the scan found no raise at all: it is not looking where it should"
    sentences = []
    for rel, line, name in found:
        cls = _exception_class(rel, name)
        if isinstance(cls, type) and issubclass(cls, FieldKitError):
            sentences.append(f"{rel}:{line}: {name}")
        elif (rel, name) not in ALLOWED:
            sentences.append(f"{rel}:{line}: {name} (not a FieldKitError; allow it with a reason)")
    assert not sentences, "raise a coded Message instead:\n" + "\n".join(sentences)


def test_allow_list_has_no_stale_entries():
    used = {(rel, name) for rel, _, name in _sentence_raises()}
    assert set(ALLOWED) <= used, sorted(set(ALLOWED) - used)


def test_scan_catches_a_sentence(tmp_path):
    tree = ast.parse('raise FieldKitError(f"{x} is wrong")')
    node = tree.body[0]
    assert isinstance(node.exc.args[0], ast.JoinedStr)


def test_store_errors_are_rendered_in_japanese(tmp_path):
    from fieldkit.core.errors import StoreError
    from fieldkit.core.store import Store

    (tmp_path / "fieldkit.db").mkdir()
    try:
        Store.open(tmp_path, create=False)
    except StoreError as exc:
        assert str(exc).endswith("is a folder, not a FieldKit store")
        assert exc.message.code == "store.is_folder"
        assert messages.render(exc, "ja").endswith(
            "はフォルダーで、FieldKit のデータではありません"
        )
    else:
        raise AssertionError("a folder was opened as a store")


def test_conflict_refusal_is_coded():
    from fieldkit.core.messages import Message

    message = Message("conflicts.already", id="abc123", resolution="mine")
    assert message == "conflict abc123 was already resolved (mine)"
    assert message.render("ja") == "競合 abc123 は解決済みです（mine）"


def test_pydantic_problems_keep_pydantic_words_and_render_in_japanese():
    from pydantic import BaseModel, Field, ValidationError

    from fieldkit.core.errors import ValidationProblem, problems_from_pydantic

    class Form(BaseModel):
        title: str = Field(max_length=3)
        count: int
        note: str = Field(min_length=1)  # "at least 1 character": no coded text, kept as is

    try:
        Form(title="abcd", note="")
    except ValidationError as exc:
        problems = problems_from_pydantic(exc)
        pydantic_words = [e["msg"] for e in exc.errors(include_url=False)]
    assert [str(what).split(" (got")[0] for _, what in problems] == pydantic_words
    one = ValidationProblem(problems[:1], "record 123456")
    assert str(one) == "record 123456: title: String should have at most 3 characters (got 'abcd')"
    assert (
        messages.render(one, "ja")
        == "record 123456: title: 3文字以内にしてください（入力値: 'abcd'）"
    )
    missing = ValidationProblem([problems[1]])
    assert (str(missing), messages.render(missing, "ja")) == (
        "count: Field required",
        "count: 入力が必要です",
    )
    plain = ValidationProblem([problems[2]])
    assert not isinstance(problems[2][1], messages.Message)
    assert messages.render(plain, "ja") == str(plain)  # pydantic's own words, as before


def test_a_cut_short_file_is_refused_in_japanese_to_the_last_word(tmp_path):
    from fieldkit.core.errors import StoreError
    from fieldkit.core.opening import open_store

    (tmp_path / "fieldkit.db").write_bytes(b"\x8f" * 100)  # noise, not SQLite: "encrypted"
    try:
        open_store(tmp_path)
    except StoreError as exc:
        assert str(exc).endswith("(it is only 100 bytes long); it was left untouched")
        japanese = messages.render(exc, "ja")
        assert "大きさが 100 バイトしかありません" in japanese
        assert "bytes" not in japanese
    else:
        raise AssertionError("a 100-byte file was opened as a store")


def test_a_validator_refusal_is_rendered_in_japanese():
    from fieldkit.core.store.common import validate_record

    data = {"kind": "meeting", "subject": "x", "date": "2026-01-01", "country": "XX"}
    try:
        validate_record(data, context="record abc")
    except FieldKitError as exc:
        assert str(exc) == (
            "record abc: meeting.country: Value error, unknown country code 'XX' "
            "(use ISO 3166-1 alpha-2, e.g. KE) (got 'XX')"
        )
        assert messages.render(exc, "ja") == (
            "record abc: meeting.country: 値が正しくありません: 国コード 'XX' は登録されていません"
            "（ISO 3166-1 の2文字、例: KE）（入力値: 'XX'）"
        )
    else:
        raise AssertionError("an unknown country was accepted")
