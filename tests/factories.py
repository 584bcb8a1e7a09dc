"""Builders for test data through the public API, so tests set up state the way clients do."""

import itertools

_counter = itertools.count(1)


def article_payload(**overrides) -> dict:
    n = next(_counter)
    return {
        "title": f"Article {n}",
        "publisher": "The Daily Test",
        "language": "en",
        "url": f"https://news.example.org/story-{n}",
        "body": f"Story number {n}. The minister said unemployment fell to 4.1% in March. " * 3,
        **overrides,
    }


def claim_payload(**overrides) -> dict:
    n = next(_counter)
    return {"text": f"Unemployment fell to {n}.1% in March.", "claimant": "A Minister", **overrides}


def create_article(client, **overrides) -> dict:
    response = client.post("/api/v1/articles", json=article_payload(**overrides))
    assert response.status_code == 201, response.json
    return response.json


def create_claim(client, **overrides) -> dict:
    response = client.post("/api/v1/claims", json=claim_payload(**overrides))
    assert response.status_code == 201, response.json
    return response.json


def create_source(client, claim_id: int, **overrides) -> dict:
    payload = {"url": "https://stats.example.org/release", "stance": "refutes", **overrides}
    response = client.post(f"/api/v1/claims/{claim_id}/sources", json=payload)
    assert response.status_code == 201, response.json
    return response.json


def create_verdict(client, claim_id: int, **overrides) -> dict:
    payload = {"rating": "false", "summary": "The figure was 5.3%.", **overrides}
    response = client.post(f"/api/v1/claims/{claim_id}/verdicts", json=payload)
    assert response.status_code == 201, response.json
    return response.json
