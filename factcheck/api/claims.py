"""/claims: checkable statements, with their sources, current verdict and review workflow."""

from flask import request
from flask.views import MethodView

from factcheck.api import stored_claims
from factcheck.api.http import (
    ETAG_HEADER,
    IF_NONE_MATCH,
    LINK_HEADER,
    LOCATION_HEADER,
    created,
    errors,
    guarded,
    if_match,
    not_modified,
    page,
    with_etag,
)
from factcheck.api.idempotency import idempotent
from factcheck.auth import current_user
from factcheck.rest import Blueprint
from factcheck.schemas.claim import (
    ClaimActionIn,
    ClaimBatchIn,
    ClaimBatchOut,
    ClaimCreatedOut,
    ClaimIn,
    ClaimOut,
    ClaimPage,
    ClaimPatch,
    ClaimQuery,
    MatchIn,
    MatchOut,
    SimilarQuery,
)
from factcheck.schemas.common import PageQuery
from factcheck.schemas.review import EventPage
from factcheck.services import batches, claims, history, matching, review

blp = Blueprint("claims", __name__, url_prefix="/api/v1", description="Claims and their review")


@blp.route("/claims")
class Claims(MethodView):
    @blp.doc(operationId="listClaims")
    @guarded(blp, "submitter")
    @blp.arguments(ClaimQuery, location="query")
    @blp.response(200, ClaimPage, headers={"Link": LINK_HEADER})
    def get(self, query):
        """List claims (submitters see their own); filter by status, assignee, rating, tag..."""
        limit, cursor = query.pop("limit"), query.pop("cursor", None)
        user = current_user()
        found = claims.list_claims(query, user, limit=limit, cursor=cursor)
        return stored_claims.page(found, user)

    @blp.doc(operationId="createClaim")
    @idempotent(blp)
    @guarded(blp, "submitter")
    @blp.arguments(ClaimIn)
    @blp.response(201, ClaimCreatedOut, headers={"Location": LOCATION_HEADER, "ETag": ETAG_HEADER})
    def post(self, data):
        """Submit a claim; it starts as `submitted`, and the answer lists likely duplicates"""
        user = current_user()
        # Looked for before the claim is stored: reading only, it holds no write lock.
        duplicates = matching.likely_duplicates(data["text"], user)
        claim = claims.create(data, user)
        submitted = claims.Submitted(claim, duplicates)
        return created(submitted, "claims.ClaimById", claim_id=claim.id)


@blp.route("/claims:batch", methods=["POST"])
@blp.doc(operationId="createClaimBatch")
@idempotent(blp)
@guarded(blp, "submitter")
@blp.arguments(ClaimBatchIn)
@blp.response(200, ClaimBatchOut)
def create_batch(data):
    """Submit 1 to 1,000 claims at once; each is created or refused alone, as POST /claims would

    The answer is 200 whenever the envelope is valid, with one result per claim in input
    order: `status` 201 with the created `claim` (and its `likely_duplicates`), or the status
    and problem fields (`type`, `title`, `detail`, `errors`) that POST /claims would have
    answered for that claim alone. Each claim is stored in a savepoint of the request's one
    transaction, so a refused claim leaves nothing behind and never stops the others. A
    malformed envelope (not an object, no `claims`, not a list, no items or more than 1,000)
    is a 422 and stores nothing.
    """
    return batches.submit_claims(data["claims"], current_user())


