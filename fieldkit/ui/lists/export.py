"""CSV export of what a list shows, in the background with a progress dialog and Cancel.

The file is UTF-8 with a byte-order mark so Excel opens Japanese text correctly; it is written
beside the target and renamed into place, so a cancelled or failed export leaves no half file.
A list of several kinds (contacts) becomes one file per kind, because each kind has its columns.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from fieldkit.core.query import RecordFilter
from fieldkit.ui import file_dialogs
from fieldkit.ui.operations import read
from fieldkit.ui.ops import Progress, QueryOp

BATCH = 500


def target_paths(path: Path, kinds: tuple[str, ...]) -> dict[str, Path]:
    """One file per kind: ``contacts.csv`` becomes ``contacts-organisation.csv`` and ``...-person.csv``."""
    if len(kinds) == 1:
        return {kinds[0]: path}
    return {k: path.with_name(f"{path.stem}-{k}{path.suffix or '.csv'}") for k in kinds}


def write_csv(
    store, flt: RecordFilter, sort: str, paths: dict[str, Path], progress: Progress | None = None
) -> dict[str, int]:
    """Worker side: every record matching ``flt`` into its kind's file; counts by kind."""
    from fieldkit.core.transfer import export_csv  # pydantic models: not with the window

    per_kind = {k: store.ids(replace(flt, kinds=(k,)), sort=sort) for k in paths}
    total = sum(len(v) for v in per_kind.values())
    done = 0
    counts: dict[str, int] = {}
    for kind, ids in per_kind.items():
        path = paths[kind]
        tmp = path.with_name(path.name + ".part")
        try:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as out:

                def records(ids=ids, name=path.name):
                    nonlocal done
                    for i in range(0, len(ids), BATCH):
                        batch = store.get_many(ids[i : i + BATCH])
                        yield from batch
                        done += len(batch)
                        if progress:
                            progress.update(done, total, name)

                counts[kind] = export_csv(records(), kind, out, store)
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
    store.audit("export", None, format="csv", counts=counts, files=[str(p) for p in paths.values()])
    return counts


def export_list(
    parent: QWidget, flt: RecordFilter, sort: str, suggested_name: str, on_done=None
) -> None:
    """Ask where, then export the list's records (all of them, not only the rows fetched)."""
    name = file_dialogs.save_file_name(
        parent,
        QCoreApplication.translate("Export", "Export list as CSV"),
        f"{suggested_name}.csv",
        QCoreApplication.translate("Export", "CSV files (*.csv)"),
    )
    if not name:
        return
    path = Path(name)
    if path.suffix.lower() != ".csv":
        path = path.with_suffix(".csv")
    kinds = RecordFilter.expand_kinds(flt.kinds)
    run_export(parent, flt, sort, target_paths(path, kinds), on_done)


def run_export(
    parent: QWidget, flt: RecordFilter, sort: str, paths: dict[str, Path], on_done=None
) -> QueryOp:
    dialog = QProgressDialog(
        QCoreApplication.translate("Export", "Exporting…"),
        QCoreApplication.translate("Export", "Cancel"),
        0,
        0,
        parent,
    )
    dialog.setWindowTitle(QCoreApplication.translate("Export", "Export list as CSV"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)

    def progress(done: int, total: int, label: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        dialog.setLabelText(
            QCoreApplication.translate("Export", "Exporting {label}: {done} of {total}").format(
                label=label, done=done, total=total
            )
        )

    def finished(counts) -> None:
        dialog.reset()
        dialog.close()
        if on_done:
            on_done(counts, paths)

    def failed(exc: BaseException) -> None:
        dialog.reset()
        dialog.close()
        from fieldkit.ui import ops

        if not isinstance(exc, ops.Cancelled):
            ops.report(parent, exc)

    op = read(parent, write_csv, flt, sort, paths, progress=True)
    op.success(finished).failure(failed).on_progress(progress)
    dialog.canceled.connect(op.progress.cancel)
    op.run_in_background()
    return op
