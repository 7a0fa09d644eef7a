"""HQ console CSV (issue #14): a follow-up's row carries the caveats of the meeting it comes from,
whatever its own fields say (fieldkit.core.marking), beside the columns of the laptop's CSV."""

from __future__ import annotations

import csv
import io

from console_helpers import push

MEETING = "6f1d1a52-4a0b-4c1e-9d57-0a0c8a6a0101"
ACTION = "6f1d1a52-4a0b-4c1e-9d57-0a0c8a6a0102"


def test_followup_rows_carry_their_meetings_caveats(app, client_for):
    push(app.state.store, "NG", [
        {"kind": "meeting", "id": MEETING, "subject": "Lithium side letter", "date": "2026-11-02",
         "country": "NG", "classification": "FOUO", "caveats": ["NO_LOCAL_STAFF"]},
        {"kind": "followup", "id": ACTION, "parent_id": MEETING, "text": "Send the draft",
         "due": "2026-11-20", "classification": "UNCLASSIFIED", "caveats": []},
    ], name="NG laptop 7")  # fmt: skip
    raw = client_for("admin").get("/console/export.csv?post=NG").content
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}
    assert (rows[ACTION]["classification"], rows[ACTION]["caveats"]) == ("FOUO", "NO_LOCAL_STAFF")
    assert (rows[MEETING]["classification"], rows[MEETING]["caveats"]) == ("FOUO", "NO_LOCAL_STAFF")
    header = raw.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:5] == ["embassy", "kind", "id", "classification", "caveats"]
