"""A lazy table of records: all ids in order, plus a bounded cache of summary rows.

After Anki's browser table: a filter or sort runs one query for the ids (cheap even for 100,000
records) and fetches summaries only for the first page. Further pages are exposed through
``canFetchMore``/``fetchMore`` as the view scrolls, and rows evicted from the cache are fetched
again in blocks when they are painted. Every query runs as a QueryOp, so the window never waits
for the database; an answer to an older query (the user kept typing) is dropped.

    model = RecordListModel(columns_for("meeting"))
    model.set_filter(RecordFilter(kinds=("meeting",), text="地熱"))
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from fieldkit.core.query import RecordFilter
from fieldkit.ui import ops
from fieldkit.ui.operations import read
from fieldkit.ui.operations import records as record_ops

from .columns import Column, is_overdue
from .table_model import ReadOnlyTableModel

PAGE = 200  # rows exposed per fetchMore, and rows fetched per block
CACHE_ROWS = 6000  # summaries kept; about 3 MB, whatever the size of the list

# Orders the store's indexes give directly: a first page of these costs a few milliseconds.
QUICK_FIRST_PAGE = frozenset({"date", "date_asc"})

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 3

OVERDUE_COLOR = QColor("#b3261e")

Index = QModelIndex | QPersistentModelIndex


@contextmanager
def interruptible(store, stale: Callable[[], bool]) -> Iterator[Any]:
    """Store reads inside this block stop as soon as ``stale()`` is true.

    A search typed letter by letter starts a query per pause; each one is abandoned by SQLite
    (progress handler) the moment a newer one is asked for, so the last keystroke never waits
    behind a slow scan for a prefix nobody wants any more. The store's lock is held throughout,
    so the handler can only ever interrupt this thread's reads, never someone's write.
    """
    with store.tx.read() as conn:
        conn.set_progress_handler(lambda: 1 if stale() else 0, 1000)
        try:
            yield conn
        finally:
            conn.set_progress_handler(None, 0)


def unless_interrupted(fn: Callable[[], Any], stale: Callable[[], bool]) -> Any:
    if stale():
        return None
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - only an interruption we asked for is expected
        if stale() and "interrupt" in str(exc).lower():
            return None
        raise


def load_first_rows(
    store, flt: RecordFilter, sort: str, stale: Callable[[], bool] = lambda: False
) -> list[dict] | None:
    """The worker side of a quick first answer: the first page's summaries only (LIMIT), which
    the database can give without ordering every match; None if stale."""

    def run() -> list[dict]:
        with interruptible(store, stale):
            return store.search(flt.text, flt, limit=PAGE, sort=sort)

    return unless_interrupted(run, stale)


def load_page(
    store, flt: RecordFilter, sort: str, reverse: bool, stale: Callable[[], bool] = lambda: False
) -> tuple[list[str], list[dict]] | None:
    """The worker side of a refresh: every id in order and the first page's summaries.

    None if the query became stale (a newer one was asked for) before or while it ran.
    """

    def run() -> tuple[list[str], list[dict]]:
        with interruptible(store, stale):
            ids = store.ids(flt, sort=sort)
            if reverse:
                ids.reverse()
            return ids, store.summaries(ids[:PAGE])

    return unless_interrupted(run, stale)


class RecordListModel(ReadOnlyTableModel):
    """Rows are records matching ``filter``; ``ID_ROLE`` gives a row's record id."""

    #: (total rows) after each completed refresh
    refreshed = Signal(int)
    #: (rows) when the first page of a new filter or sort is shown, before all ids are known
    first_rows = Signal(int)
    #: 1 while a query for this list is running, then 0 (an int: PySide6 6.12 loses a reference
    #: to True/False on every emit of a bool, see pyside_workarounds.guard_none_refcount)
    busy = Signal(int)

    def __init__(self, columns: list[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = columns
        self._filter = RecordFilter()
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._sort = "date"
        self._reverse = False
        self._ids: list[str] = []
        self._shown = 0
        self._cache: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._pending_blocks: set[int] = set()
        self._generation = 0
        self._partial = False  # showing a first page whose full id list is still coming
        self._loaded = False
        self._row_index: dict[str, int] | None = None
        self._today = date.today()
        self._pick_default_sort()

    # ---- configuration ---------------------------------------------------------------------
    @property
    def filter(self) -> RecordFilter:
        return self._filter

    @property
    def sort_key(self) -> tuple[str, bool]:
        return self._sort, self._reverse

    @property
    def loaded(self) -> bool:
        """True once the first query has answered."""
        return self._loaded

    def set_columns(self, columns: list[Column]) -> None:
        self.beginResetModel()
        self._columns = columns
        self._pick_default_sort()
        self.endResetModel()

    def _pick_default_sort(self) -> None:
        for i, col in enumerate(self._columns):
            if col.sort_asc or col.sort_desc:
                self._sort_column = i
                self._sort_order = (
                    Qt.SortOrder.DescendingOrder if col.sort_desc else Qt.SortOrder.AscendingOrder
                )
                self._sort, self._reverse = self._store_sort(col, self._sort_order)
                return

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_column, self._sort_order

    def cancel(self) -> None:
        """Abandon the queries in flight (the user is still typing); the rows shown stay."""
        self._generation += 1

    def set_filter(self, flt: RecordFilter) -> None:
        self._filter = flt
        self.refresh()

    # ---- queries -----------------------------------------------------------------------------
    def refresh(self, changed_ids: Iterable[str] = ()) -> None:
        """Run the query again; rows of ``changed_ids`` are fetched anew, others stay cached."""
        changed_ids = set(changed_ids)
        for rid in changed_ids:
            self._cache.pop(rid, None)
        self._generation += 1
        generation = self._generation
        flt = replace(self._filter, today=self._today)
        sort, reverse = self._sort, self._reverse
        self.busy.emit(1)

        def stale() -> bool:
            return generation != self._generation

        def load_all() -> None:
            read(self, load_page, flt, sort, reverse, stale).success(
                lambda result: self._on_loaded(generation, result, changed_ids)
            ).failure(lambda exc: self._on_failed(generation, exc)).run_in_background()

        if changed_ids or reverse or sort not in QUICK_FIRST_PAGE:
            # After a store change the rows on screen stay until the new ids are known; an
            # order no index gives costs as much for one page as for all, so one query it is.
            load_all()
            return

        def first(rows: list[dict] | None) -> None:
            # The first page comes from a LIMIT query (for the default order, a short walk of an
            # index); only then is the id list asked for, so the two never race for the store.
            if rows is None or stale():
                return
            if len(rows) < PAGE:  # that was every match: no second query needed
                self._on_loaded(generation, ([r["id"] for r in rows], rows), changed_ids)
                return
            self._on_first_rows(rows)
            load_all()

        read(self, load_first_rows, flt, sort, stale).success(first).failure(
            lambda exc: self._on_failed(generation, exc)
        ).run_in_background()

    def _on_first_rows(self, rows: list[dict]) -> None:
        for row in rows:
            self._remember(row)
        self.beginResetModel()
        self._ids = [row["id"] for row in rows]
        self._row_index = None
        self._shown = len(self._ids)
        self._partial = True
        self._pending_blocks.clear()
        self.endResetModel()
        self.first_rows.emit(self._shown)

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.busy.emit(0)
        ops.report(self, exc)

    def _on_loaded(self, generation: int, result, changed: set[str]) -> None:
        if generation != self._generation or result is None:
            return  # the user asked for something newer meanwhile
        ids, first = result
        for row in first:
            self._remember(row)
        self._loaded = True
        if self._partial and ids[: len(self._ids)] == self._ids:
            # The first page is already on screen: only the rows after it are new.
            self._ids = ids
            self._row_index = None
            self._partial = False
            self._pending_blocks.clear()
        elif ids == self._ids and self._shown:
            # Same rows in the same order (an edit that moved nothing): repaint only what changed.
            for rid in changed:
                row = self.row_of(rid)
                if 0 <= row < self._shown:
                    self.dataChanged.emit(
                        self.index(row, 0), self.index(row, self.columnCount() - 1)
                    )
        else:
            keep = max(self._shown, PAGE) if changed else PAGE
            self.beginResetModel()
            self._ids = ids
            self._row_index = None
            self._shown = min(len(ids), keep)
            self._partial = False
            self._pending_blocks.clear()
            self.endResetModel()
        self.busy.emit(0)
        self.refreshed.emit(len(self._ids))

    def _remember(self, row: dict[str, Any]) -> None:
        self._cache[row["id"]] = row
        self._cache.move_to_end(row["id"])
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)

    def _fetch_block(self, block: int) -> None:
        if block in self._pending_blocks:
            return
        self._pending_blocks.add(block)
        id_list = self._ids
        ids = id_list[block * PAGE : (block + 1) * PAGE]
        record_ops.summaries(self, ids).success(
            lambda rows: self._on_block(id_list, block, rows)
        ).run_in_background()

    def _on_block(self, id_list: list[str], block: int, rows: list[dict]) -> None:
        for row in rows:  # a summary is right whatever list asked for it
            self._remember(row)
        if id_list is not self._ids:
            return  # the list changed meanwhile (its pending blocks were forgotten then)
        self._pending_blocks.discard(block)
        first = block * PAGE
        last = min(first + PAGE, self._shown) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    # ---- lookups -----------------------------------------------------------------------------
    def total(self) -> int:
        """Rows matching the filter, including those not yet fetched."""
        return len(self._ids)

    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int:
        if self._row_index is None:
            self._row_index = {rid: i for i, rid in enumerate(self._ids)}
        return self._row_index.get(record_id, -1)

    def summary(self, row: int) -> dict[str, Any] | None:
        rid = self.id_at(row)
        return self._cache.get(rid) if rid else None

    def ensure_shown(self, row: int) -> None:
        """Expose rows up to ``row`` (to select a record further down the list)."""
        if row >= self._shown and row < len(self._ids):
            self.beginInsertRows(QModelIndex(), self._shown, row)
            self._shown = row + 1
            self.endInsertRows()

    # ---- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        n = min(PAGE, len(self._ids) - self._shown)
        if n <= 0:
            return
        first = self._shown
        self.beginInsertRows(QModelIndex(), first, first + n - 1)
        self._shown += n
        self.endInsertRows()
        for block in range(first // PAGE, (first + n - 1) // PAGE + 1):
            self._fetch_block(block)

    def header_text(self, section: int) -> str:
        return self._columns[section].header()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        rid = self._ids[index.row()]
        if role == ID_ROLE:
            return rid
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.AccessibleTextRole,
            KIND_ROLE,
            SUMMARY_ROLE,
        ):
            return None
        row = self._cache.get(rid)
        if row is None:
            self._fetch_block(index.row() // PAGE)
            return None
        self._cache.move_to_end(rid)
        col = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return col.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.get("title") or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col.key == "due" and is_overdue(row, self._today):
                return QBrush(OVERDUE_COLOR)
            return None
        if role == KIND_ROLE:
            return row.get("kind")
        return row

    # ---- sorting -----------------------------------------------------------------------------
    @staticmethod
    def _store_sort(col: Column, order: Qt.SortOrder) -> tuple[str, bool]:
        if order == Qt.SortOrder.AscendingOrder:
            return (col.sort_asc, False) if col.sort_asc else (col.sort_desc, True)
        return (col.sort_desc, False) if col.sort_desc else (col.sort_asc, True)

    def is_sortable(self, column: int) -> bool:
        col = self._columns[column]
        return bool(col.sort_asc or col.sort_desc)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or not self.is_sortable(column):
            return
        key = self._store_sort(self._columns[column], order)
        self._sort_column, self._sort_order = column, order
        if key == (self._sort, self._reverse):
            return
        self._sort, self._reverse = key
        if self._generation:  # not before the first filter is set
            self.refresh()
