"""Concurrent writers against a served app: nothing lost, nothing inconsistent."""

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def _post(url: str, payload: dict) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def test_concurrent_verdicts_and_sources_on_one_claim(live_server, client):
    claim = client.post("/api/v1/claims", json={"text": "Prices doubled in 2024."}).json
    base = live_server.url(f"/api/v1/claims/{claim['id']}")
    ratings = ["true", "false", "half_true", "mostly_false"] * 3
    jobs = [(f"{base}/verdicts", {"rating": r}) for r in ratings] + [
        (f"{base}/sources", {"url": f"https://e.org/{i}", "stance": "context"}) for i in range(8)
    ]
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda job: _post(*job), jobs))
    assert statuses == [201] * len(jobs)

    shown = client.get(f"/api/v1/claims/{claim['id']}").json
    history = client.get(f"/api/v1/claims/{claim['id']}/verdicts?limit=100").json["items"]
    assert len(history) == len(ratings) and len(shown["sources"]) == 8
    assert shown["current_verdict"]["id"] == history[0]["id"] == max(v["id"] for v in history)
    # The rating filter agrees with the current verdict however the requests interleaved.
    listed = client.get(f"/api/v1/claims?rating={history[0]['rating']}").json["items"]
    assert [c["id"] for c in listed] == [claim["id"]]
