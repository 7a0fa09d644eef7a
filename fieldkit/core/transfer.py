"""Export and import of records as JSON lines, and CSV for spreadsheets.

JSON lines are the lossless format: one complete record per line, with ``id``, ``kind`` and
``revision``. Import is all or nothing: every line is validated first, and one bad line means
nothing is written and every problem is reported with its line number and field.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from .errors import FieldKitError, ValidationProblem, problems_from_pydantic
from .messages import Message
from .models import KINDS, MODELS, Record, fields_of, parse_record, record_from_json

MAX_LINE = 16 * 1024 * 1024  # a line longer than this cannot be a valid record
MAX_PROBLEMS = 200
SHOWN_PROBLEMS = 3  # the one-line error names the first few problems and counts the rest
MAX_INTEGER = 2**63 - 1  # SQLite's largest integer: a revision beyond it cannot be stored
HQ_FIELDS = ("_hq",)  # what ``fieldkit-hq export`` adds to each record (its embassy, version)


class ImportRefused(ValidationProblem):
    """A file with bad lines: nothing imported. One line: the count and the first problems;
    ``problems`` has them all."""

    def __init__(self, problems: list[tuple[str, str]], path: Path) -> None:
        self.problems = problems
        shown = "; ".join(f"{w}: {m}" if w else m for w, m in problems[:SHOWN_PROBLEMS])
        more = len(problems) - SHOWN_PROBLEMS
        count = f"{len(problems)}{'+' if len(problems) > MAX_PROBLEMS else ''}"
        FieldKitError.__init__(
            self,
            f"{path}: nothing was imported: "
            + (f"{count} problems: " if len(problems) > 1 else "")
            + shown
            + (f" (and {more} more)" if more > 0 else ""),
        )


def loads_json(text: str | bytes) -> Any:
    """``json.loads`` whose every failure is a ValueError with a message for people: bad syntax,
    nesting too deep to be a record, or a number too long to read."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply to be a record") from None
    except ValueError as exc:  # e.g. Python's 4300-digit limit on integers
        raise ValueError(f"invalid JSON: {str(exc).split(';')[0]}") from None


def export_jsonl(records: Iterable[Record], out: IO[str]) -> int:
    n = 0
    for record in records:
        out.write(record.model_dump_json())
        out.write("\n")
        n += 1
    return n


def iter_jsonl(path: Path, problems: list[tuple[str, str]]) -> Iterator[Record]:
    """The valid records of a JSON-lines file, in order; each bad line adds to ``problems``.

    Stops yielding records (but goes on checking) after the first problem, so a caller that writes
    as it reads never writes past a bad line; stops reading after MAX_PROBLEMS problems.
    """
    seen: dict[str, int] = {}
    try:
        fh = open(path, "rb")  # decoded line by line, so a bad byte is reported on its own line
    except OSError as exc:
        raise FieldKitError(Message("file.cannot_read", path=str(path), why=exc.strerror)) from None
    with fh:
        lineno = 0
        while len(problems) <= MAX_PROBLEMS:
            raw = fh.readline(MAX_LINE + 1)
            if not raw:
                return
            lineno += 1
            if len(raw) > MAX_LINE:
                problems.append((f"line {lineno}", f"longer than {MAX_LINE // 1024 // 1024} MB"))
                return
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                problems.append(
                    (f"line {lineno}", f"not UTF-8 text ({exc.reason} at byte {exc.start + 1})")
                )
                continue
            if not line.strip():
                continue
            where = f"line {lineno}"
            if lineno == 1 and _looks_like_csv(path, line):
                raise FieldKitError(Message("import.csv_not_jsonl", path=str(path)))
            record = _parse_line(line, where, problems)
            remembered = record is not None and _remember(record, lineno, seen, problems, where)
            if remembered and not problems:
                yield record


def _looks_like_csv(path: Path, first_line: str) -> bool:
    """A first line that is no JSON object but a row of comma/semicolon/tab-separated cells."""
    text = first_line.strip()
    if text.startswith(("{", "[")):
        return False
    return path.suffix.lower() in (".csv", ".tsv") or any(sep in text for sep in ",;\t")


