"""Output that is safe to publish: HTML-safe JSON, structurally valid URLs, absolute links
only for trusted hosts, no caching of authenticated answers, one search query language."""

import json

import pytest
import sqlalchemy as sa

from factcheck import search
from factcheck.extensions import db
from factcheck.urls import HTTP_URL_PATTERN
from tests.api.helpers import publish
from tests.factories import create_claim
from tests.test_app import assert_problem

HOSTILE = "Mayor said </script><script>alert(1)</script> & more \u2028 \u2029 here."
SVG_URL = 'https://"><svg/onload=alert(1)>'


def assert_html_safe(response) -> dict:
    """The raw body never holds a character that could end a <script> block or a JS string."""
    text = response.get_data(as_text=True)
    for character in ("<", ">", "&", "\u2028", "\u2029"):
        assert character not in text, (character, text[:300])
    return json.loads(text)


# 1. JSON that may be embedded in HTML


def test_claimreview_json_ld_and_feed_escape_html(client_as, anonymous):
    published = publish(client_as, text=HOSTILE)
    review = anonymous.get(f"/api/v1/fact-checks/{published['id']}/claimreview")
    assert review.status_code == 200 and review.content_type == "application/ld+json"
    assert "\\u003c/script\\u003e" in review.get_data(as_text=True)
    assert assert_html_safe(review)["claimReviewed"] == HOSTILE
    feed = anonymous.get("/api/v1/feeds/claimreview")
    element = assert_html_safe(feed)["dataFeedElement"][0]
    assert element["item"][0]["claimReviewed"] == HOSTILE


def test_every_json_answer_escapes_html(client, anonymous):
    publish_claim = create_claim(client, text=HOSTILE)
    assert assert_html_safe(client.get(f"/api/v1/claims/{publish_claim['id']}"))["text"] == HOSTILE
    assert assert_html_safe(anonymous.get("/api/v1/claims:search"))["claims"] == []
    # Problem documents carry what the client sent (here an unknown parameter's name).
    problem = client.get("/api/v1/claims", query_string={"<script>": "1"})
    assert problem.status_code == 422 and problem.content_type == "application/problem+json"
    assert "<script>" in assert_html_safe(problem)["errors"]


def test_idempotent_replay_escapes_html(client):
    headers = {"Idempotency-Key": "html-safe-1"}
    first = client.post("/api/v1/claims", json={"text": HOSTILE}, headers=headers)
    again = client.post("/api/v1/claims", json={"text": HOSTILE}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert assert_html_safe(again) == assert_html_safe(first)


# 2. URLs: structurally valid on input and on import


@pytest.mark.parametrize(
    "url",
    [
        SVG_URL,
        "https://example.org/\"><svg onload='alert(1)'>",
        "https://example.org/a\\b",
        "https://exa mple.org/",
        "https://-bad-.example.org/",
        "https://example.org:70000/",
        "https://1.2.3.999/",
        "javascript:alert(1)",
        "https://example.org/\ud800",  # was a 500: no database stores a lone surrogate
    ],
)
def test_input_urls_are_structurally_valid(client, url):
    claim = create_claim(client)
    response = client.post(
        f"/api/v1/claims/{claim['id']}/sources", json={"url": url, "stance": "refutes"}
    )
    assert "url" in assert_problem(response, 422)["errors"]


def test_url_fields_document_the_rule_they_enforce(anonymous):
    spec = anonymous.get("/api/v1/openapi.json").json
    source_in = spec["components"]["schemas"]["SourceIn"]["properties"]["url"]
    assert source_in["pattern"] == HTTP_URL_PATTERN


IMPORTED = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checker.example.org/reviews/1",
    "claimReviewed": "Bridges fell down across the county.",
    "datePublished": "2024-01-02",
    "author": {"@type": "Organization", "name": "Checker", "url": "javascript:alert(1)"},
    "reviewRating": {"@type": "Rating", "alternateName": "False"},
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A Mayor"}},
}


def test_imported_publisher_site_comes_only_from_an_http_url(client_as, anonymous):
    report = client_as("editor").post("/api/v1/imports/claimreview", json=IMPORTED).json
    assert report["created"] == 1
    [claim] = anonymous.get("/api/v1/claims:search?query=bridges").json["claims"]
    site = claim["claimReview"][0]["publisher"]["site"]
    assert site != "javascript"
    # The review's own (checked) URL says where it was published.
    assert site == "checker.example.org"


def test_imports_skip_review_urls_that_are_not_structurally_valid(client_as):
    report = client_as("editor").post(
        "/api/v1/imports/claimreview", json={**IMPORTED, "url": SVG_URL}
    )
    assert report.status_code == 200
    assert report.json["created"] == 0 and len(report.json["skipped"]) == 1


# 3. Absolute links come from FACTCHECK_PUBLIC_URL or a trusted Host


