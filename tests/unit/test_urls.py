"""The URL rule, on its own: the Python check and the OpenAPI pattern are one and the same."""

import ipaddress
import re
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from factcheck.schemas.fields import HttpUrl
from factcheck.urls import HTTP_URL_PATTERN, MAX_URL_LENGTH, is_http_url, site_of

ACCEPTED = [
    "https://example.org",
    "http://example.org/",
    "HTTPS://Example.ORG/Path?q=1&r=%22x%22#frag",
    "http://localhost:8080/api",
    "https://sub-domain.example.co.uk:443/a/b;c?d=e",
    "https://xn--mller-kva.de/",
    "http://127.0.0.1/",
    "http://255.255.255.255:65535/",
    "http://[::1]:8080/",
    "http://[2001:db8::1]/",
    "http://[::ffff:192.0.2.1]/",
    "http://[1:2:3:4:5:6:7:8]/",
    "https://example.org/path/with/ünïcode/and/emoji/😀",
    "https://example.org?only=query",
    "https://example.org#only-fragment",
]

REFUSED = [
    "",
    'https://"><svg/onload=alert(1)>',
    "https://example.org/\"><svg onload='alert(1)'>",
    "https://example.org/<script>",
    "https://example.org/a\\b",
    "https://exa mple.org/",
    "https://example.org/a b",
    "https://example.org/a\tb",
    "https://example.org/\u2028",
    "https://example.org/\u00a0",
    "https://example.org/\x85",
    "https://example.org/\ud800",
    "https://example.org\n",
    "https://example.org/\n",
    "https://-bad.example.org/",
    "https://bad-.example.org/",
    "https://" + "a" * 64 + ".example.org/",
    "https://example..org/",
    "https://.example.org/",
    "https://example.org./",
    "https://exa_mple.org/",
    "https://müller.de/",
    "https://1.2.3.999/",
    "https://1.2.3/",
    "https://example.org:0/",
    "https://example.org:65536/",
    "https://example.org:/",
    "https://example.org:08080/",
    "https://user:pass@example.org/",
    "https://bank.example@evil.example/",
    "http://[::1/",
    "http://[1:2:3]/",
    "http://[1::2::3]/",
    "http://[12345::]/",
    "http://[fe80::1%25eth0]/",
    "http:///path",
    "http:example.org",
    "ftp://example.org/",
    "javascript:alert(1)",
    "javascript://example.org/%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://example.org/" + "a" * MAX_URL_LENGTH,
]


@pytest.mark.parametrize("url", ACCEPTED)
def test_accepted(url):
    assert is_http_url(url)
    assert re.search(HTTP_URL_PATTERN, url)


@pytest.mark.parametrize("url", REFUSED)
def test_refused(url):
    assert not is_http_url(url)


def _parses(url: str) -> None:
    parts = urlsplit(url)
    assert parts.scheme.lower() in ("http", "https") and parts.hostname
    assert parts.port is None or 1 <= parts.port <= 65535
    assert not parts.username


@settings(database=None, max_examples=300, deadline=None)
@given(st.from_regex(HTTP_URL_PATTERN, fullmatch=True))
def test_whatever_the_pattern_generates_is_accepted_and_parses(url):
    if len(url) <= MAX_URL_LENGTH:
        assert is_http_url(url)
        _parses(url)
        for forbidden in "\"'<>\\ ":
            assert forbidden not in url


@settings(database=None, max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ht:/.[]"<>\\ 1a-@%?#\n\u2028')), max_size=30))
def test_the_field_accepts_what_the_documented_pattern_accepts(text):
    """OpenAPI tools test `pattern` with a search, where `$` also matches before a final
    newline: the field trims it, so whatever passes the pattern passes the field."""
    url = "https://" + text
    field = HttpUrl()
    if re.search(HTTP_URL_PATTERN, url):
        assert field.deserialize(url) == url.strip()
    if is_http_url(url.strip()):
        _parses(url.strip())
    else:
        with pytest.raises(ValidationError):
            field.deserialize(url)


@settings(database=None, max_examples=300, deadline=None)
@given(st.ip_addresses(v=6))
def test_every_ipv6_address_in_brackets_is_a_host(address):
    for form in (address.compressed, address.exploded):
        assert is_http_url(f"http://[{form}]:8080/")
        assert ipaddress.ip_address(urlsplit(f"http://[{form}]/").hostname) == address


@settings(database=None, max_examples=300, deadline=None)
@given(st.ip_addresses(v=4))
def test_every_ipv4_address_is_a_host(address):
    assert is_http_url(f"http://{address}/")


def test_other_regex_engines_read_the_pattern_alike():
    """schemathesis validates with jsonschema-rs (Rust's regex crate); it must compile the
    pattern, or it drops it and generates URLs the API rightly refuses."""
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    validator = jsonschema_rs.validator_for({"type": "string", "pattern": HTTP_URL_PATTERN})
    for url in ACCEPTED:
        assert validator.is_valid(url), url
    for url in REFUSED:
        if "\n" not in url and "\ud800" not in url and len(url) <= MAX_URL_LENGTH:
            assert not validator.is_valid(url), url


def test_site_of():
    assert site_of("https://www.Example.org/a") == "example.org"
    assert site_of("http://[::1]:8080/") == "::1"
    for value in (None, "", "javascript:alert(1)", "data:x", "politifact.com", 'https://"><x>'):
        assert site_of(value) is None
