"""Import other publishers' ClaimReview JSON-LD as published fact-checks.

Each review becomes a claim (with its claimant and appearance), a published verdict on our
scale (the publisher's own wording kept as the textual rating), the review itself as a source,
and an ExternalReview row keyed by the review URL and claim, so importing again updates instead
of duplicating. Each item runs in a savepoint of the request's transaction: a bad item is
undone alone and reported, and the report has one entry per input item.

An import never goes round the desk's workflow: it updates only a fact-check that is published
and live. A claim that was reopened (under review again) or deleted is left alone and the item
is reported as skipped.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from factcheck import claimreview, languages
from factcheck.errors import InvalidInput
from factcheck.extensions import db
from factcheck.models import Claim, ExternalReview, Source, User, Verdict
from factcheck.ratings import DEFAULT_TEXTUAL_RATINGS
from factcheck.services import history, locks
from factcheck.urls import is_http_url

LIMITS = {"claim_reviewed": 2000, "claimant": 200, "title": 500, "publisher_name": 200}


class Skip(Exception):
    """An item left alone, with the reason reported for it."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[dict] = field(default_factory=list)
    # One entry per input item, in input order: {index, outcome, claim_id?, reason?}.
    items: list[dict] = field(default_factory=list)

    def add(self, index: int, outcome: str, *, claim_id=None, reason=None) -> None:
        item = {"index": index, "outcome": outcome}
        if claim_id is not None:
            item["claim_id"] = claim_id
        if reason is not None:
            item["reason"] = reason
            self.skipped.append({"index": index, "reason": reason})
        else:
            setattr(self, outcome, getattr(self, outcome) + 1)
        self.items.append(item)


def _moment(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def _problem(review) -> str | None:
    for name, limit in LIMITS.items():
        value = getattr(review, name)
        if value is not None and len(value) > limit:
            return f"{name} is longer than {limit} characters"
    if not is_http_url(review.review_url):
        return "the review URL is not an http(s) URL of at most 2048 characters"
    return None


def import_document(document, actor: User) -> ImportReport:
    try:
        reviews, skipped = claimreview.parse(document)
    except claimreview.ParseError as error:
        raise InvalidInput(str(error), errors={"_body": [str(error)]}) from error
    report = ImportReport()
    outcomes = [(index, None, reason) for index, reason in skipped]
    outcomes += [(review.index, review, None) for review in reviews]
    for index, review, reason in sorted(outcomes, key=lambda outcome: outcome[0]):
        if review is not None:
            reason = _problem(review)
        if reason:
            report.add(index, "skipped", reason=reason)
            continue
        try:
            with db.session.begin_nested():
                outcome, claim_id = _upsert(review, actor)
        except Skip as skip:
            report.add(index, "skipped", reason=str(skip))
        except SQLAlchemyError as error:
            report.add(index, "skipped", reason=f"not stored: {type(error).__name__}")
        else:
            report.add(index, outcome, claim_id=claim_id)
    return report


def _verdict_fields(review) -> dict:
    return {
        "rating": review.rating,
        "rating_value": review.rating_value,
        "textual_rating": (review.textual_rating or DEFAULT_TEXTUAL_RATINGS[review.rating])[:100],
        "summary": review.summary,
    }


def _claim_fields(review) -> dict:
    return {
        "text": review.claim_reviewed,
        "claimant": review.claimant,
        "claim_date": review.claim_date if isinstance(review.claim_date, date) else None,
        # Other publishers' markup is data: only http(s) links are kept (no javascript:, file:).
        "appearance_url": next((u for u in review.appearance_urls if is_http_url(u)), None),
        # The markup's inLanguage, else the language the claim is written in.
        "language": review.language or languages.detect(review.claim_reviewed),
    }


def review_key(review) -> str:
    return hashlib.sha256(f"{review.review_url}\n{review.claim_reviewed}".encode()).hexdigest()


def _upsert(review, actor: User) -> tuple[str, int]:
    external = db.session.scalar(
        sa.select(ExternalReview).where(ExternalReview.review_key == review_key(review))
    )
    reviewed_at = _moment(review.review_date)
    if external is None:
        return _create(review, actor, reviewed_at)
    locks.for_update(Claim, external.claim_id)
    claim = db.session.get(Claim, external.claim_id, populate_existing=True)
    if claim.deleted_at is not None:
        raise Skip(f"claim {claim.id} was deleted; restore it to import into it again")
    if claim.status != "published":
        raise Skip(
            f"claim {claim.id} is {claim.status}: it goes through the review workflow, not round it"
        )
    verdict = db.session.scalar(
        sa.select(Verdict)
        .where(Verdict.claim_id == claim.id, Verdict.published_at.is_not(None))
        .order_by(Verdict.id.desc())
        .limit(1)
    )
    wanted_claim, wanted_verdict = _claim_fields(review), _verdict_fields(review)
    changes = history.changes(claim, wanted_claim)
    verdict_changes = history.changes(verdict, wanted_verdict) if verdict else wanted_verdict
    if not changes and not verdict_changes:
        return "unchanged", claim.id
    for name, value in wanted_claim.items():
        setattr(claim, name, value)
    if verdict_changes:
        db.session.add(
            Verdict(claim_id=claim.id, author_id=actor.id, published_at=datetime.now(UTC),
                    **wanted_verdict)
        )  # fmt: skip
        claim.rating = review.rating
        claim.corrected_at = datetime.now(UTC)
    external.title, external.reviewed_at = review.title, reviewed_at
    history.record(claim.id, actor, "reimport", changes={**changes, **verdict_changes} or None)
    return "updated", claim.id


def _create(review, actor: User, reviewed_at: datetime | None) -> tuple[str, int]:
    now = datetime.now(UTC)
    claim = Claim(
        **_claim_fields(review),
        status="published",
        rating=review.rating,
        submitted_by_id=actor.id,
        published_at=reviewed_at or now,
    )
    db.session.add(claim)
    db.session.flush()
    db.session.add_all(
        [
            Verdict(claim_id=claim.id, author_id=actor.id, published_at=claim.published_at,
                    **_verdict_fields(review)),
            Source(claim_id=claim.id, url=review.review_url, title=review.title,
                   publisher=review.publisher_name, stance="context", accessed_at=now),
            ExternalReview(claim_id=claim.id, url=review.review_url, review_key=review_key(review),
                           title=review.title,
                           publisher_name=review.publisher_name,
                           publisher_site=review.publisher_site, language=review.language,
                           reviewed_at=reviewed_at),
        ]
    )  # fmt: skip
    history.record(claim.id, actor, "import", to_status="published", note=review.review_url)
    return "created", claim.id
