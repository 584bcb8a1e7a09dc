"""The review workflow end to end: roles, rules, history, corrections."""

from tests.api.helpers import act
from tests.factories import claim_payload, create_claim
from tests.test_app import assert_problem


def test_submission_to_publication_and_correction(client_as, anonymous):
    submitter, reviewer = client_as("submitter"), client_as("reviewer")
    editor, other_editor = client_as("editor"), client_as("editor-2")

    claim = submitter.post("/api/v1/claims", json=claim_payload()).json
    cid = claim["id"]
    # What each caller may do next, by the claim's status and the caller's role.
    assert claim["status"] == "submitted" and claim["allowed_actions"] == []
    assert reviewer.get(f"/api/v1/claims/{cid}").json["allowed_actions"] == ["accept", "assign"]
    assert editor.get(f"/api/v1/claims/{cid}").json["allowed_actions"] == [
        "accept", "reject", "assign",
    ]  # fmt: skip
    assert_problem(act(submitter, cid, "accept"), 403)

    accepted = act(reviewer, cid, "accept")
    assert accepted.status_code == 200 and accepted.json["status"] == "in_review"
    me = reviewer.get("/api/v1/me").json
    assert accepted.json["assignee_id"] == me["id"]  # accepting takes the claim on

    # Proposing needs evidence and a verdict with a summary.
    refused = act(reviewer, cid, "propose")
    assert set(assert_problem(refused, 409)["missing"]) == {
        "a verdict with a rating and a summary", "at least one source",
    }  # fmt: skip
    reviewer.post(
        f"/api/v1/claims/{cid}/sources", json={"url": "https://s.org/a", "stance": "refutes"}
    )
    verdict = reviewer.post(
        f"/api/v1/claims/{cid}/verdicts", json={"rating": "false", "summary": "It rose."}
    ).json
    assert act(reviewer, cid, "propose").json["status"] == "verdict_proposed"

    # Frozen while proposed: no new evidence or verdicts.
    frozen = reviewer.post(
        f"/api/v1/claims/{cid}/sources", json={"url": "https://s.org/b", "stance": "context"}
    )
    assert_problem(frozen, 409)
    assert_problem(act(reviewer, cid, "approve"), 403)  # reviewers cannot approve

    assert act(editor, cid, "approve").json["status"] == "approved"
    assert_problem(anonymous.get(f"/api/v1/fact-checks/{cid}"), 404)  # not published yet
    published = act(other_editor, cid, "publish").json
    assert published["status"] == "published" and published["published_at"]
    assert published["corrected_at"] is None

    public = anonymous.get(f"/api/v1/fact-checks/{cid}")
    assert public.status_code == 200
    assert public.json["verdict"]["rating"] == "false"
    assert "assignee_id" not in public.json

    # A correction: reopen, revise, publish again; readers keep the old verdict meanwhile.
    assert "note" in assert_problem(act(editor, cid, "reopen"), 422)["errors"]
    reopened = act(editor, cid, "reopen", note="New figures were released.").json
    assert reopened["status"] == "in_review"
    assert anonymous.get(f"/api/v1/fact-checks/{cid}").json["verdict"]["rating"] == "false"
    reviewer.post(
        f"/api/v1/claims/{cid}/verdicts",
        json={"rating": "mostly_false", "summary": "Revised with the new figures."},
    )
    act(reviewer, cid, "propose")
    act(other_editor, cid, "approve")
    corrected = act(editor, cid, "publish").json
    assert corrected["corrected_at"] and corrected["published_at"] == published["published_at"]
    assert anonymous.get(f"/api/v1/fact-checks/{cid}").json["verdict"]["rating"] == "mostly_false"

    # The first verdict stays in the history, as does every step.
    history = reviewer.get(f"/api/v1/claims/{cid}/verdicts").json["items"]
    assert verdict["id"] in [v["id"] for v in history]
    events = reviewer.get(f"/api/v1/claims/{cid}/history?limit=100").json["items"]
    steps = [e["action"] for e in events if e["entity"] == "claim"]
    assert steps == [
        "create", "accept", "propose", "approve", "publish",
        "reopen", "propose", "approve", "publish",
    ]  # fmt: skip
    reopen = next(e for e in events if e["action"] == "reopen")
    assert reopen["from_status"] == "published" and reopen["to_status"] == "in_review"
    assert reopen["note"] == "New figures were released." and reopen["actor"] == "editor"


def test_two_person_rule(client_as):
    editor = client_as("editor")
    cid = create_claim(editor)["id"]
    act(editor, cid, "accept")
    editor.post(
        f"/api/v1/claims/{cid}/sources", json={"url": "https://s.org/a", "stance": "supports"}
    )
    editor.post(f"/api/v1/claims/{cid}/verdicts", json={"rating": "true", "summary": "Checks out."})
    act(editor, cid, "propose")
    body = assert_problem(act(editor, cid, "approve"), 403)
    assert "second" in body["detail"]
    assert act(client_as("editor-2"), cid, "approve").status_code == 200


def test_publish_needs_approval_and_illegal_actions_list_allowed(client):
    cid = create_claim(client)["id"]
    body = assert_problem(act(client, cid, "publish"), 409)
    assert body["allowed_actions"] == ["accept", "reject", "assign"]
    assert body["type"].endswith("invalid-transition")
    assert "action" in assert_problem(act(client, cid, "teleport"), 422)["errors"]


