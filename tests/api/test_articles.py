from tests.factories import article_payload, create_article, create_claim
from tests.test_app import assert_problem


def test_create_article_answers_201_with_location_and_etag(client):
    payload = article_payload(published_at="2025-11-27T10:00:00+03:00")
    response = client.post("/api/v1/articles", json=payload)
    assert response.status_code == 201
    article = response.json
    assert response.headers["Location"].endswith(f"/api/v1/articles/{article['id']}")
    assert response.headers["ETag"] == '"1"'
    assert article["title"] == payload["title"]
    assert article["published_at"] == "2025-11-27T07:00:00+00:00"  # stored and served in UTC
    assert len(article["content_hash"]) == 64
    fetched = client.get(response.headers["Location"])
    assert fetched.status_code == 200 and fetched.json == article


def test_strings_are_trimmed(client):
    article = create_article(client, title="  Padded title \t", publisher=" Pub ")
    assert article["title"] == "Padded title"
    assert article["publisher"] == "Pub"


def test_same_url_is_a_conflict_naming_the_existing_article(client):
    first = create_article(client, url="https://news.example.org/same")
    response = client.post(
        "/api/v1/articles", json=article_payload(url="https://news.example.org/same")
    )
    body = assert_problem(response, 409)
    assert body["existing_id"] == first["id"]
    assert "url" in body["errors"]


def test_same_body_with_other_whitespace_is_a_duplicate(client):
    first = create_article(client, body="One  sentence.\nAnother one.", url=None)
    response = client.post(
        "/api/v1/articles", json=article_payload(body="One sentence. Another  one. ", url=None)
    )
    assert assert_problem(response, 409)["existing_id"] == first["id"]


def test_articles_without_url_may_coexist(client):
    create_article(client, url=None)
    create_article(client, url=None)
    assert len(client.get("/api/v1/articles").json["items"]) == 2


def test_validation_names_each_bad_field(client):
    response = client.post(
        "/api/v1/articles",
        json={
            "title": "",
            "url": "javascript:alert(1)",
            "language": "english!",
            "published_at": "yesterday",
            "extra": 1,
        },
    )
    errors = assert_problem(response, 422)["errors"]
    assert set(errors) == {"title", "url", "language", "published_at", "extra", "body"}


def test_file_urls_are_refused(client):
    response = client.post("/api/v1/articles", json=article_payload(url="file:///etc/passwd"))
    assert "url" in assert_problem(response, 422)["errors"]


def test_control_characters_are_refused(client):
    response = client.post("/api/v1/articles", json=article_payload(title="a\x00b"))
    assert "title" in assert_problem(response, 422)["errors"]


def test_list_omits_bodies_and_filters(client):
    create_article(client, publisher="Alpha", language="en")
    create_article(client, publisher="Beta", language="fr")
    items = client.get("/api/v1/articles?publisher=Beta").json["items"]
    assert [a["publisher"] for a in items] == ["Beta"]
    assert "body" not in items[0]
    assert len(client.get("/api/v1/articles?language=en").json["items"]) == 1


def test_patch_changes_fields_and_version(client):
    article = create_article(client)
    response = client.patch(f"/api/v1/articles/{article['id']}", json={"title": "New title"})
    assert response.status_code == 200
    assert response.json["title"] == "New title"
    assert response.headers["ETag"] == '"2"'


def test_patch_with_stale_etag_is_412_and_changes_nothing(client):
    article = create_article(client)
    url = f"/api/v1/articles/{article['id']}"
    client.patch(url, json={"title": "First edit"})
    response = client.patch(url, json={"title": "Lost edit"}, headers={"If-Match": '"1"'})
    assert_problem(response, 412)
    assert client.get(url).json["title"] == "First edit"


def test_patch_body_changes_the_hash_and_refuses_duplicates(client):
    other = create_article(client)
    article = create_article(client)
    response = client.patch(f"/api/v1/articles/{article['id']}", json={"body": other["body"]})
    assert assert_problem(response, 409)["existing_id"] == other["id"]
    response = client.patch(f"/api/v1/articles/{article['id']}", json={"body": "Fresh text."})
    assert response.json["content_hash"] != article["content_hash"]


def test_patch_cannot_set_read_only_fields(client):
    article = create_article(client)
    response = client.patch(
        f"/api/v1/articles/{article['id']}", json={"content_hash": "0" * 64, "id": 5}
    )
    assert set(assert_problem(response, 422)["errors"]) == {"content_hash", "id"}


def test_delete_article(client):
    article = create_article(client)
    assert client.delete(f"/api/v1/articles/{article['id']}").status_code == 204
    assert_problem(client.get(f"/api/v1/articles/{article['id']}"), 404)
    assert_problem(client.delete(f"/api/v1/articles/{article['id']}"), 404)


def test_delete_article_with_claims_is_refused(client):
    article = create_article(client)
    create_claim(client, article_id=article["id"])
    assert_problem(client.delete(f"/api/v1/articles/{article['id']}"), 409)
    assert client.get(f"/api/v1/articles/{article['id']}").status_code == 200


def test_article_claims(client):
    article = create_article(client)
    mine = create_claim(client, article_id=article["id"], span_start=0, span_end=10)
    create_claim(client)
    response = client.get(f"/api/v1/articles/{article['id']}/claims")
    assert [c["id"] for c in response.json["items"]] == [mine["id"]]
    assert_problem(client.get("/api/v1/articles/999999/claims"), 404)


def test_conditional_get(client):
    article = create_article(client)
    url = f"/api/v1/articles/{article['id']}"
    etag = client.get(url).headers["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    client.patch(url, json={"title": "Changed"})
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200
