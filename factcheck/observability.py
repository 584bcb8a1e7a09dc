"""Request ids and structured logs.

Every request gets an id: the caller's `X-Request-ID` when it is safe to repeat (1-128 letters,
digits and `._:+=@/-`, and not an API token), a new one otherwise. The id is echoed in the
response's `X-Request-ID` header, on errors too, and carried by every log record written while
the request runs.

Logs are JSON lines on stderr: one `factcheck.request` record per request (method, path without
the query string, status, duration, request id, user id), and the application's own records in
the same shape. The Authorization header and query strings are never logged, and anything that
still looks like an API token is masked before a line is written.
"""

import datetime
import json
import logging
import re
import sys
import time
import traceback
import uuid

from flask import Flask, Response, g, has_request_context, request
from flask.logging import default_handler

from factcheck.services.accounts import TOKEN_PREFIX

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._:+=@/-]{1,128}")

request_logger = logging.getLogger("factcheck.request")

# Health probes arrive every few seconds; their successes are logged at DEBUG only.
QUIET_PATHS = frozenset({"/healthz", "/readyz"})

# Defence in depth: whatever a message or a traceback carries, a token is never written out.
_SECRETS = re.compile(
    rf"{re.escape(TOKEN_PREFIX)}[A-Za-z0-9_-]+|(?i:bearer)\s+[^\s\"',;]+",
)

# Attributes every LogRecord has; anything else on a record came from `extra=` and is logged.
_RECORD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None)).keys()
) | {"message", "asctime", "taskName"}


def _mask(text: str) -> str:
    return _SECRETS.sub(
        lambda m: (
            TOKEN_PREFIX + "[redacted]"
            if m.group(0).startswith(TOKEN_PREFIX)
            else "Bearer [redacted]"
        ),
        text,
    )


def request_id() -> str | None:
    """The current request's id (None outside a request)."""
    if not has_request_context():
        return None
    rid = g.get("request_id")
    if rid is None:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        # An id that looks like an API token is replaced too: it would be logged and echoed.
        safe = REQUEST_ID_PATTERN.fullmatch(incoming) and not _SECRETS.search(incoming)
        rid = incoming if safe else uuid.uuid4().hex
        g.request_id = rid
    return rid


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", None) or request_id()
        if rid:
            entry["request_id"] = rid
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return _mask(json.dumps(entry, default=str, ensure_ascii=False))


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a record is emitted (servers and tests swap it)."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


def configure_logging(level: str = "INFO") -> None:
    """Send log records to stderr as JSON lines, unless logging is already set up.

    gunicorn.conf.py installs the same formatter for the server's own records; a host that
    configured the root logger itself (a test runner, an embedding application) keeps its own.
    """
    root = logging.getLogger()
    if not root.handlers:
        handler = _StderrHandler()
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
        root.setLevel(level)
    # The application's loggers log at the configured level whatever the root's level is.
    logging.getLogger("factcheck").setLevel(level)


def init_app(app: Flask) -> None:
    configure_logging(app.config.get("FACTCHECK_LOG_LEVEL", "INFO"))
    # Records go up to the root handler; Flask's own text handler would write them twice.
    app.logger.removeHandler(default_handler)

    @app.before_request
    def start_request():
        g.request_started = time.perf_counter()
        request_id()

    @app.after_request
    def finish_request(response: Response) -> Response:
        response.headers[REQUEST_ID_HEADER] = request_id()
        log_request(response)
        return response


def log_request(response: Response) -> None:
    started = g.get("request_started")
    duration = round((time.perf_counter() - started) * 1000, 2) if started else None
    status = response.status_code
    if status >= 500:
        level = logging.ERROR
    elif request.path in QUIET_PATHS and status < 400:
        level = logging.DEBUG
    else:
        level = logging.INFO
    if not request_logger.isEnabledFor(level):
        return
    fields = {
        "request_id": request_id(),
        "method": request.method,
        "path": request.path,
        "status": status,
        "duration_ms": duration,
        "user_id": g.get("user_id"),
        "remote_addr": request.remote_addr,
        "user_agent": request.user_agent.string or None,
        "response_bytes": response.content_length,
    }
    request_logger.log(level, "%s %s %s", request.method, request.path, status, extra=fields)
