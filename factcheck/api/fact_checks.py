"""/fact-checks: published fact-checks, open to everyone."""

from factcheck.api import stored_claims
from factcheck.api.http import LINK_HEADER, errors
from factcheck.rest import Blueprint
from factcheck.schemas.fact_check import FactCheckOut, FactCheckPage, FactCheckQuery
from factcheck.services import fact_checks

blp = Blueprint(
    "fact_checks", __name__, url_prefix="/api/v1/fact-checks", description="Published fact-checks"
)


@blp.route("")
@blp.doc(operationId="listFactChecks")
@blp.doc(security=[])
@blp.arguments(FactCheckQuery, location="query")
@blp.response(200, FactCheckPage, headers={"Link": LINK_HEADER})
def list_fact_checks(query):
    """Published fact-checks, most recently published first"""
    limit, cursor = query.pop("limit"), query.pop("cursor", None)
    return stored_claims.fact_check_page(
        fact_checks.list_fact_checks(query, limit=limit, cursor=cursor)
    )


@blp.route("/<id:claim_id>")
@blp.doc(operationId="getFactCheck")
@blp.doc(security=[])
@blp.response(200, FactCheckOut)
@errors(blp, 404)
def get_fact_check(claim_id):
    """One published fact-check: the claim, its published verdict and its sources"""
    return fact_checks.get(claim_id)
