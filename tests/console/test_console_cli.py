"""``fieldkit-hq user ...``: console accounts from the command line, on a real HQ database."""

from __future__ import annotations

import json

import pytest

from sync.server.cli import main
from sync.server.console import auth
from sync.server.console.db import Handle
from sync.server.storage import HQStore


@pytest.fixture
def hq(tmp_path):
    return tmp_path / "hq.db"


def run(hq, *args, capsys):
    code = main(["--db", str(hq), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_add_list_disable_reset(hq, tmp_path, capsys):
    pw = tmp_path / "pw.txt"
    pw.write_text("a long enough password\n")
    code, out, _ = run(hq, "user", "add", "sato", "--role", "officer", "--countries", "ke,tz",
                       "--password-file", str(pw), capsys=capsys)  # fmt: skip
    assert code == 0 and "sato added (officer)" in out
    code, out, _ = run(hq, "user", "add", "ito", "--role", "viewer", "--region", "africa",
                       "--lang", "ja", "--password-file", str(pw), capsys=capsys)  # fmt: skip
    assert code == 0
    code, out, _ = run(hq, "user", "list", "--json", capsys=capsys)
    users = {u["name"]: u for u in json.loads(out)}
    assert users["sato"]["countries"] == "KE,TZ" and users["ito"]["region"] == "africa"
    assert "pw_hash" not in users["sato"]
    store = HQStore(hq)
    try:
        db = Handle(store)
        assert auth.sign_in(db, "sato", "a long enough password", "t", auth.AddressThrottle())
        code, out, _ = run(hq, "user", "disable", "sato", capsys=capsys)
        assert code == 0 and "disabled" in out
        assert (
            auth.sign_in(db, "sato", "a long enough password", "t", auth.AddressThrottle()) is None
        )
        pw.write_text("another long password\n")
        code, out, _ = run(hq, "user", "reset-password", "sato", "--password-file", str(pw),
                           capsys=capsys)  # fmt: skip
        assert code == 0
        assert auth.sign_in(db, "sato", "another long password", "t", auth.AddressThrottle())
    finally:
        store.close()
    code, out, _ = run(hq, "user", "list", capsys=capsys)
    assert "sato" in out and "KE,TZ" in out and "region africa" in out


@pytest.mark.parametrize("args, message", [
    (["user", "add", "x", "--role", "officer"], "an officer needs --countries"),
    (["user", "add", "x", "--role", "admin", "--countries", "XX"], "unknown country code 'XX'"),
    (["user", "add", "two words", "--role", "admin"], "without spaces"),
    (["user", "disable", "nobody"], "no user 'nobody'"),
])  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(hq, tmp_path, capsys, args, message):
    pw = tmp_path / "pw.txt"
    pw.write_text("a long enough password\n")
    extra = ["--password-file", str(pw)] if args[1] == "add" else []
    code, _, err = run(hq, *args, *extra, capsys=capsys)
    assert code == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err


def test_short_password_and_duplicate_name_are_refused(hq, tmp_path, capsys):
    pw = tmp_path / "pw.txt"
    pw.write_text("short\n")
    code, _, err = run(hq, "user", "add", "a", "--role", "admin", "--password-file", str(pw),
                       capsys=capsys)  # fmt: skip
    assert code == 2 and "at least 10 characters" in err
    pw.write_text("a long enough password\n")
    assert run(hq, "user", "add", "a", "--role", "admin", "--password-file", str(pw),
               capsys=capsys)[0] == 0  # fmt: skip
    code, _, err = run(hq, "user", "add", "a", "--role", "admin", "--password-file", str(pw),
                       capsys=capsys)  # fmt: skip
    assert code == 2 and "already a user 'a'" in err


def test_no_terminal_and_no_password_file(hq, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    code, _, err = run(hq, "user", "add", "a", "--role", "admin", capsys=capsys)
    assert code == 2 and "--password-file" in err
