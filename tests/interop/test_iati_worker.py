"""Large files are read by a second process (iati_worker): same outcome as reading in-process.

The worker is forced on small files here (``worker=True``); by default it starts at 4 MB.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.core import models
from fieldkit.core.query import RecordFilter
from fieldkit.core.store import Store
from fieldkit.interop import iati_read
from fieldkit.interop.iati_import import IatiFileError, import_iati
from fieldkit.interop.iati_worker import WORKER_MIN_BYTES, use_worker

from .conftest import EXAMPLE, MESSY
from .test_iati_hostile import LAUGHS, document

VOLATILE = {"created_at", "updated_at"}


def snapshot(store) -> list[dict]:
    return [
        {k: v for k, v in p.model_dump(mode="json").items() if k not in VOLATILE}
        for p in store.query(RecordFilter(kinds=("project",)), sort="title")
    ]


def children() -> list[str]:
    """Processes this one started that are still running."""
    return [
        pid for f in Path("/proc/self/task").glob("*/children") for pid in f.read_text().split()
    ]


@pytest.mark.parametrize("source", [MESSY, EXAMPLE], ids=["messy", "official-example"])
def test_worker_gives_what_reading_in_process_gives(tmp_path, source):
    reports, snapshots, progress = [], [], []
    for worker in (False, True):
        store = Store.open(tmp_path / f"store-{worker}")
        calls: list[tuple[int, int]] = []
        report = import_iati(
            store, source, worker=worker, progress=lambda d, t, _, c=calls: c.append((d, t))
        )
        reports.append(report.to_dict())
        snapshots.append(snapshot(store))
        progress.append(calls)
        store.close()
    assert reports[0] == reports[1]
    assert snapshots[0] == snapshots[1] and snapshots[0]
    assert progress[1][-1] == progress[0][-1]  # ends where reading in-process ends
    assert [d for d, _ in progress[1]] == sorted(d for d, _ in progress[1])
    if source is MESSY:  # its quirks come back with their line numbers
        assert reports[1]["skipped"] and all(s["line"] for s in reports[1]["skipped"])


def test_worker_reimport_updates_and_keeps_the_skips(store):
    first = import_iati(store, MESSY, worker=True)
    again = import_iati(store, MESSY, worker=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, first.created)
    assert [str(s) for s in again.skipped] == [str(s) for s in first.skipped]


def test_cancel_stops_the_reader_process_and_rolls_back(store):
    class Cancelled(Exception):
        pass

    def progress(done, total, label):
        raise Cancelled()

    with pytest.raises(Cancelled):
        import_iati(store, MESSY, worker=True, progress=progress)
    assert store.count(RecordFilter(kinds=("project",))) == 0
    assert children() == []


@pytest.mark.parametrize("late", [False, True], ids=["doctype-first", "doctype-late"])
def test_hostile_file_is_refused_by_the_worker_too(store, tmp_path, late):
    path = tmp_path / "laughs.xml"
    path.write_bytes(document(LAUGHS, b"&lol9;", late))
    with pytest.raises(IatiFileError, match="refused"):
        import_iati(store, path, worker=True)
    assert store.count(RecordFilter(kinds=("project",))) == 0
    assert children() == []


def test_broken_file_half_way_changes_nothing(store, tmp_path):
    text = MESSY.read_text(encoding="utf-8")
    path = tmp_path / "broken.xml"
    path.write_text(text.replace("</iati-activities>", "<iati-activity><x></iati-activities>"))
    with pytest.raises(IatiFileError, match=r"not well-formed XML at line \d+"):
        import_iati(store, path, worker=True)
    assert store.count(RecordFilter(kinds=("project",))) == 0


def test_missing_file_and_streams_stay_in_process(tmp_path):
    assert not use_worker(tmp_path / "none.xml", None)
    assert not use_worker(MESSY.open("rb"), True)
    assert use_worker(MESSY, True) and not use_worker(MESSY, None)
    assert MESSY.stat().st_size < WORKER_MIN_BYTES


def test_reader_limits_match_the_models():
    # The reader repeats them so that the reader process starts without pydantic.
    assert (iati_read.SHORT, iati_read.LONG) == (models.SHORT, models.LONG)


def test_when_no_process_can_be_started_the_file_is_read_in_process(store, monkeypatch):
    import subprocess

    def refuse(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    report = import_iati(store, MESSY, worker=True)
    assert report.created == 3 and report.skipped


def test_a_reader_process_that_dies_is_an_error_and_nothing_is_imported(store, monkeypatch):
    import sys

    monkeypatch.setattr(sys, "executable", "/bin/false")  # exits at once, says nothing
    with pytest.raises(IatiFileError, match=r"stopped unexpectedly \(exit code 1\)"):
        import_iati(store, MESSY, worker=True)
    assert store.count(RecordFilter(kinds=("project",))) == 0
    assert children() == []


def test_a_failing_write_stops_the_reader_process_at_once(store, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "create_many", broken)
    with pytest.raises(OSError, match="disk full"):
        import_iati(store, MESSY, worker=True)
    assert children() == []
    assert store.count(RecordFilter(kinds=("project",))) == 0


def test_the_reader_process_started_by_hand_says_what_to_use_instead():
    import subprocess
    import sys

    for args in (
        ["-m", "fieldkit", "--iati-reader-process"],
        ["-m", "fieldkit.interop.iati_worker", "x"],
    ):
        result = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60)
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.strip().startswith(
            "fieldkit: error: the IATI reader process is started"
        )
        assert "fieldkit import-iati FILE" in result.stderr
