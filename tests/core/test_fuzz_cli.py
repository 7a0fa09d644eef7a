"""Hypothesis over the CLI's import, new --json, edit and search inputs: whatever comes in, the
answer is success or one line and exit 2, never "unexpected error", and a refusal writes nothing.

The CLI runs in-process through ``main(argv)`` (no subprocess per example), so each test stays
at a few seconds.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldkit.cli.main import main
from fieldkit.core.store import Store

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
record_like = st.fixed_dictionaries(
    {"kind": st.sampled_from(["meeting", "visit", "project", "person", "x", ""])},
    optional={
        "subject": json_values,
        "date": st.sampled_from(["2026-03-02", "2026-02-30", "", "x"]) | json_values,
        "country": st.sampled_from(["KE", "ke", "XX", ""]) | json_values,
        "revision": st.integers() | json_values,
        "id": st.text(max_size=40),
        "_hq": json_values,
    },
)
nasty_text = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda d: b"[" * d, st.integers(900, 4000)),
    st.builds(
        lambda n: b'{"kind": "meeting", "revision": ' + b"9" * n + b"}", st.integers(10, 5000)
    ),
    st.builds(lambda r: json.dumps(r).encode(), record_like),
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("fuzz") / "data"
    with Store.open(d) as store:
        from fieldkit.core.models import Meeting

        rid = store.create(Meeting(subject="fuzz target", date="2026-03-02", country="KE")).id
    return d, rid


def counts(capsys, d) -> dict:
    assert main(["--data-dir", str(d), "status", "--json"]) == 0
    return json.loads(capsys.readouterr().out)["counts"]


def check(capsys, rc: int, before: dict, d) -> None:
    err = capsys.readouterr().err
    assert "unexpected error" not in err and "Traceback" not in err, err
    if rc != 0:
        assert rc == 2 and err.count("\n") == 1 and err.startswith("fieldkit"), err
        assert counts(capsys, d) == before


@FUZZ
@given(lines=st.lists(nasty_text, min_size=1, max_size=4))
def test_import_any_bytes(folder, tmp_path_factory, capsys, lines):
    d, _ = folder
    f = tmp_path_factory.mktemp("in") / "in.jsonl"
    f.write_bytes(b"\n".join(lines) + b"\n")
    before = counts(capsys, d)
    rc = main(["--data-dir", str(d), "import", str(f)])
    check(capsys, rc, before, d)


@FUZZ
@given(body=nasty_text)
def test_new_json_any_bytes(folder, tmp_path_factory, capsys, body):
    d, _ = folder
    f = tmp_path_factory.mktemp("in") / "new.json"
    f.write_bytes(body)
    before = counts(capsys, d)
    rc = main(["--data-dir", str(d), "new", "meeting", "--json", str(f)])
    check(capsys, rc, before, d)


words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60
)


@FUZZ
@given(
    name=st.sampled_from(
        ["subject", "date", "place", "policy_fields", "our_attendees", "revision", "id", "nope", ""]
    ),  # fmt: skip
    value=st.one_of(words, st.builds(lambda d: "[" * d, st.integers(900, 6000))),
)
def test_edit_any_value(folder, capsys, name, value):
    d, rid = folder
    before = counts(capsys, d)
    rc = main(["--data-dir", str(d), "edit", rid, f"{name}={value}"])
    check(capsys, rc, before, d)


@FUZZ
@given(query=st.one_of(words, st.builds(lambda n: "ab " * n, st.integers(1, 8000))),
       limit=st.one_of(st.integers(), st.text(max_size=35)))  # fmt: skip
def test_search_any_query(folder, capsys, query, limit):
    d, _ = folder
    before = counts(capsys, d)
    try:
        rc = main(["--data-dir", str(d), "search", query, "--limit", str(limit)])
    except SystemExit as exc:  # argparse refusing --limit: its own one line, exit 2
        rc = exc.code
    check(capsys, rc, before, d)
