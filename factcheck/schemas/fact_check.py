"""Published fact-checks as frontends read them: no internal workflow fields."""

import marshmallow as ma

from factcheck import search
from factcheck.ratings import RATINGS
from factcheck.schemas.common import PageQuery, page_schema
from factcheck.schemas.fields import Language, Text, one_of
from factcheck.schemas.verdict import ARTICLE_URL_DOC, CORRECTION_NOTE_DOC


class PublishedVerdictOut(ma.Schema):
    rating = ma.fields.String(required=True, validate=one_of(RATINGS))
    rating_value = ma.fields.Integer(required=True, allow_none=True)
    textual_rating = ma.fields.String(required=True)
    summary = ma.fields.String(required=True, allow_none=True)
    article_url = ma.fields.String(
        required=True, allow_none=True, metadata={"description": ARTICLE_URL_DOC}
    )
    correction_note = ma.fields.String(
        required=True, allow_none=True, metadata={"description": CORRECTION_NOTE_DOC}
    )
    published_at = ma.fields.DateTime(required=True)


class PublishedSourceOut(ma.Schema):
    url = ma.fields.String(required=True)
    title = ma.fields.String(required=True, allow_none=True)
    publisher = ma.fields.String(required=True, allow_none=True)
    stance = ma.fields.String(required=True)
    excerpt = ma.fields.String(required=True, allow_none=True)
    published_at = ma.fields.DateTime(required=True, allow_none=True)


class FactCheckOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    claim = ma.fields.String(required=True, attribute="text")
    quote = ma.fields.String(required=True, allow_none=True)
    claimant = ma.fields.String(required=True, allow_none=True)
    claim_date = ma.fields.Date(required=True, allow_none=True)
    appearance_url = ma.fields.String(required=True, allow_none=True)
    language = ma.fields.String(required=True, allow_none=True)
    tags = ma.fields.List(ma.fields.String(), required=True)
    verdict = ma.fields.Nested(PublishedVerdictOut, required=True, attribute="published_verdict")
    sources = ma.fields.List(ma.fields.Nested(PublishedSourceOut), required=True)
    published_at = ma.fields.DateTime(required=True)
    corrected_at = ma.fields.DateTime(
        required=True, allow_none=True, metadata={"description": "Last correction, if any"}
    )


class FactCheckQuery(PageQuery):
    q = Text(
        200,
        metadata={"description": "Full-text search, by relevance. " + search.QUERY_LANGUAGE},
    )
    language = Language()
    claimant = Text(200)


FactCheckPage = page_schema(FactCheckOut, "FactCheckPage")
