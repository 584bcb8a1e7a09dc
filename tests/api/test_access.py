"""Who may do what: tokens, roles, object-level visibility, and no mass assignment."""

import pytest

from tests.factories import article_payload, claim_payload, create_claim
from tests.test_app import assert_problem


def test_no_token_is_401_with_a_challenge(anonymous):
    response = anonymous.get("/api/v1/claims")
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header", ["Bearer fct_not-a-real-token", "Bearer ", "Basic dXNlcjpwYXNz", "fct_abc"]
)
def test_bad_credentials_are_401_even_on_public_endpoints(anonymous, header):
    assert_problem(anonymous.get("/api/v1/claims", headers={"Authorization": header}), 401)
    assert_problem(anonymous.get("/api/v1/fact-checks", headers={"Authorization": header}), 401)


def test_anonymous_reads_only_published_fact_checks(anonymous, client):
    create_claim(client)
    assert anonymous.get("/api/v1/fact-checks").json == {"items": [], "next_cursor": None}
    for path in ("/api/v1/claims", "/api/v1/articles", "/api/v1/me", "/api/v1/review-queue"):
        assert_problem(anonymous.get(path), 401)
    assert_problem(anonymous.post("/api/v1/claims", json=claim_payload()), 401)


def test_submitters_create_and_read_only_their_own(client_as):
    submitter, other = client_as("submitter"), client_as("reviewer")
    mine = submitter.post("/api/v1/claims", json=claim_payload()).json
    theirs = create_claim(other)
    article = submitter.post("/api/v1/articles", json=article_payload()).json
    other_article = other.post("/api/v1/articles", json=article_payload()).json

    assert [c["id"] for c in submitter.get("/api/v1/claims").json["items"]] == [mine["id"]]
    assert submitter.get(f"/api/v1/claims/{mine['id']}").status_code == 200
    assert_problem(submitter.get(f"/api/v1/claims/{theirs['id']}"), 404)  # not even confirmed
    assert [a["id"] for a in submitter.get("/api/v1/articles").json["items"]] == [article["id"]]
    assert_problem(submitter.get(f"/api/v1/articles/{other_article['id']}"), 404)
    assert len(other.get("/api/v1/claims").json["items"]) == 2


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("patch", "/api/v1/claims/{cid}", {"claimant": "X"}),
        ("delete", "/api/v1/claims/{cid}", None),
        ("post", "/api/v1/claims/{cid}/sources", {"url": "https://a.org", "stance": "mixed"}),
        ("post", "/api/v1/claims/{cid}/verdicts", {"rating": "true"}),
        ("post", "/api/v1/claims/{cid}/actions", {"action": "accept"}),
        ("post", "/api/v1/claims/{cid}/comments", {"body": "Hi"}),
        ("get", "/api/v1/claims/{cid}/history", None),
        ("get", "/api/v1/users", None),
    ],
)
def test_submitters_cannot_review(client_as, method, path, body):
    submitter = client_as("submitter")
    cid = submitter.post("/api/v1/claims", json=claim_payload()).json["id"]
    kwargs = {"json": body} if body is not None else {}
    response = getattr(submitter, method)(path.format(cid=cid), **kwargs)
    assert_problem(response, 403)


def test_function_level_authorization_for_editors_and_admins(client_as):
    reviewer, editor = client_as("reviewer"), client_as("editor")
    cid = create_claim(reviewer)["id"]
    assert_problem(reviewer.delete(f"/api/v1/claims/{cid}"), 403)
    assert_problem(
        reviewer.post(f"/api/v1/claims/{cid}/actions", json={"action": "reject", "note": "x"}),
        403,
    )
    assert_problem(editor.get("/api/v1/users"), 403)
    assert_problem(editor.post(f"/api/v1/claims/{cid}/restore"), 403)


def test_authorship_and_status_are_never_taken_from_bodies(client_as):
    submitter = client_as("submitter")
    for field, value in [
        ("submitted_by_id", 1),
        ("assignee_id", 1),
        ("status", "published"),
        ("published_at", "2025-01-01T00:00:00Z"),
        ("priority", 100),
        ("deleted_at", None),
    ]:
        response = submitter.post("/api/v1/claims", json=claim_payload(**{field: value}))
        assert field in assert_problem(response, 422)["errors"], field
    reviewer = client_as("reviewer")
    cid = create_claim(reviewer)["id"]
    for field in ("status", "submitted_by_id", "assignee_id", "updated_at", "version"):
        response = reviewer.patch(f"/api/v1/claims/{cid}", json={field: 1})
        assert field in assert_problem(response, 422)["errors"], field


def test_revoked_tokens_and_deactivated_users_stop_working(client_as, tokens):
    admin = client_as("admin")
    reviewer = client_as("reviewer")
    me = reviewer.get("/api/v1/me").json
    listed = admin.get(f"/api/v1/users/{me['id']}/tokens").json["items"]
    assert len(listed) == 1 and "token" not in listed[0] and "token_hash" not in listed[0]
    assert listed[0]["last_used_at"] is not None
    revoked = admin.delete(f"/api/v1/tokens/{listed[0]['id']}")
    assert revoked.status_code == 200 and revoked.json["revoked_at"]
    assert_problem(reviewer.get("/api/v1/me"), 401)

    editor = client_as("editor")
    editor_id = editor.get("/api/v1/me").json["id"]
    admin.patch(f"/api/v1/users/{editor_id}", json={"active": False})
    assert_problem(editor.get("/api/v1/me"), 401)
