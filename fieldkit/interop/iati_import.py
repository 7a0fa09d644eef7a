"""Importing IATI activity files into the project registry.

    report = import_iati(store, Path("jica-kenya.xml"), country="KE")
    print(report.summary()); [print(s) for s in report.skipped]

Reading (streaming, hardened, tolerant of messy files) is ``iati_read``; this module writes.

Transactions: the whole import is one store transaction. A file that turns out to be broken or
hostile half-way, or a Cancel, rolls everything back: nothing is half-imported. Within the file each
activity is all-or-nothing (it is fully converted and validated before it is written), so a bad
activity is skipped whole and never leaves a half-filled project behind. One transaction holds the
store's lock for the import (about 2.5 s for a 50 MB file here); the app runs it in the background
behind a progress window, and batches keep memory flat (SQLite's page cache is 16 MB for the
import: see ``_small_cache``).

Speed: a file of 4 MB or more is parsed by a second process (``iati_worker``) while this one
validates and writes, each project validated once and written with a few ``executemany`` per batch
(``Store.create_many``, ``Store.update_many``); what is left here is mostly the store's own work
(search text, SQLite with its trigram index, the commit). ``benchmarks/bench_iati.py`` has figures.

Re-importing updates projects by IATI identifier: fields IATI owns (title, description, dates,
organisations, countries, sectors, budget, status, ...) are replaced; local fields (notes, report due
dates, classification, scheme once set) and the record id (so visits stay linked) are kept. New
projects get an id derived from the IATI identifier, so HQ and every laptop importing the same
activity produce the same record and sync never duplicates it.
"""

from __future__ import annotations

import json
from collections.abc import Generator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from fieldkit.core.errors import problems_from_pydantic
from fieldkit.core.gcpause import paused_gc
from fieldkit.core.messages import Message
from fieldkit.core.models import Project, new_id

from .iati_common import preferred_languages, project_id_for
from .iati_read import (
    MAX_ACTIVITY_BYTES,
    MAX_ELEMENTS,
    Activity,
    IatiFileError,
    ImportReport,
    Progress,
    Skip,
    check_country,
    read_activities,
)
from .iati_worker import read_activities_in_worker, use_worker

__all__ = [
    "MAX_ACTIVITY_BYTES",
    "MAX_ELEMENTS",
    "IatiFileError",
    "ImportReport",
    "Skip",
    "convert_iati",
    "import_iati",
    "read_activities",
]

BATCH = 200  # activities written per store call (one transaction overall)
IMPORT_CACHE_KB = 16 * 1024  # SQLite's page cache during an import (see _small_cache)


# ---- the public entry points --------------------------------------------------------------------
def import_iati(
    store,
    source: Path | str | IO[bytes],
    *,
    country: str | None = None,
    prefer: tuple[str, ...] | None = None,
    progress: Progress | None = None,
    worker: bool | None = None,
) -> ImportReport:
    """Import (create or update by IATI identifier) every valid activity of ``source``.

    ``country`` keeps only activities for that recipient country. ``progress(done, total, label)``
    is called as the file is read (bytes); it may raise to cancel, which rolls everything back.
    Raises IatiFileError for a file that is not IATI, not well-formed, or refused as hostile.
    A file of 4 MB or more is read by a second process while this one writes (``iati_worker``;
    ``worker`` True/False forces the choice).
    """
    country = check_country(country)
    prefer = prefer or preferred_languages(store.settings.language)
    report = ImportReport(source=str(getattr(source, "name", source)))
    reading = _read(source, report, country, prefer, progress, worker, store.data_dir)
    # closing(): a write that fails stops the reader process at once, not when collected.
    with closing(reading), store.tx.write() as conn, _small_cache(conn):
        index = _registry_index(store)  # inside the transaction: no one adds a project meanwhile
        batch: list[Activity] = []
        for activity in reading:
            batch.append(activity)
            if len(batch) >= BATCH:
                _write(store, batch, index, report)
                batch = []
        _write(store, batch, index, report)
    report.skipped.sort(key=lambda s: s.line or 0)  # file order, whoever found the problem
    if report.created or report.updated:
        store.audit(
            "import_iati",
            source=report.source,
            created=report.created,
            updated=report.updated,
            skipped=report.skipped_activities,
        )
    return report


def convert_iati(
    source: Path | str | IO[bytes],
    *,
    country: str | None = None,
    prefer: tuple[str, ...] = ("en", "ja"),
    progress: Progress | None = None,
    worker: bool | None = None,
) -> tuple[list[Project], ImportReport]:
    """The projects a file holds, without a store (for JSON lines handed to HQ's registry)."""
    country = check_country(country)
    report = ImportReport(source=str(getattr(source, "name", source)))
    projects = []
    with closing(_read(source, report, country, prefer, progress, worker, None)) as reading:
        for activity in reading:
            try:
                projects.append(_build(activity, project_id_for(activity.identifier)))
            except ValidationError as exc:
                _skip_invalid(report, activity, exc)
    report.created = len(projects)
    return projects, report


@contextmanager
def _small_cache(conn):
    """A smaller SQLite page cache for the import's one long transaction, the usual one after.

    Memory is what an import must bound, whatever the file's size: besides its page cache,
    SQLite holds about 0.4 MB per MB of file until the commit (measured with
    sqlite3_memory_used), and the reader process and the app take ~90 MB. The store's usual
    64 MB cache would take the sum over 200 MB for files of ~150 MB; 16 MB keeps it under
    for about twice that (benchmarks/bench_iati.py --memory has the figures).
    """
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")


