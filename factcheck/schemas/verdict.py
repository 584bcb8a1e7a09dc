import marshmallow as ma

from factcheck.ratings import RATINGS
from factcheck.schemas.common import InputSchema, PatchSchema, page_schema
from factcheck.schemas.fields import HttpUrl, Text, one_of

ARTICLE_URL_DOC = (
    "The desk's own article presenting this fact-check, if it has one: ClaimReview's `url` "
    "then points there instead of our reader page /fact-checks/{id}"
)
CORRECTION_NOTE_DOC = (
    "Shown to readers when this verdict corrects a published one: what changed and why"
)


class VerdictIn(InputSchema):
    rating = ma.fields.String(required=True, validate=one_of(RATINGS))
    textual_rating = Text(
        100, metadata={"description": "The rating in the desk's words; defaults from `rating`"}
    )
    summary = Text(10_000, multiline=True, allow_none=True)
    article_url = HttpUrl(allow_none=True, metadata={"description": ARTICLE_URL_DOC})
    correction_note = Text(
        2_000, multiline=True, allow_none=True, metadata={"description": CORRECTION_NOTE_DOC}
    )


class VerdictPatch(VerdictIn, PatchSchema):
    pass


class VerdictOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    claim_id = ma.fields.Integer(required=True)
    rating = ma.fields.String(required=True, validate=one_of(RATINGS))
    rating_value = ma.fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "schema.org ratingValue, 1 (false) to 5 (true); null if unrated"},
    )
    textual_rating = ma.fields.String(required=True)
    summary = ma.fields.String(required=True, allow_none=True)
    article_url = ma.fields.String(
        required=True, allow_none=True, metadata={"description": ARTICLE_URL_DOC}
    )
    correction_note = ma.fields.String(
        required=True, allow_none=True, metadata={"description": CORRECTION_NOTE_DOC}
    )
    author_id = ma.fields.Integer(required=True, allow_none=True)
    approved_by_id = ma.fields.Integer(required=True, allow_none=True)
    approved_at = ma.fields.DateTime(required=True, allow_none=True)
    published_at = ma.fields.DateTime(required=True, allow_none=True)
    created_at = ma.fields.DateTime(required=True)
    updated_at = ma.fields.DateTime(required=True)


VerdictPage = page_schema(VerdictOut, "VerdictPage")
