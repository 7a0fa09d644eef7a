"""Cyclic garbage is collected on the GUI thread only (pyside_workarounds.collect_garbage_on_gui_thread).

A collection set off in a background read's thread could free a cycle holding a Qt object and
PySide6 would destroy it off its thread: a segmentation fault, seen in the editor tests."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from fieldkit.ui.app import make_application


class _Holder:
    pass


def test_cycles_holding_qt_objects_are_freed_on_the_gui_thread(qtbot):
    make_application()
    assert not gc.isenabled()  # no thread collects by itself
    threads: list[str] = []

    class Tracked(QObject):
        def __del__(self) -> None:
            threads.append(threading.current_thread().name)

    holder = _Holder()
    holder.me = holder  # a cycle only the collector frees
    holder.qt = Tracked()
    gone = weakref.ref(holder)
    del holder

    kept: list = []

    def read() -> None:  # a background read building its rows, far past the threshold
        kept.extend([i] for i in range(gc.get_threshold()[0] * 200))

    worker = threading.Thread(target=read, name="worker")
    worker.start()
    worker.join()
    assert gone() is not None  # the worker did not collect it
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)
    assert threads == [threading.main_thread().name]
