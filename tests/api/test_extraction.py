"""Extraction over HTTP and the command line; the extraction logic has unit tests of its own."""

import json
from pathlib import Path

import pytest

from factcheck.cli import extract_command
from tests.factories import create_article
from tests.test_app import assert_problem

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_4b7aa9e3480c59b8.txt"
STORY = (
    "Unemployment fell to 4.1% in March, the labour minister said on Tuesday. "
    "“Wages grew faster than prices for the first time in three years,” she told reporters."
)


def test_extract_returns_claims_with_offsets_and_stores_nothing(client):
    response = client.post("/api/v1/extract", json={"text": STORY, "publisher": "Daily Example"})
    assert response.status_code == 200
    claims = response.json["claims"]
    assert claims, "expected at least one claim"
    assert [c["start"] for c in claims] == sorted(c["start"] for c in claims)
    for claim in claims:
        assert set(claim) == {"text", "quote", "claimant", "start", "end", "score", "reasons"}
        assert 0 <= claim["start"] < claim["end"] <= len(STORY)
        assert 0 <= claim["score"] <= 1
    assert any("4.1%" in c["text"] for c in claims)
    assert client.get("/api/v1/claims").json["items"] == []


def test_extract_offsets_point_into_the_text_as_sent(client):
    padded = "\n\n  " + STORY
    claims = client.post("/api/v1/extract", json={"text": padded}).json["claims"]
    first = claims[0]
    assert padded[first["start"] : first["end"]].startswith("Unemployment")


def test_extract_seed_article_skips_the_donation_appeal(client):
    text = SEED.read_text(encoding="utf-8")
    claims = client.post(
        "/api/v1/extract", json={"text": text, "publisher": "The Moscow Times"}
    ).json["claims"]
    appeal = text.index("A Message from The Moscow Times")
    assert claims and all(c["end"] <= appeal for c in claims)
    assert any(c["claimant"] == "Vladimir Putin" for c in claims)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \n "}, "text"),
        ({"text": 42}, "text"),
        ({}, "text"),
        ({"text": "A sentence.", "publisher": ""}, "publisher"),
        ({"text": "A sentence.", "extra": True}, "extra"),
        ({"text": "x" * 200_001}, "text"),
    ],
)
def test_extract_validation(client, body, field):
    assert field in assert_problem(client.post("/api/v1/extract", json=body), 422)["errors"]


def test_extract_one_megabyte_is_refused(client):
    body = json.dumps({"text": "Prices rose 3%. " * 70_000})
    response = client.post("/api/v1/extract", data=body, content_type="application/json")
    assert response.status_code in (413, 422)
    assert response.content_type == "application/problem+json"


def test_checkworthiness_in_order_with_decisions(client):
    sentences = [
        "Unemployment fell to 3.5 percent in 2019, the lowest in fifty years.",
        "Thank you very much, it is great to be here.",
    ]
    response = client.post("/api/v1/checkworthiness", json={"sentences": sentences})
    assert response.status_code == 200
    results = response.json["results"]
    assert [r["text"] for r in results] == sentences
    assert results[0]["score"] > results[1]["score"]
    threshold = response.json["threshold"]
    for result in results:
        assert result["checkworthy"] == (result["score"] >= threshold)
    assert results[0]["checkworthy"] and not results[1]["checkworthy"]


@pytest.mark.parametrize(
    ("sentences", "field"),
    [
        ([], "sentences"),
        (["ok"] * 1001, "sentences"),
        (["fine", 3], "sentences.1"),
        (["fine", None], "sentences.1"),
        ("not a list", "sentences"),
        (["fine", ""], "sentences.1"),
    ],
)
def test_checkworthiness_validation(client, sentences, field):
    response = client.post("/api/v1/checkworthiness", json={"sentences": sentences})
    assert field in assert_problem(response, 422)["errors"]


def test_checkworthiness_accepts_a_thousand(client):
    response = client.post("/api/v1/checkworthiness", json={"sentences": ["Taxes rose 2%."] * 1000})
    assert response.status_code == 200 and len(response.json["results"]) == 1000


def test_article_extract_stores_submitted_claims_once(client):
    article = create_article(client, body=STORY, publisher="Daily Example", language="en")
    url = f"/api/v1/articles/{article['id']}/extract"
    first = client.post(url)
    assert first.status_code == 200
    assert first.json["created"] == len(first.json["claims"]) > 0 and first.json["skipped"] == 0
    for claim in first.json["claims"]:
        assert claim["status"] == "submitted"
        assert claim["article_id"] == article["id"] and claim["language"] == "en"
        assert claim["check_worthiness"] is not None
        assert STORY[claim["span_start"] : claim["span_end"]]
    again = client.post(url)
    assert again.json["created"] == 0 and again.json["skipped"] == first.json["created"]
    assert [c["id"] for c in again.json["claims"]] == [c["id"] for c in first.json["claims"]]
    stored = client.get(f"/api/v1/articles/{article['id']}/claims?limit=100").json["items"]
    assert len(stored) == first.json["created"]
    assert_problem(client.post("/api/v1/articles/999999/extract"), 404)


def test_article_ingestion_can_extract(client):
    response = client.post(
        "/api/v1/articles",
        json={"title": "Jobs", "body": STORY, "publisher": "Daily Example", "extract": True},
    )
    # Queued: the answer is the job; in the tests' inline queue it has run once this returns.
    assert response.status_code == 202
    assert response.json["status"] == "queued" and response.json["kind"] == "extract_article"
    job = client.get(response.headers["Location"]).json
    assert job["status"] == "succeeded" and job["progress"] == 1.0 and job["attempts"] == 1
    assert job["result"]["created"] == len(job["result"]["claim_ids"]) > 0
    article_url = job["links"]["article"]
    claims = client.get(article_url + "/claims?limit=100").json["items"]
    assert sorted(c["id"] for c in claims) == sorted(job["result"]["claim_ids"])
    assert [c.rsplit("/", 1)[1] for c in job["links"]["claims"]] == [
        str(i) for i in job["result"]["claim_ids"]
    ]
    plain = client.post("/api/v1/articles", json={"title": "Other", "body": "Hello there."})
    assert plain.status_code == 201 and "status" not in plain.json


def test_extract_command_prints_what_the_endpoint_answers(app, client, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    result = app.test_cli_runner().invoke(extract_command, [str(path), "--publisher", "Daily"])
    assert result.exit_code == 0, result.output
    served = client.post("/api/v1/extract", json={"text": STORY, "publisher": "Daily"}).json
    assert json.loads(result.output) == served
