"""Reading a large IATI file in a second process while this one writes to the store.

    for activity in read_activities_in_worker(path, report, country="KE", progress=cb): ...

Parsing and converting the XML (``iati_read``) and writing projects (validation, search text,
SQLite) each take about half of an import's time; on two cores they overlap. The reader process is
started as ``python -m fieldkit.interop.iati_worker``, or in the desktop bundle as its own executable
with ``--iati-reader-process`` (not ``multiprocessing``: a fresh interpreter
neither copies the app's threads nor re-imports its main module) and sends back, through its
standard output, batches of converted activities, then the report (skipped parts with their lines,
version, notes). It reads the file with the same hardened parser and limits as in-process reading,
so a hostile file is refused the same way, and memory stays flat on both sides: a pipe holds a few
batches at most, the reader waits while the writer catches up.

The generator has ``read_activities``' contract: activities in file order, ``progress(done, total,
label)`` before each (raising in it cancels: the reader process is stopped), ``IatiFileError`` for a
file refused or not IATI. Everything stays in the caller's one store transaction, so a Cancel or a
refusal half-way still leaves nothing imported.

The messages are pickles: only this module's own child writes them, on a pipe only it holds. (The
child runs as the same user with the same rights, so even a parser compromised by a hostile file
gains nothing by forging one.)
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path

from fieldkit.core.messages import Message

from . import READER_PROCESS_FLAG
from .iati_read import Activity, IatiFileError, ImportReport, Progress, read_activities

WORKER_MIN_BYTES = 4 * 1024 * 1024  # below this, starting a process costs more than it saves
PIPE_BYTES = 1024 * 1024
BATCH = 100  # activities per message: ~0.5 MB, so two or three in flight at most
_NAME = "fieldkit.interop.iati_worker"


# The frozen app has no interpreter to run ``-m`` with: its own executable takes
# READER_PROCESS_FLAG as first argument instead (fieldkit/__main__.py), and on Windows the console
# variant is used, since only a console program hands its standard output to the pipe
# (CREATE_NO_WINDOW keeps it hidden).
def worker_command() -> list[str]:
    """How to start the reader process from this installation (source tree or bundle)."""
    if not getattr(sys, "frozen", False):
        return [sys.executable, "-m", _NAME]
    exe = Path(sys.executable)
    if sys.platform == "win32":
        console = exe.with_name("fieldkit-console.exe")
        exe = console if console.is_file() else exe
    return [str(exe), READER_PROCESS_FLAG]


def worker_available() -> bool:
    """Whether a reader process can be started (an interpreter or the bundle's executable)."""
    return bool(sys.executable)


def use_worker(source, worker: bool | None) -> bool:
    """``worker`` True/False forces it; None picks the worker for files of at least 4 MB."""
    if worker is False or not isinstance(source, (str, Path)) or not worker_available():
        return False
    if worker:
        return True
    try:
        return Path(source).stat().st_size >= WORKER_MIN_BYTES
    except OSError:
        return False  # in-process reading gives the clear message


def read_activities_in_worker(
    path: Path | str,
    report: ImportReport,
    *,
    country: str | None = None,
    prefer: tuple[str, ...] = ("en", "ja"),
    progress: Progress | None = None,
    data_dir: Path | None = None,
) -> Iterator[Activity]:
    """``read_activities`` for a file, done by a reader process (see the module's docstring)."""
    path = Path(path)
    if not path.is_file():
        raise IatiFileError(Message("file.no_such", path=str(path)))
    total = path.stat().st_size
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    args = [*worker_command(), str(path), country or "", ",".join(prefer)]
    args.append(str(data_dir) if data_dir else "")
    try:
        proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            env=env,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console on Windows
        )
    except OSError:  # no process could be started here: read in this one, only slower
        yield from read_activities(path, report, country=country, prefer=prefer, progress=progress)
        return
    _widen(proc.stdout)
    inbox = _Inbox(proc.stdout)
    try:
        while True:
            frame = inbox.get()
            if frame is None:
                code = proc.wait()  # killed (out of memory?) or could not start Python
                raise IatiFileError(Message("iati.reader_died", code=code, path=str(path)))
            kind, payload = pickle.loads(frame)
            if kind == "batch":
                for done, line, identifier, fields, hints in payload:
                    if progress is not None:
                        progress(done, total, str(path))
                    yield Activity(line, identifier, fields, hints)
            elif kind == "done":
                _merge(report, payload)
                if progress is not None:
                    progress(payload["position"], total, str(path))
                return
            elif kind == "refused":
                _merge(report, payload[1])
                raise IatiFileError(payload[0])
            else:  # "crash": a bug in the reader, where it happened
                raise RuntimeError(f"the IATI reader process failed:\n{payload}")
    finally:
        if proc.poll() is None:
            proc.kill()  # a Cancel, or the writer failed: the reader's work is not wanted
        inbox.close()
        proc.wait()
        proc.stdout.close()


