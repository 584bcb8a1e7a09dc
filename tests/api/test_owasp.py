"""The OWASP API Security Top 10 (2023), walked through against this API.

Each test names the risk it covers. API7 (server-side request forgery) has no test because
the API never fetches a URL it is given: source, appearance and review URLs are stored and
served as text only.
"""

from tests.api.helpers import act, publish
from tests.factories import article_payload, claim_payload, create_claim
from tests.test_app import assert_problem


def test_api1_object_level_authorization(client_as):
    """A submitter cannot read, change or act on another user's objects by guessing ids."""
    submitter, other = client_as("submitter"), client_as("reviewer")
    theirs = create_claim(other)
    their_article = other.post("/api/v1/articles", json=article_payload()).json
    source = other.post(
        f"/api/v1/claims/{theirs['id']}/sources", json={"url": "https://a.org", "stance": "mixed"}
    ).json
    for url in (
        f"/api/v1/claims/{theirs['id']}",
        f"/api/v1/claims/{theirs['id']}/sources",
        f"/api/v1/claims/{theirs['id']}/verdicts",
        f"/api/v1/claims/{theirs['id']}/similar",
        f"/api/v1/sources/{source['id']}",
        f"/api/v1/articles/{their_article['id']}",
        f"/api/v1/articles/{their_article['id']}/claims",
    ):
        assert_problem(submitter.get(url), 404)
    assert_problem(submitter.post(f"/api/v1/articles/{their_article['id']}/extract"), 404)
    mine = submitter.post("/api/v1/claims", json=claim_payload(article_id=their_article["id"]))
    assert "article_id" in assert_problem(mine, 422)["errors"]  # as if it did not exist