def _parse_line(line: str, where: str, problems: list[tuple[str, str]]) -> Record | None:
    try:
        # Fast path: pydantic parses and validates the JSON in one go. Only a line that fails is
        # parsed again step by step, to say exactly what is wrong with it.
        record = record_from_json(line)
    except (ValidationError, ValueError, RecursionError):
        record = None
    if record is not None and record.revision <= MAX_INTEGER:
        return record
    try:
        data = loads_json(line)
    except ValueError as exc:
        problems.append((where, str(exc).replace(" at line 1 column", " at column")))
        return None
    if not isinstance(data, dict):
        problems.append((where, "expected a JSON object (one record per line)"))
        return None
    for name in HQ_FIELDS:  # an HQ export: where HQ keeps the record is not part of it
        data.pop(name, None)
    kind = data.get("kind")
    if kind not in KINDS:
        shown = repr(kind) if len(repr(kind)) <= 40 else repr(kind)[:37] + "..."
        problems.append((where, f"unknown kind {shown}; expected one of {', '.join(KINDS)}"))
        return None
    revision = data.get("revision")
    if isinstance(revision, int) and not 0 <= revision <= MAX_INTEGER:
        problems.append((where, f"revision: out of range (0 to {MAX_INTEGER})"))
        return None
    try:
        return parse_record(data)
    except ValidationError as exc:
        problems.extend(problems_from_pydantic(exc, prefix=f"{where}: "))
        return None
    except (ValueError, RecursionError) as exc:
        problems.append((where, f"invalid record ({type(exc).__name__})"))
        return None


def _raise_problems(problems: list[tuple[str, str]], path: Path) -> None:
    if problems:
        raise ImportRefused(problems[: MAX_PROBLEMS + 1], path)


def read_jsonl(path: Path) -> list[Record]:
    """Every record in a JSON-lines file, or a ValidationProblem listing each bad line."""
    problems: list[tuple[str, str]] = []
    records = list(iter_jsonl(path, problems))
    _raise_problems(problems, path)
    return records


def import_jsonl(store, path: Path) -> dict[str, int]:
    """Import a JSON-lines file into ``store``: all or nothing, in one transaction.

    Reading and validating overlap with writing; if any line is bad, everything written so far is
    rolled back and every problem is reported with its line number and field.
    """
    problems: list[tuple[str, str]] = []
    return store.import_records(
        iter_jsonl(path, problems), before_commit=lambda: _raise_problems(problems, path)
    )


def _remember(
    record: Record, lineno: int, seen: dict[str, int], problems: list, where: str
) -> bool:
    """False (and a problem) if the id was already in the file: which line should win is unknowable."""
    if record.id in seen:
        problems.append((where, f"id {record.id} already appears on line {seen[record.id]}"))
        return False
    seen[record.id] = lineno
    return True


# The handling marking comes right after the id, where a reader of the sheet sees it first.
MARKING_COLUMNS = ("classification", "caveats")


def csv_columns(kind: str) -> list[str]:
    rest = [n for n in fields_of(MODELS[kind]) if n not in ("kind", "id", *MARKING_COLUMNS)]
    return ["id", *MARKING_COLUMNS, *rest]


# A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets
# (OWASP "CSV injection"): such a cell gets a leading apostrophe, which they show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def neutralise(text: str) -> str:
    """The cell as a spreadsheet will show it, never as a formula (numbers stay numbers)."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return neutralise("; ".join(value))
    if isinstance(value, (list, dict)):
        return neutralise(json.dumps(value, ensure_ascii=False))
    return neutralise(str(value))


def export_csv(records: Iterable[Record], kind: str, out: IO[str], store=None) -> int:
    """One column per field, for Excel: the caller opens ``out`` with encoding 'utf-8-sig'.

    Each row's classification and caveats are the marking its content carries
    (``fieldkit.core.marking``): a follow-up of a NOT FOR LOCAL STAFF meeting says so, whatever
    its own fields hold. ``store`` is where the parents are read; without it a row carries its
    own marking only."""
    from .marking import effective_marking, with_markings

    columns = csv_columns(kind)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    marked = (
        with_markings(store, records)
        if store is not None
        else ((r, effective_marking(r)) for r in records)
    )
    n = 0
    for record, marking in marked:
        data = record.model_dump(mode="json")
        data["classification"], data["caveats"] = marking.classification, list(marking.caveats)
        writer.writerow([_cell(data.get(c)) for c in columns])
        n += 1
    return n


def csv_text(records: Iterable[Record], kind: str, store=None) -> str:
    buf = io.StringIO()
    export_csv(records, kind, buf, store)
    return buf.getvalue()
