import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from factcheck.claimreview import ImportedReview, ParseError, export, feed, parse

FIXTURES = Path(__file__).parent / "fixtures"


def load(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def review(**changes):
    item = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checker.example/fc/1",
        "claimReviewed": "The moon is made of cheese.",
        "datePublished": "2024-03-01",
        "author": {
            "@type": "Organization",
            "name": "Checker",
            "url": "https://www.checker.example",
        },
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Jane Doe"}},
    }
    item.update(changes)
    return {k: v for k, v in item.items() if v is not None}


def only(document):
    reviews, skipped = parse(document)
    assert skipped == []
    assert len(reviews) == 1
    return reviews[0]


def test_google_fact_check_tools_claim():
    got = only(load("google_fact_check_raw.json"))
    assert got.review_url.startswith("https://www.vishvasnews.com/urdu/society/viral-video")
    assert got.claim_reviewed == "کانپور کے ہیلٹ اسپتال میں مریض کی پٹائی کرتا ڈاکٹر"
    assert got.claimant == "FB User-Harshit Pandey"
    assert got.claim_date == date(2019, 6, 20)
    assert got.review_date == datetime(2019, 6, 20, 12, 12, 40, tzinfo=UTC)
    assert got.publisher_name is None
    assert got.publisher_site == "vishvasnews.com"
    assert got.language == "ur"
    assert (got.rating, got.rating_value, got.textual_rating) == ("false", 1, "False")
    assert got.title.startswith("فیکٹ چیک")


def test_google_claims_search_response_with_several_reviews():
    claim = load("google_fact_check_raw.json")
    second = dict(claim["claimReview"][0], url="https://other.example/fc", textualRating="Mixed")
    claim["claimReview"].append(second)
    reviews, skipped = parse({"claims": [claim], "nextPageToken": "x"})
    assert skipped == []
    assert [r.rating for r in reviews] == ["false", "half_true"]


def test_data_commons_feed_item():
    got = only(load("data_commons_raw.json"))
    assert got.review_url == "https://www.presseportal.de/pm/133833/4381130"
    assert got.claim_reviewed.startswith("Im Netz sorgt ein angebliches Zitat")
    assert got.claimant == "Irmin Suhl"
    assert got.claim_date == date(2019, 9, 7)
    assert got.review_date == date(2019, 9, 20)
    assert got.appearance_urls == [
        "https://www.facebook.com/photo.php?fbid=389949688569877&set=a.155170952047753&type=3&theater"
    ]
    assert got.publisher_name == "Deutsche Presse-Agentur"
    assert got.publisher_site == "presseportal.de"
    assert got.language is None
    # The rating is a sentence: "Reker never said this. «Utter nonsense», says the city."
    assert got.rating == "false"
    assert got.textual_rating.startswith("Reker hat diesen Satz nie gesagt.")


def test_data_commons_feed_with_item_as_object_or_list():
    element = load("data_commons_raw.json")
    as_object = dict(element, item=element["item"][0])
    document = {"@type": "DataFeed", "dataFeedElement": [element, as_object]}
    reviews, skipped = parse(document)
    assert len(reviews) == 1
    assert skipped == [(1, "duplicate of item 0")]


def test_publisher_samples():
    reviews, skipped = parse(load("publishers.json"))
    by_url = {r.review_url.rsplit("/", 2)[-2]: r for r in reviews}
    assert skipped == [(3, "not a ClaimReview (WebSite)")]  # the @graph's WebSite
    assert len(reviews) == 5
    politifact = by_url["no-evidence-45000-deaths-covid-19-vaccines"]
    assert (politifact.rating, politifact.textual_rating) == ("false", "Pants on Fire")
    assert politifact.publisher_name == "politifact"  # the Organization, not the writer
    assert politifact.publisher_site == "politifact.com"
    assert politifact.title == "No evidence of 45,000 deaths from COVID-19 vaccines"
    assert by_url["biden-unvaccinated-camps"].rating == "misleading"
    assert by_url["biden-unvaccinated-camps"].claim_date == date(2021, 7, 20)
    legend = by_url["rules-for-teachers-1872"]
    assert (legend.rating, legend.rating_value) == ("unverifiable", None)
    assert legend.publisher_name == "snopes"
    assert legend.review_date == date(2000, 10, 19)
    assert by_url["tetanus-risk-social-media"].rating == "false"
    assert by_url["joel-osteen-ferrari"].rating == "misleading"


@pytest.mark.parametrize(
    "kind", ["ClaimReview", ["ClaimReview"], "schema:ClaimReview", "http://schema.org/ClaimReview"]
)
def test_type_spellings_and_no_context(kind):
    item = review(**{"@type": kind})
    del item["@context"]
    assert only(item).rating == "false"


