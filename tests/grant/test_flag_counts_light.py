"""The dashboard's grant-flag counts read ratings straight from the stored JSON: the same flags
as the models give, old A-D criterion ratings included, without importing the models."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import date

from fieldkit.core.grant_flags import flag_counts, visit_flags
from fieldkit.core.models import CriterionRating, Visit, parse_record
from fieldkit.core.query import RecordFilter

TODAY = date(2026, 3, 31)


def test_counts_match_the_models_with_old_a_to_d_criterion_ratings(store):
    rated = {"relevance": {"rating": "3"}, "coherence": {"rating": "3"},
             "effectiveness": {"rating": "2"}, "impact": {"rating": "2"},
             "efficiency": {"rating": "1"}, "sustainability": {"rating": "2"}}  # fmt: skip
    store.create(Visit(date=date(2026, 3, 3), country="KE", visit_type="ex_post_evaluation",
                       criteria={k: CriterionRating(**c) for k, c in rated.items()},
                       overall_rating="A"))  # fmt: skip
    old = store.create(Visit(date=date(2026, 3, 4), country="KE", visit_type="pre_approval"))
    # A row as an older laptop wrote it: criteria rated with the overall A-D labels.
    with store.tx.write() as conn:
        conn.execute(
            "UPDATE records SET data = json_set(data, '$.criteria', json(?)) WHERE id = ?",
            (json.dumps({"relevance": {"rating": "B"}, "efficiency": {"rating": "C"}}), old.id),
        )
    rows = store.conn.execute("SELECT data FROM records WHERE kind = 'visit'").fetchall()
    visits = [parse_record(json.loads(d)) for (d,) in rows]
    assert any(c.legacy_rating == "B" for v in visits for c in v.criteria.values())
    expected = Counter()
    for v in visits:
        expected.update({f.code for f in visit_flags(v)})
    assert flag_counts(store, TODAY) == dict(expected) and expected
    assert len(store.query(RecordFilter(kinds=("visit",)))) == 2


def test_counting_rated_visits_does_not_import_the_models(store, data_dir):
    store.create(Visit(date=date(2026, 3, 3), country="KE", visit_type="ex_post_evaluation",
                       criteria={"relevance": CriterionRating(rating="3")}))  # fmt: skip
    store.close()
    code = (
        "import sys; from datetime import date; from pathlib import Path\n"
        "from fieldkit.core.store import Store\n"
        "from fieldkit.core.grant_flags import flag_counts\n"
        f"s = Store.open(Path({str(data_dir)!r}))\n"
        "assert flag_counts(s, date(2026, 3, 31))\n"
        "print('fieldkit.core.models' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stderr
