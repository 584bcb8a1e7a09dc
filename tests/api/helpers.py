"""Multi-step setups shared by API tests."""

from tests.factories import create_claim


def act(client, claim_id, action, **body):
    return client.post(f"/api/v1/claims/{claim_id}/actions", json={"action": action, **body})


def publish(client_as, rating="false", **claim_fields) -> dict:
    """A claim taken through the whole workflow by a reviewer and two editors."""
    reviewer, editor, editor2 = client_as("reviewer"), client_as("editor"), client_as("editor-2")
    cid = create_claim(reviewer, **claim_fields)["id"]
    act(reviewer, cid, "accept")
    source = {"url": "https://stats.example.org/a", "stance": "refutes", "title": "Statistics"}
    reviewer.post(f"/api/v1/claims/{cid}/sources", json=source)
    verdict = {"rating": rating, "summary": "What the record shows."}
    reviewer.post(f"/api/v1/claims/{cid}/verdicts", json=verdict)
    act(reviewer, cid, "propose")
    act(editor, cid, "approve")
    published = act(editor2, cid, "publish")
    assert published.status_code == 200, published.json
    return published.json
