"""Rate limits (Flask-Limiter) and CORS for the configured frontends (flask-cors).

Rate limits, all counted across every endpoint together, per window:

- FACTCHECK_RATE_LIMIT ("300 per minute"): every request, keyed by its API token (a keyed hash
  of it, never the token) or, without one, by the client's IP address;
- FACTCHECK_RATE_LIMIT_ANONYMOUS ("60 per minute"): requests without a token, by IP address;
  the same budget, counted separately, applies to requests whose token was refused (401), so
  guessing tokens is throttled like anonymous traffic.

Limits are kept in memory (per process) by default; RATELIMIT_STORAGE_URI (redis://...) shares
them between servers. If that storage fails, each process falls back to memory until it is back.
Exceeding a limit answers 429 as a problem document with `Retry-After`. Health probes and CORS
preflights are not counted.
"""

import hashlib
import hmac
import math
import time
from urllib.parse import urlsplit

import flask
import limits
from flask import Flask, request
from flask_cors import CORS
from flask_limiter import ApplicationLimit, Limiter, RateLimitExceeded

from factcheck.errors import problem
from factcheck.rest import problem_response

EXPOSED_HEADERS = ["ETag", "Location", "Link", "X-Request-ID", "Retry-After"]
ALLOWED_HEADERS = ["Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key"]
ALLOWED_METHODS = ["GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS"]
CORS_MAX_AGE_SECONDS = 600


def bearer_secret() -> str | None:
    """The token a request presents, if any (validity is auth's business)."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    secret = secret.strip()
    return secret if scheme.lower() == "bearer" and secret else None


def client_ip() -> str:
    return request.remote_addr or "unknown"


def client_key() -> str:
    """A token's own budget, or the IP address's for requests without one.

    The key holds a keyed hash of the token, so the limits' storage never sees a token nor
    the hash the database keeps.
    """
    secret = bearer_secret()
    if secret is None:
        return "ip:" + client_ip()
    key = flask.current_app.config["SECRET_KEY"].encode()
    return "token:" + hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()[:32]


def anonymous_key() -> str:
    return "ip:" + client_ip()


def _has_token() -> bool:
    return bearer_secret() is not None


def _has_no_token() -> bool:
    return bearer_secret() is None


def _refused(response: flask.Response) -> bool:
    return response.status_code == 401


def parse_origins(value: str | None) -> list[str]:
    """FACTCHECK_CORS_ORIGINS: comma-separated origins such as https://desk.example.org."""
    origins = []
    for item in (value or "").split(","):
        origin = item.strip().rstrip("/")
        if not origin:
            continue
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path:
            raise ValueError(
                f"FACTCHECK_CORS_ORIGINS: {origin!r} is not an origin like https://host[:port]"
            )
        if any(char in origin for char in "*?[]()^$\\"):
            raise ValueError(f"FACTCHECK_CORS_ORIGINS: {origin!r}: name each origin exactly")
        origins.append(origin)
    return origins


def _check_limit(name: str, value: str) -> str:
    try:
        if value:
            limits.parse_many(value)
    except ValueError as error:
        raise ValueError(f"{name}: {value!r} is not a rate limit ({error})") from None
    return value


def init_app(app: Flask) -> None:
    init_rate_limits(app)
    init_cors(app)


def init_rate_limits(app: Flask) -> Limiter:
    config = app.config
    per_client = _check_limit("FACTCHECK_RATE_LIMIT", config["FACTCHECK_RATE_LIMIT"])
    anonymous = _check_limit(
        "FACTCHECK_RATE_LIMIT_ANONYMOUS", config["FACTCHECK_RATE_LIMIT_ANONYMOUS"]
    )
    config.setdefault("RATELIMIT_KEY_PREFIX", "factcheck")
    storage = config.get("RATELIMIT_STORAGE_URI") or "memory://"
    config["RATELIMIT_STORAGE_URI"] = storage
    if storage.startswith(("redis", "valkey")):
        # A slow or lost Redis must not hold requests: fail fast and count in memory meanwhile.
        options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
        config.setdefault("RATELIMIT_STORAGE_OPTIONS", options)
        config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)

    limiter = Limiter(
        client_key,
        application_limits=[
            ApplicationLimit(per_client, key_function=client_key, scope="client"),
            ApplicationLimit(
                anonymous, key_function=anonymous_key, scope="anonymous", exempt_when=_has_token
            ),
            ApplicationLimit(
                anonymous,
                key_function=anonymous_key,
                scope="refused",
                exempt_when=_has_no_token,
                deduct_when=_refused,
            ),
        ],
        # Requests that match no route are limited too, not only the ones that reach a view.
        request_identifier=lambda: request.endpoint or "unrouted",
    )
    limiter.init_app(app)
    limiter.request_filter(_not_counted)
    app.extensions["factcheck_limiter"] = limiter

    @app.errorhandler(RateLimitExceeded)
    def too_many_requests(error: RateLimitExceeded):
        retry_after = _retry_after(limiter, error)
        body = problem(
            429,
            f"Too many requests: the limit is {error.limit.limit}. Retry in {retry_after} seconds.",
            slug="rate-limited",
        )
        return problem_response(body, {"Retry-After": str(retry_after)})

    return limiter


def _not_counted() -> bool:
    return request.method == "OPTIONS" or request.blueprint == "health"


def _retry_after(limiter: Limiter, error: RateLimitExceeded) -> int:
    """Whole seconds until the breached window resets (at least 1)."""
    window = int(error.limit.limit.get_expiry())
    breached = limiter.current_limit
    try:
        if breached is not None:
            reset_time = breached.window[0]
            return min(window, max(1, math.ceil(reset_time - time.time())))
    except Exception:  # the storage went away between the check and now
        limiter.logger.warning("rate limit window unavailable; answering its full length")
    return max(1, window)


def _vary_by_origin(response: flask.Response) -> flask.Response:
    """With CORS on, every answer depends on the request's Origin (allowed ones get
    Access-Control-* headers, others and requests without one do not). flask-cors says so only
    when it adds those headers and several origins are configured; a shared cache must never
    hand one origin's answer to another, so every answer carries `Vary: Origin` (once)."""
    response.vary.add("Origin")
    return response


def init_cors(app: Flask) -> None:
    origins = parse_origins(app.config.get("FACTCHECK_CORS_ORIGINS"))
    if not origins:
        return  # no frontend is allowed: no CORS headers for anyone
    # Registered before flask-cors's own hook, so it runs after it (Flask runs them in reverse).
    app.after_request(_vary_by_origin)
    CORS(
        app,
        resources={r"/api/*": {}},
        origins=origins,
        methods=ALLOWED_METHODS,
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        supports_credentials=False,
        max_age=CORS_MAX_AGE_SECONDS,
    )
