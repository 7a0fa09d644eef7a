"""The desktop app (PySide6). It reaches the core only through ``ops`` background operations."""

from fieldkit.ui.pyside_workarounds import guard_none_refcount

# Before any widget exists: every part of the app (and every test) is exposed to the bug.
guard_none_refcount()
