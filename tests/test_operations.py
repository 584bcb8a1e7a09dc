"""Operations: health probes, request ids, JSON logs that never hold a token, gunicorn settings."""

import io
import json
import logging
import logging.config
import runpy
from pathlib import Path

import pytest
import sqlalchemy as sa
from gunicorn.config import Config as GunicornConfig

from factcheck import observability
from factcheck.extensions import db
from tests.conftest import make_app
from tests.test_app import assert_problem

GUNICORN_CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


@pytest.fixture
def app_on(tmp_path):
    """app_on(url, **config): another app (another database), disposed after the test."""
    made = []

    def make(url, **overrides):
        other = make_app(url, **overrides)
        other.instance_path = str(tmp_path)
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            db.engine.dispose()


@pytest.fixture
def json_log():
    """Log records as the server writes them: JSON lines, formatted while the request runs."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(observability.JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


# Health probes


def test_healthz_says_the_process_is_up(anonymous):
    response = anonymous.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_probes_ignore_credentials(anonymous):
    for header in ("Bearer fct_not-a-real-token", "Basic dXNlcjpwYXNz"):
        assert anonymous.get("/healthz", headers={"Authorization": header}).status_code == 200
        assert anonymous.get("/readyz", headers={"Authorization": header}).status_code == 200


def test_readyz_is_ready_on_a_migrated_database(anonymous):
    response = anonymous.get("/readyz")
    assert response.status_code == 200
    body = response.json
    assert body["status"] == "ready"
    assert body["checks"]["database"] == {"status": "ok"}
    migrations = body["checks"]["migrations"]
    assert migrations["status"] == "ok"
    assert migrations["current"] == migrations["head"] and migrations["head"]


def test_readyz_without_migrations_is_503(app_on, tmp_path):
    app = app_on(f"sqlite:///{tmp_path / 'empty.db'}")
    response = app.test_client().get("/readyz")
    body = assert_problem(response, 503)
    assert response.headers["Retry-After"] == "5"
    assert body["type"] == "urn:factcheck:problem:not-ready"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["migrations"]["status"] == "fail"
    assert body["checks"]["migrations"]["current"] == []
    assert "no migrations" in body["detail"]


def test_readyz_behind_head_is_503(app_on, tmp_path):
    app = app_on(f"sqlite:///{tmp_path / 'old.db'}")
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
        connection.execute(sa.text("INSERT INTO alembic_version VALUES ('0123456789ab')"))
    response = app.test_client().get("/readyz")
    body = assert_problem(response, 503)
    migrations = body["checks"]["migrations"]
    assert migrations["status"] == "fail"
    assert migrations["current"] == ["0123456789ab"]
    assert migrations["head"] and migrations["head"] != migrations["current"]


def test_readyz_with_the_database_gone_is_503(app_on, tmp_path):
    app = app_on(f"sqlite:///{tmp_path / 'missing' / 'nowhere.db'}")
    response = app.test_client().get("/readyz")
    body = assert_problem(response, 503)
    assert response.headers["Retry-After"]
    assert body["checks"]["database"]["status"] == "fail"
    assert body["checks"]["migrations"]["status"] == "unknown"
    assert "database is unreachable" in body["detail"]
    # Nothing about the server (paths, hosts, driver messages) leaks to an anonymous caller.
    assert "nowhere.db" not in response.get_data(as_text=True)
    # The liveness probe does not depend on the database.
    assert app.test_client().get("/healthz").status_code == 200


def test_probes_are_in_the_openapi_document_without_security(anonymous):
    spec = anonymous.get("/api/v1/openapi.json").json
    for path in ("/healthz", "/readyz"):
        operation = spec["paths"][path]["get"]
        assert operation["security"] == []
        assert "200" in operation["responses"]
    not_ready = spec["paths"]["/readyz"]["get"]["responses"]["503"]
    assert "application/problem+json" in not_ready["content"]
    assert "Retry-After" in not_ready["headers"]


# Request ids


def test_a_safe_incoming_request_id_is_echoed(client):
    for rid in ("abc-123", "a" * 128, "7f9c/edge:1=2+3@lb_4.5"):
        response = client.get("/api/v1/claims", headers={"X-Request-ID": rid})
        assert response.headers["X-Request-ID"] == rid


@pytest.mark.parametrize(
    "rid",
    [
        "",
        "a" * 129,
        "has space",
        "tab\there",
        'quote"d',
        "<script>",
        "caf\u00e9",
        "fct_looks-like-a-token",
    ],
)
def test_an_unsafe_request_id_is_replaced(client, rid):
    response = client.get("/api/v1/claims", headers={"X-Request-ID": rid})
    generated = response.headers["X-Request-ID"]
    assert generated != rid
    assert observability.REQUEST_ID_PATTERN.fullmatch(generated)


def test_every_response_carries_a_request_id(client, anonymous):
    responses = [
        client.get("/api/v1/claims"),
        client.get("/api/v1/nothing-here"),  # 404 from routing
        client.put("/api/v1/claims", json={}),  # 405
        client.post("/api/v1/claims", data="x", content_type="text/plain"),  # 415
        client.post("/api/v1/claims", json={"nonsense": 1}),  # 422
        anonymous.get("/api/v1/claims"),  # 401
        anonymous.get("/healthz"),
    ]
    ids = [response.headers.get("X-Request-ID") for response in responses]
    assert all(ids) and len(set(ids)) == len(ids)


def test_an_unexpected_failure_is_a_problem_with_a_request_id(app_on, database_url, json_log):
    app = app_on(database_url, PROPAGATE_EXCEPTIONS=False)

    @app.route("/boom")
    def boom():
        raise RuntimeError("kaboom")

    response = app.test_client().get("/boom", headers={"X-Request-ID": "trace-500"})
    assert_problem(response, 500)
    assert response.headers["X-Request-ID"] == "trace-500"
    errors = [line for line in json_log() if line["level"] == "ERROR"]
    # Flask's record of the exception (with its traceback) and the request line.
    assert {line["logger"] for line in errors} == {"factcheck", "factcheck.request"}
    assert any("RuntimeError: kaboom" in line.get("exception", "") for line in errors)
    assert all(line["request_id"] == "trace-500" for line in errors)


# Logs


def request_lines(json_log) -> list[dict]:
    return [line for line in json_log() if line["logger"] == "factcheck.request"]


def test_one_json_line_per_request(client, json_log):
    response = client.get(
        "/api/v1/claims?status=submitted&q=secret+words", headers={"X-Request-ID": "req-1"}
    )
    assert response.status_code == 200
    (line,) = request_lines(json_log)
    assert line["level"] == "INFO"
    assert line["logger"] == "factcheck.request"
    assert line["request_id"] == "req-1"
    assert line["method"] == "GET"
    assert line["path"] == "/api/v1/claims"  # never the query string
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert isinstance(line["user_id"], int)
    assert "secret words" not in json.dumps(line) and "q=" not in json.dumps(line)
    assert line["time"].endswith("+00:00")


def test_anonymous_and_failed_requests_are_logged_without_a_user(anonymous, json_log):
    anonymous.get("/api/v1/fact-checks")
    anonymous.get("/api/v1/claims")
    lines = request_lines(json_log)
    assert [(line["path"], line["status"]) for line in lines] == [
        ("/api/v1/fact-checks", 200),
        ("/api/v1/claims", 401),
    ]
    assert all(line["user_id"] is None for line in lines)


def test_successful_probes_are_logged_at_debug_only(anonymous, json_log, caplog):
    anonymous.get("/healthz")
    anonymous.get("/readyz")
    assert request_lines(json_log) == []
    with caplog.at_level(logging.DEBUG, logger="factcheck"):
        anonymous.get("/healthz")
    assert [line["level"] for line in request_lines(json_log)] == ["DEBUG"]


def test_app_records_carry_the_request_id(app_on, database_url, json_log):
    app = app_on(database_url)

    @app.route("/note")
    def note():
        app.logger.warning("something worth knowing", extra={"claim_id": 7})
        return {}

    app.test_client().get("/note", headers={"X-Request-ID": "note-1"})
    (line,) = [line for line in json_log() if line["message"] == "something worth knowing"]
    assert line["request_id"] == "note-1"
    assert line["claim_id"] == 7
    assert line["level"] == "WARNING" and line["logger"] == "factcheck"


def test_tokens_never_reach_the_logs(client_as, tokens, caplog, anonymous, json_log):
    secret = tokens["editor"]
    bogus = "fct_" + "x" * 43
    with caplog.at_level(logging.DEBUG):
        assert client_as("editor").get("/api/v1/me").status_code == 200
        assert client_as("editor").get(f"/api/v1/claims?cursor={secret}").status_code == 400
        for header in (f"Bearer {bogus}", f"bearer   {bogus}", f"Token {secret}", bogus):
            response = anonymous.get("/api/v1/claims", headers={"Authorization": header})
            assert response.status_code == 401
        anonymous.get("/api/v1/claims", headers={"X-Request-ID": secret})  # not a safe id
    lines = request_lines(json_log)
    assert [line["status"] for line in lines] == [200, 400, 401, 401, 401, 401, 401]
    assert lines[0]["user_id"] is not None
    written = json.dumps(json_log())
    # Nothing was logged with a token in it, not even before the formatter's masking.
    raw = " ".join(repr(vars(record)) + record.getMessage() for record in caplog.records)
    for value in (secret, bogus, secret[4:], bogus[4:]):
        assert value not in written
        assert value not in raw
    assert "Authorization" not in written and "[redacted]" not in written


def test_the_formatter_masks_anything_that_looks_like_a_token():
    record = logging.LogRecord(
        "factcheck.test",
        logging.WARNING,
        __file__,
        1,
        "headers were %s",
        ({"Authorization": "Bearer abc.def", "X-Token": "fct_AbC-123_xyz"},),
        None,
    )
    line = observability.JsonFormatter().format(record)
    assert "abc.def" not in line and "AbC-123_xyz" not in line
    assert "[redacted]" in json.loads(line)["message"]


def test_logging_is_json_on_stderr_unless_already_configured(monkeypatch, capsys):
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(root, "level", logging.WARNING)
    observability.configure_logging("INFO")
    (handler,) = root.handlers
    assert isinstance(handler.formatter, observability.JsonFormatter)
    logging.getLogger("factcheck.test").info("hello %s", "there")
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["message"] == "hello there" and line["level"] == "INFO"
    observability.configure_logging("INFO")  # idempotent: one handler, not two
    assert len(root.handlers) == 1


# gunicorn


def load_gunicorn_conf(monkeypatch, **env) -> dict:
    for name in ("PORT", "HOST", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT", "FACTCHECK_LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = runpy.run_path(str(GUNICORN_CONF))
    return {
        k: v
        for k, v in settings.items()
        if not k.startswith("_") and k in GunicornConfig().settings
    }


def test_gunicorn_settings_are_valid_and_production_minded(monkeypatch):
    settings = load_gunicorn_conf(monkeypatch)
    config = GunicornConfig()
    for name, value in settings.items():
        config.set(name, value)  # gunicorn's own validators
    assert config.bind == ["127.0.0.1:8000"]
    assert config.workers >= 1
    assert config.timeout > 0 and 0 < config.graceful_timeout <= 30
    assert config.max_requests > 0 and 0 < config.max_requests_jitter < config.max_requests
    assert config.accesslog is None  # the app logs each request itself
    assert config.preload_app is True
    formatter = config.logconfig_dict["formatters"]["json"]["()"]
    assert formatter == "factcheck.observability.JsonFormatter"


def test_gunicorn_settings_follow_the_environment(monkeypatch):
    settings = load_gunicorn_conf(
        monkeypatch,
        PORT="9001",
        HOST="0.0.0.0",
        WEB_CONCURRENCY="3",
        GUNICORN_TIMEOUT="60",
        FACTCHECK_LOG_LEVEL="warning",
    )
    assert settings["bind"] == "0.0.0.0:9001"
    assert settings["workers"] == 3
    assert settings["timeout"] == 60
    assert settings["logconfig_dict"]["root"]["level"] == "WARNING"


def test_gunicorn_log_config_applies(monkeypatch):
    settings = load_gunicorn_conf(monkeypatch)
    # Apply it to loggers of our own so the suite's logging is left alone.
    config = json.loads(json.dumps(settings["logconfig_dict"]))
    config["loggers"] = {
        "opsconf.test": {"level": "INFO", "handlers": ["stderr"], "propagate": False}
    }
    config.pop("root")
    logging.config.dictConfig(config)
    logger = logging.getLogger("opsconf.test")
    (handler,) = logger.handlers
    assert isinstance(handler.formatter, observability.JsonFormatter)
    logger.removeHandler(handler)
