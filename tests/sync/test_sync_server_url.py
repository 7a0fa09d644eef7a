"""HQ's address can change: Settings' server_url is used by sync, and ``fieldkit sync --server``
syncs once through another address. Tested through test proxies in front of a real HQ."""

from __future__ import annotations

import json

from netsim import LinkSimulator

from fieldkit.cli.main import main as fieldkit
from fieldkit.core.store import Store
from sync.client import enroll


def run(capsys, *argv):
    code = fieldkit(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_settings_server_url_and_sync_server_option(hq, tmp_path, capsys):
    old = LinkSimulator(hq.port).start()
    new = LinkSimulator(hq.port).start()
    once = LinkSimulator(hq.port).start()
    try:
        d = tmp_path / "lap"
        with Store.open(d) as store:
            enroll(store, old.url, hq.enrol_code("KE", "lap"), device_name="lap")
        dd = str(d)
        assert run(capsys, "--data-dir", dd, "new", "meeting", "subject=Moved HQ",
                   "date=2026-03-02", "country=KE")[0] == 0  # fmt: skip
        old.stop()  # HQ moved: the address given at enrolment answers no more
        assert run(capsys, "--data-dir", dd, "config", "server_url", new.url)[0] == 0
        code, out, err = run(capsys, "--data-dir", dd, "sync", "--json")
        assert code == 0, err
        assert json.loads(out)["pushed"] == 1 and new.connections > 0
        # One sync through another address; the setting stays as it was.
        new.reset_counters()
        assert run(capsys, "--data-dir", dd, "new", "meeting", "subject=Via the other link",
                   "date=2026-03-03", "country=KE")[0] == 0  # fmt: skip
        code, out, err = run(capsys, "--data-dir", dd, "sync", "--server", once.url, "--json")
        assert code == 0, err
        assert json.loads(out)["pushed"] == 1
        assert once.connections > 0 and new.connections == 0
        code, out, _ = run(capsys, "--data-dir", dd, "config", "--json")
        assert json.loads(out)["server_url"] == new.url
        code, _, err = run(capsys, "--data-dir", dd, "sync", "--server", "http://[::1")
        assert code == 2 and err.count("\n") == 1 and "not a server address" in err
    finally:
        for link in (new, once):
            link.stop()
