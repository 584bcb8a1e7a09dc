"""Reviewer comments and the append-only audit history."""

from tests.factories import create_claim, create_source, create_verdict
from tests.test_app import assert_problem


def test_comment_lifecycle_with_tombstone(client_as):
    reviewer, other = client_as("reviewer"), client_as("reviewer-2")
    cid = create_claim(reviewer)["id"]
    response = reviewer.post(
        f"/api/v1/claims/{cid}/comments", json={"body": "Check the 2019 data."}
    )
    assert response.status_code == 201
    comment = response.json
    assert comment["author"] == "reviewer" and comment["body"] == "Check the 2019 data."
    url = response.headers["Location"]

    assert_problem(other.patch(url, json={"body": "Hijacked"}), 403)
    assert_problem(other.delete(url), 403)
    edited = reviewer.patch(url, json={"body": "Check the 2018 data."}, headers={"If-Match": '"1"'})
    assert edited.status_code == 200 and edited.json["body"] == "Check the 2018 data."
    assert_problem(reviewer.patch(url, json={"body": "x"}, headers={"If-Match": '"1"'}), 412)

    assert reviewer.delete(url).status_code == 204
    thread = reviewer.get(f"/api/v1/claims/{cid}/comments").json["items"]
    assert thread[0]["body"] is None and thread[0]["deleted_at"] is not None
    assert_problem(reviewer.patch(url, json={"body": "Back"}), 409)

    events = reviewer.get(f"/api/v1/claims/{cid}/history").json["items"]
    comment_events = [e for e in events if e["entity"] == "comment"]
    assert [e["action"] for e in comment_events] == ["comment", "edit_comment", "delete_comment"]
    assert comment_events[-1]["changes"]["body"]["before"] == "Check the 2018 data."


def test_history_records_every_change_with_before_and_after(client):
    claim = create_claim(client, claimant="A Minister")
    cid = claim["id"]
    client.patch(f"/api/v1/claims/{cid}", json={"claimant": "The Minister", "text": claim["text"]})
    source = create_source(client, cid)
    client.patch(f"/api/v1/sources/{source['id']}", json={"stance": "context"})
    verdict = create_verdict(client, cid, rating="false")
    client.patch(f"/api/v1/verdicts/{verdict['id']}", json={"rating": "mostly_false"})
    client.delete(f"/api/v1/sources/{source['id']}")

    events = client.get(f"/api/v1/claims/{cid}/history").json["items"]
    actions = [e["action"] for e in events]
    assert actions == [
        "create", "update", "add_source", "update_source", "add_verdict", "update_verdict",
        "remove_source",
    ]  # fmt: skip
    update = events[1]
    assert update["changes"] == {"claimant": {"before": "A Minister", "after": "The Minister"}}
    assert update["actor"] == "editor" and update["created_at"]
    assert events[5]["changes"]["rating"] == {"before": "false", "after": "mostly_false"}


def test_history_cannot_be_changed_through_the_api(client):
    cid = create_claim(client)["id"]
    url = f"/api/v1/claims/{cid}/history"
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(url, json={}).status_code == 405


def test_soft_delete_restore_and_purge_keep_history(client_as):
    editor, admin, reviewer = client_as("editor"), client_as("admin"), client_as("reviewer")
    cid = create_claim(editor)["id"]
    assert editor.delete(f"/api/v1/claims/{cid}").status_code == 204
    assert_problem(editor.get(f"/api/v1/claims/{cid}"), 404)
    assert cid not in [c["id"] for c in editor.get("/api/v1/claims").json["items"]]
    seen = admin.get(f"/api/v1/claims/{cid}")
    assert seen.status_code == 200 and seen.json["deleted_at"]

    restored = admin.post(f"/api/v1/claims/{cid}/restore")
    assert restored.status_code == 200 and restored.json["deleted_at"] is None
    assert editor.get(f"/api/v1/claims/{cid}").status_code == 200

    assert_problem(admin.post(f"/api/v1/claims/{cid}/purge"), 409)  # delete first
    editor.delete(f"/api/v1/claims/{cid}")
    assert admin.post(f"/api/v1/claims/{cid}/purge").status_code == 204
    assert_problem(admin.get(f"/api/v1/claims/{cid}"), 404)
    # A purged claim's history stays readable, by admins only.
    assert_problem(reviewer.get(f"/api/v1/claims/{cid}/history"), 404)
    actions = [e["action"] for e in admin.get(f"/api/v1/claims/{cid}/history").json["items"]]
    assert actions == ["create", "delete", "restore", "delete", "purge"]


def test_verdict_revision_only_for_the_current_verdict(client):
    cid = create_claim(client)["id"]
    old = create_verdict(client, cid, rating="true")
    new = create_verdict(client, cid, rating="false")
    assert_problem(client.patch(f"/api/v1/verdicts/{old['id']}", json={"summary": "x"}), 409)
    revised = client.patch(f"/api/v1/verdicts/{new['id']}", json={"rating": "half_true"})
    assert revised.json["rating_value"] == 3 and revised.json["textual_rating"] == "Half true"
    listed = client.get("/api/v1/claims?rating=half_true").json["items"]
    assert [c["id"] for c in listed] == [cid]