@blp.route("/claims/<id:claim_id>")
class ClaimById(MethodView):
    @blp.doc(operationId="getClaim")
    @guarded(blp, "submitter")
    @blp.doc(parameters=[IF_NONE_MATCH])
    @blp.response(200, ClaimOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 304, 404)
    def get(self, claim_id):
        """Get a claim with its sources and current verdict"""
        user = current_user()
        # A client revalidating its copy costs one small query, not the whole claim.
        if request.if_none_match:
            cached = not_modified(claims.version_of(claim_id, user))
            if cached is not None:
                return cached
        return stored_claims.one(claim_id, user)

    @blp.doc(operationId="updateClaim")
    @guarded(blp, "reviewer")
    @if_match(blp)
    @blp.arguments(ClaimPatch)
    @blp.response(200, ClaimOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 404, 409, 412)
    def patch(self, changes, claim_id, expected_version):
        """Change some of a claim's fields (its status belongs to the review workflow)"""
        claim = claims.update(claim_id, changes, current_user(), expected_version=expected_version)
        return with_etag(claim)

    @blp.doc(operationId="deleteClaim")
    @guarded(blp, "editor")
    @if_match(blp)
    @blp.response(204)
    @errors(blp, 404, 412)
    def delete(self, claim_id, expected_version):
        """Delete a claim (an admin can restore it; its history stays)"""
        claims.delete(claim_id, current_user(), expected_version=expected_version)


@blp.route("/claims/match", methods=["POST"])
@blp.doc(operationId="matchClaims")
@guarded(blp, "submitter")
@blp.arguments(MatchIn)
@blp.response(200, MatchOut)
def match(data):
    """Published fact-checks that state what a text states, most similar first"""
    return {"items": matching.checked_claims_like(data["text"], limit=data["limit"])}


@blp.route("/claims/<id:claim_id>/similar")
@blp.doc(operationId="listSimilarClaims")
@guarded(blp, "submitter")
@blp.arguments(SimilarQuery, location="query")
@blp.response(200, MatchOut)
@errors(blp, 404)
def similar(query, claim_id):
    """Published fact-checks similar to a claim, most similar first"""
    return {"items": matching.similar_to(claim_id, current_user(), limit=query["limit"])}


@blp.route("/claims/<id:claim_id>/actions", methods=["POST"])
@blp.doc(operationId="actOnClaim")
@guarded(blp, "reviewer")
@if_match(blp)
@blp.arguments(ClaimActionIn)
@blp.response(200, ClaimOut, headers={"ETag": ETAG_HEADER})
@errors(blp, 404, 409, 412)
def act(data, claim_id, expected_version):
    """Move a claim through the review workflow (409 lists the actions allowed now)"""
    claim = review.act(
        claim_id,
        data["action"],
        current_user(),
        note=data.get("note"),
        assignee_id=data.get("assignee_id"),
        expected_version=expected_version,
    )
    return with_etag(claim)


@blp.route("/claims/<id:claim_id>/restore", methods=["POST"])
@blp.doc(operationId="restoreClaim")
@guarded(blp, "admin")
@if_match(blp)
@blp.response(200, ClaimOut, headers={"ETag": ETAG_HEADER})
@errors(blp, 404, 412)
def restore(claim_id, expected_version):
    """Bring back a deleted claim"""
    claim = claims.restore(claim_id, current_user(), expected_version=expected_version)
    return with_etag(claim)


@blp.route("/claims/<id:claim_id>/purge", methods=["POST"])
@blp.doc(operationId="purgeClaim")
@guarded(blp, "admin")
@blp.response(204)
@errors(blp, 404, 409)
def purge(claim_id):
    """Erase a deleted claim for good; its audit history stays readable"""
    claims.purge(claim_id, current_user())


@blp.route("/claims/<id:claim_id>/history")
@blp.doc(operationId="listClaimHistory")
@guarded(blp, "reviewer")
@blp.arguments(PageQuery, location="query")
@blp.response(200, EventPage, headers={"Link": LINK_HEADER})
@errors(blp, 404)
def claim_history(query, claim_id):
    """Everything that happened to a claim, oldest first (kept even after the claim is purged)"""
    events = history.list_for_claim(
        claim_id, current_user(), limit=query["limit"], cursor=query.get("cursor")
    )
    return page(events)


@blp.route("/review-queue")
@blp.doc(operationId="listReviewQueue")
@guarded(blp, "reviewer")
@blp.arguments(PageQuery, location="query")
@blp.response(200, ClaimPage, headers={"Link": LINK_HEADER})
def review_queue(query):
    """Your work: claims assigned to you, then unassigned in_review ones; by priority"""
    user = current_user()
    return stored_claims.page(
        claims.review_queue(user, limit=query["limit"], cursor=query.get("cursor")), user
    )
