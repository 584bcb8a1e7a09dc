"""Claim matching over HTTP: previously checked claims, duplicates on submission, traps."""

from factcheck.ratings import RATINGS
from tests.api.helpers import act, publish
from tests.factories import create_claim
from tests.test_app import assert_problem


def matched(client, text):
    response = client.post("/api/v1/claims/match", json={"text": text})
    assert response.status_code == 200, response.json
    return response.json["items"]


def test_paraphrase_finds_the_checked_claim(client_as, client):
    checked = publish(client_as, text="Unemployment fell to 4.1% in March.")
    publish(client_as, text="The city built 300 new schools last year.")
    items = matched(client, "In March unemployment dropped to 4.1 percent")
    assert items and items[0]["id"] == checked["id"]
    assert 0 < items[0]["score"] <= 1 and items[0]["status"] == "published"


def test_a_contradicted_fact_check_is_answered_flagged_but_is_never_a_duplicate(client_as, client):
    """A text that denies or misquotes a checked claim is answered by its fact-check, flagged
    as contradicting it; a claim stating the opposite is not a duplicate of it."""
    checked = publish(client_as, text="The economy grew 2.5% last year.")
    for trap, reason in (
        ("The economy shrank 2.5% last year.", "antonym"),
        ("The economy grew 4% last year.", "numbers_differ"),
        ("The economy did not grow 2.5% last year.", "negation"),
    ):
        [item] = [m for m in matched(client, trap) if m["id"] == checked["id"]]
        assert item["reasons"] == ["contradicts", reason], trap
        created = client.post("/api/v1/claims", json={"text": trap})
        assert created.status_code == 201
        assert checked["id"] not in [d["id"] for d in created.json["likely_duplicates"]], trap
    same = matched(client, "Last year the economy grew by 2.5 percent.")
    assert same[0]["id"] == checked["id"] and "contradicts" not in same[0]["reasons"]


def test_only_published_claims_are_matched(client):
    draft = create_claim(client, text="Exports to China doubled in 2024.")
    assert draft["id"] not in [m["id"] for m in matched(client, "Exports to China doubled in 2024")]


def test_similar_to_a_claim(client_as, client):
    checked = publish(client_as, text="The minimum wage rose to 12 pounds an hour in April.")
    incoming = create_claim(client, text="In April the minimum wage went up to 12 pounds an hour")
    response = client.get(f"/api/v1/claims/{incoming['id']}/similar")
    assert [m["id"] for m in response.json["items"]][:1] == [checked["id"]]
    assert_problem(client.get("/api/v1/claims/999999/similar"), 404)


def test_submission_reports_likely_duplicates(client):
    first = create_claim(client, text="Rents in Berlin rose 12% in 2024.")
    response = client.post("/api/v1/claims", json={"text": "In 2024 rents in Berlin rose 12%."})
    assert response.status_code == 201
    duplicates = response.json["likely_duplicates"]
    assert [d["id"] for d in duplicates] == [first["id"]]
    unrelated = client.post("/api/v1/claims", json={"text": "Tigers are native to Siberia."})
    assert unrelated.json["likely_duplicates"] == []


def test_match_validation(client):
    assert "text" in assert_problem(client.post("/api/v1/claims/match", json={}), 422)["errors"]
    bad = client.post("/api/v1/claims/match", json={"text": "x", "limit": 0})
    assert "limit" in assert_problem(bad, 422)["errors"]
    assert client.post("/api/v1/claims/match", json={"text": "?!"}).json == {"items": []}


def test_candidates_are_bounded_per_word_but_rare_words_still_find_old_claims(
    client_as, client, monkeypatch
):
    """Each word brings only its newest claims, so a flood of newer claims sharing common
    words cannot crowd out an older fact-check that shares the rare ones."""
    from factcheck import search

    checked = publish(client_as, text="The refinery in Leuna leaked 40 tonnes of benzene.")
    for n in range(6):
        publish(client_as, text=f"Officials said the tonnes of waste grew by {n} percent.")
    monkeypatch.setattr(search, "PER_TERM", 3)
    items = matched(client, "A refinery in Leuna leaked 40 tonnes of benzene")
    assert items and items[0]["id"] == checked["id"]


