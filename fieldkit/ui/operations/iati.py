"""IATI from the UI: an import as a cancellable background operation."""

from __future__ import annotations

from fieldkit.ui.ops import CollectionOp

from . import bound


def import_file(parent, path: str, prefer: tuple[str, ...]) -> CollectionOp:
    """Import an IATI activity file; ``prefer`` orders the narrative languages kept as titles."""
    return CollectionOp(parent, bound(_import, path, tuple(prefer)), progress=True)


def _import(store, path: str, prefer: tuple[str, ...], progress):
    from fieldkit.interop.iati_import import import_iati

    return import_iati(store, path, prefer=prefer, progress=progress.update)
