"""The app served by gunicorn with the project's settings: requests gunicorn refuses itself,
before the app runs (malformed request lines, NUL in headers, lines and headers over its limits),
and bodies of unknown length (chunked) are all answered with problem+json, never an HTML page.

Raw bytes over a socket to a server on a free loopback port; every wait is bounded.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
BODY_LIMIT = 4096  # FACTCHECK_MAX_BODY_BYTES for this server: small bodies exercise the limit
START_TIMEOUT = 20
IO_TIMEOUT = 5


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def exchange(port: int, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, read the answer until the server closes: (status, headers, body)."""
    with socket.create_connection((HOST, port), timeout=IO_TIMEOUT) as connection:
        connection.sendall(data)
        connection.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := connection.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


@pytest.fixture(scope="module")
def server(app, database_url, tmp_path_factory):
    """gunicorn with gunicorn.conf.py and one worker, serving the session's test database."""
    port = _free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "HOST": HOST,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "FACTCHECK_SECRET_KEY": "gunicorn-test-secret",
        "FACTCHECK_MAX_BODY_BYTES": str(BODY_LIMIT),
        "FACTCHECK_RATE_LIMIT_ENABLED": "0",
        "GUNICORN_MAX_REQUESTS": "0",
        # Background jobs run in the request: none outlives a test into the next one's tables.
        "FACTCHECK_QUEUE_URL": "inline",
    }
    command = [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py")]
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [*command, "wsgi:app"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"gunicorn exited:\n{log.read_text(errors='replace')}")
            try:
                request = f"GET /healthz HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode()
                if exchange(port, request)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not answer:\n{log.read_text(errors='replace')}")
            time.sleep(0.1)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def assert_problem(answer, status: int) -> dict:
    got_status, headers, body = answer
    assert got_status == status, body
    assert headers["content-type"] == "application/problem+json"
    assert int(headers["content-length"]) == len(body)
    problem = json.loads(body)
    assert problem["status"] == status and problem["title"] and problem["detail"]
    return problem


def get(port: int, path: str = "/healthz", headers: bytes = b"") -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n".encode() + headers + b"\r\n"


# Refused by gunicorn itself


@pytest.mark.parametrize(
    "request_line",
    [b"GARBAGE", b"G@T /healthz HTTP/1.1", b"GET /healthz\x00 HTTP/1.1", b"GET /healthz HTTP/9.9"],
)
def test_malformed_request_lines_are_problem_json(server, request_line):
    answer = exchange(server, request_line + b"\r\nHost: x\r\n\r\n")
    assert_problem(answer, 400)


def test_a_request_line_over_the_limit_is_414_problem_json(server):
    answer = exchange(server, get(server, "/api/v1/claims?q=" + "a" * 9000))
    assert "Request Line is too large" in assert_problem(answer, 414)["detail"]


@pytest.mark.parametrize(
    ("header", "status"),
    [
        (b"X-Nul: a\x00b\r\n", 400),
        (b"X-Bell: a\x07b\r\n", 400),
        (b"X-Big: " + b"a" * 9000 + b"\r\n", 431),
        (b"".join(b"X-H%d: a\r\n" % n for n in range(150)), 431),
    ],
)
def test_bad_or_oversized_headers_are_problem_json(server, header, status):
    assert_problem(exchange(server, get(server, headers=header)), status)


def test_conflicting_body_lengths_are_problem_json(server):
    request = (
        f"POST /api/v1/claims HTTP/1.1\r\nHost: {HOST}:{server}\r\n".encode()
        + b"Content-Type: application/json\r\nContent-Length: 5\r\n"
        + b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    )
    assert_problem(exchange(server, request), 400)


# Chunked bodies, read by the app's middleware


def chunked_post(port: int, chunks: bytes, token: str | None = None) -> bytes:
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return (
        f"POST /api/v1/claims HTTP/1.1\r\nHost: {HOST}:{port}\r\n{auth}".encode()
        + b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + chunks
    )


def chunked(body: bytes, size: int = 1000) -> bytes:
    parts = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in parts) + b"0\r\n\r\n"


def test_a_chunked_body_over_the_limit_is_413_problem_json(server):
    body = json.dumps({"text": "x" * BODY_LIMIT}).encode()
    answer = exchange(server, chunked_post(server, chunked(body)))
    assert str(BODY_LIMIT) in assert_problem(answer, 413)["detail"]


def test_a_chunked_body_with_broken_framing_is_400_problem_json(server):
    answer = exchange(server, chunked_post(server, b"zz\r\n{}\r\n0\r\n\r\n"))
    assert "chunked" in assert_problem(answer, 400)["detail"]


def test_a_chunked_body_within_the_limit_is_read_whole(server, tokens):
    body = json.dumps({"text": "Unemployment fell to 4.1% in March."}).encode()
    request = chunked_post(server, chunked(body, 7), tokens["editor"])
    status, _, reply = exchange(server, request)
    assert status == 201, reply
    assert json.loads(reply)["text"] == "Unemployment fell to 4.1% in March."
