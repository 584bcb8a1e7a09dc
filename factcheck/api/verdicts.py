"""/claims/{id}/verdicts: the ratings reached for a claim, newest first."""

from flask.views import MethodView

from factcheck.api.http import (
    ETAG_HEADER,
    IF_NONE_MATCH,
    LINK_HEADER,
    LOCATION_HEADER,
    created,
    errors,
    page,
    read,
)
from factcheck.rest import Blueprint
from factcheck.schemas.common import PageQuery
from factcheck.schemas.verdict import VerdictIn, VerdictOut, VerdictPage
from factcheck.services import verdicts

blp = Blueprint("verdicts", __name__, url_prefix="/api/v1", description="Verdicts")


@blp.route("/claims/<id:claim_id>/verdicts")
class ClaimVerdicts(MethodView):
    @blp.arguments(PageQuery, location="query")
    @blp.response(200, VerdictPage, headers={"Link": LINK_HEADER})
    @errors(blp, 404)
    def get(self, query, claim_id):
        """A claim's verdict history, newest first; the first is the current verdict"""
        return page(
            verdicts.list_for_claim(claim_id, limit=query["limit"], cursor=query.get("cursor"))
        )

    @blp.arguments(VerdictIn)
    @blp.response(201, VerdictOut, headers={"Location": LOCATION_HEADER, "ETag": ETAG_HEADER})
    @errors(blp, 404)
    def post(self, data, claim_id):
        """Record a verdict; it becomes the claim's current verdict"""
        verdict = verdicts.create(claim_id, data)
        return created(verdict, "verdicts.verdict_by_id", verdict_id=verdict.id)


@blp.route("/verdicts/<id:verdict_id>")
@blp.doc(parameters=[IF_NONE_MATCH])
@blp.response(200, VerdictOut, headers={"ETag": ETAG_HEADER})
@errors(blp, 304, 404)
def verdict_by_id(verdict_id):
    """Get one verdict"""
    return read(verdicts.get(verdict_id))
