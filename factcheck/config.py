"""Configuration read from the environment.

DATABASE_URL and PORT keep their conventional names; everything else is FACTCHECK_*.
"""

import os


def normalise_database_url(url: str) -> str:
    """Accept the URLs hosting platforms hand out and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _flag(name: str, default: str = "0") -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


class Config:
    SQLALCHEMY_DATABASE_URI = normalise_database_url(os.environ.get("DATABASE_URL", ""))
    # pre_ping replaces connections the database dropped (restart, idle timeout) before use.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SECRET_KEY = os.environ.get("FACTCHECK_SECRET_KEY")
    MAX_CONTENT_LENGTH = int(os.environ.get("FACTCHECK_MAX_BODY_BYTES", 1024 * 1024))
    # Public base URL used in links (Location, Link) when the app sits behind a proxy.
    FACTCHECK_PUBLIC_URL = os.environ.get("FACTCHECK_PUBLIC_URL")
    # Without FACTCHECK_PUBLIC_URL the request's Host header makes the absolute URLs in
    # Location, Link and the public ClaimReview feed, so only these hosts are answered; any other
    # Host gets a 400 problem (see factcheck/api/http.py). Comma-separated host names or IP
    # addresses, ports ignored; ".example.org" also allows every subdomain; "*" allows any host
    # (only behind a proxy that checks Host itself). Unset: local development only (localhost,
    # 127.0.0.1 and ::1, on any port) without FACTCHECK_PUBLIC_URL, no check with it (links then
    # never come from Host). Flask's SERVER_NAME, if set, is trusted too. Health probes
    # (/healthz, /readyz) answer whatever the Host.
    FACTCHECK_TRUSTED_HOSTS = os.environ.get("FACTCHECK_TRUSTED_HOSTS", "")

    # Each worker remembers the tokens it verified this many seconds (0: never), at most SIZE of
    # them; a revocation or user change still stops them at once (the credential epoch).
    FACTCHECK_TOKEN_CACHE_SECONDS = float(os.environ.get("FACTCHECK_TOKEN_CACHE_SECONDS", "5"))
    FACTCHECK_TOKEN_CACHE_SIZE = int(os.environ.get("FACTCHECK_TOKEN_CACHE_SIZE", "4096"))

    # The organisation that publishes the fact-checks (ClaimReview author, search publisher).
    FACTCHECK_ORGANISATION_NAME = os.environ.get("FACTCHECK_ORGANISATION_NAME", "factcheck")
    FACTCHECK_ORGANISATION_URL = os.environ.get("FACTCHECK_ORGANISATION_URL")
    # Reader pages (docs/reader-pages.md): a folder whose templates replace the package's
    # (reader/corrections_policy.html for the desk's own corrections policy, say), and the
    # address of a corrections policy published elsewhere, linked instead of ours.
    FACTCHECK_TEMPLATES_DIR = os.environ.get("FACTCHECK_TEMPLATES_DIR") or None
    FACTCHECK_CORRECTIONS_POLICY_URL = os.environ.get("FACTCHECK_CORRECTIONS_POLICY_URL") or None

    # Claim matching also compares sentence embeddings (the `semantic` extra; about 400 MB
    # more per worker for PyTorch and the model): docs/matching.md, "Semantic matching".
    FACTCHECK_SEMANTIC_MATCHING = _flag("FACTCHECK_SEMANTIC_MATCHING")

    # `make run` loads the demo users and fact-checks (seeds/) only when this is on; `make demo`
    # turns it on. Production starts empty.
    FACTCHECK_DEMO = _flag("FACTCHECK_DEMO")

    # Operations: logs, rate limits, CORS, proxies (see factcheck/observability.py, limits.py).
    FACTCHECK_LOG_LEVEL = os.environ.get("FACTCHECK_LOG_LEVEL", "INFO").upper()
    # Per token (or per IP address without one), and per IP address for anonymous requests;
    # an empty value turns that limit off. Limits strings: "300 per minute", "10/second;1000/hour".
    FACTCHECK_RATE_LIMIT = os.environ.get("FACTCHECK_RATE_LIMIT", "300 per minute")
    FACTCHECK_RATE_LIMIT_ANONYMOUS = os.environ.get(
        "FACTCHECK_RATE_LIMIT_ANONYMOUS", "60 per minute"
    )
    # memory:// counts per process; redis://host:6379/0 shares the counts between servers.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = os.environ.get("FACTCHECK_RATE_LIMIT_ENABLED", "1").lower() not in (
        "0",
        "false",
        "no",
        "off",
    )
    # Frontend origins allowed to call the API from a browser, comma-separated; none by default.
    FACTCHECK_CORS_ORIGINS = os.environ.get("FACTCHECK_CORS_ORIGINS", "")
    # Proxies in front of the app that append to X-Forwarded-For / set X-Forwarded-Proto: with
    # 1, the client address in logs and rate limits comes from the proxy's header.
    FACTCHECK_TRUSTED_PROXIES = int(os.environ.get("FACTCHECK_TRUSTED_PROXIES", "0"))

    # The job queue (factcheck/queue.py): unset runs jobs in each server process; redis://...
    # shares them with `flask --app wsgi worker` processes on any machine.
    FACTCHECK_QUEUE_URL = os.environ.get("FACTCHECK_QUEUE_URL", "")
    FACTCHECK_QUEUE_NAMESPACE = os.environ.get("FACTCHECK_QUEUE_NAMESPACE", "factcheck")
    # Worker threads of an embedded (in-server) worker.
    FACTCHECK_QUEUE_THREADS = int(os.environ.get("FACTCHECK_QUEUE_THREADS", "2"))
    # A Redis worker silent this long is presumed dead; its unfinished messages go to others.
    FACTCHECK_QUEUE_HEARTBEAT_SECONDS = float(
        os.environ.get("FACTCHECK_QUEUE_HEARTBEAT_SECONDS", "60")
    )
    # Every this many seconds each worker looks in the database for work overdue by more than
    # the grace period (a lost message, a dead worker's lease run out) and sends it again.
    FACTCHECK_QUEUE_SWEEP_SECONDS = float(os.environ.get("FACTCHECK_QUEUE_SWEEP_SECONDS", "5"))
    FACTCHECK_QUEUE_SWEEP_GRACE_SECONDS = float(
        os.environ.get("FACTCHECK_QUEUE_SWEEP_GRACE_SECONDS", "30")
    )
    # How long a worker holds a job or a delivery before another may take it over.
    FACTCHECK_JOB_LEASE_SECONDS = float(os.environ.get("FACTCHECK_JOB_LEASE_SECONDS", "300"))
    FACTCHECK_DELIVERY_LEASE_SECONDS = float(
        os.environ.get("FACTCHECK_DELIVERY_LEASE_SECONDS", "60")
    )
    # Webhook URLs must resolve to public addresses (no loopback, private or link-local ones);
    # 1 lifts that, for receivers on this machine in development and tests only.
    FACTCHECK_WEBHOOKS_ALLOW_PRIVATE = _flag("FACTCHECK_WEBHOOKS_ALLOW_PRIVATE")

    API_TITLE = "factcheck"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    # Every endpoint needs a bearer token unless it says otherwise (the public fact-checks).
    API_SPEC_OPTIONS = {"security": [{"bearerAuth": []}]}
    # The docs page (/api/v1/docs) is factcheck/api/docs.py's, with assets served from here.
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"


class TestingConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("FACTCHECK_TEST_DATABASE_URL", "sqlite://")
    )
    SECRET_KEY = "test-secret-key"
    # The suite is never throttled nor talks to a shared store; tests of the limits set their own.
    FACTCHECK_RATE_LIMIT = "100000 per minute"
    FACTCHECK_RATE_LIMIT_ANONYMOUS = "100000 per minute"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True
    FACTCHECK_CORS_ORIGINS = ""
    FACTCHECK_TRUSTED_PROXIES = 0
    # The test client's host is `localhost`: the local development default applies.
    FACTCHECK_PUBLIC_URL = None
    FACTCHECK_TRUSTED_HOSTS = ""
    # Jobs run right after the commit that queued them, in the test's thread.
    FACTCHECK_QUEUE_URL = "inline"
    FACTCHECK_WEBHOOKS_ALLOW_PRIVATE = False
    FACTCHECK_DEMO = False