def test_schema_prefixed_keys():
    item = {
        "@type": "schema:ClaimReview",
        "schema:url": "https://checker.example/fc/1",
        "schema:claimReviewed": "x",
        "schema:reviewRating": {"@type": "schema:Rating", "schema:alternateName": "True"},
    }
    assert only(item).rating == "true"


def test_array_and_graph():
    reviews, skipped = parse([review(), {"@graph": [review(url="https://checker.example/fc/2")]}])
    assert [r.review_url for r in reviews] == [
        "https://checker.example/fc/1",
        "https://checker.example/fc/2",
    ]
    assert skipped == []


@pytest.mark.parametrize(
    "author, name",
    [
        ("Checker", "Checker"),
        ({"@type": "Organization", "name": "Checker"}, "Checker"),
        (
            [{"@type": "Person", "name": "A Writer"}, {"@type": "Organization", "name": "Desk"}],
            "Desk",
        ),
        ([{"@type": "Person", "name": "A Writer"}], "A Writer"),
    ],
)
def test_author_shapes(author, name):
    assert only(review(author=author)).publisher_name == name


def test_publisher_when_the_author_is_a_person():
    item = review(
        author={"@type": "Person", "name": "A Writer"},
        publisher={"@type": "Organization", "name": "Desk", "url": "https://desk.example"},
    )
    got = only(item)
    assert (got.publisher_name, got.publisher_site) == ("Desk", "desk.example")


def test_site_falls_back_on_the_review_url():
    assert only(review(author="Checker")).publisher_site == "checker.example"


@pytest.mark.parametrize(
    "claimant, expected",
    [
        ("Jane Doe", "Jane Doe"),
        ({"@type": "Person", "name": "Jane Doe"}, "Jane Doe"),
        ([{"name": "Facebook posts"}, "Instagram posts"], "Facebook posts, Instagram posts"),
        ({"@type": "Organization", "url": "https://x.example"}, None),
    ],
)
def test_claimant_shapes(claimant, expected):
    item = review(itemReviewed={"@type": "Claim", "author": claimant})
    assert only(item).claimant == expected


def test_appearance_shapes_first_appearance_first():
    claim = {
        "@type": "Claim",
        "appearance": [
            "https://a.example/1",
            {"@type": "CreativeWork", "url": "https://a.example/2", "datePublished": "2024-01-05"},
            [{"@id": "https://a.example/3"}],
            "not a url",
        ],
        "firstAppearance": {"@type": "CreativeWork", "url": "https://a.example/2"},
    }
    got = only(review(itemReviewed=claim))
    assert got.appearance_urls == [
        "https://a.example/2",
        "https://a.example/1",
        "https://a.example/3",
    ]
    assert got.claim_date == date(2024, 1, 5)  # from the appearance's date
    one = only(review(itemReviewed={"appearance": "https://a.example/9"}))
    assert one.appearance_urls == ["https://a.example/9"]


