"""Schema bases shared by every resource."""

import marshmallow as ma
from marshmallow import validate

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_BODY_CHARS = 200_000  # an article or a text to extract from


class InputSchema(ma.Schema):
    """Request bodies: unknown fields are an error (marshmallow's default, stated for readers)."""

    class Meta:
        unknown = ma.RAISE


class PatchSchema(InputSchema):
    """A PATCH body: every field optional, present fields validated as on create."""

    def __init__(self, *args, **kwargs):
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)


class PageQuery(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    limit = ma.fields.Integer(
        load_default=DEFAULT_LIMIT,
        validate=validate.Range(min=1, max=MAX_LIMIT),
        metadata={"description": f"Items per page (1-{MAX_LIMIT})"},
    )
    cursor = ma.fields.String(
        validate=validate.Length(min=1, max=500),
        metadata={
            "description": "Opaque cursor from a previous page's `next_cursor`",
            "pattern": r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_=-]+$",
        },
    )


def page_schema(item_schema: type[ma.Schema], name: str) -> type[ma.Schema]:
    """The list envelope: {"items": [...], "next_cursor": "..." | null}."""
    return type(
        name,
        (ma.Schema,),
        {
            "items": ma.fields.List(ma.fields.Nested(item_schema), required=True),
            "next_cursor": ma.fields.String(
                required=True,
                allow_none=True,
                metadata={"description": "Pass as `cursor` to get the next page; null at the end"},
            ),
        },
    )
