from tests.factories import create_claim, create_source, create_verdict
from tests.test_app import assert_problem


def test_source_crud(client):
    claim = create_claim(client)
    response = client.post(
        f"/api/v1/claims/{claim['id']}/sources",
        json={
            "url": "https://stats.example.org/jobs",
            "title": "Labour market release",
            "publisher": "Statistics Office",
            "stance": "refutes",
            "excerpt": "Unemployment was 5.3%.",
            "published_at": "2025-03-01T09:00:00Z",
        },
    )
    assert response.status_code == 201
    source = response.json
    assert response.headers["Location"].endswith(f"/api/v1/sources/{source['id']}")
    assert source["accessed_at"] is not None  # defaults to the time it was recorded
    url = f"/api/v1/sources/{source['id']}"
    assert client.get(url).json == source
    patched = client.patch(url, json={"stance": "context"}, headers={"If-Match": '"1"'})
    assert patched.status_code == 200 and patched.json["stance"] == "context"
    assert_problem(client.patch(url, json={"stance": "mixed"}, headers={"If-Match": '"1"'}), 412)
    assert client.delete(url).status_code == 204
    assert_problem(client.get(url), 404)


def test_source_validation(client):
    claim = create_claim(client)
    response = client.post(
        f"/api/v1/claims/{claim['id']}/sources",
        json={"url": "ftp://files.example.org/x", "stance": "agrees", "claim_id": 3},
    )
    assert set(assert_problem(response, 422)["errors"]) == {"url", "stance", "claim_id"}
    response = client.post(
        "/api/v1/claims/999999/sources", json={"url": "https://a.org", "stance": "mixed"}
    )
    assert_problem(response, 404)


def test_sources_list_oldest_first(client):
    claim = create_claim(client)
    first = create_source(client, claim["id"])
    second = create_source(client, claim["id"], stance="supports")
    items = client.get(f"/api/v1/claims/{claim['id']}/sources").json["items"]
    assert [s["id"] for s in items] == [first["id"], second["id"]]
    assert_problem(client.get("/api/v1/claims/999999/sources"), 404)


def test_verdict_rating_value_and_default_textual_rating(client):
    claim = create_claim(client)
    expectations = {
        "true": 5,
        "mostly_true": 4,
        "half_true": 3,
        "mostly_false": 2,
        "false": 1,
        "misleading": 2,
        "unverifiable": None,
    }
    for rating, value in expectations.items():
        verdict = create_verdict(client, claim["id"], rating=rating)
        assert verdict["rating_value"] == value
        assert verdict["textual_rating"]
    custom = create_verdict(client, claim["id"], rating="false", textual_rating="Pants on fire")
    assert custom["textual_rating"] == "Pants on fire"


def test_verdict_history_newest_first(client):
    claim = create_claim(client)
    older = create_verdict(client, claim["id"], rating="half_true")
    newer = create_verdict(client, claim["id"], rating="false")
    response = client.get(f"/api/v1/claims/{claim['id']}/verdicts")
    assert [v["id"] for v in response.json["items"]] == [newer["id"], older["id"]]
    single = client.get(f"/api/v1/verdicts/{older['id']}")
    assert single.status_code == 200 and single.headers["ETag"]


def test_verdict_validation(client):
    claim = create_claim(client)
    response = client.post(
        f"/api/v1/claims/{claim['id']}/verdicts", json={"rating": "pants_on_fire", "summary": ""}
    )
    assert set(assert_problem(response, 422)["errors"]) == {"rating", "summary"}
    assert_problem(client.post("/api/v1/claims/999999/verdicts", json={"rating": "true"}), 404)
    assert_problem(client.get("/api/v1/claims/999999/verdicts"), 404)
