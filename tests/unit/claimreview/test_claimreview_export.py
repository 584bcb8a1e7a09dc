from datetime import UTC, date, datetime

import pytest

from factcheck.claimreview import claimant_type, export, feed

ORG = {"name": "Factcheck Desk", "url": "https://factcheck.example.org"}
URL = "https://factcheck.example.org/fact-checks/42"


def fact_check(**changes):
    item = {
        "id": 42,
        "text": "Unemployment fell to 4.1% in March.",
        "quote": "Unemployment fell to 4.1% in March",
        "claimant": "Labour minister Jane Doe",
        "claim_date": date(2024, 4, 2),
        "appearance_url": "https://social.example.com/janedoe/status/1",
        "article_url": "https://news.example.com/2024/04/02/jobs",
        "language": "en-GB",
        "verdict": {
            "rating": "mostly_false",
            "rating_value": 2,
            "textual_rating": "Mostly false",
            "summary": "It fell to 4.3%.",
            "published_at": datetime(2024, 4, 5, 9, 30, tzinfo=UTC),
        },
        "sources": [
            {
                "url": "https://stats.example.gov/labour-market",
                "title": "Labour market overview",
                "publisher": "Statistics Office",
                "stance": "refutes",
                "excerpt": "4.3%",
            }
        ],
        "published_at": datetime(2024, 4, 5, 9, 30, tzinfo=UTC),
        "corrected_at": None,
        "tags": ["economy"],
    }
    item.update(changes)
    return item


def test_every_property_with_its_type():
    review = export(fact_check(), organisation=ORG, url=URL)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["url"] == URL
    assert review["claimReviewed"] == "Unemployment fell to 4.1% in March."
    assert review["datePublished"] == "2024-04-05"
    assert "dateModified" not in review
    assert review["author"] == {"@type": "Organization", "name": ORG["name"], "url": ORG["url"]}
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
        "name": "Mostly false",
    }
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"] == {"@type": "Person", "name": "Labour minister Jane Doe"}
    assert claim["datePublished"] == "2024-04-02"
    assert claim["appearance"] == [
        {"@type": "CreativeWork", "url": "https://social.example.com/janedoe/status/1"},
        {"@type": "CreativeWork", "url": "https://news.example.com/2024/04/02/jobs"},
    ]
    assert claim["firstAppearance"] == {
        "@type": "CreativeWork",
        "url": "https://social.example.com/janedoe/status/1",
    }
    assert review["inLanguage"] == "en-GB"
    assert review["reviewBody"] == "It fell to 4.3%."
    assert review["citation"] == [
        {
            "@type": "CreativeWork",
            "url": "https://stats.example.gov/labour-market",
            "name": "Labour market overview",
            "publisher": {"@type": "Organization", "name": "Statistics Office"},
        }
    ]
    assert review["keywords"] == ["economy"]


def test_iso_strings_are_accepted_and_a_correction_sets_date_modified():
    review = export(
        fact_check(
            published_at="2024-04-05T23:30:00-02:00",
            corrected_at="2024-04-07T08:00:00Z",
            claim_date="2024-04-02",
        ),
        organisation=ORG,
        url=URL,
    )
    assert review["datePublished"] == "2024-04-06"  # in UTC
    assert review["dateModified"] == "2024-04-07T08:00:00+00:00"
    assert review["itemReviewed"]["datePublished"] == "2024-04-02"


def test_unverifiable_has_no_rating_value():
    verdict = {"rating": "unverifiable", "textual_rating": None, "summary": None}
    rating = export(fact_check(verdict=verdict), organisation=ORG, url=URL)["reviewRating"]
    assert "ratingValue" not in rating
    assert rating["alternateName"] == "Unverifiable"
    assert (rating["bestRating"], rating["worstRating"]) == (5, 1)


