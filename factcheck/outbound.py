"""Requests this service makes to URLs other people chose (webhooks), safe from server-side
request forgery.

A webhook URL must not reach what only the server can reach: loopback, private networks,
link-local addresses (cloud metadata at 169.254.169.254), multicast or reserved ranges. The
host is resolved and every address it resolves to checked, when the URL is saved and again at
each delivery; the request then goes to the address that was checked (not to a second lookup
an attacker's DNS could answer differently), redirects are not followed, and only the first
bytes of an answer are read. FACTCHECK_WEBHOOKS_ALLOW_PRIVATE lifts the address rule, for
receivers on the same machine in tests and development.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3

MAX_ANSWER_BYTES = 64 * 1024


class Refused(ValueError):
    """The URL may not be called; the message says why."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # as written in the URL (the TLS name and the Host header)
    port: int
    path: str  # path and query
    address: str  # the checked IP address to connect to


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: no HTTP answer (the error says what happened)
    error: str | None
    duration_ms: float


def _forbidden(address: str) -> str | None:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "private", "link_local", "multicast", "reserved", "unspecified"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    if not ip.is_global:  # shared address space (100.64/10) and the like
        return "non-public"
    return None


def resolve(url: str, *, allow_private: bool = False) -> Target:
    """The URL's target, checked; Refused if the URL is malformed, does not resolve, or any
    address it resolves to is not a public one (unless `allow_private`)."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise Refused(f"Not a valid URL: {error}.") from None
    if parts.scheme not in ("http", "https"):
        raise Refused("Only http and https URLs can receive webhooks.")
    if not parts.hostname:
        raise Refused("The URL has no host.")
    if parts.username or parts.password:
        raise Refused("The URL may not carry a user name or password.")
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise Refused(f"The host {parts.hostname} does not resolve.") from None
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    if not allow_private:
        for address in addresses:
            why = _forbidden(address)
            if why:
                raise Refused(
                    f"The host {parts.hostname} resolves to a {why} address ({address}); "
                    "webhooks go to public addresses only."
                )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(parts.scheme, parts.hostname, port, path, addresses[0])


def post(
    url: str, body: bytes, headers: dict, *, timeout: float, allow_private: bool = False
) -> Answer:
    """POST `body` to the checked address of `url`; never raises for network failures."""
    started = time.monotonic()

    def answer(status, error):
        return Answer(status, error, round((time.monotonic() - started) * 1000, 1))

    try:
        target = resolve(url, allow_private=allow_private)
    except Refused as refused:
        return answer(None, str(refused))
    default_port = 443 if target.scheme == "https" else 80
    host_header = target.host if target.port == default_port else f"{target.host}:{target.port}"
    if ":" in target.host and target.port == default_port:
        host_header = f"[{target.host}]"
    options = {"timeout": urllib3.Timeout(total=timeout), "retries": False, "maxsize": 1}
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            target.address, target.port, server_hostname=target.host,
            assert_hostname=target.host, cert_reqs="CERT_REQUIRED", **options,
        )  # fmt: skip
    else:
        pool = urllib3.HTTPConnectionPool(target.address, target.port, **options)
    try:
        response = pool.urlopen(
            "POST", target.path, body=body, headers={**headers, "Host": host_header},
            redirect=False, preload_content=False, assert_same_host=False,
        )  # fmt: skip
        response.read(MAX_ANSWER_BYTES)
        response.release_conn()
        return answer(response.status, None)
    except urllib3.exceptions.HTTPError as error:
        return answer(None, f"{type(error).__name__}: {error}"[:500])
    finally:
        pool.close()
