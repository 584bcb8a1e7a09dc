"""The stored domain: articles, the claims found in them, their sources and verdicts."""

from factcheck.models.article import Article
from factcheck.models.claim import STATUSES, Claim, ClaimTag
from factcheck.models.source import STANCES, Source
from factcheck.models.verdict import DEFAULT_TEXTUAL_RATINGS, RATING_VALUES, RATINGS, Verdict

__all__ = [
    "Article",
    "Claim",
    "ClaimTag",
    "DEFAULT_TEXTUAL_RATINGS",
    "RATINGS",
    "RATING_VALUES",
    "STANCES",
    "STATUSES",
    "Source",
    "Verdict",
]
