"""Rate limits (429 with Retry-After, per token or IP, shared through Redis) and CORS."""

import uuid

import pytest
from limits import parse_many

from factcheck import limits
from factcheck.config import TestingConfig
from factcheck.services import accounts
from factcheck.unit_of_work import transaction
from tests.conftest import make_app
from tests.test_app import assert_problem

REDIS_URL = "redis://127.0.0.1:6379/0"
DESK = "https://desk.example.org"


@pytest.fixture
def limited(app_with):
    """limited(**config): an app on the suite's database with its own limits and CORS."""
    return app_with


def token_for(app, name: str, role: str = "reviewer") -> str:
    with app.app_context(), transaction():
        return accounts.issue_token(accounts.create_user(name, role)).secret


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def assert_rate_limited(response, window_seconds: int = 60):
    body = assert_problem(response, 429)
    assert body["type"] == "urn:factcheck:problem:rate-limited"
    retry_after = int(response.headers["Retry-After"])
    assert 1 <= retry_after <= window_seconds
    assert response.headers["X-Request-ID"]
    return body


def test_the_suite_is_not_throttled():
    assert parse_many(TestingConfig.FACTCHECK_RATE_LIMIT)[0].amount >= 10_000
    assert parse_many(TestingConfig.FACTCHECK_RATE_LIMIT_ANONYMOUS)[0].amount >= 10_000
    assert TestingConfig.RATELIMIT_STORAGE_URI == "memory://"


def test_a_token_over_its_limit_gets_429_with_retry_after(limited):
    app = limited(FACTCHECK_RATE_LIMIT="3 per minute")
    client = app.test_client()
    token = token_for(app, "busy")
    for _ in range(3):
        assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    body = assert_rate_limited(client.get("/api/v1/me", headers=bearer(token)))
    assert "3 per 1 minute" in body["detail"]
    # The budget is counted across endpoints, not per endpoint.
    assert_rate_limited(client.get("/api/v1/claims", headers=bearer(token)))
    # Another token from the same address has its own budget.
    other = token_for(app, "calm")
    assert client.get("/api/v1/me", headers=bearer(other)).status_code == 200