def test_api2_broken_authentication(client_as, anonymous, tokens):
    """Tokens are required, opaque, hashed at rest, revocable; none travel in URLs."""
    assert_problem(anonymous.get("/api/v1/claims"), 401)
    token = tokens["reviewer"]
    assert_problem(anonymous.get(f"/api/v1/claims?access_token={token}"), 401)
    assert_problem(anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {token}x"}), 401)
    admin = client_as("admin")
    me = client_as("reviewer").get("/api/v1/me").json
    listed = admin.get(f"/api/v1/users/{me['id']}/tokens").json["items"]
    assert token not in str(listed) and listed[0]["prefix"] == token[:12]


def test_api3_property_level_authorization(client_as, anonymous):
    """No mass assignment, and public views expose no internal fields."""
    submitter = client_as("submitter")
    for field in ("status", "submitted_by_id", "assignee_id", "published_at", "version"):
        response = submitter.post("/api/v1/claims", json=claim_payload(**{field: 1}))
        assert field in assert_problem(response, 422)["errors"]
    published = publish(client_as)
    public = anonymous.get(f"/api/v1/fact-checks/{published['id']}").json
    for internal in ("assignee_id", "submitted_by_id", "status", "allowed_actions", "priority"):
        assert internal not in public
    users = client_as("admin").get("/api/v1/users").json["items"]
    assert all("token" not in str(user) for user in users)


def test_api4_unrestricted_resource_consumption(client, app):
    """Pages, bodies, texts and batches are bounded."""
    assert_problem(client.get("/api/v1/claims?limit=101"), 422)
    big = b'{"text": "' + b"x" * app.config["MAX_CONTENT_LENGTH"] + b'"}'
    assert_problem(client.post("/api/v1/claims", data=big, content_type="application/json"), 413)
    many = client.post("/api/v1/checkworthiness", json={"sentences": ["Tax rose."] * 1001})
    assert_problem(many, 422)
    long_text = client.post("/api/v1/extract", json={"text": "x" * 200_001})
    assert long_text.status_code in (413, 422)


def test_api5_function_level_authorization(client_as):
    """Each role reaches only its functions."""
    reviewer, editor = client_as("reviewer"), client_as("editor")
    cid = create_claim(reviewer)["id"]
    assert_problem(client_as("submitter").post(f"/api/v1/claims/{cid}/actions",
                                               json={"action": "accept"}), 403)  # fmt: skip
    assert_problem(reviewer.post(f"/api/v1/claims/{cid}/actions",
                                 json={"action": "reject", "note": "x"}), 403)  # fmt: skip
    assert_problem(reviewer.post("/api/v1/imports/claimreview", json=[]), 403)
    assert_problem(editor.post("/api/v1/users", json={"name": "x1", "role": "admin"}), 403)
    assert_problem(editor.post(f"/api/v1/claims/{cid}/purge"), 403)


def test_api6_sensitive_business_flows(client_as):
    """Publishing needs evidence, a verdict and a second person's approval."""
    editor = client_as("editor")
    cid = create_claim(editor)["id"]
    act(editor, cid, "accept")
    assert_problem(act(editor, cid, "propose"), 409)  # no evidence, no verdict
    editor.post(f"/api/v1/claims/{cid}/sources", json={"url": "https://a.org", "stance": "mixed"})
    editor.post(f"/api/v1/claims/{cid}/verdicts", json={"rating": "true", "summary": "Yes."})
    act(editor, cid, "propose")
    assert_problem(act(editor, cid, "approve"), 403)  # the author cannot approve
    assert_problem(act(editor, cid, "publish"), 409)  # not approved


def test_api8_security_misconfiguration(client, anonymous):
    """No stack traces, no HTML errors, no sniffing, no open CORS by default."""
    response = anonymous.get("/api/v1/claims/1", headers={"Origin": "https://evil.example"})
    assert response.content_type == "application/problem+json"
    assert "Access-Control-Allow-Origin" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    broken = client.post("/api/v1/claims", data="{", content_type="application/json")
    assert "Traceback" not in broken.get_data(as_text=True)


def test_api9_inventory_every_route_is_documented(app, anonymous):
    """The OpenAPI document lists every route the app serves, and nothing else."""
    spec_paths = set(anonymous.get("/api/v1/openapi.json").json["paths"])
    served, pages = set(), set()
    for rule in app.url_map.iter_rules():
        path = rule.rule
        # The document itself and the docs page (with its assets and icon) are not API
        # operations.
        if path in ("/api/v1/openapi.json", "/favicon.ico") or path.startswith("/api/v1/docs"):
            continue
        # Nor are the reader pages (HTML, Atom, sitemaps), all outside /api/v1.
        if rule.endpoint.startswith("reader."):
            pages.add(path)
            continue
        for argument in rule.arguments:
            path = path.replace(f"<id:{argument}>", "{" + argument + "}")
        served.add(path)
    assert served == spec_paths
    assert pages == {
        "/",
        "/fact-checks/<id:claim_id>",
        "/fact-checks/<id:claim_id>/",
        "/corrections",
        "/corrections/policy",
        "/feed.atom",
        "/sitemap.xml",
        "/sitemaps/fact-checks-<int:number>.xml",
    }


def test_api10_unsafe_consumption_of_imported_reviews(client_as, anonymous):
    """Imported ClaimReview markup is data: scripts stay text, only http(s) links are kept."""
    review = {
        "@type": "ClaimReview",
        "url": "https://checker.example/r1",
        "claimReviewed": "<script>alert(1)</script> Water is dry.",
        "author": {"@type": "Organization", "name": "Checker"},
        "reviewRating": {"alternateName": "False"},
        "itemReviewed": {"@type": "Claim", "appearance": ["javascript:alert(1)", "file:///x"]},
    }
    bad_url = {**review, "url": "javascript:alert(2)", "claimReviewed": "Other claim."}
    report = client_as("editor").post("/api/v1/imports/claimreview", json=[review, bad_url]).json
    assert report["created"] == 1 and [s["index"] for s in report["skipped"]] == [1]
    [fact_check] = anonymous.get("/api/v1/fact-checks").json["items"]
    assert fact_check["claim"].startswith("<script>") and fact_check["appearance_url"] is None
