"""Idempotency-Key: a retried create never creates twice."""

import pytest

from tests.factories import article_payload, claim_payload
from tests.test_app import assert_problem


def test_retry_replays_the_first_response(client):
    headers = {"Idempotency-Key": "create-claim-1"}
    first = client.post(
        "/api/v1/claims", json=claim_payload(text="Exports doubled."), headers=headers
    )
    assert first.status_code == 201
    again = client.post(
        "/api/v1/claims",
        json={"text": "Exports doubled.", "claimant": "A Minister"},
        headers=headers,
    )
    assert again.status_code == 201
    assert again.json == first.json
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(client.get("/api/v1/claims").json["items"]) == 1


def test_same_key_with_another_body_is_422(client):
    headers = {"Idempotency-Key": "k-2"}
    client.post("/api/v1/claims", json=claim_payload(text="One."), headers=headers)
    response = client.post("/api/v1/claims", json=claim_payload(text="Two."), headers=headers)
    assert "Idempotency-Key" in assert_problem(response, 422)["errors"]
    assert len(client.get("/api/v1/claims").json["items"]) == 1


def test_keys_belong_to_their_user(client_as):
    headers = {"Idempotency-Key": "shared-key"}
    body = claim_payload(text="Same text.")
    assert (
        client_as("reviewer").post("/api/v1/claims", json=body, headers=headers).status_code == 201
    )
    other = client_as("reviewer-2").post("/api/v1/claims", json=body, headers=headers)
    assert other.status_code == 201 and "Idempotent-Replayed" not in other.headers


def test_failed_requests_are_not_remembered(client):
    headers = {"Idempotency-Key": "k-3"}
    assert_problem(client.post("/api/v1/claims", json={"text": ""}, headers=headers), 422)
    assert (
        client.post("/api/v1/claims", json={"text": "Fixed."}, headers=headers).status_code == 201
    )


@pytest.mark.parametrize("key", ["", " ", "x" * 256])
def test_invalid_keys(client, key):
    response = client.post("/api/v1/claims", json=claim_payload(), headers={"Idempotency-Key": key})
    assert "Idempotency-Key" in assert_problem(response, 422)["errors"]


def test_article_with_extraction_replays_once(client):
    headers = {"Idempotency-Key": "article-1"}
    payload = article_payload(body="Inflation rose to 5% in May, the bank said.", extract=True)
    first = client.post("/api/v1/articles", json=payload, headers=headers)
    again = client.post("/api/v1/articles", json=payload, headers=headers)
    assert first.status_code == again.status_code == 202  # the extraction job, queued once
    assert again.json == first.json
    assert again.headers["Location"] == first.headers["Location"]
    assert len(client.get("/api/v1/articles").json["items"]) == 1
    claims = client.get("/api/v1/claims").json["items"]
    assert len({c["text"] for c in claims}) == len(claims) > 0
