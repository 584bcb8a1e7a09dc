from tests.factories import (
    claim_payload,
    create_article,
    create_claim,
    create_source,
    create_verdict,
)
from tests.test_app import assert_problem


def test_submit_claim(client):
    response = client.post(
        "/api/v1/claims",
        json=claim_payload(
            quote="“It fell to 4.1%,” she said.",
            claim_date="2025-03-02",
            language="en-GB",
            check_worthiness=0.8,
            tags=["Economy", "economy", " jobs "],
            appearance_url="https://video.example.org/interview",
        ),
    )
    assert response.status_code == 201
    claim = response.json
    assert response.headers["Location"].endswith(f"/api/v1/claims/{claim['id']}")
    assert claim["status"] == "submitted"
    assert claim["tags"] == ["economy", "jobs"]
    assert claim["current_verdict"] is None and claim["sources"] == []
    assert claim["claim_date"] == "2025-03-02"


def test_status_and_timestamps_are_not_writable(client):
    response = client.post(
        "/api/v1/claims",
        json=claim_payload(status="published", created_at="2020-01-01T00:00:00Z"),
    )
    assert set(assert_problem(response, 422)["errors"]) == {"status", "created_at"}
    claim = create_claim(client)
    response = client.patch(f"/api/v1/claims/{claim['id']}", json={"status": "published"})
    assert "status" in assert_problem(response, 422)["errors"]


def test_claim_field_validation(client):
    response = client.post(
        "/api/v1/claims",
        json={
            "text": "   ",
            "check_worthiness": 1.5,
            "claim_date": "2025-02-30",
            "tags": ["ok", ""],
            "article_id": "7",
        },
    )
    errors = assert_problem(response, 422)["errors"]
    assert set(errors) == {"text", "check_worthiness", "claim_date", "tags.1", "article_id"}


def test_span_rules(client):
    article = create_article(client, body="Exactly thirty characters long")
    aid = article["id"]
    half = client.post("/api/v1/claims", json=claim_payload(article_id=aid, span_start=3))
    assert "span_end" in assert_problem(half, 422)["errors"]
    backwards = client.post(
        "/api/v1/claims", json=claim_payload(article_id=aid, span_start=9, span_end=2)
    )
    assert "span_end" in assert_problem(backwards, 422)["errors"]
    past_end = client.post(
        "/api/v1/claims", json=claim_payload(article_id=aid, span_start=0, span_end=31)
    )
    assert "span_end" in assert_problem(past_end, 422)["errors"]
    orphan = client.post("/api/v1/claims", json=claim_payload(span_start=0, span_end=5))
    assert "article_id" in assert_problem(orphan, 422)["errors"]
    missing = client.post("/api/v1/claims", json=claim_payload(article_id=999999))
    assert "article_id" in assert_problem(missing, 422)["errors"]
    ok = client.post(
        "/api/v1/claims", json=claim_payload(article_id=aid, span_start=0, span_end=30)
    )
    assert ok.status_code == 201


def test_claim_shows_sources_and_current_verdict(client):
    claim = create_claim(client)
    source = create_source(client, claim["id"])
    create_verdict(client, claim["id"], rating="mostly_false")
    newest = create_verdict(client, claim["id"], rating="false")
    shown = client.get(f"/api/v1/claims/{claim['id']}").json
    assert [s["id"] for s in shown["sources"]] == [source["id"]]
    assert shown["current_verdict"]["id"] == newest["id"]
    assert shown["current_verdict"]["rating_value"] == 1


def test_adding_evidence_changes_the_claims_etag(client):
    claim = create_claim(client)
    url = f"/api/v1/claims/{claim['id']}"
    etag = client.get(url).headers["ETag"]
    create_source(client, claim["id"])
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_patch_claim(client):
    claim = create_claim(client, tags=["a", "b"])
    url = f"/api/v1/claims/{claim['id']}"
    response = client.patch(
        url, json={"claimant": "Someone Else", "tags": ["b", "c"], "quote": None}
    )
    assert response.status_code == 200
    assert response.json["claimant"] == "Someone Else"
    assert response.json["tags"] == ["b", "c"]
    stale = client.patch(url, json={"claimant": "Late"}, headers={"If-Match": '"1"'})
    assert_problem(stale, 412)
    fresh = client.patch(
        url, json={"claimant": "Late"}, headers={"If-Match": response.headers["ETag"]}
    )
    assert fresh.status_code == 200
    assert client.patch(url, json={"claimant": None}).json["claimant"] is None
    assert "text" in assert_problem(client.patch(url, json={"text": None}), 422)["errors"]


def test_detaching_a_claim_from_its_article_drops_its_span(client):
    article = create_article(client)
    claim = create_claim(client, article_id=article["id"], span_start=0, span_end=5)
    response = client.patch(f"/api/v1/claims/{claim['id']}", json={"article_id": None})
    assert response.json["span_start"] is None and response.json["span_end"] is None


def test_delete_claim_removes_its_sources_and_verdicts(client):
    claim = create_claim(client)
    source = create_source(client, claim["id"])
    verdict = create_verdict(client, claim["id"])
    assert client.delete(f"/api/v1/claims/{claim['id']}").status_code == 204
    assert_problem(client.get(f"/api/v1/claims/{claim['id']}"), 404)
    assert_problem(client.get(f"/api/v1/sources/{source['id']}"), 404)
    assert_problem(client.get(f"/api/v1/verdicts/{verdict['id']}"), 404)


def test_list_filters(client, app):
    article = create_article(client)
    in_article = create_claim(client, article_id=article["id"], language="fr", tags=["x"])
    rated = create_claim(client, claimant="Dr. Who")
    create_verdict(client, rated["id"], rating="half_true")
    plain = create_claim(client)

    def ids(query):
        response = client.get("/api/v1/claims?" + query)
        assert response.status_code == 200, response.json
        return [c["id"] for c in response.json["items"]]

    assert ids(f"article_id={article['id']}") == [in_article["id"]]
    assert ids("language=fr") == [in_article["id"]]
    assert ids("tag=X") == [in_article["id"]]
    assert ids("claimant=Dr.%20Who") == [rated["id"]]
    assert ids("rating=half_true") == [rated["id"]]
    assert ids("status=submitted") == [plain["id"], rated["id"], in_article["id"]]
    assert ids("status=published") == []
    after = client.get(f"/api/v1/claims/{rated['id']}").json["created_at"]
    assert ids("created_after=" + after.replace("+", "%2B")) == [plain["id"]]
    assert ids("created_before=" + after.replace("+", "%2B")) == [in_article["id"]]


def test_list_sorts_by_check_worthiness_with_unscored_last(client):
    low = create_claim(client, check_worthiness=0.2)
    unscored = create_claim(client)
    high = create_claim(client, check_worthiness=0.9)
    response = client.get("/api/v1/claims?sort=-check_worthiness")
    assert [c["id"] for c in response.json["items"]] == [high["id"], low["id"], unscored["id"]]
    response = client.get("/api/v1/claims?sort=check_worthiness")
    assert [c["id"] for c in response.json["items"]] == [low["id"], high["id"], unscored["id"]]


def test_list_query_validation(client):
    for query, field in [
        ("status=done", "status"),
        ("rating=pants_on_fire", "rating"),
        ("sort=text", "sort"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("created_after=monday", "created_after"),
        ("unknown=1", "unknown"),
    ]:
        response = client.get("/api/v1/claims?" + query)
        assert field in assert_problem(response, 422)["errors"], query