def test_untrusted_host_is_refused_with_a_problem(anonymous, client):
    for host in ("evil.example", "localhost.evil.example", "evil.example:80"):
        response = anonymous.get("/api/v1/fact-checks", headers={"Host": host})
        body = assert_problem(response, 400)
        assert "Host" in body["detail"]
    created = client.post("/api/v1/claims", json={"text": "x" * 10}, headers={"Host": "evil.test"})
    assert_problem(created, 400)


@pytest.mark.parametrize("host", ["localhost", "localhost:5000", "127.0.0.1:8000", "[::1]:8080"])
def test_local_hosts_are_trusted_by_default(client, host):
    response = client.post("/api/v1/claims", json={"text": "Local claim."}, headers={"Host": host})
    assert response.status_code == 201
    assert response.headers["Location"].startswith(f"http://{host}/api/v1/claims/")


def test_health_probes_answer_whatever_the_host(anonymous):
    assert anonymous.get("/healthz", headers={"Host": "10.0.0.7:8000"}).status_code == 200


def test_public_url_decides_links_whatever_the_host(app_with, tokens):
    other = app_with(FACTCHECK_PUBLIC_URL="https://factcheck.example.org/")
    client = other.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {tokens['editor']}"
    response = client.post("/api/v1/claims", json={"text": "Any host."}, headers={"Host": "evil"})
    assert response.status_code == 201
    assert response.headers["Location"].startswith("https://factcheck.example.org/api/v1/claims/")


def test_configured_trusted_hosts(app_with):
    client = app_with(FACTCHECK_TRUSTED_HOSTS="api.example.org, .example.net").test_client()
    for host in ("api.example.org", "API.example.org:8443", "desk.example.net"):
        assert client.get("/api/v1/fact-checks", headers={"Host": host}).status_code == 200
    for host in ("localhost", "example.org", "evil-example.net", "api.example.org.evil"):
        assert_problem(client.get("/api/v1/fact-checks", headers={"Host": host}), 400)


# 4. Caches never keep authenticated answers; CORS answers vary by Origin


def test_authenticated_answers_are_not_stored(client_as, anonymous):
    admin = client_as("admin")
    me = admin.get("/api/v1/me")
    assert me.headers["Cache-Control"] == "no-store"
    user = admin.post("/api/v1/users", json={"name": "lena", "role": "reviewer"}).json
    issued = admin.post(f"/api/v1/users/{user['id']}/tokens", json={"label": "laptop"})
    assert issued.status_code == 201 and issued.headers["Cache-Control"] == "no-store"
    missing = admin.get("/api/v1/claims/999999")
    assert missing.status_code == 404 and missing.headers["Cache-Control"] == "no-store"
    assert "Cache-Control" not in anonymous.get("/api/v1/fact-checks").headers


def test_a_view_may_set_its_own_cache_control(app_with, tokens):
    other = app_with()

    @other.get("/cached-here")
    def cached_here():
        return {"ok": True}, 200, {"Cache-Control": "private, max-age=60"}

    response = other.test_client().get(
        "/cached-here", headers={"Authorization": f"Bearer {tokens['editor']}"}
    )
    assert response.headers["Cache-Control"] == "private, max-age=60"


def test_cors_answers_vary_by_origin(app_with):
    client = app_with(FACTCHECK_CORS_ORIGINS="https://desk.example.org").test_client()
    for headers in ({}, {"Origin": "https://desk.example.org"}, {"Origin": "https://evil.test"}):
        response = client.get("/api/v1/fact-checks", headers=headers)
        assert response.vary.as_set() >= {"origin"}, headers
        assert response.headers.getlist("Vary").count("Origin") <= 1


# 5. One search language on both databases


def test_or_and_operators_are_plain_words_on_every_database(client, anonymous):
    cats = create_claim(client, text="Cats chase mice in the barn.")["id"]
    dogs = create_claim(client, text="Dogs bark at the postman.")["id"]
    both = create_claim(client, text="Cats or dogs make good pets.")["id"]

    def ranked(q):
        response = client.get("/api/v1/claims", query_string={"q": q})
        assert response.status_code == 200, response.json
        return [item["id"] for item in response.json["items"]]

    def found(q):
        return set(ranked(q))

    # Any word matches, whatever sits between the words: the claim holding both comes first
    # (`-` excludes nothing, `or` and `and` are ignored).
    for q in ("cats or dogs", "cats OR dogs", "Cats Or Dogs", "cats and dogs", "cats -dogs"):
        assert ranked(q)[0] == both and found(q) == {cats, dogs, both}, q
    # Very common words are ignored, as PostgreSQL's English configuration does.
    assert found("the cats") == {cats, both}
    assert found("dogs") == {dogs, both}
    assert found("the or and") == set()


def test_stop_words_left_out_are_postgresqls_own(app):
    """SQLite leaves out exactly the words PostgreSQL's English configuration leaves out."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("needs PostgreSQL's English text search configuration")
        kept = db.session.execute(
            sa.text(
                "SELECT w FROM unnest(CAST(:words AS text[])) AS w "
                "WHERE numnode(plainto_tsquery('english', w)) > 0"
            ),
            {"words": sorted(search.QUERY_STOP_WORDS)},
        ).scalars()
        assert list(kept) == []
