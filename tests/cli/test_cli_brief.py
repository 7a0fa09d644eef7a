"""The command line of issue 16: list/search by summit and instrument, search by code names,
and fieldkit report brief (written, read back, refused in one line)."""

from __future__ import annotations

import re
import subprocess

import pytest

from fieldkit.cli.main import main
from fieldkit.core.store import Store


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def dd(tmp_path, capsys):
    d = str(tmp_path / "data")
    Store.open(tmp_path / "data").close()
    for subject, country, extra in (
        ("Island talks", "FJ", ["summits=palm10", "instruments=grant_aid"]),
        ("EV plant", "KE", ["summits=ticad9", "instruments=oda_loan", "policy_fields=next_gen_auto",
                            'turns=[{"side": "partner", "text": "Asks for an EV study.", "request": true}]']),
    ):  # fmt: skip
        rc, _out, err = run(capsys, "--data-dir", d, "new", "meeting", f"subject={subject}",
                            "date=2025-06-01", f"country={country}", *extra)  # fmt: skip
        assert rc == 0, err
    return d


def test_list_and_search_by_summit_instrument_and_code_names(capsys, dd):
    rc, out, _ = run(capsys, "--data-dir", dd, "list", "--summit", "palm10")
    assert rc == 0 and "Island talks" in out and "EV plant" not in out
    rc, out, _ = run(capsys, "--data-dir", dd, "list", "--instrument", "oda_loan", "--instrument",
                     "grant_aid")  # fmt: skip
    assert "Island talks" in out and "EV plant" in out
    rc, out, _ = run(capsys, "--data-dir", dd, "search", "次世代自動車")
    assert rc == 0 and "EV plant" in out and "Island talks" not in out
    rc, out, _ = run(capsys, "--data-dir", dd, "search", "太平洋・島サミット", "--summit", "palm10")
    assert "Island talks" in out
    rc, out, _ = run(capsys, "--data-dir", dd, "list", "--summit", "ticad9")
    rc, out, _ = run(capsys, "--data-dir", dd, "show", out.split()[0])
    assert "    Partner (request): Asks for an EV study." in out
    rc, _out, err = run(capsys, "--data-dir", dd, "list", "--summit", "nope")
    assert rc == 2 and len(err.strip().splitlines()) == 1 and "unknown summit 'nope'" in err


def test_report_brief(capsys, dd, tmp_path):
    out_pdf = tmp_path / "brief.pdf"
    rc, out, err = run(capsys, "--data-dir", dd, "report", "brief", "--summit", "ticad9",
                       "--as-of", "2025-07-21", "-o", str(out_pdf))  # fmt: skip
    assert rc == 0, err
    assert "wrote" in out
    text = subprocess.run(["pdftotext", "-layout", str(out_pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    flat = re.sub(r"\s+", " ", text)
    assert "Kenya (KE)" in flat and "Asks for an EV study." in flat and "30 days left" in flat
    assert "Fiji" not in flat
    rc, _out, err = run(capsys, "--data-dir", dd, "report", "brief", "--summit", "ticad9",
                        "--country", "FJ", "-o", str(tmp_path / "x.pdf"))  # fmt: skip
    assert rc == 2 and err.strip().count("\n") == 0 and "FJ: not taking part in ticad9" in err
    assert not (tmp_path / "x.pdf").exists()
