"""The record lists of the main window: a lazy table model, its filter bar, CSV export, trash.

``RecordListModel`` holds only ids plus a bounded row cache; ``ListPage`` puts it beside a
``DetailPane`` with a ``FilterBar`` above. See ``model.py`` for how 100,000 rows stay fast.
"""
