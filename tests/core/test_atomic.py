"""fieldkit.core.atomic: whole files or nothing, never a regular file put over a device or pipe."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from fieldkit.core.atomic import atomic_write, write_bytes, write_text
from fieldkit.core.errors import FieldKitError


def test_replaces_whole_file_and_leaves_nothing_beside_it(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # a replaced file keeps its permissions
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_an_error_half_way_keeps_the_old_file_and_no_part_file(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target, "w") as fh:
        fh.write("half")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_missing_folder_is_one_line_naming_the_target_not_the_part_file(tmp_path):
    with pytest.raises(FieldKitError) as exc:
        write_text(tmp_path / "nope" / "x.csv", "a")
    message = str(exc.value)
    assert "x.csv" in message and "nope" in message and "does not exist" in message
    assert ".part" not in message and "\n" not in message


def test_a_folder_as_target_is_refused(tmp_path):
    with pytest.raises(FieldKitError, match="is a folder"):
        write_text(tmp_path, "a")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_dev_full_is_written_directly_and_stays_a_device():
    # As root, a write-aside-and-rename replaced the device node with a regular file.
    with pytest.raises(FieldKitError) as exc:
        write_bytes("/dev/full", b"x" * 10000)
    assert str(exc.value) == "cannot write /dev/full: No space left on device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dev_null_and_a_fifo_are_written_directly(tmp_path):
    write_text("/dev/null", "discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_bytes(fifo, b"through the pipe")
    reader.join(5)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_symlink_stays_a_link_to_the_new_content(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_text(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_private_files_are_readable_by_the_owner_only(tmp_path):
    target = write_text(tmp_path / "secret", "x", private=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
