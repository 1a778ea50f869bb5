"""One structured log line per request, the same under granian, gunicorn or flask run.

Each request gets an id (the client's ``X-Request-ID`` if it sent a sane one), echoed in
the response, so a line in the log can be matched to what a client saw.
"""

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, g, request

log = logging.getLogger("final_app.requests")
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class JSONLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", {"message": record.getMessage()})
        moment = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        stamp = f"{moment}.{int(record.msecs):03d}Z"
        return json.dumps({"time": stamp, "level": record.levelname.lower(), **fields})


def configure_request_log() -> None:
    """Send request lines to stderr as JSON, once per process."""
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JSONLineFormatter())
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def register_request_logging(app: Flask) -> None:
    configure_request_log()

    @app.before_request
    def start_timer():
        g.started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if SANE_REQUEST_ID.match(given) else uuid.uuid4().hex

    @app.after_request
    def log_request(response):
        request_id = g.get("request_id") or uuid.uuid4().hex
        response.headers["X-Request-ID"] = request_id
        started = g.get("started")
        duration = (time.perf_counter() - started) * 1000 if started else 0.0
        log.info(
            "request",
            extra={
                "fields": {
                    "event": "request",
                    "request_id": request_id,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round(duration, 2),
                    "remote_addr": request.remote_addr,
                }
            },
        )
        return response