def test_unknowns_are_left_out():
    review = export(
        fact_check(
            claimant=None,
            claim_date=None,
            appearance_url=None,
            article_url=None,
            language=None,
            sources=[],
            tags=[],
        ),
        organisation={"name": "Factcheck Desk"},
        url=URL,
    )
    assert review["itemReviewed"] == {"@type": "Claim"}
    assert review["author"] == {"@type": "Organization", "name": "Factcheck Desk"}
    for key in ("inLanguage", "citation", "keywords"):
        assert key not in review


def test_only_the_article_is_the_first_appearance_when_there_is_nothing_else():
    review = export(fact_check(appearance_url=None), organisation=ORG, url=URL)
    article = {"@type": "CreativeWork", "url": "https://news.example.com/2024/04/02/jobs"}
    assert review["itemReviewed"]["appearance"] == [article]
    assert review["itemReviewed"]["firstAppearance"] == article


def test_unknown_rating_is_refused():
    with pytest.raises(ValueError):
        export(fact_check(verdict={"rating": "pants_on_fire"}), organisation=ORG, url=URL)


@pytest.mark.parametrize(
    "name, kind",
    [
        ("Labour minister Jane Doe", "Person"),
        ("Donald Trump", "Person"),
        ("Bernie Sanders", "Person"),
        ("FB User-Harshit Pandey", "Person"),
        ("Ministry of Health", "Organization"),
        ("Kremlin", "Organization"),
        ("U.S. officials", "Organization"),
        ("anti-vaccine activists", "Organization"),
        ("The New York Times", "Organization"),
        ("Fox News", "Organization"),
        ("Republican Party", "Organization"),
        ("Biden campaign", "Organization"),
        ("Acme Inc", "Organization"),
        ("Office of the Prime Minister", "Organization"),
        ("Government of India", "Organization"),
        ("Instagram posts", "Organization"),
        ("WHO", "Organization"),
        ("AfD", "Organization"),
        ("example.com", "Organization"),
    ],
)
def test_claimant_person_or_organisation(name, kind):
    assert claimant_type(name) == kind


def test_feed_shape_and_paging():
    first = fact_check(url=URL)
    second = fact_check(
        url=URL + "3",
        published_at="2024-04-06T10:00:00Z",
        corrected_at="2024-04-08T10:00:00Z",
    )
    page = feed(
        [first, second],
        next_url="https://factcheck.example.org/claimreview.json?cursor=abc",
        feed_url="https://factcheck.example.org/claimreview.json",
        organisation=ORG,
    )
    assert page["@context"] == "https://schema.org"
    assert page["@type"] == "DataFeed"
    assert page["url"] == "https://factcheck.example.org/claimreview.json"
    assert page["nextPage"] == "https://factcheck.example.org/claimreview.json?cursor=abc"
    assert page["dateModified"] == "2024-04-08T10:00:00+00:00"
    elements = page["dataFeedElement"]
    assert [e["@type"] for e in elements] == ["DataFeedItem", "DataFeedItem"]
    assert elements[0]["dateCreated"] == "2024-04-05T09:30:00+00:00"
    assert "dateModified" not in elements[0]
    assert elements[1]["dateModified"] == "2024-04-08T10:00:00+00:00"
    assert isinstance(elements[0]["item"], list)
    assert elements[0]["item"][0] == export(first, organisation=ORG, url=URL)
    assert elements[1]["item"][0]["url"] == URL + "3"


def test_last_feed_page_has_no_next_and_takes_exported_reviews():
    review = export(fact_check(), organisation=ORG, url=URL)
    page = feed([review], next_url=None, feed_url="https://f.example/feed", organisation=ORG)
    assert "nextPage" not in page
    assert page["dataFeedElement"][0]["item"] == [review]
    assert page["dataFeedElement"][0]["dateCreated"] == "2024-04-05"


def test_feed_items_need_their_url():
    with pytest.raises(ValueError):
        feed([fact_check()], next_url=None, feed_url="https://f.example/feed", organisation=ORG)
