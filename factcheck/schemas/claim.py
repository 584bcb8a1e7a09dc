import marshmallow as ma
from marshmallow import validate

from factcheck import search
from factcheck.auth import current_user
from factcheck.models import STATUSES
from factcheck.ratings import RATINGS
from factcheck.schemas.common import InputSchema, PageQuery, PatchSchema, page_schema
from factcheck.schemas.fields import HttpUrl, Language, Text, UtcDateTime, one_of
from factcheck.schemas.source import SourceOut
from factcheck.schemas.verdict import VerdictOut
from factcheck.services import review, workflow

MAX_TAGS = 20
SORTS = ("-created_at", "created_at", "-check_worthiness", "check_worthiness")


class Tag(Text):
    """Tags compare case-insensitively, so they are stored lower-case."""

    def _deserialize(self, value, attr, data, **kwargs):
        lowered = super()._deserialize(value, attr, data, **kwargs).lower()
        if len(lowered) > self.max_length:  # "İ" lower-cases to two characters
            raise ma.ValidationError(f"Longer than maximum length {self.max_length}.")
        return lowered


class ClaimIn(InputSchema):
    text = Text(2000, multiline=True, required=True)
    quote = Text(5000, multiline=True, allow_none=True)
    claimant = Text(200, allow_none=True)
    claim_date = ma.fields.Date(allow_none=True)
    article_id = ma.fields.Integer(
        allow_none=True, strict=True, validate=validate.Range(min=1, max=2**63 - 1)
    )
    span_start = ma.fields.Integer(
        allow_none=True,
        strict=True,
        validate=validate.Range(min=0, max=2**31 - 1),
        metadata={"description": "Character offset of the claim in the article body"},
    )
    span_end = ma.fields.Integer(
        allow_none=True,
        strict=True,
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Offset just past the claim's last character"},
    )
    appearance_url = HttpUrl(allow_none=True)
    language = Language(
        allow_none=True,
        metadata={
            "description": "Detected from the claim's text when not given on creation "
            "(null when too short to tell); PostgreSQL stems it as that language"
        },
    )
    check_worthiness = ma.fields.Float(
        allow_none=True, allow_nan=False, validate=validate.Range(min=0, max=1)
    )
    tags = ma.fields.List(Tag(50), validate=validate.Length(max=MAX_TAGS))

    @ma.validates_schema
    def _span_is_whole(self, data, **_):
        start, end = data.get("span_start"), data.get("span_end")
        if ("span_start" in data) != ("span_end" in data) or (start is None) != (end is None):
            raise ma.ValidationError("Give span_start and span_end together.", "span_end")
        if start is not None and end <= start:
            raise ma.ValidationError("span_end must be greater than span_start.", "span_end")


class ClaimPatch(ClaimIn, PatchSchema):
    priority = ma.fields.Integer(
        strict=True,
        validate=validate.Range(min=-100, max=100),
        metadata={"description": "Review queue order; higher comes first"},
    )


class AlreadyCheckedOut(ma.Schema):
    fact_check_id = ma.fields.Integer(required=True)
    rating = ma.fields.String(required=True, validate=one_of(RATINGS))
    url = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The fact-check's page: the publisher's review for an "
                  "imported one; for ours the desk's article when its verdict names one, else "
                  "the reader page /fact-checks/{id}: the ClaimReview url"},
    )  # fmt: skip
    score = ma.fields.Float(required=True)


class ClaimOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    text = ma.fields.String(required=True)
    quote = ma.fields.String(required=True, allow_none=True)
    claimant = ma.fields.String(required=True, allow_none=True)
    claim_date = ma.fields.Date(required=True, allow_none=True)
    article_id = ma.fields.Integer(required=True, allow_none=True)
    span_start = ma.fields.Integer(required=True, allow_none=True)
    span_end = ma.fields.Integer(required=True, allow_none=True)
    appearance_url = ma.fields.String(required=True, allow_none=True)
    language = ma.fields.String(required=True, allow_none=True)
    check_worthiness = ma.fields.Float(required=True, allow_none=True)
    status = ma.fields.String(required=True, validate=one_of(STATUSES))
    priority = ma.fields.Integer(required=True)
    tags = ma.fields.List(ma.fields.String(), required=True)
    submitted_by_id = ma.fields.Integer(required=True, allow_none=True)
    assignee_id = ma.fields.Integer(required=True, allow_none=True)
    current_verdict = ma.fields.Nested(VerdictOut, required=True, allow_none=True)
    sources = ma.fields.List(ma.fields.Nested(SourceOut), required=True)
    already_checked = ma.fields.List(
        ma.fields.Nested(AlreadyCheckedOut),
        required=True,
        attribute="matches",
        metadata={"description": "Published fact-checks this claim repeats (repeat-claim "
                  "alerts, matched in the background when the claim arrives), best first"},
    )  # fmt: skip
    allowed_actions = ma.fields.Function(
        lambda claim: review.allowed_actions(claim, current_user()),
        required=True,
        metadata={
            "type": "array",
            "items": {"type": "string", "enum": list(workflow.ACTIONS)},
            "description": "Workflow actions the claim's status allows and your role may take",
        },
    )
    published_at = ma.fields.DateTime(required=True, allow_none=True)
    corrected_at = ma.fields.DateTime(required=True, allow_none=True)
    deleted_at = ma.fields.DateTime(required=True, allow_none=True)
    created_at = ma.fields.DateTime(required=True)
    updated_at = ma.fields.DateTime(required=True)


class ClaimQuery(PageQuery):
    status = ma.fields.String(validate=one_of(STATUSES))
    claimant = Text(200)
    article_id = ma.fields.Integer(validate=validate.Range(min=1, max=2**63 - 1))
    rating = ma.fields.String(
        validate=one_of(RATINGS), metadata={"description": "Rating of the current verdict"}
    )
    tag = Tag(50)
    language = Language()
    assignee_id = ma.fields.Integer(validate=validate.Range(min=1, max=2**63 - 1))
    unassigned = ma.fields.Boolean(metadata={"description": "Only claims nobody is assigned to"})
    already_checked = ma.fields.Boolean(
        metadata={"description": "Only claims that repeat a published fact-check (true) or "
                  "that do not, as far as matching found (false)"}
    )  # fmt: skip
    created_after = UtcDateTime()
    created_before = UtcDateTime()
    # Bounded so a full query string stays within the server's 8 KB request line.
    q = Text(
        200,
        metadata={
            "description": "Full-text search in text, quote and claimant; by relevance. "
            + search.QUERY_LANGUAGE
        },
    )
    sort = ma.fields.String(
        validate=one_of(SORTS),
        metadata={
            "description": "Sort key; a leading '-' sorts descending. Default: -created_at, "
            "or relevance when `q` is given"
        },
    )


ClaimPage = page_schema(ClaimOut, "ClaimPage")


class ClaimActionIn(InputSchema):
    action = ma.fields.String(required=True, validate=one_of(workflow.ACTIONS))
    note = Text(
        5000,
        multiline=True,
        allow_none=True,
        metadata={"description": "Why; required to reject, reopen or request changes"},
    )
    assignee_id = ma.fields.Integer(
        allow_none=True,
        strict=True,
        validate=validate.Range(min=1, max=2**63 - 1),
        metadata={"description": "For `assign`: the reviewer to assign, or null to unassign"},
    )


class SimilarClaimOut(ma.Schema):
    id = ma.fields.Integer(required=True, attribute="claim.id")
    text = ma.fields.String(required=True, attribute="claim.text")
    claimant = ma.fields.String(required=True, allow_none=True, attribute="claim.claimant")
    status = ma.fields.String(required=True, attribute="claim.status")
    score = ma.fields.Float(
        required=True,
        metadata={
            "description": "0-1: how closely the claim states what the text states (its "
            "wording, and the share of the text's rare words it holds); at 0.6 or above, "
            "without `contradicts`, the claim is already checked, a likely duplicate"
        },
    )
    reasons = ma.fields.List(
        ma.fields.String(),
        required=True,
        metadata={
            "description": "`lexical`, and `numbers_agree` when both give figures that agree; "
            "or `contradicts` and the trap that found it (`negation`, `numbers_differ`, "
            "`antonym`): the claim states the opposite of the text, or other figures "
            "(only in matches, never in likely_duplicates); then `semantic` when the score "
            "also weighs the texts' sentence embeddings (FACTCHECK_SEMANTIC_MATCHING)"
        },
    )


