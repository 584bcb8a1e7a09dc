import marshmallow as ma

from factcheck.models import STANCES
from factcheck.schemas.common import InputSchema, PatchSchema, page_schema
from factcheck.schemas.fields import HttpUrl, Text, UtcDateTime, one_of


class SourceIn(InputSchema):
    url = HttpUrl(required=True)
    title = Text(500, allow_none=True)
    publisher = Text(200, allow_none=True)
    published_at = UtcDateTime(allow_none=True)
    stance = ma.fields.String(required=True, validate=one_of(STANCES))
    excerpt = Text(5000, multiline=True, allow_none=True)
    accessed_at = UtcDateTime(
        allow_none=True,
        metadata={"description": "When the source was read; defaults to the time of creation"},
    )


class SourcePatch(SourceIn, PatchSchema):
    pass


class SourceOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    claim_id = ma.fields.Integer(required=True)
    url = ma.fields.String(required=True)
    title = ma.fields.String(required=True, allow_none=True)
    publisher = ma.fields.String(required=True, allow_none=True)
    published_at = ma.fields.DateTime(required=True, allow_none=True)
    stance = ma.fields.String(required=True, validate=one_of(STANCES))
    excerpt = ma.fields.String(required=True, allow_none=True)
    accessed_at = ma.fields.DateTime(required=True, allow_none=True)
    created_at = ma.fields.DateTime(required=True)
    updated_at = ma.fields.DateTime(required=True)


SourcePage = page_schema(SourceOut, "SourcePage")
