"""/claims/{id}/verdicts and /verdicts/{id}: the ratings reached for a claim."""

from flask.views import MethodView

from factcheck.api.http import (
    ETAG_HEADER,
    IF_NONE_MATCH,
    LINK_HEADER,
    LOCATION_HEADER,
    created,
    errors,
    guarded,
    if_match,
    page,
    read,
    with_etag,
)
from factcheck.api.idempotency import idempotent
from factcheck.auth import current_user
from factcheck.rest import Blueprint
from factcheck.schemas.common import PageQuery
from factcheck.schemas.verdict import VerdictIn, VerdictOut, VerdictPage, VerdictPatch
from factcheck.services import verdicts

blp = Blueprint("verdicts", __name__, url_prefix="/api/v1", description="Verdicts")


@blp.route("/claims/<id:claim_id>/verdicts")
class ClaimVerdicts(MethodView):
    @blp.doc(operationId="listVerdicts")
    @guarded(blp, "submitter")
    @blp.arguments(PageQuery, location="query")
    @blp.response(200, VerdictPage, headers={"Link": LINK_HEADER})
    @errors(blp, 404)
    def get(self, query, claim_id):
        """A claim's verdict history, newest first; the first is the current verdict"""
        found = verdicts.list_for_claim(
            claim_id, current_user(), limit=query["limit"], cursor=query.get("cursor")
        )
        return page(found)

    @blp.doc(operationId="createVerdict")
    @idempotent(blp)
    @guarded(blp, "reviewer")
    @blp.arguments(VerdictIn)
    @blp.response(201, VerdictOut, headers={"Location": LOCATION_HEADER, "ETag": ETAG_HEADER})
    @errors(blp, 404, 409)
    def post(self, data, claim_id):
        """Record a verdict; it becomes the claim's current verdict"""
        verdict = verdicts.create(claim_id, data, current_user())
        return created(verdict, "verdicts.VerdictById", verdict_id=verdict.id)


@blp.route("/verdicts/<id:verdict_id>")
class VerdictById(MethodView):
    @blp.doc(operationId="getVerdict")
    @guarded(blp, "submitter")
    @blp.doc(parameters=[IF_NONE_MATCH])
    @blp.response(200, VerdictOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 304, 404)
    def get(self, verdict_id):
        """Get one verdict"""
        return read(verdicts.get(verdict_id, current_user()))

    @blp.doc(operationId="updateVerdict")
    @guarded(blp, "reviewer")
    @if_match(blp)
    @blp.arguments(VerdictPatch)
    @blp.response(200, VerdictOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 404, 409, 412)
    def patch(self, changes, verdict_id, expected_version):
        """Revise the current verdict while the claim is in review"""
        verdict = verdicts.update(
            verdict_id, changes, current_user(), expected_version=expected_version
        )
        return with_etag(verdict)
