"""The desk's rules against a determined user: each corner someone could cut, refused."""

from tests.api.helpers import act, publish
from tests.factories import create_article, create_claim, create_source, create_verdict
from tests.test_app import assert_problem


def _proposed_by_reviewer(client_as) -> tuple[int, dict]:
    reviewer = client_as("reviewer")
    cid = create_claim(reviewer)["id"]
    act(reviewer, cid, "accept")
    create_source(reviewer, cid)
    verdict = create_verdict(reviewer, cid, rating="false", summary="The record says no.")
    return cid, verdict


def test_an_editor_who_rewrote_the_verdict_cannot_approve_it(client_as):
    editor, other = client_as("editor"), client_as("editor-2")
    cid, verdict = _proposed_by_reviewer(client_as)
    rewritten = editor.patch(
        f"/api/v1/verdicts/{verdict['id']}", json={"rating": "true", "summary": "It is true."}
    )
    assert rewritten.status_code == 200
    assert act(editor, cid, "propose").status_code == 200
    assert "wrote or changed" in assert_problem(act(editor, cid, "approve"), 403)["detail"]
    assert act(other, cid, "approve").status_code == 200


def test_the_proposer_cannot_approve(client_as):
    editor, other = client_as("editor"), client_as("editor-2")
    cid, _ = _proposed_by_reviewer(client_as)
    act(editor, cid, "propose")
    assert "proposed" in assert_problem(act(editor, cid, "approve"), 403)["detail"]
    assert act(other, cid, "approve").status_code == 200


def test_evidence_and_verdict_freeze_at_propose(client_as):
    reviewer = client_as("reviewer")
    cid, verdict = _proposed_by_reviewer(client_as)
    source_id = reviewer.get(f"/api/v1/claims/{cid}").json["sources"][0]["id"]
    act(reviewer, cid, "propose")
    assert_problem(reviewer.delete(f"/api/v1/sources/{source_id}"), 409)
    assert_problem(reviewer.patch(f"/api/v1/sources/{source_id}", json={"title": "x"}), 409)
    assert_problem(reviewer.patch(f"/api/v1/verdicts/{verdict['id']}", json={"summary": "x"}), 409)
    assert_problem(reviewer.patch(f"/api/v1/claims/{cid}", json={"claimant": "Someone"}), 409)
    claim = reviewer.get(f"/api/v1/claims/{cid}").json
    assert len(claim["sources"]) == 1 and claim["current_verdict"]["summary"] == verdict["summary"]


def test_a_signed_off_verdict_never_changes_and_a_correction_needs_a_new_one(client_as):
    reviewer, editor = client_as("reviewer"), client_as("editor")
    published = publish(client_as)
    cid, verdict_id = published["id"], published["current_verdict"]["id"]
    act(editor, cid, "reopen", note="New figures.")
    assert_problem(reviewer.patch(f"/api/v1/verdicts/{verdict_id}", json={"summary": "x"}), 409)
    refused = assert_problem(act(reviewer, cid, "propose"), 409)
    assert "a new verdict (this one was signed off before)" in refused["missing"]
    create_verdict(reviewer, cid, rating="mostly_false", summary="Revised.")
    assert act(reviewer, cid, "propose").status_code == 200


def test_deleted_claims_take_no_actions_and_no_children(client_as):
    admin, editor = client_as("admin"), client_as("editor")
    cid = create_claim(editor)["id"]
    act(editor, cid, "accept")
    assert editor.delete(f"/api/v1/claims/{cid}").status_code == 204
    assert_problem(act(admin, cid, "reject", note="Gone."), 409)
    source = {"url": "https://s.org/a", "stance": "refutes"}
    assert_problem(admin.post(f"/api/v1/claims/{cid}/sources", json=source), 409)
    assert_problem(admin.post(f"/api/v1/claims/{cid}/verdicts", json={"rating": "true"}), 409)
    assert_problem(admin.post(f"/api/v1/claims/{cid}/comments", json={"body": "Hm."}), 409)
    assert admin.post(f"/api/v1/claims/{cid}/restore").status_code == 200
    assert act(admin, cid, "reject", note="Not checkable.").status_code == 200


