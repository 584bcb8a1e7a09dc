"""What counts as a URL we store: absolute http(s) with a real host, nothing else.

Stored URLs end up in links, JSON-LD and HTML attributes of other people's pages, so the rule is
structural, not just "starts with http":

- scheme http or https (any case);
- a host that is a DNS name of valid labels (letters, digits, inner hyphens, at most 63
  characters each, the last one starting with a letter; internationalised names in their
  `xn--` form), an IPv4 address (four numbers 0-255) or an IPv6 address in brackets;
- no user info (`https://bank.example@evil.example/`), an optional port 1-65535;
- then nothing, or a path, query or fragment;
- no quotes, angle brackets, backslashes, spaces (ASCII or Unicode) or control characters
  anywhere, and no lone surrogates (they cannot be stored as UTF-8).

The pattern is the rule (with MAX_URL_LENGTH, and lone surrogates, which are no characters a
client can send as UTF-8): it is also the `pattern` of every URL field in the OpenAPI document,
so what a client or schemathesis generates from the document is exactly what the API accepts.
It sticks to syntax Python, ECMAScript and Rust's regex crate read alike.
"""

import re
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2048

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# The last label starts with a letter, as every top-level domain does: "1.2.3.999" is no name.
_TOP_LABEL = r"[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_DNS_NAME = rf"(?:{_LABEL}\.)*{_TOP_LABEL}"
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4 = rf"{_OCTET}(?:\.{_OCTET}){{3}}"


def _ipv6() -> str:
    """RFC 3986's IPv6address: eight groups, or fewer around one `::`, perhaps ending in IPv4."""
    h16 = "[0-9A-Fa-f]{1,4}"
    ls32 = rf"(?:{h16}:{h16}|{_IPV4})"

    def groups(n: int) -> str:  # n times "h16:"
        return f"(?:{h16}:){{{n}}}" if n else ""

    def head(n: int) -> str:  # up to n+1 groups before "::"
        return f"(?:(?:{h16}:){{0,{n}}}{h16})?" if n else f"(?:{h16})?"

    forms = [f"{groups(6)}{ls32}", f"::{groups(5)}{ls32}"]
    forms += [f"{head(n)}::{groups(4 - n)}{ls32}" for n in range(4)]
    forms += [f"{head(4)}::{ls32}", f"{head(5)}::{h16}", f"{head(6)}::"]
    return "(?:" + "|".join(forms) + ")"


_PORT = r"(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})"
_HOST = rf"(?:{_DNS_NAME}|{_IPV4}|\[{_ipv6()}\])"
# Not in a URL: C0 controls and space, quotes, angle brackets, backslash, DEL and C1 controls,
# Unicode spaces and line separators. (Lone surrogates are refused by is_http_url, not here:
# validators built on Rust's regex crate, schemathesis's among them, cannot compile the range.)
_FORBIDDEN = (
    r"\x00-\x20\x22\x27<>\\\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
HTTP_URL_PATTERN = rf"^[Hh][Tt][Tt][Pp][Ss]?://{_HOST}(?::{_PORT})?(?:[/?#][^{_FORBIDDEN}]*)?$"

# fullmatch: in Python `$` also matches before a final newline.
_HTTP_URL = re.compile(HTTP_URL_PATTERN)


_SURROGATE = re.compile("[\ud800-\udfff]")


def is_http_url(value: str) -> bool:
    """The pattern, at most MAX_URL_LENGTH characters, and no lone surrogate (not a character:
    not encodable as UTF-8, so no database can store it)."""
    return (
        len(value) <= MAX_URL_LENGTH
        and _HTTP_URL.fullmatch(value) is not None
        and not _SURROGATE.search(value)
    )


def site_of(url: str | None) -> str | None:
    """The host a URL we would store points at, without `www.`; None for any other value."""
    if not url or not is_http_url(url):
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
