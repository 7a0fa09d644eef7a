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