def test_a_post_that_repeats_a_checked_claim_finds_it_among_claims_sharing_common_words(
    client_as, client
):
    """A social-media post is long, carries links and handles, and shares only a few rare
    words with the short claim it repeats; claims sharing its common words must not bury it."""
    checked = publish(client_as, text="Bill Gates planted microchips in COVID-19 vaccines.")
    for n in range(4):
        publish(client_as, text=f"People say the vaccines arrived in {n + 2} weeks this year.")
    post = (
        "Unbelievable conversation in my neighbourhood today: my grandparents ridiculously "
        "insist that people say Bill Gates put microchips in the vaccines!!! Misinformation "
        "everywhere #absolutelyinsane pic.twitter.com/q8Zr2LmAbCdEfG "
        "https://t.co/AbCdEfGhIjKlMn — Jane Doe (@janedoe) March 3, 2021"
    )
    items = matched(client, post)
    assert items and items[0]["id"] == checked["id"]
    assert all(0 < item["score"] <= 1 for item in items)


def test_an_imported_fact_check_is_matched_by_its_headline_too(client_as, client):
    """A headline often words a claim as posts repeat it; of two fact-checks of the same
    claim, the one whose headline the post repeats comes first."""

    def review(url, headline):
        return {
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": "A viral video shows a 10-meter-long snake in a river.",
            "headline": headline,
            "reviewRating": {"@type": "Rating", "alternateName": "Miscaptioned"},
        }

    document = [
        review("https://one.example/snake/", "Is This Snake Video From the Amazon?"),
        review("https://two.example/anaconda/", "Does Video Show an Anaconda Eating a Cow?"),
    ]
    report = client_as("editor").post("/api/v1/imports/claimreview", json=document).json
    first, second = [item["claim_id"] for item in report["items"]]
    items = matched(client, "Viral video: a giant anaconda eating a cow in a river!!")
    assert [item["id"] for item in items][:2] == [second, first]


def test_each_match_carries_the_fact_checks_rating_url_and_date(client_as, client, anonymous):
    """A match names the fact-check as readers see it (its published rating, its page, when it
    was published), so a client needs no second request; a correction under way changes
    nothing until it is published."""
    checked = publish(client_as, rating="mostly_false", text="Unemployment fell to 4.1% in March.")
    public = anonymous.get(f"/api/v1/fact-checks/{checked['id']}").json
    [item] = [
        m for m in matched(client, "Unemployment fell to 4.1% in March") if m["id"] == checked["id"]
    ]
    assert item["rating"] == "mostly_false" and item["rating_value"] == 2
    assert item["textual_rating"] == "Mostly false" == public["verdict"]["textual_rating"]
    # Where it is read, as its ClaimReview says: the reader page (alerts give the same).
    claim_review = anonymous.get(f"/api/v1/fact-checks/{checked['id']}/claimreview").json
    assert item["url"] == claim_review["url"]
    assert item["url"].endswith(f"/fact-checks/{checked['id']}") and "/api/" not in item["url"]
    assert item["published_at"] == public["published_at"] == checked["published_at"]
    # /similar answers the same items.
    incoming = create_claim(client, text="In March unemployment fell to 4.1 percent")
    similar = client.get(f"/api/v1/claims/{incoming['id']}/similar").json["items"]
    assert [m for m in similar if m["id"] == checked["id"]] == [item]
    # A correction under way: readers, and matches, keep the published rating.
    reviewer = client_as("reviewer")
    act(client, checked["id"], "reopen", note="New figures")
    reviewer.post(f"/api/v1/claims/{checked['id']}/verdicts", json={"rating": "true"})
    [during] = [
        m for m in matched(client, "Unemployment fell to 4.1% in March") if m["id"] == checked["id"]
    ]
    assert (during["rating"], during["url"]) == ("mostly_false", item["url"])


def test_an_imported_match_links_the_publishers_review(client_as, client):
    document = {
        "@type": "ClaimReview",
        "url": "https://checks.example/snake/",
        "datePublished": "2024-03-05",
        "claimReviewed": "A viral video shows a 10-meter-long snake in a river.",
        "reviewRating": {"@type": "Rating", "alternateName": "Miscaptioned"},
    }
    report = client_as("editor").post("/api/v1/imports/claimreview", json=document).json
    [imported] = [item["claim_id"] for item in report["items"]]
    [item] = matched(client, "Viral video shows a 10-meter-long snake in a river")
    assert item["id"] == imported and item["url"] == "https://checks.example/snake/"
    assert item["textual_rating"] == "Miscaptioned"
    assert item["rating"] in RATINGS
    assert item["published_at"].startswith("2024-03-05")