@pytest.mark.parametrize(
    "rating, ours, textual",
    [
        ({"alternateName": "Mostly True"}, "mostly_true", "Mostly True"),
        ({"ratingValue": "2"}, "mostly_false", None),
        ({"ratingValue": "8", "bestRating": "10", "worstRating": "0"}, "mostly_true", None),
        ({"ratingValue": 1, "bestRating": 7, "alternateName": "Ausgedacht"}, "false", "Ausgedacht"),
        ({"name": "False"}, "false", "False"),
        ([{"alternateName": "Faux"}], "false", "Faux"),
        ({"alternateName": "Something else entirely"}, "unverifiable", "Something else entirely"),
    ],
)
def test_rating_shapes(rating, ours, textual):
    got = only(review(reviewRating=rating))
    assert (got.rating, got.textual_rating) == (ours, textual)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2024-03-01", date(2024, 3, 1)),
        ("2024-03-01T10:00:00Z", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        ("2024-03-01T12:00:00+02:00", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        ("2024-03-01 10:00:00", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        ("March 1, 2024", date(2024, 3, 1)),
        ("1 March 2024", date(2024, 3, 1)),
        ("Mar 1st, 2024", date(2024, 3, 1)),
        ("01/03/2024", date(2024, 3, 1)),
        ("Fri, 01 Mar 2024 10:00:00 GMT", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        ("yesterday", None),
        (20240301, None),
    ],
)
def test_date_formats(raw, expected):
    assert only(review(datePublished=raw)).review_date == expected


@pytest.mark.parametrize(
    "language, expected",
    [("de", "de"), ("pt_br", "pt-BR"), ({"@type": "Language", "name": "Spanish"}, "es")],
)
def test_languages(language, expected):
    got = only(review(inLanguage=language, reviewRating={"alternateName": "Falso"}))
    assert (got.language, got.rating) == (expected, "false")


def test_summary_and_title():
    got = only(review(name="Cheese moon", reviewBody="It is rock.", headline="ignored"))
    assert (got.title, got.summary) == ("Cheese moon", "It is rock.")
    assert only(review(description="Rock &amp; dust.")).summary == "Rock & dust."


def test_bad_items_are_skipped_and_the_rest_read():
    document = [
        review(),
        "https://not.an.object",
        {"@type": "WebPage", "url": "https://x.example"},
        review(claimReviewed=None, url="https://checker.example/fc/3"),
        review(url=None, claimReviewed="No url"),
        review(url="/relative/4", claimReviewed="Relative url"),
        review(reviewRating=None, url="https://checker.example/fc/5"),
        {"author": "no type, no claimReviewed"},
        review(),
        review(url="https://checker.example/fc/9", claimReviewed="Still read"),
    ]
    reviews, skipped = parse(document)
    assert [r.claim_reviewed for r in reviews] == ["The moon is made of cheese.", "Still read"]
    assert skipped == [
        (1, "not an object (str)"),
        (2, "not a ClaimReview (WebPage)"),
        (3, "no claimReviewed"),
        (4, "no review url"),
        (5, "review url is not absolute"),
        (6, "no reviewRating"),
        (7, "not a ClaimReview (no @type, no claimReviewed)"),
        (8, "duplicate of item 0"),
    ]


def test_json_text_bytes_and_html_pages():
    text = json.dumps(review())
    assert only(text).rating == "false"
    assert only(text.encode()).rating == "false"
    page = (
        "<html><head><script type='application/ld+json'>{broken</script>"
        f'<script type="application/ld+json">{text}</script></head></html>'
    )
    reviews, skipped = parse(page)
    assert len(reviews) == 1
    assert skipped[0][0] == 0 and skipped[0][1].startswith("invalid JSON-LD block")


@pytest.mark.parametrize("document", [42, None, "not json", "<html>no json-ld</html>", '"x"'])
def test_unreadable_documents(document):
    with pytest.raises(ParseError):
        parse(document)
    assert issubclass(ParseError, ValueError)


FACT_CHECK = {
    "id": 7,
    "text": "Crime doubled last year.",
    "quote": "crime has doubled",
    "claimant": "City Hall officials",
    "claim_date": "2024-02-10",
    "appearance_url": "https://video.example/watch/1",
    "article_url": "https://news.example/crime",
    "language": "fr",
    "verdict": {
        "rating": "misleading",
        "rating_value": 2,
        "textual_rating": "Cherry-picks one district",
        "summary": "Only one district doubled.",
        "published_at": "2024-02-12T08:00:00Z",
    },
    "sources": [],
    "published_at": "2024-02-12T08:00:00Z",
    "corrected_at": "2024-02-13T09:00:00Z",
    "tags": [],
}
ORG = {"name": "Factcheck Desk", "url": "https://factcheck.example.org"}


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"verdict": {"rating": "unverifiable", "textual_rating": "Unverifiable"}},
        {"verdict": {"rating": "half_true", "textual_rating": "Needs context"}},
        {"verdict": {"rating": "true", "textual_rating": None}},
        {"claimant": None, "claim_date": None, "appearance_url": None, "article_url": None},
        {"appearance_url": None, "language": None},
    ],
)
def test_round_trip(changes):
    fact_check = {**FACT_CHECK, **changes}
    url = "https://factcheck.example.org/fact-checks/7"
    got = only(export(fact_check, organisation=ORG, url=url))
    verdict = fact_check["verdict"]
    assert isinstance(got, ImportedReview)
    assert got.review_url == url
    assert got.claim_reviewed == fact_check["text"]
    assert got.claimant == fact_check["claimant"]
    assert got.rating == verdict["rating"]
    expected_text = verdict["textual_rating"] or verdict["rating"].replace("_", " ").capitalize()
    assert got.textual_rating == expected_text
    assert got.review_date == date(2024, 2, 12)
    expected_day = fact_check["claim_date"] and date.fromisoformat(fact_check["claim_date"])
    assert got.claim_date == expected_day
    urls = [u for u in (fact_check["appearance_url"], fact_check["article_url"]) if u]
    assert got.appearance_urls == urls
    assert got.language == fact_check["language"]
    assert (got.publisher_name, got.publisher_site) == ("Factcheck Desk", "factcheck.example.org")
    assert got.summary == verdict.get("summary")


def test_round_trip_through_a_feed():
    items = [
        {**FACT_CHECK, "url": f"https://factcheck.example.org/fact-checks/{n}"} for n in (1, 2)
    ]
    page = feed(
        items, next_url=None, feed_url="https://factcheck.example.org/feed", organisation=ORG
    )
    reviews, skipped = parse(page)
    assert skipped == []
    assert [r.review_url for r in reviews] == [i["url"] for i in items]
    assert {r.rating for r in reviews} == {"misleading"}
