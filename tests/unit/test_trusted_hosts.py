"""FACTCHECK_TRUSTED_HOSTS read and matched, on its own: no app, no database."""

import pytest

from factcheck.api.http import LOCAL_HOSTS, host_is_trusted, trusted_hosts


def config(hosts="", public_url=None):
    return {"FACTCHECK_TRUSTED_HOSTS": hosts, "FACTCHECK_PUBLIC_URL": public_url}


def test_defaults():
    # Local development: nothing configured, links come from Host, so only local hosts.
    assert trusted_hosts(config()) == list(LOCAL_HOSTS)
    # A public URL makes the links: Host no longer matters unless hosts are named explicitly.
    assert trusted_hosts(config(public_url="https://factcheck.example.org")) is None
    named = config(hosts="api.example.org", public_url="https://factcheck.example.org")
    assert trusted_hosts(named) == ["api.example.org"]
    assert trusted_hosts(config(hosts=" * ")) is None


def test_entries_lose_ports_and_brackets():
    hosts = " API.example.org:8443, .example.net ,[::1]:8080, ::1, 10.0.0.1:80 ,"
    assert trusted_hosts(config(hosts)) == [
        "api.example.org",
        ".example.net",
        "::1",
        "::1",
        "10.0.0.1",
    ]


@pytest.mark.parametrize("entry", ["https://api.example.org", "exa mple.org", "-x.org", "..org"])
def test_bad_entries_stop_the_app(entry):
    with pytest.raises(ValueError, match="FACTCHECK_TRUSTED_HOSTS"):
        trusted_hosts(config(entry))


@pytest.mark.parametrize(
    ("host", "trusted"),
    [
        ("localhost", True),
        ("localhost:5000", True),
        ("LOCALHOST", True),
        ("localhost.:5000", True),
        ("127.0.0.1:8000", True),
        ("[::1]:8080", True),
        ("[::1]", True),
        ("api.example.org", True),
        ("desk.example.net", True),
        ("example.net", True),
        ("evil.example", False),
        ("localhost.evil.example", False),
        ("evil-example.net", False),
        ("api.example.org.evil", False),
        ("[::2]", False),
        ("", False),
        ("[::1", False),
    ],
)
def test_matching(host, trusted):
    names = [*LOCAL_HOSTS, "api.example.org", ".example.net"]
    assert host_is_trusted(host, names) is trusted


@pytest.mark.parametrize("entry", ["api.example.org:https", "[::1]x", "[::1]:80x", "[::1"])
def test_bad_ports_and_brackets_stop_the_app(entry):
    with pytest.raises(ValueError, match="FACTCHECK_TRUSTED_HOSTS"):
        trusted_hosts(config(entry))
