import marshmallow as ma
from marshmallow import validate

from factcheck.schemas.claim import ClaimOut
from factcheck.schemas.common import MAX_BODY_CHARS, InputSchema
from factcheck.schemas.fields import Text

MAX_SENTENCES = 1000


class ExtractIn(InputSchema):
    text = Text(
        MAX_BODY_CHARS,
        multiline=True,
        trim=False,
        required=True,
        metadata={"description": "The article text; offsets in the answer point into it as sent"},
    )
    publisher = Text(
        200,
        allow_none=True,
        metadata={"description": "Claimant for the publisher's own unattributed reporting"},
    )


class ExtractedClaimOut(ma.Schema):
    text = ma.fields.String(required=True, metadata={"description": "The checkable statement"})
    quote = ma.fields.String(
        required=True, allow_none=True, metadata={"description": "Verbatim words, if quoted"}
    )
    claimant = ma.fields.String(required=True, allow_none=True)
    start = ma.fields.Integer(required=True, metadata={"description": "Offset into `text`"})
    end = ma.fields.Integer(required=True)
    score = ma.fields.Float(required=True, metadata={"description": "Check-worthiness, 0-1"})
    reasons = ma.fields.List(
        ma.fields.String(), required=True, metadata={"description": "Signals that selected it"}
    )


class ExtractOut(ma.Schema):
    claims = ma.fields.List(ma.fields.Nested(ExtractedClaimOut), required=True)


class CheckworthinessIn(InputSchema):
    sentences = ma.fields.List(
        Text(5000, multiline=True),
        required=True,
        validate=validate.Length(min=1, max=MAX_SENTENCES),
    )


class CheckworthinessResult(ma.Schema):
    text = ma.fields.String(required=True)
    score = ma.fields.Float(required=True)
    checkworthy = ma.fields.Boolean(
        required=True, metadata={"description": "score is at or above the model's threshold"}
    )


class CheckworthinessOut(ma.Schema):
    results = ma.fields.List(ma.fields.Nested(CheckworthinessResult), required=True)
    threshold = ma.fields.Float(required=True)


class ArticleExtractionOut(ma.Schema):
    created = ma.fields.Integer(required=True, metadata={"description": "Claims newly stored"})
    skipped = ma.fields.Integer(required=True, metadata={"description": "Claims already stored"})
    claims = ma.fields.List(
        ma.fields.Nested(ClaimOut),
        required=True,
        metadata={"description": "Every claim extracted from the article, new or already stored"},
    )
