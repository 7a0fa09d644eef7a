from fieldkit.cli.main import main
from fieldkit.core.crashlog import redacted_traceback


def test_log_keeps_the_stack_but_not_the_message():
    typed = "subject: 地熱 secret talks"  # what a user typed: the message, never the source line
    try:
        try:
            raise ValueError(typed)
        except ValueError as inner:
            raise RuntimeError(f"while saving {typed!r}") from inner
    except RuntimeError as exc:
        text = redacted_traceback(exc)
    assert "secret" not in text and "地熱" not in text
    assert "builtins.ValueError" in text and "builtins.RuntimeError" in text
    assert "test_crashlog.py" in text


def test_cli_crash_is_one_line_and_logged_without_text(tmp_path, monkeypatch, capsys):
    from fieldkit.core.store import Store

    secret = "confidential counterpart name"

    def boom(self):
        raise KeyError(secret)

    Store.open(tmp_path).close()  # a store to report on ('status' does not create one)
    monkeypatch.setattr(Store, "status", boom)
    rc = main(["--data-dir", str(tmp_path), "status"])
    err = capsys.readouterr().err
    assert rc == 2 and err.startswith("fieldkit: error: unexpected error: KeyError")
    log = (tmp_path / "logs" / "fieldkit.log").read_text(encoding="utf-8")
    assert "KeyError" in log and "confidential" not in log
