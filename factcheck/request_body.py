"""Request bodies sent without Content-Length (chunked transfer coding), read before Flask.

Werkzeug applies MAX_CONTENT_LENGTH to such a body by cutting it off at the limit: the view
then parses truncated JSON and answers 400, where a body with a Content-Length gets 413. And a
body whose chunk framing is broken raises the server's own parse error inside the view
(gunicorn's InvalidChunkSize), which would be a 500. So a WSGI middleware reads the body first,
at most MAX_CONTENT_LENGTH + 1 bytes, and passes it on as an ordinary body of known length; a
body that is too long or cannot be read is refused by the app before any view runs (413 or 400,
as a problem document, logged with its request id like every other answer).
"""

import io

from flask import Flask, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

_REFUSAL = "factcheck.body_refusal"  # environ key: the HTTP error the body earned
_READ_SIZE = 64 * 1024


class BufferChunkedBodies:
    """WSGI middleware: de-chunks and buffers bodies of unknown length, up to the limit."""

    def __init__(self, wsgi_app, config):
        self.wsgi_app = wsgi_app
        self.config = config

    def __call__(self, environ, start_response):
        limit = self.config.get("MAX_CONTENT_LENGTH")
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and limit is not None:
            _buffer(environ, limit)
        return self.wsgi_app(environ, start_response)


def _buffer(environ, limit: int) -> None:
    stream, parts, size = environ["wsgi.input"], [], 0
    try:
        while size <= limit:
            part = stream.read(min(_READ_SIZE, limit + 1 - size))
            if not part:
                break
            parts.append(part)
            size += len(part)
    except Exception:  # the server's own error for broken framing (gunicorn's ParseException)
        environ[_REFUSAL] = BadRequest("The request body's chunked encoding is malformed.")
        parts, size = [], 0
    if size > limit:
        environ[_REFUSAL] = RequestEntityTooLarge(
            f"The request body is larger than the limit of {limit} bytes."
        )
        parts, size = [], 0
    environ["wsgi.input"] = io.BytesIO(b"".join(parts))
    environ["CONTENT_LENGTH"] = str(size)
    del environ["HTTP_TRANSFER_ENCODING"]  # what the app sees is no longer chunked


def refuse_unreadable_body() -> None:
    error = request.environ.get(_REFUSAL)
    if error is not None:
        raise error


def init_app(app: Flask) -> None:
    app.wsgi_app = BufferChunkedBodies(app.wsgi_app, app.config)
    app.before_request(refuse_unreadable_body)