def _read(
    source, report, country, prefer, progress, worker, data_dir
) -> Generator[Activity, None, None]:
    if use_worker(source, worker):
        return read_activities_in_worker(
            source, report, country=country, prefer=prefer, progress=progress, data_dir=data_dir
        )
    return read_activities(source, report, country=country, prefer=prefer, progress=progress)


# ---- writing ------------------------------------------------------------------------------------
def _registry_index(store) -> tuple[dict[str, tuple[str, bool]], set[str], set[str]]:
    """IATI identifier -> (record id, in trash); every project id; live projects with no identifier.

    One pass over the projects, so matching a large file costs no query per activity.
    """
    by_identifier: dict[str, tuple[str, bool]] = {}
    ids: set[str] = set()
    unidentified: set[str] = set()
    with store.tx.read() as conn:
        rows = conn.execute(
            "SELECT id, deleted_at IS NOT NULL, json_extract(data, '$.iati_identifier') "
            "FROM records WHERE kind = 'project'"
        ).fetchall()
    for record_id, deleted, identifier in rows:
        ids.add(record_id)
        if identifier:
            previous = by_identifier.get(identifier)
            if previous is None or previous[1]:  # a live project wins over one in the trash
                by_identifier[identifier] = (record_id, bool(deleted))
        elif not deleted:
            unidentified.add(record_id)
    return by_identifier, ids, unidentified


def _match(identifier: str, existing, unidentified: set[str]) -> tuple[str, bool] | None:
    """The project an activity updates, if any.

    An identifier FieldKit made on export ("<org>-<record id>") leads back to its own project.
    """
    hit = existing.get(identifier)
    if hit is None and identifier[-37:-36] == "-" and identifier[-36:] in unidentified:
        hit = (identifier[-36:], False)
        existing[identifier] = hit
        unidentified.discard(identifier[-36:])
    return hit


@paused_gc()  # one batch of BATCH activities: see fieldkit.core.gcpause
def _write(store, batch: list[Activity], index, report) -> None:
    """Create the new projects and update the known ones of a batch, a few statements each.

    A known project is merged as plain data (its stored JSON): when the merge gives back exactly
    what is stored, which is what re-importing an unchanged file does for every activity, there is
    nothing to validate or write. Everything else is validated once, here, and handed to the
    store's batched paths.
    """
    if not batch:
        return
    existing, known_ids, unidentified = index
    hits = [_match(a.identifier, existing, unidentified) for a in batch]
    olds = _stored(store, [h[0] for h in hits if h and not h[1]])
    creates: list[Project] = []
    updates: list[Project] = []
    for activity, hit in zip(batch, hits, strict=True):
        if hit and hit[1]:
            report.skipped.append(
                Skip(
                    activity.line,
                    activity.identifier,
                    "activity",
                    Message("iati.in_trash"),
                    whole=True,
                )  # fmt: skip
            )
            continue
        old = olds.get(hit[0]) if hit else None
        if old is None:
            record_id = project_id_for(activity.identifier)
            if record_id in known_ids:  # the derived id was taken by a renamed project
                record_id = new_id()
            data = _new_data(activity, record_id)
        else:
            data = _merged_data(activity, old)
            if data == old:  # what is stored already: nothing to validate or write
                report.unchanged += 1
                continue
        try:
            project = Project.model_validate(data)
        except ValidationError as exc:
            _skip_invalid(report, activity, exc)
            continue
        if old is None:
            creates.append(project)
            existing[activity.identifier] = (project.id, False)
            known_ids.add(project.id)
        else:
            updates.append(project)
    if creates:
        report.created += store.create_many(creates, action="import")
    if updates:
        counts = store.update_many(updates, action="import")
        report.updated += counts["updated"]
        report.unchanged += counts["unchanged"]


def _stored(store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Record id -> stored data (as JSON gives it back) of live projects."""
    out: dict[str, dict[str, Any]] = {}
    if not ids:
        return out
    with store.tx.read() as conn:
        marks = ",".join("?" * len(ids))
        for record_id, data in conn.execute(
            f"SELECT id, data FROM records WHERE id IN ({marks}) AND kind = 'project' "
            "AND deleted_at IS NULL",
            ids,
        ):
            out[record_id] = json.loads(data)
    return out


def _new_data(activity: Activity, record_id: str) -> dict[str, Any]:
    data: dict[str, Any] = {"id": record_id, "kind": "project"}
    data.update({k: v for k, v in activity.hints.items() if v})
    data.update(activity.fields)
    return data


def _merged_data(activity: Activity, old: dict[str, Any]) -> dict[str, Any]:
    """The stored project with what IATI owns replaced; local fields and the envelope kept."""
    data = dict(old)
    for key, value in activity.hints.items():
        if value and (not data.get(key) or (key == "scheme" and data[key] == "other")):
            data[key] = value
    data.update(activity.fields)
    # Languages someone added locally to a title or description survive a refresh of the ones
    # IATI publishes. Names of organisations, locations and sectors ("participating_org:1") are
    # keyed by position or code: what a key held before may have been another organisation's.
    before = old.get("translations") or {}
    data["translations"] = {
        key: texts if ":" in key else {**before.get(key, {}), **texts}
        for key, texts in activity.fields["translations"].items()
    }
    return data


def _build(activity: Activity, record_id: str) -> Project:
    return Project.model_validate(_new_data(activity, record_id))


def _skip_invalid(report: ImportReport, activity: Activity, exc: ValidationError) -> None:
    reasons = "; ".join(f"{w}: {m}" for w, m in problems_from_pydantic(exc))
    report.skipped.append(Skip(activity.line, activity.identifier, "activity", reasons, True))
