"""Keyset pagination: complete, stable while rows are added, and tamper-proof."""

from urllib.parse import parse_qs, urlparse

import pytest

from tests.factories import create_claim
from tests.test_app import assert_problem


def walk(client, url):
    """Follow next_cursor to the end; return the ids seen, page by page."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.json
        body = response.json
        pages.append([item["id"] for item in body["items"]])
        if body["next_cursor"] is None:
            assert "Link" not in response.headers
            url = None
        else:
            link = response.headers["Link"]
            assert link.endswith('>; rel="next"')
            next_url = urlparse(link[1 : link.index(">")])
            assert parse_qs(next_url.query)["cursor"] == [body["next_cursor"]]
            url = next_url.path + "?" + next_url.query
    return pages


def test_every_claim_once_across_pages(client):
    created = [create_claim(client)["id"] for _ in range(7)]
    pages = walk(client, "/api/v1/claims?limit=3")
    assert [len(p) for p in pages] == [3, 3, 1]
    assert [i for p in pages for i in p] == list(reversed(created))


def test_default_and_maximum_limit(client):
    for _ in range(21):
        create_claim(client)
    assert len(client.get("/api/v1/claims").json["items"]) == 20
    assert len(client.get("/api/v1/claims?limit=100").json["items"]) == 21


def test_rows_inserted_while_paging_do_not_shift_pages(client):
    created = [create_claim(client)["id"] for _ in range(6)]
    first = client.get("/api/v1/claims?limit=2").json
    for _ in range(3):
        create_claim(client)  # newer rows land before the cursor, not in later pages
    rest = walk(client, "/api/v1/claims?limit=2&cursor=" + first["next_cursor"])
    seen = [item["id"] for item in first["items"]] + [i for p in rest for i in p]
    assert seen == list(reversed(created))


def test_filters_survive_in_the_next_link(client):
    for _ in range(3):
        create_claim(client, language="de")
    create_claim(client, language="en")
    pages = walk(client, "/api/v1/claims?language=de&limit=2")
    assert sum(len(p) for p in pages) == 3


def test_check_worthiness_sort_pages_through_ties_and_nulls(client):
    scores = [0.5, None, 0.5, 0.9, None, 0.1, 0.5]
    for score in scores:
        create_claim(client, check_worthiness=score)
    pages = walk(client, "/api/v1/claims?sort=-check_worthiness&limit=2")
    ids = [i for p in pages for i in p]
    assert len(ids) == len(set(ids)) == len(scores)
    listed = client.get("/api/v1/claims?sort=-check_worthiness&limit=100").json["items"]
    assert [c["id"] for c in listed] == ids


@pytest.mark.parametrize(
    "cursor", ["garbage", "eyJhIjoxfQ.c2ln", "WyItY3JlYXRlZF9hdCIsbnVsbCwxXQ.AAAA", "a.b.c", "%00"]
)
def test_forged_cursor_is_400(client, cursor):
    create_claim(client)
    body = assert_problem(client.get("/api/v1/claims?cursor=" + cursor), 400)
    assert "cursor" in body["errors"]


def test_cursor_from_another_sort_is_400(client):
    for _ in range(3):
        create_claim(client)
    cursor = client.get("/api/v1/claims?limit=1").json["next_cursor"]
    response = client.get("/api/v1/claims?sort=check_worthiness&cursor=" + cursor)
    assert "cursor" in assert_problem(response, 400)["errors"]
