"""The local store: records, their history, the sync outbox and drafts, in one SQLite file.

Library first: the CLI, the desktop app, reports and sync all call a ``Store``. Every mutation is
one transaction that writes the record, its search text, a history entry and an outbox entry
together (``writer``), so a crash loses either the whole action or nothing, and sync never misses
a change. The package is split by job: ``facade`` (``Store``), ``reads``, ``writes`` over the one
``writer``, ``drafts``, ``audit``, ``outbox``; ``common`` holds what they share.
"""

from __future__ import annotations

from .common import BATCH, SUMMARY_COLUMNS, Changes, HistoryEntry, diff, validate_record
from .facade import Store
from .writer import Writer

__all__ = [
    "BATCH",
    "SUMMARY_COLUMNS",
    "Changes",
    "HistoryEntry",
    "Store",
    "Writer",
    "diff",
    "validate_record",
]
