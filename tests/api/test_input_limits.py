"""Input at the edges of what Python can hold: a 4xx problem document naming the problem, never a
500. Absurd JSON numbers, dates that leave years 1-9999 in UTC, chunked bodies over the limit or
with broken framing, and ClaimReview imports that are too deep, too many or not text."""

import io
import json

import pytest

from factcheck.claimreview import MAX_DEPTH
from factcheck.schemas.claimreview import MAX_IMPORT_ITEMS
from factcheck.services import imports
from tests.factories import create_claim
from tests.test_app import assert_problem

HUGE_NUMBER = "1" * 5000  # past Python's 4,300-digit limit for int()
IMPORT = "/api/v1/imports/claimreview"


def post_json_text(client, path, text):
    return client.post(path, data=text, content_type="application/json")


def claim_review(n: int, **changes) -> dict:
    return {
        "@type": "ClaimReview",
        "url": f"https://checker.example/fc/{n}",
        "claimReviewed": f"Claim number {n} was checked.",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        **changes,
    }


# JSON numbers


@pytest.mark.parametrize("path", ["/api/v1/claims", "/api/v1/articles", IMPORT])
def test_a_5000_digit_number_is_a_400_saying_so(client, path):
    for text in ('{"text": ' + HUGE_NUMBER + "}", "[" + HUGE_NUMBER + "]", "-" + HUGE_NUMBER):
        body = assert_problem(post_json_text(client, path, text), 400)
        assert "longer than 100 characters" in body["detail"]
    assert client.get("/api/v1/claims").json["items"] == []


@pytest.mark.parametrize(
    ("literal", "says"),
    [
        ("NaN", "NaN is not a JSON number"),
        ("Infinity", "Infinity is not a JSON number"),
        ("-Infinity", "-Infinity is not a JSON number"),
        ("1e999", "out of range"),
        ("0." + "5" * 200, "longer than 100 characters"),
    ],
)
def test_nan_infinity_and_overflowing_floats_are_refused(client, literal, says):
    text = '{"text": "Tax rose.", "check_worthiness": ' + literal + "}"
    body = assert_problem(post_json_text(client, "/api/v1/claims", text), 400)
    assert says in body["detail"]


def test_ordinary_numbers_still_reach_the_schema(client):
    response = post_json_text(client, "/api/v1/claims", '{"text": "Tax rose.", "article_id": 1e2}')
    assert "article_id" in assert_problem(response, 422)["errors"]  # a float, not an id
    long_but_fine = '{"text": "Tax rose.", "check_worthiness": 0.' + "1" * 90 + "}"
    assert post_json_text(client, "/api/v1/claims", long_but_fine).status_code == 201


def test_malformed_json_to_the_import_endpoint_is_a_400(client):
    for text in ("not json", '{"@type": ', b'"caf\xe9"'):
        assert_problem(post_json_text(client, IMPORT, text), 400)


# Dates


@pytest.mark.parametrize(
    "moment",
    ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-01:00", "0001-01-01T11:59:59+12:00"],
)
def test_a_date_an_offset_moves_out_of_range_is_a_422_naming_it(client, moment):
    for name in ("created_after", "created_before"):
        response = client.get("/api/v1/claims", query_string={name: moment})
        assert set(assert_problem(response, 422)["errors"]) == {name}

    article = {"title": "T", "body": "Body.", "published_at": moment}
    body = assert_problem(client.post("/api/v1/articles", json=article), 422)
    assert set(body["errors"]) == {"published_at"}
    assert client.get("/api/v1/articles").json["items"] == []

    claim = create_claim(client)
    for field in ("published_at", "accessed_at"):
        source = {"url": "https://stats.example.org/r", "stance": "refutes", field: moment}
        response = client.post(f"/api/v1/claims/{claim['id']}/sources", json=source)
        assert set(assert_problem(response, 422)["errors"]) == {field}


def test_dates_at_the_edges_of_the_range_are_kept_in_utc(client):
    early = client.get("/api/v1/claims", query_string={"created_after": "0001-01-01T00:00:00Z"})
    assert early.status_code == 200
    late = client.get("/api/v1/claims", query_string={"created_before": "9999-12-31T23:59:59Z"})
    assert late.status_code == 200
    article = {"title": "T", "body": "Body.", "published_at": "2024-01-01T02:00:00+05:00"}
    created = client.post("/api/v1/articles", json=article)
    assert created.status_code == 201, created.json
    assert created.json["published_at"] == "2023-12-31T21:00:00+00:00"


