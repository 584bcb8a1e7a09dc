"""Comments and the audit history of a claim."""

import marshmallow as ma

from factcheck.schemas.common import InputSchema, page_schema
from factcheck.schemas.fields import Text


class CommentIn(InputSchema):
    body = Text(10_000, multiline=True, required=True)


class CommentOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    claim_id = ma.fields.Integer(required=True)
    author_id = ma.fields.Integer(required=True)
    author = ma.fields.Function(lambda c: c.author.name, required=True, metadata={"type": "string"})
    body = ma.fields.String(
        required=True, allow_none=True, metadata={"description": "null once deleted"}
    )
    created_at = ma.fields.DateTime(required=True)
    updated_at = ma.fields.DateTime(required=True)
    deleted_at = ma.fields.DateTime(required=True, allow_none=True)


class EventOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    claim_id = ma.fields.Integer(required=True)
    actor_id = ma.fields.Integer(required=True, allow_none=True)
    actor = ma.fields.Function(
        lambda e: e.actor.name if e.actor else None,
        required=True,
        metadata={"type": "string", "nullable": True},
    )
    action = ma.fields.String(required=True)
    entity = ma.fields.String(
        required=True, metadata={"enum": ["claim", "source", "verdict", "comment"]}
    )
    entity_id = ma.fields.Integer(required=True, allow_none=True)
    from_status = ma.fields.String(required=True, allow_none=True)
    to_status = ma.fields.String(required=True, allow_none=True)
    changes = ma.fields.Dict(
        required=True,
        allow_none=True,
        metadata={"description": '{field: {"before": ..., "after": ...}}'},
    )
    note = ma.fields.String(required=True, allow_none=True)
    created_at = ma.fields.DateTime(required=True)


CommentPage = page_schema(CommentOut, "CommentPage")
EventPage = page_schema(EventOut, "EventPage")
