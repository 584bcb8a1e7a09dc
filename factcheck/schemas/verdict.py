import marshmallow as ma

from factcheck.ratings import RATINGS
from factcheck.schemas.common import InputSchema, PatchSchema, page_schema
from factcheck.schemas.fields import Text, one_of


class VerdictIn(InputSchema):
    rating = ma.fields.String(required=True, validate=one_of(RATINGS))
    textual_rating = Text(
        100, metadata={"description": "The rating in the desk's words; defaults from `rating`"}
    )
    summary = Text(10_000, multiline=True, allow_none=True)


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
    author_id = ma.fields.Integer(required=True, allow_none=True)
    approved_by_id = ma.fields.Integer(required=True, allow_none=True)
    approved_at = ma.fields.DateTime(required=True, allow_none=True)
    published_at = ma.fields.DateTime(required=True, allow_none=True)
    created_at = ma.fields.DateTime(required=True)
    updated_at = ma.fields.DateTime(required=True)


VerdictPage = page_schema(VerdictOut, "VerdictPage")
