import marshmallow as ma

from factcheck.schemas.common import (
    MAX_BODY_CHARS,
    InputSchema,
    PageQuery,
    PatchSchema,
    page_schema,
)
from factcheck.schemas.fields import HttpUrl, Language, Text, UtcDateTime


class ArticleIn(InputSchema):
    url = HttpUrl(allow_none=True)
    title = Text(500, required=True)
    publisher = Text(200, allow_none=True)
    author = Text(200, allow_none=True)
    published_at = UtcDateTime(allow_none=True)
    language = Language(
        allow_none=True,
        metadata={
            "description": "Detected from the body when not given on creation "
            "(null when too short to tell); PostgreSQL stems it as that language"
        },
    )
    body = Text(MAX_BODY_CHARS, multiline=True, required=True)


class ArticleCreateIn(ArticleIn):
    extract = ma.fields.Boolean(
        load_default=False,
        metadata={
            "description": "Also extract the article's claims in the background: the answer "
            "is then 202 with the job doing it (GET /api/v1/jobs/{id})"
        },
    )


class ArticlePatch(ArticleIn, PatchSchema):
    pass


class ArticleSummaryOut(ma.Schema):
    """An article without its body, as lists show it."""

    id = ma.fields.Integer(required=True)
    url = ma.fields.String(required=True, allow_none=True)
    title = ma.fields.String(required=True)
    publisher = ma.fields.String(required=True, allow_none=True)
    author = ma.fields.String(required=True, allow_none=True)
    published_at = ma.fields.DateTime(required=True, allow_none=True)
    language = ma.fields.String(required=True, allow_none=True)
    content_hash = ma.fields.String(
        required=True, metadata={"description": "SHA-256 of the normalised body"}
    )
    created_at = ma.fields.DateTime(required=True)
    updated_at = ma.fields.DateTime(required=True)


class ArticleOut(ArticleSummaryOut):
    body = ma.fields.String(required=True)


class ArticleQuery(PageQuery):
    publisher = Text(200)
    language = Language()


ArticlePage = page_schema(ArticleSummaryOut, "ArticlePage")