def test_anonymous_requests_have_a_stricter_limit_by_address(limited):
    app = limited(
        FACTCHECK_RATE_LIMIT="10 per minute", FACTCHECK_RATE_LIMIT_ANONYMOUS="2 per minute"
    )
    client = app.test_client()
    for _ in range(2):
        assert client.get("/api/v1/fact-checks").status_code == 200
    assert_rate_limited(client.get("/api/v1/fact-checks"))
    assert_rate_limited(client.get("/api/v1/openapi.json"))
    assert_rate_limited(client.get("/api/v1/no-such-path"))  # unrouted requests count too
    # Another address, and a signed-in user at this one, are not held back.
    other = client.get("/api/v1/fact-checks", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 200
    assert client.get("/api/v1/me", headers=bearer(token_for(app, "inside"))).status_code == 200


def test_refused_tokens_count_against_the_anonymous_limit(limited):
    app = limited(
        FACTCHECK_RATE_LIMIT="100 per minute", FACTCHECK_RATE_LIMIT_ANONYMOUS="2 per minute"
    )
    client = app.test_client()
    for _ in range(2):
        guess = bearer("fct_" + uuid.uuid4().hex)
        assert_problem(client.get("/api/v1/claims", headers=guess), 401)
    # Fresh guesses, each with a budget of its own under the per-token limit, are still stopped.
    assert_rate_limited(client.get("/api/v1/claims", headers=bearer("fct_" + uuid.uuid4().hex)))
    # Valid tokens do not use up that budget.
    other = client.get("/api/v1/fact-checks", environ_base={"REMOTE_ADDR": "192.0.2.8"})
    assert other.status_code == 200
    token = token_for(app, "valid")
    for _ in range(3):
        response = client.get(
            "/api/v1/me", headers=bearer(token), environ_base={"REMOTE_ADDR": "192.0.2.9"}
        )
        assert response.status_code == 200


def test_probes_and_preflights_are_not_counted(limited):
    app = limited(
        FACTCHECK_RATE_LIMIT="2 per minute",
        FACTCHECK_RATE_LIMIT_ANONYMOUS="2 per minute",
        FACTCHECK_CORS_ORIGINS=DESK,
    )
    client = app.test_client()
    for _ in range(5):
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200
        preflight = client.options(
            "/api/v1/fact-checks",
            headers={"Origin": DESK, "Access-Control-Request-Method": "GET"},
        )
        assert preflight.status_code == 200
    assert client.get("/api/v1/fact-checks").status_code == 200


def test_an_empty_limit_turns_it_off(limited):
    app = limited(FACTCHECK_RATE_LIMIT="", FACTCHECK_RATE_LIMIT_ANONYMOUS="")
    client = app.test_client()
    for _ in range(5):
        assert client.get("/api/v1/fact-checks").status_code == 200


def test_a_malformed_limit_fails_at_startup(database_url):
    with pytest.raises(ValueError, match="FACTCHECK_RATE_LIMIT"):
        make_app(database_url, FACTCHECK_RATE_LIMIT="lots per minute")


def test_trusted_proxies_give_the_client_address(limited):
    app = limited(FACTCHECK_RATE_LIMIT_ANONYMOUS="1 per minute", FACTCHECK_TRUSTED_PROXIES=1)
    client = app.test_client()
    first = {"X-Forwarded-For": "198.51.100.1"}
    assert client.get("/api/v1/fact-checks", headers=first).status_code == 200
    assert_rate_limited(client.get("/api/v1/fact-checks", headers=first))
    second = {"X-Forwarded-For": "198.51.100.2"}
    assert client.get("/api/v1/fact-checks", headers=second).status_code == 200


def test_without_trusted_proxies_forwarded_addresses_are_ignored(limited):
    app = limited(FACTCHECK_RATE_LIMIT_ANONYMOUS="1 per minute")
    client = app.test_client()
    assert (
        client.get("/api/v1/fact-checks", headers={"X-Forwarded-For": "198.51.100.1"}).status_code
        == 200
    )
    spoofed = client.get("/api/v1/fact-checks", headers={"X-Forwarded-For": "198.51.100.2"})
    assert_rate_limited(spoofed)


def test_a_lost_redis_falls_back_to_limits_in_memory(limited):
    # Nothing listens on port 1: every storage call fails fast.
    app = limited(
        RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0", FACTCHECK_RATE_LIMIT_ANONYMOUS="2 per minute"
    )
    client = app.test_client()
    for _ in range(2):
        assert client.get("/api/v1/fact-checks").status_code == 200
    assert_rate_limited(client.get("/api/v1/fact-checks"))


@pytest.fixture
def redis_prefix():
    """A key prefix of the test's own in the machine's Redis, cleared afterwards."""
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        connection.ping()
    except redis.exceptions.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"factcheck-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    keys = list(connection.scan_iter(f"*{prefix}*"))
    if keys:
        connection.delete(*keys)
    connection.close()


def test_servers_share_limits_through_redis(limited, redis_prefix):
    config = {
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": redis_prefix,
        "FACTCHECK_RATE_LIMIT": "3 per minute",
    }
    one, two = limited(**config), limited(**config)
    token = token_for(one, "shared")
    assert one.test_client().get("/api/v1/me", headers=bearer(token)).status_code == 200
    assert two.test_client().get("/api/v1/me", headers=bearer(token)).status_code == 200
    assert one.test_client().get("/api/v1/me", headers=bearer(token)).status_code == 200
    assert_rate_limited(two.test_client().get("/api/v1/me", headers=bearer(token)))
    assert_rate_limited(one.test_client().get("/api/v1/me", headers=bearer(token)))
    # The store holds a keyed hash of the token, never the token.
    import redis

    connection = redis.Redis.from_url(REDIS_URL)
    keys = b" ".join(connection.scan_iter(f"*{redis_prefix}*"))
    connection.close()
    assert keys and token.encode() not in keys and token[4:].encode() not in keys


# CORS


def test_no_cors_headers_unless_origins_are_configured(anonymous):
    response = anonymous.get("/api/v1/fact-checks", headers={"Origin": DESK})
    assert not [name for name, _ in response.headers if name.startswith("Access-Control")]
    preflight = anonymous.options(
        "/api/v1/claims", headers={"Origin": DESK, "Access-Control-Request-Method": "POST"}
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers


@pytest.fixture
def cors_client(limited):
    return limited(FACTCHECK_CORS_ORIGINS=f" {DESK}/ , http://localhost:5173").test_client()


def test_preflight_from_an_allowed_origin(cors_client):
    requested = "authorization, content-type, if-match, if-none-match, idempotency-key"
    response = cors_client.options(
        "/api/v1/claims/1",
        headers={
            "Origin": DESK,
            "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": requested,
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == DESK
    assert "PATCH" in response.headers["Access-Control-Allow-Methods"]
    allowed = {
        h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")
    }
    assert allowed == set(requested.split(", "))
    assert int(response.headers["Access-Control-Max-Age"]) > 0
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "Origin" in response.headers["Vary"]


def test_simple_requests_and_errors_from_an_allowed_origin(cors_client):
    for path, status in (("/api/v1/fact-checks", 200), ("/api/v1/claims", 401)):
        response = cors_client.get(path, headers={"Origin": "http://localhost:5173"})
        assert response.status_code == status
        assert response.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"
        exposed = {h.strip() for h in response.headers["Access-Control-Expose-Headers"].split(",")}
        assert exposed == {"ETag", "Location", "Link", "X-Request-ID", "Retry-After"}


def test_other_origins_get_no_cors_headers(cors_client):
    for origin in ("https://evil.example.org", "https://desk.example.org.evil.test", "null"):
        response = cors_client.get("/api/v1/fact-checks", headers={"Origin": origin})
        assert "Access-Control-Allow-Origin" not in response.headers
        preflight = cors_client.options(
            "/api/v1/claims",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        assert not [k for k, _ in preflight.headers if k.startswith("Access-Control")]


@pytest.mark.parametrize(
    "value", ["*", "desk.example.org", "https://desk.example.org/app", "https://*.example.org"]
)
def test_cors_origins_must_be_exact_origins(value):
    with pytest.raises(ValueError, match="FACTCHECK_CORS_ORIGINS"):
        limits.parse_origins(value)


def test_cors_origins_are_parsed():
    assert limits.parse_origins("") == []
    assert limits.parse_origins(" https://a.example.org/, http://localhost:5173 ,") == [
        "https://a.example.org",
        "http://localhost:5173",
    ]
