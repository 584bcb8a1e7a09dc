"""Article use cases: ingest (with de-duplication), read, edit, delete, list."""

import hashlib
import unicodedata
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so
from sqlalchemy.exc import IntegrityError

from factcheck import languages, policy
from factcheck.errors import Conflict, NotFound
from factcheck.extensions import db
from factcheck.models import Article, Claim, Job, User
from factcheck.services import extraction, jobs, locks
from factcheck.services.common import require_version
from factcheck.services.pagination import Page, Sort, paginate

NEWEST_FIRST = Sort.by("-created_at", Article.created_at, descending=True, is_datetime=True)


def content_hash(body: str) -> str:
    """Hash of the body with Unicode and whitespace normalised: re-sent copies hash the same."""
    normalised = " ".join(unicodedata.normalize("NFC", body).split())
    return hashlib.sha256(normalised.encode()).hexdigest()


def _refuse_duplicate(data: dict, actor: User, exclude_id: int | None = None) -> None:
    """409 if another article has this URL or body; its id only if the actor may see it."""
    checks = []
    if data.get("url"):
        checks.append(("url", Article.url == data["url"]))
    if "content_hash" in data:
        checks.append(("body", Article.content_hash == data["content_hash"]))
    for field, condition in checks:
        stmt = sa.select(Article).where(condition)
        if exclude_id is not None:
            stmt = stmt.where(Article.id != exclude_id)
        existing = db.session.scalars(stmt.limit(1)).first()
        if existing is None:
            continue
        if policy.may_see_article(actor, existing):
            raise Conflict(
                f"Article {existing.id} already has this {field}.",
                errors={field: ["An article with this value exists."]},
                existing_id=existing.id,
            )
        raise Conflict(
            f"An article with this {field} was already submitted.",
            errors={field: ["An article with this value exists."]},
        )


def _flush_unique(data: dict, actor: User, exclude_id: int | None = None) -> None:
    """Flush in a savepoint: losing a race with a concurrent insert of the same article is
    reported like the pre-check, and leaves the rest of the unit of work intact."""
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        _refuse_duplicate(data, actor, exclude_id)
        raise


def create(data: dict, actor: User) -> Article:
    """Store an article."""
    data = {**data, "content_hash": content_hash(data["body"])}
    if not data.get("language"):
        data["language"] = languages.detect(data["body"])
    _refuse_duplicate(data, actor)
    article = Article(**data, submitted_by_id=actor.id)
    db.session.add(article)
    _flush_unique(data, actor)
    return article


def queue_extraction(article: Article, actor: User) -> Job:
    """Extract the article's claims in the background (they are then matched, as every new
    claim is): the job that does it."""
    return jobs.create(db.session, "extract_article", {"article_id": article.id}, actor_id=actor.id)


def _extract_step(session, job: Job, _step: int) -> None:
    actor = session.get(User, job.created_by_id)
    found = extract_claims(job.params["article_id"], actor)
    job.result = {
        "article_id": job.params["article_id"],
        "claim_ids": [claim.id for claim in found.claims],
        "created": found.created,
        "skipped": found.skipped,
    }


jobs.STEPS["extract_article"] = _extract_step


def get(article_id: int, actor: User) -> Article:
    article = db.session.get(Article, article_id)
    if article is None or not policy.may_see_article(actor, article):
        raise NotFound(f"Article {article_id} does not exist.")
    return article


def lock(article_id: int, actor: User, *, deleted_ok: bool = False) -> Article:
    """The article, locked against other writers and read afresh; a deleted one takes no
    changes and no new claims (only restore)."""
    locks.for_update(Article, article_id)
    article = db.session.get(Article, article_id, populate_existing=True)
    if article is None or not policy.may_see_article(actor, article):
        raise NotFound(f"Article {article_id} does not exist.")
    if article.deleted_at is not None and not deleted_ok:
        raise Conflict(f"Article {article_id} is deleted; restore it first.")
    return article


def extract_claims(article_id: int, actor: User) -> "extraction.ArticleExtraction":
    """Store the article's extracted claims as submitted claims, skipping ones already stored."""
    return extraction.add_claims_from(lock(article_id, actor), actor)


def update(
    article_id: int, changes: dict, actor: User, *, expected_version: int | None = None
) -> Article:
    article = lock(article_id, actor)
    require_version(article, expected_version)
    if "body" in changes:
        changes = {**changes, "content_hash": content_hash(changes["body"])}
    _refuse_duplicate(changes, actor, exclude_id=article_id)
    for field, value in changes.items():
        setattr(article, field, value)
    _flush_unique(changes, actor, exclude_id=article_id)
    return article


def delete(article_id: int, actor: User, *, expected_version: int | None = None) -> None:
    """Soft delete; refused while claims still point into the article.

    The article's lock makes this wait for claims being added to it (they hold it shared), and
    them wait for this, so no live claim is ever left inside a deleted article.
    """
    article = lock(article_id, actor, deleted_ok=True)
    require_version(article, expected_version)
    if article.deleted_at is not None:
        return
    has_claims = db.session.scalar(
        sa.select(Claim.id)
        .where(Claim.article_id == article_id, Claim.deleted_at.is_(None))
        .limit(1)
    )
    if has_claims is not None:
        raise Conflict(f"Article {article_id} still has claims; delete or move them first.")
    article.deleted_at = datetime.now(UTC)
    db.session.flush()


def restore(article_id: int, actor: User, *, expected_version: int | None = None) -> Article:
    article = lock(article_id, actor, deleted_ok=True)
    require_version(article, expected_version)
    article.deleted_at = None
    db.session.flush()
    return article


def list_articles(filters: dict, actor: User, *, limit: int, cursor: str | None) -> Page:
    # Lists show summaries: never read megabytes of article bodies for a page.
    stmt = (
        sa.select(Article)
        .options(so.defer(Article.body, raiseload=True))
        .where(Article.deleted_at.is_(None))
    )
    if not policy.sees_everyones_work(actor):
        stmt = stmt.where(Article.submitted_by_id == actor.id)
    for field in ("publisher", "language"):
        if field in filters:
            stmt = stmt.where(getattr(Article, field) == filters[field])
    return paginate(
        db.session, stmt, sort=NEWEST_FIRST, id_column=Article.id, limit=limit, cursor=cursor
    )
