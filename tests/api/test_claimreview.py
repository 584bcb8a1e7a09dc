"""ClaimReview JSON-LD out (one, and as a feed) and in (imports), with the round trip."""

import copy
import json
from urllib.parse import urlsplit

from factcheck.cli import seed_command
from tests.api.helpers import act, publish
from tests.factories import create_claim
from tests.test_app import assert_problem

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://www.politifact.example/factchecks/2024/jan/01/senator/claim/",
    "claimReviewed": "Crime in the city doubled in 2023.",
    "datePublished": "2024-01-02",
    "author": {
        "@type": "Organization",
        "name": "PolitiFact",
        "url": "https://www.politifact.example",
    },
    "reviewRating": {"@type": "Rating", "alternateName": "Pants on Fire"},
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Jane Senator"},
        "datePublished": "2023-12-30",
        "appearance": "https://video.example.org/speech",
    },
}


def review(**changes):
    item = copy.deepcopy(REVIEW)
    item.update(changes)
    return item


def test_every_published_seed_claim_exports_every_property(app, client, anonymous):
    app.test_cli_runner().invoke(seed_command)
    published = anonymous.get("/api/v1/fact-checks").json["items"]
    assert published
    for fact_check in published:
        response = anonymous.get(f"/api/v1/fact-checks/{fact_check['id']}/claimreview")
        assert response.status_code == 200
        assert response.content_type == "application/ld+json"
        doc = response.json
        assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
        # The review's page: our reader page (the seeds name no article of the desk's).
        assert doc["url"].endswith(f"/fact-checks/{fact_check['id']}")
        assert "/api/v1/" not in doc["url"]
        assert doc["claimReviewed"] == fact_check["claim"]
        assert doc["datePublished"] and doc["author"]["@type"] == "Organization"
        rating = doc["reviewRating"]
        assert rating["bestRating"] == 5 and rating["worstRating"] == 1
        assert 1 <= rating["ratingValue"] <= 5 and rating["alternateName"]
        item = doc["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
        assert item["datePublished"] and item["appearance"] and item["firstAppearance"]
        assert "dateModified" not in doc  # never corrected


def test_correction_sets_date_modified(client_as, anonymous):
    claim = publish(client_as, text="Inflation hit 9% in June.")
    editor, reviewer = client_as("editor"), client_as("reviewer")
    act(editor, claim["id"], "reopen", note="New data.")
    reviewer.post(
        f"/api/v1/claims/{claim['id']}/verdicts", json={"rating": "true", "summary": "Ok."}
    )
    act(reviewer, claim["id"], "propose")
    act(client_as("editor-2"), claim["id"], "approve")
    act(editor, claim["id"], "publish")
    doc = anonymous.get(f"/api/v1/fact-checks/{claim['id']}/claimreview").json
    assert doc["dateModified"] and doc["reviewRating"]["ratingValue"] == 5


def test_only_our_published_fact_checks_are_exported(client, client_as, anonymous):
    draft = create_claim(client)
    assert_problem(anonymous.get(f"/api/v1/fact-checks/{draft['id']}/claimreview"), 404)
    client_as("editor").post("/api/v1/imports/claimreview", json=REVIEW)
    [imported] = anonymous.get("/api/v1/fact-checks").json["items"]
    assert_problem(anonymous.get(f"/api/v1/fact-checks/{imported['id']}/claimreview"), 404)
    feed = anonymous.get("/api/v1/feeds/claimreview").json
    assert feed["dataFeedElement"] == []


def test_feed_pages(client_as, anonymous):
    for i in range(3):
        publish(client_as, text=f"Wages rose {i + 1}% last year.")
    first = anonymous.get("/api/v1/feeds/claimreview?limit=2")
    assert first.content_type == "application/ld+json"
    page = first.json
    assert page["@type"] == "DataFeed" and len(page["dataFeedElement"]) == 2
    element = page["dataFeedElement"][0]
    assert element["@type"] == "DataFeedItem" and element["item"][0]["@type"] == "ClaimReview"
    assert first.headers["Link"].endswith('rel="next"') and page["nextPage"]
    next_page = urlsplit(page["nextPage"])
    rest = anonymous.get(f"{next_page.path}?{next_page.query}").json
    assert len(rest["dataFeedElement"]) == 1 and "nextPage" not in rest


def test_import_variants_with_a_report(client_as, anonymous):
    editor = client_as("editor")
    second = review(
        url="https://fullfact.example/a",
        claimReviewed="Taxes fell 3% this year.",
        author={"@type": "Organization", "name": "Full Fact", "url": "https://fullfact.example"},
        reviewRating={
            "@type": "Rating",
            "ratingValue": "4",
            "bestRating": "5",
            "worstRating": "1",
            "alternateName": "Mostly accurate",
        },
    )
    document = {
        "@graph": [
            REVIEW,
            {"@type": "Person", "name": "Not a review"},
            second,
            {"@type": "ClaimReview", "url": "https://x.example/no-claim"},
        ]
    }
    report = editor.post("/api/v1/imports/claimreview", json=document).json
    assert report["created"] == 2 and report["updated"] == 0
    assert [s["index"] for s in report["skipped"]] == [1, 3]
    assert all(s["reason"] for s in report["skipped"])

    again = editor.post("/api/v1/imports/claimreview", json=[REVIEW, second]).json
    assert again["created"] == 0 and again["unchanged"] == 2  # idempotent by review URL

    changed = review(reviewRating={"@type": "Rating", "alternateName": "Mostly True"})
    updated = editor.post("/api/v1/imports/claimreview", json=changed).json
    assert updated["updated"] == 1
    found = anonymous.get("/api/v1/claims:search?query=crime").json["claims"]
    [entry] = found
    assert entry["claimant"] == "Jane Senator"
    assert entry["claimReview"][0]["textualRating"] == "Mostly True"
    assert entry["claimReview"][0]["publisher"]["name"] == "PolitiFact"
    assert entry["claimReview"][0]["url"] == REVIEW["url"]
    by_site = anonymous.get("/api/v1/claims:search?reviewPublisherSiteFilter=fullfact.example")
    assert [c["text"] for c in by_site.json["claims"]] == ["Taxes fell 3% this year."]


def test_a_data_feed_imports_and_unknown_ratings_become_unverifiable(client_as, anonymous):
    feed = {
        "@type": "DataFeed",
        "dataFeedElement": [
            {
                "@type": "DataFeedItem",
                "item": review(
                    url="https://a.example/1",
                    reviewRating={"alternateName": "Zweifelhaft und irreführend?"},
                    inLanguage="de",
                ),
            },
            {
                "@type": "DataFeedItem",
                "item": [
                    review(
                        url="https://a.example/2",
                        claimReviewed="Bridges collapsed.",
                        reviewRating={"alternateName": "Glorp"},
                    )
                ],
            },
        ],
    }
    report = client_as("editor").post("/api/v1/imports/claimreview", json=feed).json
    assert report["created"] == 2, report
    items = anonymous.get("/api/v1/fact-checks?limit=10").json["items"]
    glorp = next(i for i in items if i["claim"] == "Bridges collapsed.")
    assert glorp["verdict"]["rating"] == "unverifiable"
    assert glorp["verdict"]["textual_rating"] == "Glorp"  # the original text is kept


def test_import_needs_an_editor_and_a_document(client_as):
    assert_problem(client_as("reviewer").post("/api/v1/imports/claimreview", json=REVIEW), 403)
    editor = client_as("editor")
    assert_problem(editor.post("/api/v1/imports/claimreview", json=42), 422)
    assert_problem(editor.post("/api/v1/imports/claimreview"), 422)
    assert_problem(editor.post("/api/v1/imports/claimreview", json=[{}] * 1001), 422)
    empty = editor.post("/api/v1/imports/claimreview", json=[]).json
    assert empty == {"created": 0, "updated": 0, "unchanged": 0, "skipped": [], "items": []}


def test_round_trip_recreates_the_same_fact_checks(app, client_as, anonymous):
    app.test_cli_runner().invoke(seed_command)
    publish(
        client_as,
        text="Exports fell 5% in May.",
        claimant="Trade Minister",
        claim_date="2025-06-01",
        appearance_url="https://news.example.org/exports",
    )
    before = anonymous.get("/api/v1/fact-checks?limit=100").json["items"]
    exported = [anonymous.get(f"/api/v1/fact-checks/{fc['id']}/claimreview").json for fc in before]
    admin = client_as("admin")
    for fact_check in before:
        client_as("editor").delete(f"/api/v1/claims/{fact_check['id']}")
        admin.post(f"/api/v1/claims/{fact_check['id']}/purge")
    assert anonymous.get("/api/v1/fact-checks").json["items"] == []

    report = client_as("editor").post("/api/v1/imports/claimreview", json=exported).json
    assert report["created"] == len(before) and report["skipped"] == []
    after = anonymous.get("/api/v1/fact-checks?limit=100").json["items"]

    def essentials(fc):
        verdict = fc["verdict"]
        return (
            fc["claim"],
            fc["claimant"],
            fc["claim_date"],
            fc["appearance_url"],
            verdict["rating"],
            verdict["textual_rating"],
            verdict["summary"],
        )

    assert sorted(map(essentials, after)) == sorted(map(essentials, before))


def test_an_array_longer_than_the_cap_is_refused_even_when_its_entries_hold_nothing(client):
    # The documented body has maxItems 1,000: empty entries count too.
    assert_problem(client.post("/api/v1/imports/claimreview", json=[[]] * 1001), 422)
    report = client.post("/api/v1/imports/claimreview", json=[[]] * 1000).json
    assert report["created"] == 0 and report["items"] == []


def test_an_import_sent_as_json_ld_is_read_like_json(client_as, anonymous):
    # The document lists application/json only (one body for generated clients); JSON-LD's
    # own media type is read the same way.
    response = client_as("editor").post(
        "/api/v1/imports/claimreview",
        data=json.dumps(REVIEW),
        content_type="application/ld+json",
    )
    assert response.status_code == 200 and response.json["created"] == 1, response.json
    [imported] = anonymous.get("/api/v1/fact-checks").json["items"]
    assert imported["claim"] == REVIEW["claimReviewed"]
