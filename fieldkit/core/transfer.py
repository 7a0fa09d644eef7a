"""Export and import of records as JSON lines, and CSV for spreadsheets.

JSON lines are the lossless format: one complete record per line, with ``id``, ``kind`` and
``revision``. Import is all or nothing: every line is validated first, and one bad line means
nothing is written and every problem is reported with its line number and field.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from .errors import FieldKitError, ValidationProblem, problems_from_pydantic
from .models import KINDS, MODELS, Record, parse_record, record_from_json

MAX_LINE = 16 * 1024 * 1024  # a line longer than this cannot be a valid record
MAX_PROBLEMS = 200


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
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise FieldKitError(f"cannot read {path}: {exc.strerror}") from None
    with fh:
        lineno = 0
        while len(problems) <= MAX_PROBLEMS:
            try:
                line = fh.readline(MAX_LINE + 1)
            except UnicodeDecodeError as exc:
                problems.append((f"line {lineno + 1}", f"not UTF-8 text ({exc.reason})"))
                return
            if not line:
                return
            lineno += 1
            if len(line) > MAX_LINE:
                problems.append((f"line {lineno}", f"longer than {MAX_LINE // 1024 // 1024} MB"))
                return
            if not line.strip():
                continue
            where = f"line {lineno}"
            record = _parse_line(line, where, problems)
            remembered = record is not None and _remember(record, lineno, seen, problems, where)
            if remembered and not problems:
                yield record


def _parse_line(line: str, where: str, problems: list[tuple[str, str]]) -> Record | None:
    try:
        # Fast path: pydantic parses and validates the JSON in one go. Only a line that fails is
        # parsed again step by step, to say exactly what is wrong with it.
        return record_from_json(line)
    except ValidationError:
        pass
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        problems.append((where, f"invalid JSON at column {exc.colno}: {exc.msg}"))
        return None
    if not isinstance(data, dict):
        problems.append((where, "expected a JSON object (one record per line)"))
        return None
    kind = data.get("kind")
    if kind not in KINDS:
        problems.append((where, f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}"))
        return None
    try:
        return parse_record(data)
    except ValidationError as exc:
        problems.extend(problems_from_pydantic(exc, prefix=f"{where}: "))
        return None


def _raise_problems(problems: list[tuple[str, str]], path: Path) -> None:
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(("", "... and more; fix these first"))
        raise ValidationProblem(shown, f"{path}: nothing was imported")


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


def csv_columns(kind: str) -> list[str]:
    return [name for name in MODELS[kind].model_fields if name != "kind"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def export_csv(records: Iterable[Record], kind: str, out: IO[str]) -> int:
    """One column per field, for Excel: the caller opens ``out`` with encoding 'utf-8-sig'."""
    columns = csv_columns(kind)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    n = 0
    for record in records:
        data = record.model_dump(mode="json")
        writer.writerow([_cell(data.get(c)) for c in columns])
        n += 1
    return n


def csv_text(records: Iterable[Record], kind: str) -> str:
    buf = io.StringIO()
    export_csv(records, kind, buf)
    return buf.getvalue()
