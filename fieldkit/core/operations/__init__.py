"""What a user does to the store, as one rule each: the CLI, the UI, sync and imports call these.

After Anki's ``operations/note.py``: each function takes the store and plain data, runs one
transaction and returns what changed. No Qt and no printing here; the UI wraps each one in a named
background operation (``fieldkit.ui.operations``), the CLI calls it directly.

    from fieldkit.core.operations import records, followups
    records.update_record(store, rid, {"status": "done"})   # done_on becomes today
    followups.mark_done(store, ids)                          # the follow-ups list's Mark done
"""
