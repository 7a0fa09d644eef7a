"""Exchange with other systems: IATI activity files (in and out) and calendars (iCalendar).

No Qt here, and lxml/icalendar are imported by the modules that need them, so importing
``fieldkit.interop`` costs nothing. CSV export lives in ``fieldkit.core.transfer``.
"""
