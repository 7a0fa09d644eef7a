"""The exchange of a record of conversation as ordered turns (先方 … / 当方 …), and the upgrade of
meetings written before turns existed.

Before turns, a meeting held three boxes: ``key_points``, ``partner_requests`` and
``our_responses``. The key points were a summary of the whole meeting, said by neither side, so
they stay where they were, as the record's summary (概要) printed above the exchange. The
partner's requests become one partner turn flagged as a request, and our responses the 'ours'
turn that answers it, in that order. Old JSON (an import file, HQ, a laptop on older code) is
upgraded when it is read (``Meeting`` takes the old boxes and reads them into turns) and stored
rows by a store step (``upgrade_store``), so a record looks the same whichever way it arrives.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

OLD_FIELDS = ("partner_requests", "our_responses")


_OLD = frozenset(OLD_FIELDS)  # every meeting validated passes here: a set test, not a loop


def upgrade_meeting_data(data: Any) -> Any:
    """``data`` with the old request/response boxes moved into turns (unchanged if none).

    A record that already has turns and also carries an old box (an older laptop changed only
    the box) gets the box's text as one more turn, unless a turn already says exactly that:
    nothing typed is dropped and nothing is doubled when the same record arrives twice.
    """
    if not isinstance(data, dict) or _OLD.isdisjoint(data):
        return data
    data = dict(data)
    requests = str(data.pop("partner_requests", "") or "").strip()
    responses = str(data.pop("our_responses", "") or "").strip()
    turns = list(data.get("turns") or [])
    said = {_text(t) for t in turns}
    if requests and requests not in said:
        turns.append({"side": "partner", "text": requests, "request": True})
    if responses and responses not in said:
        turns.append({"side": "ours", "text": responses})
    data["turns"] = turns
    return data


def _text(turn: Any) -> str:
    if isinstance(turn, dict):
        return str(turn.get("text", "")).strip()
    return str(getattr(turn, "text", "")).strip()


@dataclass(frozen=True)
class Request:
    """A partner's request and what we answered so far (the 'ours' turns that follow it, up to
    the partner's next turn)."""

    text: str
    answers: tuple[str, ...]
    follow_up_id: str | None
    index: int  # position of the request among the meeting's turns


def requests(turns) -> list[Request]:
    """The partner turns flagged as requests, each with our answers that follow it."""
    out: list[Request] = []
    turns = list(turns)
    for i, turn in enumerate(turns):
        if turn.side != "partner" or not turn.request:
            continue
        answers: list[str] = []
        for later in turns[i + 1 :]:
            if later.side != "ours":
                break
            answers.append(later.text)
        out.append(Request(turn.text, tuple(answers), turn.follow_up_id, i))
    return out


def upgrade_store(conn) -> None:
    """Store upgrade step: every stored meeting in the new shape, with new search text.

    Rows are rewritten in place (no revision, history or outbox entry): the record says the same
    thing, only its shape changed, and HQ upgrades what it holds when it reads it. The search
    text is rebuilt for every record, so the names of its codes become searchable too.
    """
    from pydantic import ValidationError

    from .indexing import search_text
    from .models import record_from_json

    rows = conn.execute("SELECT rowid, kind, data, deleted_at FROM records").fetchall()
    data_rows: list[tuple[str, int]] = []
    texts: list[tuple[int, str]] = []
    for rowid, kind, data, deleted_at in rows:
        try:
            record = record_from_json(data)
        except ValidationError:
            # A code this laptop's lists no longer hold (a post's own summit code): the record
            # keeps its stored text and only its shape is moved, never refused at upgrade.
            if kind == "meeting":
                raw = upgrade_meeting_data(json.loads(data))
                data_rows.append((json.dumps(raw, ensure_ascii=False), rowid))
            continue
        if kind == "meeting":
            data_rows.append((record.model_dump_json(), rowid))
        if deleted_at is None:  # the trash is not searched (as the store writes it)
            texts.append((rowid, search_text(record)))
    conn.executemany("UPDATE records SET data = ? WHERE rowid = ?", data_rows)
    conn.executemany("DELETE FROM records_fts WHERE rowid = ?", [(r,) for r, _ in texts])
    conn.executemany("INSERT INTO records_fts(rowid, text) VALUES (?, ?)", texts)
