"""The ClaimReview parser under hostile documents: bounded depth, a cap on the flattened items,
linear-time HTML scanning, bounded numbers, and the API's text rules item by item."""

import contextlib
import importlib
import json
from datetime import date

import pytest

from factcheck.claimreview import MAX_DEPTH, ParseError, item_count, parse

# The module (the package's `parse` attribute is the function).
parse_module = importlib.import_module("factcheck.claimreview.parse")
SCANNING_PATTERNS = ("_SCRIPT_OPEN", "_SCRIPT_CLOSE", "_LD_JSON_TYPE")


def review(n: int = 0, **changes) -> dict:
    return {
        "@type": "ClaimReview",
        "url": f"https://checker.example/fc/{n}",
        "claimReviewed": f"Claim {n}.",
        "author": {"@type": "Organization", "name": "Checker"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "itemReviewed": {"@type": "Claim", "author": "Jane Doe"},
        **changes,
    }


def nested(depth: int):
    """A list `depth` levels deep (the outermost counts as 1) holding one review."""
    document = review()
    for _ in range(depth - 1):
        document = [document]
    return document


# Depth


def test_documents_nested_beyond_the_limit_are_refused_whole():
    for document in (nested(900), {"@graph": nested(5000)}, json.dumps(nested(900))):
        with pytest.raises(ParseError, match=f"nested more than {MAX_DEPTH} levels"):
            parse(document)


def test_json_text_too_deep_for_the_json_parser_is_a_parse_error():
    with pytest.raises(ParseError):
        parse("[" * 100_000 + "]" * 100_000)


def test_nesting_up_to_the_limit_is_read():
    # The review itself is 3 levels deep (review -> itemReviewed -> its author is a string).
    reviews, skipped = parse(nested(MAX_DEPTH - 1))
    assert len(reviews) == 1 and skipped == []


# Items counted as parse() reads them, for the API's cap on an import


@pytest.mark.parametrize(
    "wrap",
    [
        lambda items: items,
        lambda items: {"@graph": items},
        lambda items: [{"@graph": items[:10]}, items[10:]],
        lambda items: {"@type": "DataFeed", "dataFeedElement": [{"item": items}]},
        lambda items: {"@type": "DataFeedItem", "item": [[items]]},
        lambda items: {"claims": [{"text": "x", "claimReview": items}]},  # claims:search
        lambda items: (
            "<html>"
            + "".join(
                f'<script type="application/ld+json">{json.dumps(item)}</script>' for item in items
            )
        ),
    ],
)
def test_item_count_counts_what_parse_reads_without_reading_it(monkeypatch, wrap):
    document = wrap([review(n) for n in range(1500)])
    reviews, skipped = parse(document)
    assert len(reviews) + len(skipped) == 1500

    def read(item):
        raise AssertionError("counting read an item")

    monkeypatch.setattr(parse_module, "_read", read)
    assert item_count(document) == 1500


def test_items_that_are_not_reviews_count_too():
    assert item_count({"@graph": [review(), 1, "x", None, [2, {"@type": "WebSite"}]]}) == 6


@pytest.mark.parametrize("document", [42, "not json", "<html>no json-ld</html>", nested(900)])
def test_a_document_refused_whole_counts_no_items(document):
    assert item_count(document) == 0
    with pytest.raises(ParseError):
        parse(document)


# HTML pages: the script scanner reads each character a bounded number of times


class CountingPattern:
    """A compiled pattern that adds up how far each search ran (from its start to where it
    matched, or to the end of the text when it did not)."""

    def __init__(self, pattern):
        self.pattern = pattern
        self.scanned = 0

    def search(self, text, pos=0, *args):
        found = self.pattern.search(text, pos, *args)
        self.scanned += (found.end() if found else len(text)) - pos
        return found


def scanned(monkeypatch, page: str) -> int:
    patterns = {name: CountingPattern(getattr(parse_module, name)) for name in SCANNING_PATTERNS}
    for name, pattern in patterns.items():
        monkeypatch.setattr(parse_module, name, pattern)
    with contextlib.suppress(ParseError):
        parse(page)
    return sum(pattern.scanned for pattern in patterns.values())


PATHOLOGICAL = {
    "unclosed script elements": lambda n: '<script type="application/ld+json">' * n,
    "script tags that never end": lambda n: "<script type='application/ld+json' data-x=" * n,
    "closing tags that never end": lambda n: "<script type=application/ld+json>" + "</script " * n,
    "long attribute lists": lambda n: "<script" + ' type = "text/plain"' * n + ">{}</script>",
    "many other scripts": lambda n: '<script type="text/javascript">1</script>' * n,
}


@pytest.mark.parametrize("repeat", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_html_scanning_grows_linearly_with_the_page(monkeypatch, repeat):
    small, large = "<html>" + repeat(1000), "<html>" + repeat(4000)
    work_small, work_large = scanned(monkeypatch, small), scanned(monkeypatch, large)
    # Every character is looked at by at most a few searches, whatever the page holds: the
    # regex this replaced rescanned the rest of the page from every unclosed tag.
    assert work_small <= 3 * len(small)
    assert work_large <= 3 * len(large)
    assert work_large <= 5 * work_small


def test_script_blocks_are_found_however_they_are_written():
    page = (
        "<html><head>"
        '<script src="/app.js"></script>'
        "<SCRIPT TYPE=application/ld+json>" + json.dumps(review(1)) + "</SCRIPT >"
        '<script type="text/javascript">var x = "<b>";</script>'
        "<script id=x type='application/ld+json'>" + json.dumps(review(2)) + "</script>"
        '<script type="application/ld+json">{broken</script>'
        "</head></html>"
    )
    reviews, skipped = parse(page)
    assert [r.review_url for r in reviews] == [
        "https://checker.example/fc/1",
        "https://checker.example/fc/2",
    ]
    assert [index for index, _ in skipped] == [2]


# Numbers Python cannot turn into an int, and NaN


def test_absurd_numbers_in_json_text_are_parse_errors_not_crashes():
    for text in ("[" + "1" * 5000 + "]", '{"@graph": [NaN]}', "[1e999]"):
        with pytest.raises(ParseError):
            parse(text)


def test_absurd_numbers_in_a_page_block_skip_that_block():
    page = (
        '<html><script type="application/ld+json">{"ratingValue": ' + "9" * 5000 + "}</script>"
        f'<script type="application/ld+json">{json.dumps(review(1))}</script></html>'
    )
    reviews, skipped = parse(page)
    assert len(reviews) == 1
    assert skipped == [(0, "invalid JSON-LD block: a number is longer than 100 characters")]


def test_ratings_and_dates_past_the_float_and_date_limits_are_unknown_not_errors():
    item = review(
        reviewRating={"ratingValue": "1e308", "bestRating": "1e308", "worstRating": "0"},
        datePublished="0001-01-01T00:00:00+14:00",
        itemReviewed={"datePublished": "9999-12-31T23:59:59-01:00"},
    )
    (got,), skipped = parse([item])
    assert skipped == []
    assert (got.rating, got.review_date, got.claim_date) == ("unverifiable", None, None)
    (got,), _ = parse([review(reviewRating={"ratingValue": 10**400})])
    assert got.rating == "unverifiable"


# Text: the API's rules, item by item


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"claimReviewed": "Lone \ud800 surrogate."}, "claimReviewed"),
        ({"claimReviewed": "NUL \x00 byte."}, "claimReviewed"),
        ({"claimReviewed": "Escape \x1b[31m."}, "claimReviewed"),
        ({"itemReviewed": {"author": {"name": "Jane\x00"}}}, "itemReviewed.author"),
        ({"author": {"@type": "Organization", "name": "Check\udfffer"}}, "author or publisher"),
        ({"name": "Title\x7f"}, "name"),
        ({"reviewRating": {"alternateName": "False\x08"}}, "reviewRating"),
        ({"reviewBody": "Summary\x0c."}, "reviewBody"),
        ({"inLanguage": "en-\x01"}, "inLanguage"),
    ],
)
def test_control_characters_and_surrogates_skip_the_item_naming_the_field(changes, field):
    reviews, skipped = parse([review(0), review(1, **changes), review(2)])
    assert [r.index for r in reviews] == [0, 2]
    ((index, reason),) = skipped
    assert index == 1
    assert reason == f"{field}: control characters and unpaired surrogates are not allowed"


def test_line_breaks_fold_in_names_and_titles_and_stay_in_claims_and_summaries():
    item = review(
        claimReviewed="First line.\nSecond line.",
        reviewBody="Para one.\r\n\r\nPara two.",
        name="A title\n  wrapped\tby markup",
        itemReviewed={"author": "Jane\nDoe", "datePublished": "2024-01-02"},
    )
    ((got,), skipped) = parse([item])
    assert skipped == []
    assert got.claim_reviewed == "First line.\nSecond line."
    assert got.summary == "Para one.\r\n\r\nPara two."
    assert got.title == "A title   wrapped by markup"
    assert got.claimant == "Jane Doe"
    assert got.claim_date == date(2024, 1, 2)
