from __future__ import annotations

import csv
import json
from datetime import date

import pytest

from fieldkit.core import demo
from fieldkit.core.errors import ValidationProblem
from fieldkit.core.models import Meeting
from fieldkit.core.query import RecordFilter
from fieldkit.core.store import Store
from fieldkit.core.transfer import export_csv, export_jsonl, read_jsonl


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_round_trip_between_two_stores(tmp_path):
    a = Store.open(tmp_path / "a")
    demo.generate(a, meetings=30, visits=10, projects=5, seed=3)
    out = tmp_path / "all.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        n = export_jsonl(a.iter_records(), fh)
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert {"id", "kind", "revision"} <= set(first)
    b = Store.open(tmp_path / "b")
    counts = b.import_records(read_jsonl(out))
    assert counts == {"created": n, "updated": 0, "unchanged": 0}
    assert b.get_many(a.ids()) == a.get_many(a.ids())
    assert b.import_records(read_jsonl(out)) == {"created": 0, "updated": 0, "unchanged": n}
    a.close()
    b.close()


def test_import_updates_changed_records_only(store, tmp_path):
    m = store.create(Meeting(subject="GX", date=date(2026, 1, 1), country="KE"))
    other = store.create(Meeting(subject="Digital", date=date(2026, 1, 2), country="KE"))
    changed = m.model_copy(update={"place": "Nairobi"})
    path = write_lines(tmp_path / "x.jsonl", [changed.model_dump_json(), other.model_dump_json()])
    counts = store.import_records(read_jsonl(path))
    assert counts == {"created": 0, "updated": 1, "unchanged": 1}
    assert store.get(m.id).revision == 2
    assert store.history(m.id)[-1].action == "import"
    assert store.history(m.id)[-1].changes == {"place": ["", "Nairobi"]}
    assert len(store.history(other.id)) == 1


GOOD = Meeting(subject="GX", date=date(2026, 1, 1), country="KE")


@pytest.mark.parametrize(
    "bad_line, needle",
    [
        ("{not json", "line 2: invalid JSON"),
        (
            '{"kind": "meeting", "subject": 5, "date": "2026-01-01", "country": "KE"}',
            "line 2: meeting.subject",
        ),
        ('{"kind": "spaceship"}', "line 2: unknown kind 'spaceship'"),
        (
            '{"kind": "meeting", "subject": "x", "date": "2026-02-30", "country": "KE"}',
            "line 2: meeting.date",
        ),
        (
            '{"kind": "meeting", "subject": "'
            + "x" * (10 * 1024 * 1024)
            + '", "date": "2026-01-01", "country": "KE"}',
            "line 2: meeting.subject: String should have at most",
        ),
        ("[1, 2, 3]", "line 2: expected a JSON object"),
        (GOOD.model_dump_json(), "line 2: id " + GOOD.id + " already appears on line 1"),
    ],
)
def test_bad_import_lists_problem_and_writes_nothing(store, tmp_path, bad_line, needle):
    path = write_lines(tmp_path / "bad.jsonl", [GOOD.model_dump_json(), bad_line])
    with pytest.raises(ValidationProblem) as exc:
        read_jsonl(path)
    assert needle in str(exc.value)
    assert "nothing was imported" in str(exc.value)
    assert store.count() == 0


def test_every_problem_is_listed(tmp_path):
    path = write_lines(
        tmp_path / "bad.jsonl",
        [
            '{"kind": "meeting", "subject": "", "date": "2026-13-01", "country": "KE"}',
            "oops",
            GOOD.model_dump_json(),
        ],
    )
    with pytest.raises(ValidationProblem) as exc:
        read_jsonl(path)
    wheres = [w for w, _ in exc.value.problems]
    assert "line 1: meeting.subject" in wheres and "line 1: meeting.date" in wheres
    assert "line 2" in wheres


def test_csv_for_excel(store, tmp_path):
    store.create(
        Meeting(
            subject="地熱発電",
            date=date(2026, 1, 1),
            country="KE",
            policy_fields=["gx", "digital"],
            our_attendees=[{"name": "Sato Yuki"}],
        )
    )
    path = tmp_path / "m.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        export_csv(store.iter_records(RecordFilter(kinds=("meeting",))), "meeting", fh)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(open(path, encoding="utf-8-sig", newline="")))
    assert rows[0]["subject"] == "地熱発電"
    assert rows[0]["policy_fields"] == "gx; digital"
    assert json.loads(rows[0]["our_attendees"])[0]["name"] == "Sato Yuki"
    assert "key_points" in rows[0]
