"""Token verification cached per process, and revocation that still stops at once everywhere.

Two apps on the suite's database stand for two workers: each has its own cache, and a change
made through either (or through a service, as the CLI makes it) must stop the token on the
other's very next request. A gunicorn with several workers shows the same end to end.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from factcheck.auth import token_cache
from factcheck.extensions import db
from factcheck.models.user import CredentialEpoch
from factcheck.services import accounts
from factcheck.services.token_cache import TokenCache, Verified
from factcheck.unit_of_work import transaction
from tests.factories import create_claim
from tests.test_app import assert_problem

CACHED = {"FACTCHECK_TOKEN_CACHE_SECONDS": 60}


@contextmanager
def statements(app):
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(" ".join(statement.split()))

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


def token_lookups(seen: list[str]) -> list[str]:
    return [s for s in seen if s.startswith("SELECT") and "FROM api_tokens" in s]


def client_of(app, secret: str):
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def cache_of(app):
    with app.test_request_context():
        return token_cache()


@pytest.fixture
def workers(app_with):
    """Two apps on one database, as two gunicorn workers: each with a cache of its own."""
    return app_with(**CACHED), app_with(**CACHED)


def warm(workers, secret: str) -> list:
    """The token verified (and so cached) on every worker; a second request needs no lookup."""
    clients = [client_of(worker, secret) for worker in workers]
    for worker, client in zip(workers, clients, strict=True):
        assert client.get("/api/v1/me").status_code == 200
        with statements(worker) as seen:
            assert client.get("/api/v1/me").status_code == 200
        assert token_lookups(seen) == [], seen
    return clients


def test_a_cached_token_costs_one_small_query(app_with, tokens):
    worker = app_with(**CACHED)
    editor = client_of(worker, tokens["editor"])
    assert editor.get("/api/v1/me").status_code == 200
    with statements(worker) as seen:
        me = editor.get("/api/v1/me")
    assert me.status_code == 200 and me.json["name"] == "editor" and me.json["role"] == "editor"
    assert set(me.json) >= {"id", "display_name", "active", "created_at", "updated_at"}
    assert len(seen) == 1 and "FROM credential_epoch" in seen[0]
    assert token_lookups(seen) == []


def test_an_uncached_token_costs_one_query_as_before(app_with, tokens):
    worker = app_with(**CACHED)
    with statements(worker) as seen:
        assert client_of(worker, tokens["editor"]).get("/api/v1/me").status_code == 200
    lookups = token_lookups(seen)
    assert len(lookups) == 1 and "FROM credential_epoch" in lookups[0]  # one statement reads both
    assert [s for s in seen if s.startswith("SELECT")] == lookups  # and the rest writes last use


def test_a_revoked_token_stops_on_the_next_request_on_every_worker(workers, tokens):
    one, two = workers
    reviewer_one, reviewer_two = warm(workers, tokens["reviewer"])
    admin = client_of(one, tokens["admin"])
    me = reviewer_one.get("/api/v1/me").json
    [token] = admin.get(f"/api/v1/users/{me['id']}/tokens").json["items"]

    assert admin.delete(f"/api/v1/tokens/{token['id']}").status_code == 200
    assert_problem(reviewer_two.get("/api/v1/me"), 401)
    assert_problem(reviewer_one.get("/api/v1/me"), 401)
    # Others' cached tokens are looked up again, and still work.
    assert client_of(two, tokens["editor"]).get("/api/v1/me").status_code == 200


def test_revocation_outside_a_request_stops_cached_tokens_too(workers, tokens):
    """`flask users revoke` runs the same service in its own transaction and process."""
    clients = warm(workers, tokens["reviewer"])
    with workers[0].app_context(), transaction():
        assert accounts.revoke_all(accounts.find_user("reviewer")) == 1
    for client in clients:
        assert_problem(client.get("/api/v1/me"), 401)


def test_deactivation_stops_at_once_and_reactivation_revives_nothing(workers, tokens):
    one, two = workers
    editor_one, editor_two = warm(workers, tokens["editor"])
    admin = client_of(two, tokens["admin"])
    editor_id = editor_one.get("/api/v1/me").json["id"]

    assert admin.patch(f"/api/v1/users/{editor_id}", json={"active": False}).status_code == 200
    assert_problem(editor_one.get("/api/v1/me"), 401)
    assert_problem(editor_two.get("/api/v1/me"), 401)
    assert admin.patch(f"/api/v1/users/{editor_id}", json={"active": True}).status_code == 200
    assert_problem(editor_one.get("/api/v1/me"), 401)
    fresh = admin.post(f"/api/v1/users/{editor_id}/tokens", json={}).json["token"]
    assert client_of(one, fresh).get("/api/v1/me").status_code == 200


def test_a_role_change_takes_effect_at_once_on_every_worker(workers, tokens):
    one, two = workers
    admin = client_of(one, tokens["admin"])
    claim = create_claim(admin)
    editor_one, editor_two = warm(workers, tokens["editor"])
    assert editor_two.get(f"/api/v1/claims/{claim['id']}").status_code == 200
    editor_id = editor_one.get("/api/v1/me").json["id"]

    demoted = admin.patch(f"/api/v1/users/{editor_id}", json={"role": "submitter"})
    assert demoted.status_code == 200
    assert editor_two.get("/api/v1/me").json["role"] == "submitter"
    # A submitter sees only their own claims, and may not act on any.
    assert_problem(editor_two.get(f"/api/v1/claims/{claim['id']}"), 404)
    assert_problem(editor_one.get(f"/api/v1/claims/{claim['id']}"), 404)

    assert admin.patch(f"/api/v1/users/{editor_id}", json={"role": "admin"}).status_code == 200
    assert editor_one.get("/api/v1/users").status_code == 200
    assert editor_two.get("/api/v1/users").status_code == 200


def test_me_shows_a_changed_display_name_at_once(workers, tokens):
    one, two = workers
    _, reviewer_two = warm(workers, tokens["reviewer"])
    reviewer_id = reviewer_two.get("/api/v1/me").json["id"]
    before = reviewer_two.get("/api/v1/me").json
    admin = client_of(one, tokens["admin"])
    changed = admin.patch(f"/api/v1/users/{reviewer_id}", json={"display_name": "R. Viewer"})
    assert changed.status_code == 200
    after = reviewer_two.get("/api/v1/me").json
    assert after["display_name"] == "R. Viewer" and after["updated_at"] > before["updated_at"]
    assert after == changed.json


def test_an_unchanged_user_leaves_the_caches_alone(workers, tokens):
    one, _ = workers
    warm(workers, tokens["reviewer"])
    admin = client_of(one, tokens["admin"])
    reviewer_id = client_of(one, tokens["reviewer"]).get("/api/v1/me").json["id"]
    with one.app_context():
        before = accounts.credential_epoch()
    same = admin.patch(f"/api/v1/users/{reviewer_id}", json={"role": "reviewer"})
    assert same.status_code == 200
    with one.app_context():
        assert accounts.credential_epoch() == before
    warm(workers, tokens["reviewer"])  # still cached


def test_with_the_cache_off_every_request_looks_its_token_up(app_with, tokens):
    worker = app_with(FACTCHECK_TOKEN_CACHE_SECONDS=0)
    assert cache_of(worker) is None
    reviewer = client_of(worker, tokens["reviewer"])
    reviewer.get("/api/v1/me")
    for _ in range(2):
        with statements(worker) as seen:
            assert reviewer.get("/api/v1/me").status_code == 200
        assert len(seen) == 1 and token_lookups(seen) == seen  # as before the cache existed
    admin = client_of(worker, tokens["admin"])
    reviewer_id = reviewer.get("/api/v1/me").json["id"]
    [token] = admin.get(f"/api/v1/users/{reviewer_id}/tokens").json["items"]
    admin.delete(f"/api/v1/tokens/{token['id']}")
    assert_problem(reviewer.get("/api/v1/me"), 401)
    assert_problem(client_of(worker, "fct_not-a-token").get("/api/v1/me"), 401)


def test_caches_are_per_app_and_process(workers, tokens):
    one, two = workers
    assert cache_of(one) is not cache_of(two)
    client_of(one, tokens["reviewer"]).get("/api/v1/me")
    assert len(cache_of(one)) == 1 and len(cache_of(two)) == 0
    with statements(two) as seen:
        client_of(two, tokens["reviewer"]).get("/api/v1/me")
    assert len(token_lookups(seen)) == 1  # verified by worker one, not by worker two

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # a forked worker starts with an empty cache
        os.write(write, str(len(cache_of(one))).encode())
        os._exit(0)
    os.close(write)
    assert os.read(read, 16) == b"0"
    os.close(read)
    os.waitpid(pid, 0)
    assert len(cache_of(one)) == 1


def test_the_cache_is_bounded_and_drops_the_least_recently_used(app_with, tokens):
    worker = app_with(FACTCHECK_TOKEN_CACHE_SECONDS=60, FACTCHECK_TOKEN_CACHE_SIZE=2)
    clients = {who: client_of(worker, tokens[who]) for who in ("reviewer", "editor", "admin")}
    clients["reviewer"].get("/api/v1/me")
    clients["editor"].get("/api/v1/me")
    clients["reviewer"].get("/api/v1/me")  # the editor is now the least recently used
    clients["admin"].get("/api/v1/me")
    assert len(cache_of(worker)) == 2
    for who, lookups in (("reviewer", 0), ("admin", 0), ("editor", 1)):
        with statements(worker) as seen:
            assert clients[who].get("/api/v1/me").status_code == 200
        assert len(token_lookups(seen)) == lookups, who


def test_token_cache_unit():
    now = [0.0]
    cache = TokenCache(5, size=2, clock=lambda: now[0])

    def verified(epoch=7):
        return Verified(None, 1, None, epoch)

    assert cache.get("a") is None
    cache.put("a", first := verified())
    assert cache.get("a") is first and cache.current(first, 7)
    now[0] = 4.9
    assert cache.get("a") is first
    now[0] = 5.0
    assert cache.get("a") is None and len(cache) == 0  # expired

    cache.put("a", verified())
    cache.put("b", verified())
    cache.get("a")
    cache.put("c", verified())
    assert len(cache) == 2 and cache.get("b") is None  # the least recently used went

    kept = cache.get("a")
    assert not cache.current(kept, 8) and len(cache) == 0  # a new epoch empties the cache
    cache.put("d", verified(8))
    # A verification made under an epoch another request has left behind never counts.
    assert not cache.current(verified(7), 8) and len(cache) == 1
    with pytest.raises(ValueError):
        TokenCache(0)


def test_last_used_is_still_written_from_cached_requests(app, app_with, tokens, monkeypatch):
    worker = app_with(**CACHED)
    reviewer = client_of(worker, tokens["reviewer"])
    digest = accounts.hash_token(tokens["reviewer"])
    query = sa.text("SELECT last_used_at FROM api_tokens WHERE token_hash = :h")

    def last_used():
        with app.app_context():
            return db.session.execute(query, {"h": digest}).scalar()

    assert last_used() is None
    reviewer.get("/api/v1/me")
    first = last_used()
    assert first is not None
    with statements(worker) as seen:
        reviewer.get("/api/v1/me")  # cached, and used less than a minute ago: no write
    assert len(seen) == 1
    monkeypatch.setattr(accounts, "LAST_USED_RESOLUTION", timedelta(0))
    time.sleep(0.01)
    with statements(worker) as seen:
        reviewer.get("/api/v1/me")
    assert token_lookups(seen) == [] and any(s.startswith("UPDATE api_tokens") for s in seen)
    assert str(last_used()) > str(first)


def test_a_missing_epoch_row_reads_as_zero_and_comes_back(app, workers, tokens):
    with app.app_context():
        db.session.execute(sa.delete(CredentialEpoch))
        db.session.commit()
        assert accounts.credential_epoch() == 0
    clients = warm(workers, tokens["reviewer"])
    with workers[0].app_context(), transaction():
        accounts.revoke_all(accounts.find_user("reviewer"))
    with app.app_context():
        assert accounts.credential_epoch() > 0
    for client in clients:
        assert_problem(client.get("/api/v1/me"), 401)


def test_the_migration_starts_the_epoch(app):
    with app.app_context():
        assert accounts.credential_epoch() >= 0
        db.session.rollback()


# --- end to end: gunicorn with several worker processes ---------------------------------------

ROOT = Path(__file__).resolve().parent.parent.parent
HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _send(url: str, token: str, method: str = "GET", payload=None) -> tuple[int, dict]:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode() if payload is not None else None,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Connection": "close",
        },
        method=method,
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


@pytest.fixture
def gunicorn(database_url, tmp_path, tokens):
    """gunicorn with gunicorn.conf.py, three workers and a one-minute token cache."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "HOST": HOST,
        "PORT": str(port),
        "WEB_CONCURRENCY": "3",
        "FACTCHECK_SECRET_KEY": "gunicorn-test-secret",
        "FACTCHECK_RATE_LIMIT_ENABLED": "0",
        "FACTCHECK_TOKEN_CACHE_SECONDS": "60",
        "GUNICORN_MAX_REQUESTS": "0",
    }
    log = tmp_path / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py")]
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [*command, "wsgi:app"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://{HOST}:{port}/api/v1"
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                pytest.fail(f"gunicorn exited:\n{log.read_text(errors='replace')}")
            try:
                if _send(f"http://{HOST}:{port}/healthz", "-")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_every_gunicorn_worker_stops_a_revoked_token_at_once(gunicorn, tokens):
    admin, reviewer, editor = tokens["admin"], tokens["reviewer"], tokens["editor"]
    # Many short connections reach every worker; each verifies and caches the tokens.
    assert {_send(f"{gunicorn}/me", reviewer)[0] for _ in range(30)} == {200}
    assert {_send(f"{gunicorn}/me", editor)[0] for _ in range(30)} == {200}
    reviewer_id = _send(f"{gunicorn}/me", reviewer)[1]["id"]
    editor_id = _send(f"{gunicorn}/me", editor)[1]["id"]

    status, listed = _send(f"{gunicorn}/users/{reviewer_id}/tokens", admin)
    [token] = listed["items"]
    assert _send(f"{gunicorn}/tokens/{token['id']}", admin, "DELETE")[0] == 200
    assert {_send(f"{gunicorn}/me", reviewer)[0] for _ in range(30)} == {401}

    patch = {"role": "submitter"}
    assert _send(f"{gunicorn}/users/{editor_id}", admin, "PATCH", patch)[0] == 200
    assert {_send(f"{gunicorn}/me", editor)[1]["role"] for _ in range(30)} == {"submitter"}
    assert _send(f"{gunicorn}/users/{editor_id}", admin, "PATCH", {"active": False})[0] == 200
    assert {_send(f"{gunicorn}/me", editor)[0] for _ in range(30)} == {401}
