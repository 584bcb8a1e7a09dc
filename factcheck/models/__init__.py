"""The stored domain: articles, the claims found in them, their sources and verdicts,
the people who review them and the history of that review."""

from factcheck.models.article import Article
from factcheck.models.claim import STATUSES, Claim, ClaimTag
from factcheck.models.claim_document import ClaimDocument
from factcheck.models.claim_embedding import ClaimEmbedding
from factcheck.models.claim_match import ClaimMatch
from factcheck.models.comment import Comment
from factcheck.models.external_review import ExternalReview
from factcheck.models.idempotency import IdempotencyRecord
from factcheck.models.job import Job
from factcheck.models.outbox_event import EVENT_TYPES, OutboxEvent
from factcheck.models.review_event import ReviewEvent
from factcheck.models.source import STANCES, Source
from factcheck.models.user import ROLES, ApiToken, User
from factcheck.models.verdict import Verdict
from factcheck.models.webhook import WebhookDelivery, WebhookSubscription

__all__ = [
    "ApiToken",
    "Article",
    "Comment",
    "ExternalReview",
    "IdempotencyRecord",
    "ReviewEvent",
    "ROLES",
    "User",
    "Claim",
    "ClaimTag",
    "ClaimDocument",
    "ClaimEmbedding",
    "ClaimMatch",
    "EVENT_TYPES",
    "Job",
    "OutboxEvent",
    "WebhookDelivery",
    "WebhookSubscription",
    "STANCES",
    "STATUSES",
    "Source",
    "Verdict",
]
