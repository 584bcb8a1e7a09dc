"""ClaimReview objects from ClaimsKG extractor CSV files (flattened ClaimReview rows)."""

import csv
from pathlib import Path

# Review bodies can be long; the csv module refuses fields over 128 KB by default.
csv.field_size_limit(10**8)


def _put(target: dict, key: str, value) -> None:
    if value not in ("", None):
        target[key] = value


def _review(row: dict) -> dict:
    review = {"@context": "https://schema.org", "@type": "ClaimReview"}
    _put(review, "url", row.get("claimReview_url"))
    _put(review, "claimReviewed", row.get("claimReview_claimReviewed"))
    _put(review, "datePublished", row.get("claimReview_datePublished"))
    _put(review, "name", row.get("extra_title"))
    authors = [{"@type": "Organization", "name": row.get("claimReview_author_name")}]
    # In these files creativeWork_author_name is the review's writer (it matches the
    # publisher's staff page), not the claimant, so it becomes a Person author of the review.
    if row.get("creativeWork_author_name"):
        writer = {"@type": "Person", "name": row["creativeWork_author_name"]}
        _put(writer, "url", row.get("claimReview_author_url"))
        authors.append(writer)
    review["author"] = authors
    rating = {"@type": "Rating"}
    for key in ("ratingValue", "bestRating", "worstRating", "alternateName"):
        _put(rating, key, row.get("rating_" + key))
    review["reviewRating"] = rating
    item = {"@type": "Claim"}
    _put(item, "datePublished", row.get("creativeWork_datePublished"))
    review["itemReviewed"] = item
    return review


def read(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [_review(row) for row in csv.DictReader(handle)]
