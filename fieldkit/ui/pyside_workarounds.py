"""Work-arounds for bugs in the PySide6 release we ship (6.12.0: the only one with pyside6-pdf)."""

from __future__ import annotations

import sys


def guard_none_refcount() -> None:
    """Keep None, True and False alive whatever PySide6 does to their reference counts.

    PySide6 6.12 (measured here) drops a reference it never took in two places: converting an
    empty QVariant to None (``QModelIndex.data()`` of an unset role, ``QComboBox.currentData()``
    of an item without data) and emitting a Python signal with a bool argument. Each call lowers
    the count by one; after a few thousand, CPython 3.11 frees the object and the process aborts
    ("deallocating None" / "deallocating True or False"). Python 3.12 made these objects
    immortal; this does the same by hand with a count no session can use up. Our own code also
    avoids both calls; this protects the other parts of the app and long working days.
    """
    if sys.version_info >= (3, 12) or hasattr(sys, "pypy_version_info"):
        return
    import ctypes

    for obj in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt, first field of PyObject
        if refcount.value < 1 << 40:
            refcount.value += 1 << 40


GC_CHECK_MS = 250  # how often the GUI thread looks whether a collection is due
_gc_timer = None


def collect_garbage_on_gui_thread(app) -> None:
    """Let Python's cyclic garbage collector run on the GUI thread only.

    CPython collects on whichever thread happens to allocate when a threshold is crossed. In a
    background read that is a worker thread, and a cycle it frees may hold a Qt object of the
    GUI thread (a closed dialog, a page's timer): PySide6 then destroys it off its thread and the
    process dies with a segmentation fault ("Garbage-collecting" in a worker's stack, seen here
    in the editor tests about one run in three). Automatic collection is switched off and a timer
    on the GUI thread collects each generation when CPython would have. Objects without cycles are
    still freed at once by reference counting; only cycles wait, at most ``GC_CHECK_MS``.
    """
    global _gc_timer
    import gc

    if _gc_timer is not None:
        gc.disable()  # switched back on since (a test): the timer is already collecting
        return

    from PySide6.QtCore import QTimer

    from fieldkit.core import gcpause

    gc.disable()
    # CPython collects generation 0 each time its count passes the threshold, generation 1 every
    # t1-th time and generation 2 every t2-th collection of 1. A tick may stand for several of
    # CPython's collections: they are counted here, so older cycles (closed windows) go as often.
    younger = [0, 0]  # collections of generation 0 since the last of 1; of 1 since the last of 2

    def collect() -> None:
        if gcpause.paused():  # a batch that asked for no collection is still being written
            return
        t0, t1, t2 = gc.get_threshold()
        c0 = gc.get_count()[0]
        if c0 <= t0:
            return
        younger[0] += c0 // t0
        generation = 0
        if younger[0] > t1:
            younger[0] = 0
            younger[1] += 1
            generation = 1
            if younger[1] > t2:
                younger[1] = 0
                generation = 2
        gc.collect(generation)

    _gc_timer = QTimer(app)
    _gc_timer.setInterval(GC_CHECK_MS)
    _gc_timer.timeout.connect(collect)
    _gc_timer.start()
