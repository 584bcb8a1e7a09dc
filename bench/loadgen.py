"""A small closed-loop HTTP/1.1 load generator on asyncio, standard library only.

Each of `concurrency` clients sends a request, waits for the whole answer, and sends the next
one, until `duration` seconds have passed (or `max_requests` were sent). gunicorn's sync
workers close the connection after every answer, so each request opens its own connection
(`Connection: close`), as a client of `make run` would.
"""

import asyncio
import json
import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict = field(default_factory=dict)
    body: bytes | None = None
    expect: tuple[int, ...] = (200,)

    @classmethod
    def json(cls, method, path, payload, headers=None, expect=(200,)):
        headers = {**(headers or {}), "Content-Type": "application/json"}
        return cls(method, path, headers, json.dumps(payload).encode(), expect)


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    elapsed: float
    latencies: list[float]
    statuses: dict
    first_error: str | None = None

    @property
    def rps(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: float) -> float:
        """Latency in milliseconds at percentile `p` (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank] * 1000

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p99(self) -> float:
        return self.percentile(99)


def _encode(request: Request, host: str, port: int) -> bytes:
    lines = [f"{request.method} {request.path} HTTP/1.1", f"Host: {host}:{port}"]
    headers = {"Connection": "close", "Accept": "application/json", **request.headers}
    if request.body is not None:
        headers["Content-Length"] = str(len(request.body))
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (request.body or b"")


async def fetch(host: str, port: int, request: Request) -> tuple[int, dict, bytes]:
    """One request on a fresh connection: (status, headers with lower-case names, body)."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(_encode(request, host, port))
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers = {}
        for line in header_lines:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        length = headers.get("content-length")
        if length is not None:
            body = await reader.readexactly(int(length))
        elif status in (204, 304):
            body = b""
        else:
            body = await reader.read()
        return status, headers, body
    finally:
        writer.close()


async def _client(host, port, next_request, deadline, budget, result: Result):
    loop = asyncio.get_running_loop()
    while loop.time() < deadline and (budget is None or budget[0] > 0):
        if budget is not None:
            budget[0] -= 1
        request = next_request()
        started = loop.time()
        try:
            status, _, body = await fetch(host, port, request)
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            result.errors += 1
            result.first_error = result.first_error or repr(exc)
            await asyncio.sleep(0.01)
            continue
        latency = loop.time() - started
        result.statuses[status] = result.statuses.get(status, 0) + 1
        if status in request.expect:
            result.requests += 1
            result.latencies.append(latency)
        else:
            result.errors += 1
            if result.first_error is None:
                result.first_error = f"{request.method} {request.path}: {status} {body[:300]!r}"


async def _run(name, host, port, next_request, *, concurrency, duration, max_requests):
    result = Result(name, 0, 0, 0.0, [], {})
    loop = asyncio.get_running_loop()
    budget = None if max_requests is None else [max_requests]
    started = loop.time()
    await asyncio.gather(
        *(
            _client(host, port, next_request, started + duration, budget, result)
            for _ in range(concurrency)
        )
    )
    result.elapsed = loop.time() - started
    return result


def run(
    name: str,
    host: str,
    port: int,
    next_request,
    *,
    concurrency: int = 16,
    duration: float = 5.0,
    max_requests: int | None = None,
    warmup: float = 0.5,
) -> Result:
    """Load `host:port` with requests from `next_request()`; a short warm-up is discarded."""
    if warmup:
        asyncio.run(
            _run(name, host, port, next_request, concurrency=concurrency, duration=warmup,
                 max_requests=None)
        )  # fmt: skip
    return asyncio.run(
        _run(name, host, port, next_request, concurrency=concurrency, duration=duration,
             max_requests=max_requests)
    )  # fmt: skip


def wait_until_up(host: str, port: int, path: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            status, _, _ = asyncio.run(fetch(host, port, Request("GET", path, expect=())))
            if status < 500:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"nothing answered on {host}:{port}{path} in {timeout:.0f} s")
        time.sleep(0.2)


def request_once(host: str, port: int, request: Request) -> tuple[int, dict, bytes]:
    return asyncio.run(fetch(host, port, request))
