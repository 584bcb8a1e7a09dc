import marshmallow as ma
from marshmallow import validate

from factcheck.models import EVENT_TYPES
from factcheck.models.webhook import DELIVERY_STATUSES
from factcheck.schemas.common import InputSchema, PageQuery, PatchSchema, page_schema
from factcheck.schemas.fields import HttpUrl, Text, one_of

EVENT_TYPES_FIELD_DOC = "Event types to receive: " + ", ".join(EVENT_TYPES)


class WebhookIn(InputSchema):
    url = HttpUrl(
        required=True,
        metadata={"description": "Where events are POSTed; must resolve to a public address"},
    )
    event_types = ma.fields.List(
        ma.fields.String(validate=one_of(EVENT_TYPES)),
        required=True,
        validate=validate.Length(min=1, max=len(EVENT_TYPES)),
        metadata={"description": EVENT_TYPES_FIELD_DOC},
    )
    description = Text(500, allow_none=True)


class WebhookPatch(WebhookIn, PatchSchema):
    active = ma.fields.Boolean(
        metadata={"description": "false pauses deliveries; true resumes them (and re-enables a "
                  "subscription the service disabled after failures)"}
    )  # fmt: skip


class WebhookOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    url = ma.fields.String(required=True)
    event_types = ma.fields.List(ma.fields.String(validate=one_of(EVENT_TYPES)), required=True)
    description = ma.fields.String(required=True, allow_none=True)
    active = ma.fields.Boolean(required=True)
    disabled_reason = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Why the service disabled the subscription, if it did"},
    )
    disabled_at = ma.fields.DateTime(required=True, allow_none=True)
    created_at = ma.fields.DateTime(required=True)
    updated_at = ma.fields.DateTime(required=True)


class WebhookCreatedOut(WebhookOut):
    secret = ma.fields.String(
        required=True,
        metadata={"description": "The signing secret (Standard Webhooks `whsec_...`), shown "
                  "only in this answer"},
    )  # fmt: skip


WebhookPage = page_schema(WebhookOut, "WebhookPage")


class AttemptOut(ma.Schema):
    at = ma.fields.String(required=True)
    status = ma.fields.Integer(metadata={"description": "The receiver's HTTP status"})
    error = ma.fields.String(metadata={"description": "Why no HTTP answer came"})
    duration_ms = ma.fields.Float(required=True)


class DeliveryOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    webhook_id = ma.fields.String(
        required=True,
        attribute="event.uid",
        metadata={"description": "The event's webhook-id header: the same on every attempt"},
    )
    event_type = ma.fields.String(required=True, attribute="event.type")
    status = ma.fields.String(required=True, validate=one_of(DELIVERY_STATUSES))
    attempts = ma.fields.Integer(required=True)
    next_attempt_at = ma.fields.DateTime(
        required=True, metadata={"description": "When a pending delivery is tried next"}
    )
    response_status = ma.fields.Integer(required=True, allow_none=True)
    last_error = ma.fields.String(required=True, allow_none=True)
    attempt_log = ma.fields.List(ma.fields.Nested(AttemptOut), required=True)
    payload = ma.fields.Raw(required=True, attribute="event.payload", metadata={"type": "object"})
    created_at = ma.fields.DateTime(required=True)
    delivered_at = ma.fields.DateTime(required=True, allow_none=True)


DeliveryPage = page_schema(DeliveryOut, "DeliveryPage")


class DeliveryQuery(PageQuery):
    status = ma.fields.String(validate=one_of(DELIVERY_STATUSES))