def test_reject_needs_a_reason_and_an_editor_can_undo_it(client, client_as):
    cid = create_claim(client)["id"]
    assert "note" in assert_problem(act(client, cid, "reject"), 422)["errors"]
    rejected = act(client, cid, "reject", note="An opinion, not a checkable claim.")
    assert rejected.json["status"] == "rejected" and rejected.json["allowed_actions"] == ["reopen"]
    assert assert_problem(act(client, cid, "accept"), 409)["allowed_actions"] == ["reopen"]
    # A mistaken rejection is not a dead end: an editor reopens it, with the reason on record.
    assert_problem(act(client_as("reviewer"), cid, "reopen", note="Checkable after all."), 403)
    assert "note" in assert_problem(act(client, cid, "reopen"), 422)["errors"]
    reopened = act(client, cid, "reopen", note="It names a figure we can check.")
    assert reopened.status_code == 200 and reopened.json["status"] == "in_review"


def test_request_changes_sends_back_to_review(client_as):
    reviewer, editor = client_as("reviewer"), client_as("editor")
    cid = create_claim(reviewer)["id"]
    act(reviewer, cid, "accept")
    reviewer.post(
        f"/api/v1/claims/{cid}/sources", json={"url": "https://s.org/a", "stance": "mixed"}
    )
    reviewer.post(
        f"/api/v1/claims/{cid}/verdicts", json={"rating": "half_true", "summary": "Partly."}
    )
    act(reviewer, cid, "propose")
    back = act(editor, cid, "request_changes", note="Cite the primary source.")
    assert back.json["status"] == "in_review"
    # Evidence can be added again.
    added = reviewer.post(
        f"/api/v1/claims/{cid}/sources", json={"url": "https://s.org/b", "stance": "refutes"}
    )
    assert added.status_code == 201


def test_assign_and_review_queue(client_as):
    reviewer, other, editor = client_as("reviewer"), client_as("reviewer-2"), client_as("editor")
    reviewer_id = reviewer.get("/api/v1/me").json["id"]
    low = create_claim(editor, check_worthiness=0.2)["id"]
    high = create_claim(editor, check_worthiness=0.9)["id"]
    urgent = create_claim(editor, check_worthiness=0.1)["id"]
    for cid in (low, high, urgent):
        act(editor, cid, "accept")
        act(editor, cid, "assign", assignee_id=None)
    editor.patch(f"/api/v1/claims/{urgent}", json={"priority": 5})
    mine = create_claim(editor)["id"]
    assigned = act(editor, mine, "assign", assignee_id=reviewer_id)
    assert assigned.json["status"] == "submitted" and assigned.json["assignee_id"] == reviewer_id

    queue = [c["id"] for c in reviewer.get("/api/v1/review-queue").json["items"]]
    assert queue == [urgent, high, low, mine]
    assert [c["id"] for c in other.get("/api/v1/review-queue").json["items"]] == [urgent, high, low]

    filtered = editor.get(f"/api/v1/claims?assignee_id={reviewer_id}").json["items"]
    assert [c["id"] for c in filtered] == [mine]
    unassigned = editor.get("/api/v1/claims?unassigned=true&status=in_review").json["items"]
    assert {c["id"] for c in unassigned} == {low, high, urgent}

    submitter_id = client_as("submitter").get("/api/v1/me").json["id"]
    refused = act(editor, mine, "assign", assignee_id=submitter_id)
    assert "assignee_id" in assert_problem(refused, 422)["errors"]
    assert_problem(client_as("submitter").get("/api/v1/review-queue"), 403)


def test_stale_if_match_on_an_action_changes_nothing(client):
    claim = create_claim(client)
    cid = claim["id"]
    etag = client.get(f"/api/v1/claims/{cid}").headers["ETag"]
    client.patch(f"/api/v1/claims/{cid}", json={"claimant": "Someone"})
    stale = client.post(
        f"/api/v1/claims/{cid}/actions", json={"action": "accept"}, headers={"If-Match": etag}
    )
    assert_problem(stale, 412)
    assert client.get(f"/api/v1/claims/{cid}").json["status"] == "submitted"


def test_published_claims_cannot_be_edited_until_reopened(client_as):
    reviewer, editor, editor2 = client_as("reviewer"), client_as("editor"), client_as("editor-2")
    cid = create_claim(reviewer)["id"]
    act(reviewer, cid, "accept")
    reviewer.post(
        f"/api/v1/claims/{cid}/sources", json={"url": "https://s.org/a", "stance": "refutes"}
    )
    verdict = reviewer.post(
        f"/api/v1/claims/{cid}/verdicts", json={"rating": "false", "summary": "No."}
    ).json
    act(reviewer, cid, "propose")
    act(editor, cid, "approve")
    act(editor2, cid, "publish")
    assert_problem(reviewer.patch(f"/api/v1/claims/{cid}", json={"text": "Changed."}), 409)
    assert_problem(
        reviewer.patch(f"/api/v1/verdicts/{verdict['id']}", json={"rating": "true"}), 409
    )
