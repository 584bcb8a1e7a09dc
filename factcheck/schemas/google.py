"""Google Fact Check Tools `claims:search`: its parameters and its answer, field for field."""

import marshmallow as ma
from marshmallow import validate

from factcheck import search
from factcheck.schemas.fields import Language, Text


class ClaimsSearchQuery(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    query = Text(
        200, metadata={"description": "Words to search for in claims. " + search.QUERY_LANGUAGE}
    )
    language_code = Language(data_key="languageCode")
    review_publisher_site_filter = ma.fields.String(
        data_key="reviewPublisherSiteFilter",
        validate=validate.Regexp(r"^[A-Za-z0-9.-]{1,255}$"),
        metadata={"description": "Only reviews published on this site, e.g. `politifact.com`"},
    )
    max_age_days = ma.fields.Integer(
        data_key="maxAgeDays", validate=validate.Range(min=1, max=36500)
    )
    page_size = ma.fields.Integer(
        data_key="pageSize", load_default=10, validate=validate.Range(min=1, max=100)
    )
    page_token = ma.fields.String(
        data_key="pageToken",
        validate=validate.Length(min=1, max=500),
        metadata={"pattern": r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_=-]+$"},
    )


class Publisher(ma.Schema):
    name = ma.fields.String(required=True, allow_none=True)
    site = ma.fields.String(required=True, allow_none=True)


class ClaimReviewEntry(ma.Schema):
    publisher = ma.fields.Nested(Publisher, required=True)
    url = ma.fields.String(required=True)
    title = ma.fields.String(required=True, allow_none=True)
    review_date = ma.fields.DateTime(data_key="reviewDate", required=True, allow_none=True)
    textual_rating = ma.fields.String(data_key="textualRating", required=True, allow_none=True)
    language_code = ma.fields.String(data_key="languageCode", required=True, allow_none=True)


class SearchedClaim(ma.Schema):
    text = ma.fields.String(required=True)
    claimant = ma.fields.String(required=True, allow_none=True)
    claim_date = ma.fields.DateTime(data_key="claimDate", required=True, allow_none=True)
    claim_review = ma.fields.List(
        ma.fields.Nested(ClaimReviewEntry), data_key="claimReview", required=True
    )


class ClaimsSearchResult(ma.Schema):
    claims = ma.fields.List(ma.fields.Nested(SearchedClaim), required=True)
    next_page_token = ma.fields.String(data_key="nextPageToken", required=True, allow_none=True)
