"""Truly concurrent requests against a served app: nothing lost, nothing doubled."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from tests.factories import create_claim, create_verdict

WORKERS = 10


def _send(method: str, url: str, token: str, payload=None, headers=None) -> tuple[int, dict]:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode() if payload is not None else None,
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {token}",
            **(headers or {}),
        },
        method=method,
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def _parallel(calls):
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(lambda call: call(), calls))


def test_concurrent_verdicts_and_sources_on_one_claim(live_server, client, tokens):
    claim = create_claim(client)
    base = live_server.url(f"/api/v1/claims/{claim['id']}")
    ratings = ["true", "false", "half_true", "mostly_false"] * 3
    calls = [
        lambda r=r: _send("POST", f"{base}/verdicts", tokens["reviewer"], {"rating": r})
        for r in ratings
    ] + [
        lambda i=i: _send(
            "POST",
            f"{base}/sources",
            tokens["reviewer-2"],
            {"url": f"https://e.org/{i}", "stance": "context"},
        )  # fmt: skip
        for i in range(8)
    ]
    assert [status for status, _ in _parallel(calls)] == [201] * len(calls)

    shown = client.get(f"/api/v1/claims/{claim['id']}").json
    history = client.get(f"/api/v1/claims/{claim['id']}/verdicts?limit=100").json["items"]
    assert len(history) == len(ratings) and len(shown["sources"]) == 8
    assert shown["current_verdict"]["id"] == history[0]["id"] == max(v["id"] for v in history)
    # The rating filter agrees with the current verdict however the requests interleaved.
    listed = client.get(f"/api/v1/claims?rating={history[0]['rating']}").json["items"]
    assert [c["id"] for c in listed] == [claim["id"]]


def test_racing_reviewers_with_if_match_one_wins_per_version(live_server, client, tokens):
    claim = create_claim(client)
    verdict = create_verdict(client, claim["id"], rating="half_true", summary="Start.")
    url = live_server.url(f"/api/v1/verdicts/{verdict['id']}")
    etag = client.get(f"/api/v1/verdicts/{verdict['id']}").headers["ETag"]
    reviewers = ["reviewer", "reviewer-2", "editor", "editor-2"] * 5  # 20 racing updates
    calls = [
        lambda i=i, who=who: _send(
            "PATCH", url, tokens[who], {"summary": f"Version by racer {i}."}, {"If-Match": etag}
        )
        for i, who in enumerate(reviewers)
    ]
    results = _parallel(calls)
    winners = [body for status, body in results if status == 200]
    assert len(winners) == 1
    assert all(status == 412 for status, _ in results if status != 200)
    final = client.get(f"/api/v1/verdicts/{verdict['id']}").json
    assert final["summary"] == winners[0]["summary"]
    updates = [
        e
        for e in client.get(f"/api/v1/claims/{claim['id']}/history?limit=100").json["items"]
        if e["action"] == "update_verdict"
    ]
    assert len(updates) == 1  # the losers left no trace


def test_concurrent_retries_with_one_idempotency_key_create_once(live_server, client, tokens):
    url = live_server.url("/api/v1/claims")
    payload = {"text": "Rents rose 12% last year.", "claimant": "A Mayor"}
    calls = [
        lambda: _send("POST", url, tokens["reviewer"], payload, {"Idempotency-Key": "retry-1"})
        for _ in range(WORKERS)
    ]
    results = _parallel(calls)
    # Every retry got the one creation's answer.
    assert [status for status, _ in results] == [201] * WORKERS
    assert len({body["id"] for _, body in results}) == 1
    assert [c["text"] for c in client.get("/api/v1/claims").json["items"]] == [payload["text"]]
