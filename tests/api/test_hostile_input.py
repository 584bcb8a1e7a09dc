"""Hostile input: every request below gets a 4xx problem document and changes nothing."""

import base64
import hashlib
import hmac
import json

import pytest

from tests.factories import claim_payload, create_claim
from tests.test_app import assert_problem


@pytest.fixture
def unchanged(client):
    """Asserts after the test that no claim or article was created or changed."""
    claim = create_claim(client)
    before = client.get(f"/api/v1/claims/{claim['id']}").json
    yield claim
    assert client.get("/api/v1/claims?limit=100").json["items"] == [before]
    assert client.get("/api/v1/articles").json["items"] == []


def post_raw(client, data, content_type="application/json", path="/api/v1/claims"):
    return client.post(path, data=data, content_type=content_type)


def test_body_over_the_size_limit(client, app, unchanged):
    body = json.dumps({"text": "x" * app.config["MAX_CONTENT_LENGTH"]})
    assert_problem(post_raw(client, body), 413)


def test_deeply_nested_json(client, unchanged):
    assert_problem(post_raw(client, "[" * 50_000 + "]" * 50_000), 400)
    nested = '{"text": ' + '{"a": ' * 5_000 + "1" + "}" * 5_000 + "}"
    assert post_raw(client, nested).status_code in (400, 422)


def test_huge_json_arrays(client, unchanged):
    response = post_raw(client, json.dumps({"text": "x", "tags": ["t"] * 100_000}))
    assert response.status_code in (413, 422)
    assert response.content_type == "application/problem+json"


def test_invalid_utf8(client, unchanged):
    assert_problem(post_raw(client, b'{"text": "caf\xe9"}'), 400)


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "multipart/form-data"])
def test_wrong_content_type(client, unchanged, content_type):
    assert_problem(post_raw(client, '{"text": "x"}', content_type), 415)


def test_missing_content_type(client, unchanged):
    assert_problem(client.post("/api/v1/claims", data=b'{"text": "x"}'), 415)


@pytest.mark.parametrize("body", ["not json", "{'text': 'x'}", '{"text": "x",}', "[1, 2", "NaN"])
def test_non_json_bodies(client, unchanged, body):
    assert post_raw(client, body).status_code in (400, 422)


@pytest.mark.parametrize("body", ['"just a string"', "42", "null", "[]", "true"])
def test_json_that_is_not_an_object(client, unchanged, body):
    assert_problem(post_raw(client, body), 422)


@pytest.mark.parametrize("text", ["nul\x00byte", "bell\x07", "escape\x1b[31m", "\ud800"])
def test_nul_and_control_characters(client, unchanged, text):
    response = client.post("/api/v1/claims", json={"text": text})
    assert "text" in assert_problem(response, 422)["errors"]


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<script>", "ftp://x.org/f",
     "//evil.example/x", "http://user@evil.example/", "http:// spaces.example"],
)  # fmt: skip
def test_dangerous_urls(client, unchanged, url):
    response = client.post("/api/v1/claims", json=claim_payload(appearance_url=url))
    assert "appearance_url" in assert_problem(response, 422)["errors"]


def test_sql_and_html_are_stored_literally_and_served_as_json(client):
    text = "Robert'); DROP TABLE claims;-- <script>alert('x')</script>"
    created = client.post("/api/v1/claims", json={"text": text, "claimant": "<b>Bold</b>"})
    assert created.status_code == 201
    shown = client.get(created.headers["Location"])
    assert shown.json["text"] == text and shown.json["claimant"] == "<b>Bold</b>"
    assert shown.content_type == "application/json"
    assert shown.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/api/v1/claims?q=DROP").json["items"][0]["text"] == text


@pytest.mark.parametrize("limit", ["1000000", "-1", "0", "ten", "1e3", "99999999999999999999"])
def test_out_of_range_limits(client, unchanged, limit):
    assert "limit" in assert_problem(client.get(f"/api/v1/claims?limit={limit}"), 422)["errors"]


@pytest.mark.parametrize("claim_id", ["-1", "0", "abc", "1.5", "99999999999999999999", "%00"])
def test_bad_ids(client, unchanged, claim_id):
    assert_problem(client.get(f"/api/v1/claims/{claim_id}"), 404)
    assert_problem(client.patch(f"/api/v1/claims/{claim_id}", json={"text": "x"}), 404)


def _cursor(key: bytes, payload: list) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    signature = base64.urlsafe_b64encode(hmac.digest(key, raw, hashlib.sha256)[:16]).decode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=") + "." + signature


def test_forged_and_stale_cursors(client, unchanged):
    # Signed with another key (a forgery, or a cursor from before the key was rotated).
    forged = _cursor(b"another key", ["-created_at", ["2020-01-01T00:00:00+00:00"], 1])
    assert "cursor" in assert_problem(client.get(f"/api/v1/claims?cursor={forged}"), 400)["errors"]
    tampered = client.get("/api/v1/claims?limit=1").json["next_cursor"]
    assert tampered is None or assert_problem(client.get(f"/api/v1/claims?cursor={tampered}x"), 400)


def test_unknown_query_parameters(client, unchanged):
    response = client.get("/api/v1/claims?status=submitted&debug=1&__proto__=x")
    assert set(assert_problem(response, 422)["errors"]) == {"debug", "__proto__"}


@pytest.mark.parametrize(
    "headers",
    [
        {"If-Match": "x" * 10_000},
        {"If-Match": '"-1"'},
        {"If-Match": '"99999999999999999999999"'},
        {"If-Match": 'W/"1"'},
    ],
)
def test_out_of_range_preconditions_refuse_the_change(client, unchanged, headers):
    claim_id = unchanged["id"]
    response = client.patch(
        f"/api/v1/claims/{claim_id}", json={"text": "Changed."}, headers=headers
    )
    assert_problem(response, 412)


@pytest.mark.parametrize(
    "authorization", ["Bearer " + "x" * 5000, "Bearer \x00", "Bearer fct_" + "a" * 43, "Token abc"]
)
def test_bad_authorization_headers(anonymous, authorization):
    response = anonymous.get("/api/v1/claims", headers={"Authorization": authorization})
    assert_problem(response, 401)


def test_long_idempotency_key(client, unchanged):
    headers = {"Idempotency-Key": "k" * 1000}
    response = client.post("/api/v1/claims", json=claim_payload(), headers=headers)
    assert "Idempotency-Key" in assert_problem(response, 422)["errors"]
