"""The UI's operations, one named function each (after Anki's ``aqt/operations``).

Each returns a ``QueryOp`` or ``CollectionOp`` that the caller finishes with ``.success(...)``,
``.failure(...)`` and ``.run_in_background()``:

    delete_record(self, rid).success(self._deleted).run_in_background()

The work itself is a core operation (``fieldkit.core.operations``) or a store read, bound to its
arguments with ``bound``: no widget and no closure over one reaches the worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class bound:  # noqa: N801 - used like functools.partial
    """``fn(store, *args, **kw)`` on the worker (a progress argument, if any, comes last)."""

    __slots__ = ("args", "fn", "kw")

    def __init__(self, fn: Callable[..., Any], *args: Any, **kw: Any) -> None:
        self.fn, self.args, self.kw = fn, args, kw

    def __call__(self, store: Any, *progress: Any) -> Any:
        return self.fn(store, *self.args, *progress, **self.kw)

    def __repr__(self) -> str:
        return f"bound({getattr(self.fn, '__qualname__', self.fn)!r})"


def store_method(name: str, *args: Any, **kw: Any) -> bound:
    """``store.<name>(*args, **kw)`` on the worker."""
    return bound(_call_method, name, args, kw)


def _call_method(store: Any, name: str, args: tuple, kw: dict) -> Any:
    return getattr(store, name)(*args, **kw)


def read(parent, fn: Callable[..., Any], *args: Any, progress: bool = False, **kw: Any):
    """A named read ``fn(store, *args, **kw)`` (a page's loader) as a ``QueryOp``."""
    from fieldkit.ui.ops import QueryOp

    return QueryOp(parent, bound(fn, *args, **kw), progress=progress)
