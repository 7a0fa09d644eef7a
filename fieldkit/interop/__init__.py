"""Exchange with other systems: IATI activity files (in and out) and calendars (iCalendar).

No Qt here, and lxml/icalendar are imported by the modules that need them, so importing
``fieldkit.interop`` costs nothing. CSV export lives in ``fieldkit.core.transfer``.
"""

# The desktop bundle's own executable, started with this first argument, is the IATI reader
# process (``iati_worker``); here, so that fieldkit/__main__.py can test for it for free.
READER_PROCESS_FLAG = "--iati-reader-process"