def _widen(pipe) -> None:
    """Let the pipe hold several batches (Linux: 1 MB instead of 64 KB) where the system allows.

    Then the reader seldom waits for the pipe thread, which needs the GIL for each read.
    """
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # another system, or a lower limit: the thread still keeps the reader going


class _Inbox:
    """Frames from the reader process, read off the pipe by a thread as soon as they come.

    A pipe holds 64 KB (4 KB on Windows), less than one batch: without someone emptying it, the
    reader would wait for the writer at every batch and the two would take turns instead of
    working at the same time. The thread waits in ``read`` (without the GIL) and keeps at most
    ``MAX_FRAMES`` frames, so memory stays bounded when the writer is the slower one.
    """

    MAX_FRAMES = 8

    def __init__(self, pipe) -> None:
        self.pipe = pipe
        self.frames: queue.Queue[bytes | None] = queue.Queue(self.MAX_FRAMES)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="iati-reader-pipe", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            while not self.stopped.is_set():
                head = self.pipe.read(4)
                if len(head) < 4:
                    break
                size = int.from_bytes(head, "little")
                frame = self.pipe.read(size)
                if len(frame) < size:
                    break  # the reader died mid-frame: treated as stopping unexpectedly
                while not self.stopped.is_set():
                    try:
                        self.frames.put(frame, timeout=0.1)
                        break
                    except queue.Full:
                        continue
        except (OSError, ValueError):
            pass  # the pipe was closed: the import is over
        finally:
            self._put_end()

    def _put_end(self) -> None:
        while not self.stopped.is_set():
            try:
                self.frames.put(None, timeout=0.1)
                return
            except queue.Full:
                continue

    def get(self) -> bytes | None:
        return self.frames.get()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)


def _merge(report: ImportReport, done: dict) -> None:
    report.version = done["version"]
    report.activities += done["activities"]
    report.other_country += done["other_country"]
    report.skipped.extend(done["skipped"])
    report.notes.extend(done["notes"])


def _summary(report: ImportReport) -> dict:
    return {
        "version": report.version,
        "activities": report.activities,
        "other_country": report.other_country,
        "skipped": report.skipped,
        "notes": report.notes,
    }


def main(argv: list[str]) -> int:
    """The reader process: ``FILE COUNTRY PREFER DATA_DIR`` (empty strings for none)."""
    if len(argv) != 4:  # started by hand: this is FieldKit's internal reader, not a command
        sys.stderr.write(
            "fieldkit: error: the IATI reader process is started by the import itself; "
            "use 'fieldkit import-iati FILE' (see 'fieldkit --help')\n"
        )
        return 2
    path, country, prefer, data_dir = argv
    if data_dir:  # the store's own reference data (codes HQ added) decide what is valid
        from fieldkit.core.reference import use_overrides

        use_overrides(Path(data_dir))
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the message stream

    def send(kind: str, payload) -> None:
        frame = pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)
        out.write(len(frame).to_bytes(4, "little"))
        out.write(frame)
        out.flush()

    report = ImportReport()
    done = [0]
    # Plain tuples: half the unpickling time of the dataclass, on the side that has less to spare.
    batch: list[tuple] = []

    def note(position: int, total: int, label: str) -> None:
        done[0] = position

    try:
        for activity in read_activities(
            Path(path),
            report,
            country=country or None,
            prefer=tuple(prefer.split(",")),
            progress=note,
        ):
            batch.append(
                (done[0], activity.line, activity.identifier, activity.fields, activity.hints)
            )
            if len(batch) >= BATCH:
                send("batch", batch)
                batch = []
        send("batch", batch)
        send("done", {**_summary(report), "position": done[0]})
    except IatiFileError as exc:
        send("refused", (str(exc), _summary(report)))
    except BrokenPipeError:
        return 1  # the writer stopped reading (Cancel): nothing to tell it
    except Exception as exc:
        # Where it failed, not the message: that may quote the file, and errors end up in logs.
        stack = "".join(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
        send("crash", f"{stack}{type(exc).__name__}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
