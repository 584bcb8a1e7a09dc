"""GET /claims:search answers in Google Fact Check Tools' shape."""

from tests.api.helpers import publish
from tests.factories import create_claim
from tests.test_app import assert_problem


def test_shape_and_query(client_as, anonymous):
    published = publish(client_as, text="Crime doubled in the capital.", language="en",
                        claim_date="2025-05-01", claimant="A Mayor")  # fmt: skip
    create_claim(client_as("reviewer"), text="Crime fell in the capital.")  # not published
    response = anonymous.get("/api/v1/claims:search?query=crime")
    assert response.status_code == 200
    body = response.json
    assert set(body) == {"claims", "nextPageToken"} and body["nextPageToken"] is None
    [claim] = body["claims"]
    assert claim["text"] == published["text"] and claim["claimant"] == "A Mayor"
    assert claim["claimDate"].startswith("2025-05-01")
    [review] = claim["claimReview"]
    assert set(review) == {
        "publisher",
        "url",
        "title",
        "reviewDate",
        "textualRating",
        "languageCode",
    }
    assert review["textualRating"] == "False" and review["languageCode"] == "en"
    # Our reader page, not the JSON API.
    assert review["url"].endswith(f"/fact-checks/{published['id']}")
    assert "/api/v1/" not in review["url"]
    assert set(review["publisher"]) == {"name", "site"}


def test_filters_and_paging(client_as, anonymous):
    for i in range(3):
        publish(client_as, text=f"Exports rose {i} percent.", language="en-GB")
    publish(client_as, text="Exports rose sharply.", language="fr")
    english = anonymous.get("/api/v1/claims:search?query=exports&languageCode=en").json
    assert len(english["claims"]) == 3
    first = anonymous.get("/api/v1/claims:search?query=exports&pageSize=2").json
    assert len(first["claims"]) == 2 and first["nextPageToken"]
    rest = anonymous.get(
        f"/api/v1/claims:search?query=exports&pageSize=2&pageToken={first['nextPageToken']}"
    ).json
    assert len(rest["claims"]) == 2 and rest["nextPageToken"] is None
    texts = [c["text"] for c in first["claims"] + rest["claims"]]
    assert len(set(texts)) == 4
    recent = anonymous.get("/api/v1/claims:search?query=exports&maxAgeDays=1").json
    assert len(recent["claims"]) == 4
    other_site = anonymous.get("/api/v1/claims:search?reviewPublisherSiteFilter=example.com")
    assert other_site.json["claims"] == []
    ours = anonymous.get("/api/v1/claims:search?reviewPublisherSiteFilter=localhost").json
    assert len(ours["claims"]) == 4


def test_validation(anonymous):
    # Without a query every published fact-check matches, newest first.
    assert anonymous.get("/api/v1/claims:search").json == {"claims": [], "nextPageToken": None}
    bad = anonymous.get("/api/v1/claims:search?query=x&pageSize=0&maxAgeDays=-1")
    assert {"pageSize", "maxAgeDays"} <= set(assert_problem(bad, 422)["errors"])
    forged = anonymous.get("/api/v1/claims:search?query=x&pageToken=abc.def")
    assert_problem(forged, 400)
