"""gunicorn workers whose own error answers are problem+json, like every answer of the app.

gunicorn refuses some requests itself, before the app sees them: a malformed request line or
method, a NUL or other control character in a header, a request line or header over its limits
(414, 431), conflicting Content-Length and Transfer-Encoding. It answers those with an HTML page
and has no setting to change that. These workers let gunicorn choose the status and log the
refusal as usual, then send the same status and message as an RFC 9457 problem document.

gunicorn.conf.py selects SyncWorker; ThreadWorker is the same for `worker_class = "gthread"`.
"""

import html
import json
import re

from gunicorn import util
from gunicorn.workers.gthread import ThreadWorker as GunicornThreadWorker
from gunicorn.workers.sync import SyncWorker as GunicornSyncWorker

from factcheck.errors import PROBLEM_CONTENT_TYPE, problem

# gunicorn's page: "HTTP/1.1 <status> <reason>" ... "<h1><p>reason</p></h1> message </body>"
_STATUS = re.compile(rb"HTTP/1\.1 (\d{3}) ")
_MESSAGE = re.compile(r"</h1>\s*(.*?)\s*</body>", re.S)


class _ErrorPage:
    """Takes the client socket's place while gunicorn writes its HTML error page."""

    def __init__(self):
        self.data = bytearray()

    def gettimeout(self) -> float:
        return 0.0  # non-blocking already: gunicorn writes straight away

    def setblocking(self, flag) -> None:
        pass

    def sendall(self, data: bytes) -> None:
        self.data += data

    def as_problem(self) -> bytes | None:
        """The same answer as an HTTP/1.1 problem+json response; None if nothing was written."""
        found = _STATUS.match(self.data)
        if found is None:
            return None
        status = int(found.group(1))
        page = bytes(self.data).decode("latin-1")
        message = _MESSAGE.search(page)
        detail = html.unescape(message.group(1)) if message else ""
        document = problem(status, detail or None)
        body = json.dumps(document).encode()
        head = (
            f"HTTP/1.1 {status} {document['title']}\r\n"
            "Connection: close\r\n"
            f"Content-Type: {PROBLEM_CONTENT_TYPE}\r\n"
            "X-Content-Type-Options: nosniff\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        return head.encode("latin-1") + body


class ProblemErrors:
    """Mixin for a gunicorn worker class: its error answers as problem+json."""

    def handle_error(self, req, client, addr, exc):
        page = _ErrorPage()
        super().handle_error(req, page, addr, exc)  # gunicorn's status, message and logging
        reply = page.as_problem()
        if reply is None:
            return
        try:
            util.write_nonblock(client, reply)
        except Exception:  # the client is gone: nothing more to do, as in gunicorn's own
            self.log.debug("Failed to send error message.")


class SyncWorker(ProblemErrors, GunicornSyncWorker):
    pass


class ThreadWorker(ProblemErrors, GunicornThreadWorker):
    pass
