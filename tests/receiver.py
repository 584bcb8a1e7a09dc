"""A webhook receiver on the loopback interface, for tests: records every request it gets and
answers as told (fail the first N, hang on one, or succeed)."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    path: str = "/"
    client_port: int = 0
    answered: bool = False  # a 2xx went back
    at: float = field(default_factory=time.monotonic)
    at_wall: float = field(default_factory=time.time)

    @property
    def webhook_id(self) -> str:
        return self.headers["webhook-id"]

    @property
    def payload(self) -> dict:
        return json.loads(self.body)


class Receiver:
    def __init__(self, *, fail_first: int = 0, status: int = 500):
        self.fail_first, self.status = fail_first, status
        self.received: list[Received] = []
        self.hang_on: int | None = None  # hang on the request with this index (0-based)
        self.hanging = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                got = Received(headers, body, self.path, self.client_address[1])
                with receiver._lock:
                    index = len(receiver.received)
                    receiver.received.append(got)
                if index == receiver.hang_on:
                    receiver.hanging.set()
                    receiver.release.wait(60)
                    return  # no answer: the sender gives up or dies
                code = receiver.status if index < receiver.fail_first else 204
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()
                got.answered = code < 300

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def verified(self, secret: str) -> list[dict]:
        """Every request's payload, each checked with the Standard Webhooks library."""
        hook = Webhook(secret)
        return [hook.verify(r.body, r.headers) for r in self.received]
