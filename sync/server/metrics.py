"""Prometheus metrics and the one-line JSON access log.

With several worker processes (``serve --workers N``) each process writes its samples to
``PROMETHEUS_MULTIPROC_DIR`` and ``/metrics`` adds them up (prometheus_client's multiprocess mode),
so a scrape sees the whole server whichever worker answers it.
"""

from __future__ import annotations

import json
import logging
import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)

REQUESTS = Counter("fieldkit_hq_requests_total", "HTTP requests", ["route", "status"])
LATENCY = Histogram(
    "fieldkit_hq_request_seconds", "Request latency", ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)  # fmt: skip
PUSHED = Counter("fieldkit_hq_records_pushed_total", "Records written by pushes")
PULLED = Counter("fieldkit_hq_records_pulled_total", "Records sent by pulls")
CONFLICTS = Counter("fieldkit_hq_conflicts_opened_total", "Conflicts opened")
BLOB_IN = Counter("fieldkit_hq_attachment_bytes_in_total", "Attachment bytes received")
BLOB_OUT = Counter("fieldkit_hq_attachment_bytes_out_total", "Attachment bytes served")

access = logging.getLogger("fieldkit.hq.access")
log = logging.getLogger("fieldkit.hq")


def render() -> tuple[bytes, str]:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST


def log_request(**fields) -> None:
    """One JSON line per request: who, which route, the answer, time and sizes; never a
    record's text."""
    if access.isEnabledFor(logging.INFO):
        access.info(json.dumps(fields, separators=(",", ":")))


def setup_logging() -> None:
    """For ``serve``: access lines (JSON) and HQ's own warnings to standard error."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    for logger in (access, log):
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False