def test_deleted_articles_take_no_claims_and_claims_cannot_come_back_into_them(client_as):
    editor, admin = client_as("editor"), client_as("admin")
    article = create_article(editor)
    cid = create_claim(editor, article_id=article["id"])["id"]
    editor.delete(f"/api/v1/claims/{cid}")
    assert editor.delete(f"/api/v1/articles/{article['id']}").status_code == 204
    refused = editor.post("/api/v1/claims", json={"text": "X rose.", "article_id": article["id"]})
    assert_problem(refused, 422)
    assert_problem(admin.post(f"/api/v1/claims/{cid}/restore"), 409)
    assert_problem(admin.post(f"/api/v1/articles/{article['id']}/extract"), 409)


def test_reviewers_cannot_read_the_history_of_claims_hidden_from_them(client_as):
    reviewer, editor, submitter = client_as("reviewer"), client_as("editor"), client_as("submitter")
    cid = create_claim(editor)["id"]
    assert reviewer.get(f"/api/v1/claims/{cid}/history").status_code == 200
    editor.delete(f"/api/v1/claims/{cid}")
    assert_problem(reviewer.get(f"/api/v1/claims/{cid}"), 404)
    assert_problem(reviewer.get(f"/api/v1/claims/{cid}/history"), 404)
    assert client_as("admin").get(f"/api/v1/claims/{cid}/history").status_code == 200
    assert_problem(submitter.get(f"/api/v1/claims/{cid}/history"), 403)


def test_a_duplicate_article_names_its_id_only_to_who_may_see_it(client_as):
    submitter, other = client_as("submitter"), client_as("reviewer")
    article = create_article(other, url="https://news.example.org/one")
    payload = {"title": "Copy", "body": "Other words.", "url": "https://news.example.org/one"}
    hidden = assert_problem(submitter.post("/api/v1/articles", json=payload), 409)
    assert "existing_id" not in hidden and str(article["id"]) not in hidden["detail"]
    shown = assert_problem(client_as("editor").post("/api/v1/articles", json=payload), 409)
    assert shown["existing_id"] == article["id"]


def test_reactivating_a_user_revives_none_of_their_old_tokens(app, client_as, tokens):
    admin, reviewer = client_as("admin"), client_as("reviewer")
    me = reviewer.get("/api/v1/me").json
    assert admin.patch(f"/api/v1/users/{me['id']}", json={"active": False}).status_code == 200
    assert_problem(reviewer.get("/api/v1/me"), 401)
    assert admin.patch(f"/api/v1/users/{me['id']}", json={"active": True}).status_code == 200
    assert_problem(reviewer.get("/api/v1/me"), 401)
    fresh = admin.post(f"/api/v1/users/{me['id']}/tokens", json={"label": "back"}).json["token"]
    again = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {fresh}"})
    assert again.status_code == 200


def _review(url: str, rating: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": "The bridge cost 2 billion.",
        "author": {"@type": "Organization", "name": "Other Desk"},
        "reviewRating": {"@type": "Rating", "alternateName": rating},
    }


def test_reimports_never_go_round_the_workflow(client_as, anonymous):
    editor, admin = client_as("editor"), client_as("admin")
    first = editor.post("/api/v1/imports/claimreview", json=_review("https://o.org/1", "False"))
    assert first.json["items"] == [
        {"index": 0, "outcome": "created", "claim_id": first.json["items"][0]["claim_id"]}
    ]
    cid = first.json["items"][0]["claim_id"]
    act(editor, cid, "reopen", note="We check it ourselves.")

    again = editor.post("/api/v1/imports/claimreview", json=_review("https://o.org/1", "True"))
    (item,) = again.json["items"]
    assert item["outcome"] == "skipped" and "in_review" in item["reason"]
    assert anonymous.get(f"/api/v1/fact-checks/{cid}").json["verdict"]["rating"] == "false"
    claim = editor.get(f"/api/v1/claims/{cid}").json
    assert claim["status"] == "in_review" and claim["current_verdict"]["rating"] == "false"

    editor.delete(f"/api/v1/claims/{cid}")
    deleted = admin.post("/api/v1/imports/claimreview", json=_review("https://o.org/1", "True"))
    assert "deleted" in deleted.json["items"][0]["reason"]
    assert admin.get(f"/api/v1/claims/{cid}").json["claimant"] is None