class ClaimCreatedOut(ClaimOut):
    likely_duplicates = ma.fields.List(
        ma.fields.Nested(SimilarClaimOut),
        required=True,
        metadata={"description": "Stored claims this one probably repeats, most similar first"},
    )


MAX_BATCH_CLAIMS = 1000


class ClaimBatchIn(InputSchema):
    """The envelope of POST /claims:batch. Its items are validated one by one, as POST /claims
    validates its body, so an invalid item is refused in its own result, not with the request."""

    claims = ma.fields.List(
        ma.fields.Raw(
            allow_none=True,
            metadata={
                # Any value is accepted here; one that is not a valid ClaimIn gets its own 422.
                "anyOf": [{"$ref": "#/components/schemas/ClaimIn"}, {}],
                "description": "A claim as POST /claims takes it (ClaimIn); an item that is "
                "not a valid ClaimIn is refused in its own result",
            },
        ),
        required=True,
        validate=validate.Length(min=1, max=MAX_BATCH_CLAIMS),
        metadata={"description": f"1 to {MAX_BATCH_CLAIMS:,} claims"},
    )


class ClaimBatchItemOut(ma.Schema):
    index = ma.fields.Integer(
        required=True, metadata={"description": "Position of the claim in the request's `claims`"}
    )
    status = ma.fields.Integer(
        required=True,
        metadata={
            "description": "201 if the claim was created; otherwise the status POST /claims "
            "would have answered for this claim alone (422)"
        },
    )
    claim = ma.fields.Nested(
        ClaimCreatedOut,
        metadata={"description": "The created claim, as POST /claims answers it (status 201)"},
    )
    type = ma.fields.String(metadata={"description": "Refused claims: the problem type URI"})
    title = ma.fields.String(metadata={"description": "Refused claims: the status's title"})
    detail = ma.fields.String(metadata={"description": "Refused claims: what is wrong"})
    errors = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.List(ma.fields.String()),
        metadata={"description": "Refused claims: messages by field of the claim"},
    )


class ClaimBatchOut(ma.Schema):
    created = ma.fields.Integer(required=True, metadata={"description": "Claims created"})
    refused = ma.fields.Integer(required=True, metadata={"description": "Claims refused"})
    items = ma.fields.List(
        ma.fields.Nested(ClaimBatchItemOut),
        required=True,
        metadata={"description": "One result per claim sent, in input order"},
    )


class MatchIn(InputSchema):
    text = Text(2000, multiline=True, required=True)
    limit = ma.fields.Integer(load_default=10, validate=validate.Range(min=1, max=50))


class SimilarQuery(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    limit = ma.fields.Integer(load_default=10, validate=validate.Range(min=1, max=50))


class MatchedFactCheckOut(SimilarClaimOut):
    """A published fact-check that matches: what it states, how it was rated and where it is
    read, so a client needs no second request."""

    rating = ma.fields.String(
        required=True,
        validate=one_of(RATINGS),
        attribute="fact_check.rating",
        metadata={"description": "The rating the fact-check was published with"},
    )
    rating_value = ma.fields.Integer(
        required=True,
        allow_none=True,
        attribute="fact_check.rating_value",
        metadata={"description": "schema.org ratingValue, 1 (false) to 5 (true); null if unrated"},
    )
    textual_rating = ma.fields.String(
        required=True,
        attribute="fact_check.textual_rating",
        metadata={"description": "The rating in the publisher's words"},
    )
    url = ma.fields.String(
        required=True,
        attribute="fact_check.url",
        metadata={"description": "The fact-check's page: the publisher's review for an "
                  "imported one; for ours the desk's article when its verdict names one, else "
                  "the reader page /fact-checks/{id}: the ClaimReview url"},
    )  # fmt: skip
    published_at = ma.fields.DateTime(
        required=True,
        attribute="fact_check.published_at",
        metadata={"description": "When the fact-check was first published (an imported one: "
                  "its review's date)"},
    )  # fmt: skip


class MatchOut(ma.Schema):
    items = ma.fields.List(
        ma.fields.Nested(MatchedFactCheckOut),
        required=True,
        metadata={"description": "Most similar first"},
    )
