"""Background operations: the only way the UI touches the store (after Anki's aqt.operations).

    CollectionOp(parent, lambda store: store.update(rid, values)).success(on_saved).run_in_background()
    QueryOp(parent, lambda store: store.summaries(ids), on_rows).run_in_background()

The function runs on a worker thread and receives the store, never widgets. ``success`` and
``failure`` callbacks run on the main thread. A FieldKitError is shown as a plain message; anything
else goes to the error dialog (with "Copy details") and the log file. Long operations take a
``Progress`` to report and to notice Cancel.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from fieldkit.core.errors import FieldKitError


class Cancelled(FieldKitError):
    """The user pressed Cancel."""

    def __init__(self) -> None:
        super().__init__("cancelled")


class Progress:
    """Handed to long operations: report progress, and raise Cancelled when asked to stop."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def update(self, done: int, total: int = 0, label: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._signals.progress.emit(done, total, label)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)
    progress = Signal(int, int, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        import traceback

        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - reported on the main thread
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.done.emit(result)


# Operations that are still running, so their signal objects are not collected mid-flight.
_running: set[_Op] = set()

# The store and the error reporter, set once by the main window (app.py).
_store_provider: Callable[[], Any] | None = None
_error_reporter: Callable[[QObject | None, BaseException, str], None] | None = None


def configure(
    store_provider: Callable[[], Any],
    error_reporter: Callable[[QObject | None, BaseException, str], None],
) -> None:
    global _store_provider, _error_reporter
    _store_provider = store_provider
    _error_reporter = error_reporter


def report(parent: QObject | None, exc: BaseException, details: str = "") -> None:
    """An operation's error, to the reporter the window configured (``errors.report`` in the
    app; a collector in tests, the failure list in ``fieldkit smoke``)."""
    if _error_reporter is None:
        raise exc  # no window yet: at least do not swallow it
    if _read_after_close(exc):
        return  # a window closed its store: a read still under way has no one to tell
    _error_reporter(parent, exc, details)


def _read_after_close(exc: BaseException) -> bool:
    """A background read that outlived the store it was reading (its window closed meanwhile)."""
    import sqlite3

    store = current_store()
    if store is not None and getattr(store, "closed", False):
        return True
    return isinstance(exc, sqlite3.ProgrammingError) and "closed database" in str(exc)


def current_store() -> Any | None:
    """The store the window configured (None before that): to subscribe to its changes."""
    return _store_provider() if _store_provider else None


def settings() -> Any | None:
    """The user's settings of the open store, or None before the window configured ops."""
    return getattr(current_store(), "settings", None)


def author() -> str:
    """Who saves: the open store's author ("" before the window configured ops)."""
    store = current_store()
    return store.author if store is not None else ""


def pool() -> QThreadPool:
    return QThreadPool.globalInstance()


class _Op:
    def __init__(self, parent: QObject | None, op: Callable[..., Any], with_progress: bool) -> None:
        self.parent = parent
        self.op = op
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._progress_cb: Callable[[int, int, str], None] | None = None
        self.signals = _Signals()
        self.progress = Progress(self.signals) if with_progress else None

    def success(self, fn: Callable[[Any], None]) -> _Op:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> _Op:
        self._failure = fn
        return self

    def on_progress(self, fn: Callable[[int, int, str], None]) -> _Op:
        self._progress_cb = fn
        return self

    def run_in_background(self) -> _Op:
        if _store_provider is None:
            raise RuntimeError("fieldkit.ui.ops.configure() was not called")
        store = _store_provider()
        self.signals.done.connect(self._on_done)
        self.signals.failed.connect(self._on_failed)
        if self._progress_cb:
            self.signals.progress.connect(self._progress_cb)
        _running.add(self)
        args = (store, self.progress) if self.progress is not None else (store,)
        pool().start(_Job(lambda: self.op(*args), self.signals))
        return self

    def _on_done(self, result: Any) -> None:
        _running.discard(self)
        if self._success:
            self._success(result)

    def _on_failed(self, exc: BaseException, details: str) -> None:
        _running.discard(self)
        if self._failure:
            self._failure(exc)
        elif not isinstance(exc, Cancelled):
            report(self.parent, exc, details)


class CollectionOp(_Op):
    """A change to the store. Views learn about it through the store's change notifications."""

    def __init__(
        self, parent: QObject | None, op: Callable[..., Any], *, progress: bool = False
    ) -> None:
        super().__init__(parent, op, progress)


class QueryOp(_Op):
    """A read. ``success`` receives the result."""

    def __init__(
        self,
        parent: QObject | None,
        op: Callable[..., Any],
        success: Callable[[Any], None] | None = None,
        *,
        progress: bool = False,
    ) -> None:
        super().__init__(parent, op, progress)
        if success:
            self.success(success)


def wait_all(msecs: int = 10_000) -> bool:
    """For tests and shutdown: wait until every background operation has finished."""
    return pool().waitForDone(msecs)
