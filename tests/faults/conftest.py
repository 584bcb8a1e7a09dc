"""Fault tests: the app served by gunicorn, as in production, against a database they disturb."""

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
WORKERS = 2
START_TIMEOUT = 20  # seconds for gunicorn to boot and answer
STOP_TIMEOUT = 10


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "faults: injects faults into shared services (restarts PostgreSQL)"
    )


@dataclass
class Reply:
    status: int
    headers: dict[str, str]  # lower-cased names
    body: object


def request(port: int, method: str, path: str, *, token=None, body=None, headers=None, timeout=10):
    """One HTTP request to the loopback server; transport failures raise OSError or
    http.client.HTTPException."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        sent = {"Accept": "application/json", **(headers or {})}
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        raw = response.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode(errors="replace")
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, parsed)
    finally:
        connection.close()


class Server:
    def __init__(self, process: subprocess.Popen, port: int, log: Path):
        self.process, self.port, self.log = process, port, log

    def request(self, method: str, path: str, **kwargs) -> Reply:
        return request(self.port, method, path, **kwargs)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def booted_workers(self) -> list[int]:
        return [int(pid) for pid in re.findall(r"Booting worker with pid: (\d+)", self.log_text())]


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def owner_of_port(port: int, pids: list[int]) -> int:
    """Which of `pids` has a TCP socket whose local port is `port` (the sender's side)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as fh:
            for line in fh.readlines()[1:]:
                fields = line.split()
                if int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(fields[9])
    for pid in pids:
        if inodes & _socket_inodes(pid):
            return pid
    raise AssertionError(f"no worker holds local port {port}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(database_url: str, log: Path, *, workers: int = WORKERS, **env_overrides):
    """gunicorn with the project's settings and `workers` workers, on a free loopback port,
    serving `database_url`; returns once every worker has booted and the app answers."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "HOST": HOST,
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "FACTCHECK_SECRET_KEY": secrets.token_urlsafe(32),
        # A recycled worker would look like one the outage killed; the clients' bursts and
        # retries are not what rate limits are for (the limiter stays in the path).
        "GUNICORN_MAX_REQUESTS": "0",
        "FACTCHECK_RATE_LIMIT": "100000 per minute",
        "PYTHONUNBUFFERED": "1",
        # Background jobs run in the request (a test of the queue says otherwise): none
        # outlives a test into the next one's tables.
        "FACTCHECK_QUEUE_URL": "inline",
        **env_overrides,
    }
    command = [
        *(sys.executable, "-m", "gunicorn"),
        *("--config", str(ROOT / "gunicorn.conf.py"), "wsgi:app"),
    ]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(process, port, log)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{server.log_text()}")
        try:
            # Ready when it answers and every worker has booted: the first worker may
            # answer while the second is still importing the app.
            answered = server.request("GET", "/api/v1/openapi.json", timeout=2).status == 200
            if answered and len(server.booted_workers()) >= workers:
                return server
        except (OSError, http.client.HTTPException):
            pass
        if time.monotonic() > deadline:
            stop(process)
            pytest.fail(f"gunicorn did not answer in {START_TIMEOUT} s:\n{server.log_text()}")
        time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_TIMEOUT)


@pytest.fixture
def gunicorn_server(app, database_url, tmp_path):
    """gunicorn as start_gunicorn starts it, on the session's migrated test database."""
    server = start_gunicorn(database_url, tmp_path / "gunicorn.log")
    try:
        yield server
    finally:
        stop(server.process)
