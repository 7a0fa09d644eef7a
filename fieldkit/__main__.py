import sys

from fieldkit.interop import READER_PROCESS_FLAG

if len(sys.argv) > 1 and sys.argv[1] == READER_PROCESS_FLAG:
    # The desktop bundle's IATI reader process (fieldkit.interop.iati_worker): the bundle has no
    # interpreter to run ``-m`` with, so its own executable is started with this argument.
    from fieldkit.interop.iati_worker import main as reader

    raise SystemExit(reader(sys.argv[2:]))

from fieldkit.cli.main import main  # noqa: E402

raise SystemExit(main())
