"""Claims' read representations, rendered once per version and served as stored JSON.

Reading a claim used to mean loading it, its tags, sources and current verdict through the ORM
and dumping them with marshmallow, on every request. Claims are read far more often than they
change, and every change gives the claim a new version (services/claims.touch), so the
transaction that makes a version also renders it: before it commits, each claim flushed in it
is dumped with `ClaimOut` and, once published, with `FactCheckOut` and the claims:search schema
(the schemas stay the only definition of the representations), and stored in
`claim_documents` with that version. Reads send the stored text, adding only what depends on
the request: the caller's `allowed_actions`, our publisher and our fact-checks' URLs.

A document is served only if it shows the claim's current version and was written by this
release's renderer (`shape()`); otherwise the claim is rendered from its rows as before, so rows
written outside the ORM (bulk loads) or before an upgrade still read correctly, just slower,
until `flask documents refresh` renders them.
"""

import functools
import hashlib
import json
from collections.abc import Iterable

import marshmallow as ma
import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck import jsonsafe
from factcheck.database import upsert
from factcheck.extensions import db
from factcheck.models import Claim, ClaimDocument
from factcheck.services import claim_changes

# Bump when a field's rendering changes without a change of field names (a new format, say):
# stored documents of the old shape then stop being served.
RENDERER_REVISION = 2
# Claims rendered per query when many change at once (imports, batches, refresh).
CHUNK = 500
_STALE = "factcheck.stale_claim_ids"


def _field_names(schema: ma.Schema) -> list:
    names = []
    for name, field in schema.fields.items():
        nested = getattr(field, "inner", field)
        if isinstance(nested, ma.fields.Nested):
            names.append([name, field.data_key, _field_names(nested.schema)])
        else:
            names.append([name, field.data_key, type(field).__name__])
    return names


@functools.cache
def _schema() -> ma.Schema:
    from factcheck.schemas.claim import ClaimOut  # the schemas import services

    return ClaimOut(exclude=("allowed_actions",))


@functools.cache
def _public_schema() -> ma.Schema:
    from factcheck.schemas.fact_check import FactCheckOut

    return FactCheckOut()


@functools.cache
def _search_schema() -> ma.Schema:
    from factcheck.schemas.google import SearchedClaim

    return SearchedClaim()


@functools.cache
def shape() -> str:
    """This release's renderer: the fields the three schemas render (names, keys, types) and
    RENDERER_REVISION."""
    fields = [_field_names(schema) for schema in (_schema(), _public_schema(), _search_schema())]
    described = json.dumps([RENDERER_REVISION, fields])
    return hashlib.sha256(described.encode()).hexdigest()[:16]


# What rendering reads: a claim with everything it shows, for many claims in a few queries.
# The one-to-one relations join the claim's own query; the lists take one query each.
WHOLE = (
    so.selectinload(Claim.tag_rows),
    so.selectinload(Claim.sources),
    so.joinedload(Claim.current_verdict),
    so.joinedload(Claim.published_verdict),
    so.joinedload(Claim.external_review),
)


# What a page of claims selects: enough to pick, order and page each claim, to say what the
# reader may do with it and to tell whether its stored document is current. Plain columns, not
# objects: a page needs no ORM identity, and loading 50 objects was most of what a page cost.
LISTED = (
    Claim.id,
    Claim.version,
    Claim.status,
    Claim.deleted_at,
    Claim.submitted_by_id,
    Claim.created_at,
    Claim.check_worthiness,
    Claim.priority,
    Claim.published_at,
)


def listed():
    """A page query's select (its filters, order and keyset are the caller's); the documents
    are read afterwards (`texts`), so they never sway how the page's claims are found."""
    return sa.select(*LISTED)


def texts(rows: list, column=ClaimDocument.body) -> list[str | None]:
    """The current stored documents of these listed rows, in their order (None where missing
    or stale): `column` is the reviewers' body, the fact-check's public_body or the
    search_body. One query by primary key for the whole page."""
    if not rows:
        return []
    stored = {
        found.claim_id: found
        for found in db.session.execute(
            sa.select(
                ClaimDocument.claim_id, ClaimDocument.version, ClaimDocument.shape, column
            ).where(ClaimDocument.claim_id.in_([row.id for row in rows]))
        )
    }
    current = []
    for row in rows:
        found = stored.get(row.id)
        fresh = found is not None and (found.version, found.shape) == (row.version, shape())
        current.append(found[3] if fresh else None)
    return current


def load(claim_ids: list[int], session: so.Session | None = None) -> dict[int, Claim]:
    """Claims loaded whole and afresh, to render them."""
    if not claim_ids:
        return {}
    stmt = sa.select(Claim).where(Claim.id.in_(claim_ids)).options(*WHOLE)
    claims = (session or db.session).scalars(stmt.execution_options(populate_existing=True))
    return {claim.id: claim for claim in claims}


