"""/claims: checkable statements, with their sources and current verdict."""

from flask.views import MethodView

from factcheck.api.http import (
    ETAG_HEADER,
    IF_MATCH,
    IF_NONE_MATCH,
    LINK_HEADER,
    LOCATION_HEADER,
    created,
    errors,
    expected_version,
    page,
    read,
    with_etag,
)
from factcheck.rest import Blueprint
from factcheck.schemas.claim import ClaimIn, ClaimOut, ClaimPage, ClaimPatch, ClaimQuery
from factcheck.services import claims

blp = Blueprint("claims", __name__, url_prefix="/api/v1/claims", description="Claims")


@blp.route("")
class Claims(MethodView):
    @blp.arguments(ClaimQuery, location="query")
    @blp.response(200, ClaimPage, headers={"Link": LINK_HEADER})
    def get(self, query):
        """List claims; filter by status, claimant, article, rating, tag, language or date"""
        limit, cursor = query.pop("limit"), query.pop("cursor", None)
        return page(claims.list_claims(query, limit=limit, cursor=cursor))

    @blp.arguments(ClaimIn)
    @blp.response(201, ClaimOut, headers={"Location": LOCATION_HEADER, "ETag": ETAG_HEADER})
    def post(self, data):
        """Submit a claim; it starts as `submitted`"""
        claim = claims.create(data)
        return created(claim, "claims.ClaimById", claim_id=claim.id)


@blp.route("/<id:claim_id>")
class ClaimById(MethodView):
    @blp.doc(parameters=[IF_NONE_MATCH])
    @blp.response(200, ClaimOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 304, 404)
    def get(self, claim_id):
        """Get a claim with its sources and current verdict"""
        return read(claims.get(claim_id))

    @blp.doc(parameters=[IF_MATCH])
    @blp.arguments(ClaimPatch)
    @blp.response(200, ClaimOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 404, 412)
    def patch(self, changes, claim_id):
        """Change some of a claim's fields (its status belongs to the review workflow)"""
        return with_etag(claims.update(claim_id, changes, expected_version=expected_version()))

    @blp.doc(parameters=[IF_MATCH])
    @blp.response(204)
    @errors(blp, 404, 412)
    def delete(self, claim_id):
        """Delete a claim with its sources and verdicts"""
        claims.delete(claim_id, expected_version=expected_version())