# Chunked bodies (no Content-Length): gunicorn sets wsgi.input_terminated and de-chunks the stream


def post_chunked(client, body, path="/api/v1/claims"):
    stream = body if isinstance(body, io.BytesIO) else io.BytesIO(body)
    return client.post(
        path,
        input_stream=stream,
        headers={"Transfer-Encoding": "chunked", "Content-Type": "application/json"},
        environ_overrides={"wsgi.input_terminated": True},
    )


def test_a_chunked_body_over_the_limit_is_a_413(client, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    body = json.dumps({"text": "x" * limit}).encode()
    assert_problem(post_chunked(client, body), 413)
    assert client.get("/api/v1/claims").json["items"] == []


def test_a_chunked_body_within_the_limit_is_read_whole(client, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    body = b'{"text": "Tax rose."}'
    padded = body + b" " * (limit - len(body))  # JSON allows trailing whitespace
    assert len(padded) == limit  # exactly at the limit: accepted, not cut off
    assert post_chunked(client, padded).status_code == 201


class BrokenChunks(io.BytesIO):
    """A body whose chunk framing the server cannot parse (gunicorn raises its own error)."""

    def read(self, size=-1):
        raise RuntimeError("Invalid chunk size: b'zz'")

    readinto = read


def test_a_chunked_body_that_cannot_be_read_is_a_400(client):
    body = assert_problem(post_chunked(client, BrokenChunks()), 400)
    assert "chunked" in body["detail"]


# ClaimReview imports


def test_a_deeply_nested_import_is_refused(client):
    deep = '{"@graph": ' + "[" * 900 + "]" * 900 + "}"
    body = assert_problem(post_json_text(client, IMPORT, deep), 422)
    assert f"nested more than {MAX_DEPTH} levels" in body["detail"]


@pytest.mark.parametrize(
    "wrap",
    [
        lambda items: {"@graph": items},
        lambda items: [{"@graph": items[:600]}, {"@graph": items[600:]}],
        lambda items: {"@type": "DataFeed", "dataFeedElement": [{"item": items}]},
        lambda items: [[items]],
    ],
)
def test_the_item_cap_counts_items_after_flattening(client, monkeypatch, wrap):
    def import_document(*args, **kwargs):
        raise AssertionError("the import started before the cap was checked")

    monkeypatch.setattr(imports, "import_document", import_document)
    items = [claim_review(n) for n in range(5500)]
    body = assert_problem(client.post(IMPORT, json=wrap(items)), 422)
    assert f"at most {MAX_IMPORT_ITEMS} reviews" in body["detail"] and "5500" in body["detail"]
    assert client.get("/api/v1/fact-checks").json["items"] == []


def test_an_html_page_of_unclosed_script_tags_is_answered(client):
    page = "<html>" + '<script type="application/ld+json">' * 5000  # ~180 KB
    body = assert_problem(client.post(IMPORT, json=page), 422)
    assert "no application/ld+json block" in body["detail"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"claimReviewed": "Lone \ud800 surrogate."}, "claimReviewed"),
        ({"claimReviewed": "NUL\x00 byte."}, "claimReviewed"),
        ({"claimReviewed": "Escape \x1b[31m sequence."}, "claimReviewed"),
        ({"name": "Title with a bell\x07"}, "name"),
        ({"author": {"@type": "Organization", "name": "Pub\x00lisher"}}, "author or publisher"),
        ({"itemReviewed": {"@type": "Claim", "author": "Jane\ud83d"}}, "itemReviewed.author"),
        ({"reviewBody": "Summary\x0b."}, "reviewBody"),
    ],
)
def test_an_item_with_control_characters_is_one_skipped_entry(client, changes, field):
    document = [claim_review(0), claim_review(1, **changes), claim_review(2)]
    report = client.post(IMPORT, json=document).json
    assert report["created"] == 2, report
    assert len(report["skipped"]) == 1
    (skipped,) = report["skipped"]
    assert skipped["index"] == 1
    assert skipped["reason"].startswith(f"{field}: control characters")
    claims = {item["claim"] for item in client.get("/api/v1/fact-checks").json["items"]}
    assert claims == {"Claim number 0 was checked.", "Claim number 2 was checked."}