def render(claim: Claim) -> str:
    """The claim's JSON object as the API shows it, without `allowed_actions`."""
    return jsonsafe.dumps(_schema().dump(claim), separators=(",", ":"))


def is_fact_check(claim) -> bool:
    """Readers see a claim as a fact-check once published, unless deleted or rejected since
    (the same rule as services/fact_checks.PUBLISHED)."""
    return (
        claim.published_at is not None and claim.deleted_at is None and claim.status != "rejected"
    )


def render_public(claim: Claim) -> str | None:
    """The claim as /fact-checks shows it to everyone, if it is a fact-check."""
    if not is_fact_check(claim):
        return None
    return jsonsafe.dumps(_public_schema().dump(claim), separators=(",", ":"))


def with_actions(body: str, actions: list[str]) -> str:
    """A stored document with the caller's `allowed_actions` added."""
    return body[:-1] + ',"allowed_actions":' + json.dumps(actions) + "}"


def render_search(claim: Claim) -> str | None:
    """The claim as /claims:search shows it, if it is a fact-check. Our own reviews are stored
    with a null publisher, and a null `url` unless the verdict names the desk's article: who we
    are and where our page lives are settings and the request's host, filled in when read
    (factcheck/api/stored_claims.py)."""
    if not is_fact_check(claim):
        return None
    from factcheck.services import fact_checks  # it lists fact-checks with `listed`

    searched = fact_checks.as_google_claim(claim, fact_checks.UNNAMED)
    return jsonsafe.dumps(_search_schema().dump(searched), separators=(",", ":"))


def _store(session: so.Session, claim_ids: Iterable[int]) -> int:
    """Render and store the current version of these claims (ids no longer found are gone:
    purged, or rolled back with a savepoint). Returns how many were rendered."""
    ids = sorted(set(claim_ids))
    rendered = 0
    for start in range(0, len(ids), CHUNK):
        claims = load(ids[start : start + CHUNK], session).values()
        if not claims:
            continue
        rows = [
            {
                "claim_id": c.id,
                "version": c.version,
                "shape": shape(),
                "body": render(c),
                "public_body": render_public(c),
                "search_body": render_search(c),
            }
            for c in claims
        ]
        session.execute(_upsert(session), rows)
        rendered += len(rows)
    return rendered


def _upsert(session: so.Session):
    changed = ("version", "shape", "body", "public_body", "search_body")
    return upsert(session, ClaimDocument, key="claim_id", update=changed)


# -- keeping documents current: every flushed claim is rendered before the commit ----------


def _changed_claims(session) -> list[int]:
    return [obj.id for obj in (*session.new, *session.dirty) if isinstance(obj, Claim)]


claim_changes.before_commit(_STALE, _changed_claims, _store)


# -- reading ---------------------------------------------------------------------------------


def one(claim_id: int):
    """The claim's listed row (see LISTED) with its document's version, shape and body, in
    one query; None if there is no such claim."""
    stmt = sa.select(
        *LISTED,
        ClaimDocument.version.label("document_version"),
        ClaimDocument.shape,
        ClaimDocument.body,
    ).outerjoin(ClaimDocument, ClaimDocument.claim_id == Claim.id)
    return db.session.execute(stmt.where(Claim.id == claim_id)).first()


def current_body(row) -> str | None:
    """The stored body of a row from `one`, if it shows the claim's version in this shape."""
    fresh = (row.document_version, row.shape) == (row.version, shape())
    return row.body if fresh else None


# -- maintenance -------------------------------------------------------------------------------


def stale_ids(session: so.Session, *, after: int, limit: int, share: int = 0, of: int = 1):
    """Up to `limit` claims after id `after` with no document of their current version and
    shape, lowest ids first; with `of` > 1 only ids equal to `share` modulo `of` (one of
    several processes' part)."""
    stmt = (
        sa.select(Claim.id)
        .outerjoin(ClaimDocument, ClaimDocument.claim_id == Claim.id)
        .where(
            Claim.id > after,
            sa.or_(
                ClaimDocument.claim_id.is_(None),
                ClaimDocument.version != Claim.version,
                ClaimDocument.shape != shape(),
            ),
        )
    )
    if of > 1:
        stmt = stmt.where(Claim.id % of == share)
    return list(session.scalars(stmt.order_by(Claim.id).limit(limit)))


def refresh(session: so.Session, claim_ids: Iterable[int]) -> int:
    """Render these claims now (the refresh command's unit of work)."""
    return _store(session, claim_ids)
