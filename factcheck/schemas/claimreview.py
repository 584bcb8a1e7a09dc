import marshmallow as ma


class SkippedItem(ma.Schema):
    index = ma.fields.Integer(required=True, metadata={"description": "Position in the input"})
    reason = ma.fields.String(required=True)


class ImportItem(ma.Schema):
    index = ma.fields.Integer(required=True, metadata={"description": "Position in the input"})
    outcome = ma.fields.String(
        required=True,
        metadata={"enum": ["created", "updated", "unchanged", "skipped"]},
    )
    claim_id = ma.fields.Integer(metadata={"description": "The claim the item created or updated"})
    reason = ma.fields.String(metadata={"description": "Why the item was skipped"})


class ImportReportOut(ma.Schema):
    created = ma.fields.Integer(required=True)
    updated = ma.fields.Integer(required=True)
    unchanged = ma.fields.Integer(required=True)
    skipped = ma.fields.List(ma.fields.Nested(SkippedItem), required=True)
    items = ma.fields.List(
        ma.fields.Nested(ImportItem),
        required=True,
        metadata={"description": "One entry per input item, in input order"},
    )


JSON_LD = "application/ld+json"
CLAIM_REVIEW_DOC = {
    "type": "object",
    "description": "schema.org ClaimReview JSON-LD",
    "required": ["@context", "@type", "url", "claimReviewed", "author", "reviewRating"],
    "additionalProperties": True,
}
FEED_DOC = {
    "type": "object",
    "description": "schema.org DataFeed of ClaimReview items; `nextPage` links the next page",
    "required": ["@context", "@type", "dataFeedElement"],
    "additionalProperties": True,
}
MAX_IMPORT_ITEMS = 1000  # counted after flattening @graph, feeds and lists
_IMPORT_DOCUMENT = {
    "description": "A ClaimReview, an array of them, an @graph or a DataFeed",
    "oneOf": [
        {"type": "object", "additionalProperties": True},
        # Items that are not ClaimReviews are reported as skipped, not refused.
        {"type": "array", "items": {}, "maxItems": MAX_IMPORT_ITEMS},
    ],
}
# One media type: the same body sent as application/ld+json is read alike, but a second
# entry for it makes generated clients write two code paths for one body (openapi-python-client
# warns and generates an operation that cannot run).
IMPORT_BODY_DOC = {
    "required": True,
    "description": "JSON-LD, sent as `application/json` or `application/ld+json`",
    "content": {"application/json": {"schema": _IMPORT_DOCUMENT}},
}
