"""/claims:search, answering like Google Fact Check Tools so its clients can point here."""

from factcheck.api import stored_claims
from factcheck.api.http import our_organisation
from factcheck.rest import Blueprint
from factcheck.schemas.google import ClaimsSearchQuery, ClaimsSearchResult
from factcheck.services import fact_checks

blp = Blueprint(
    "search",
    __name__,
    url_prefix="/api/v1",
    description="Fact Check Tools-compatible search over published fact-checks",
)


@blp.route("/claims:search")
@blp.doc(operationId="searchFactChecks")
@blp.doc(security=[])
@blp.arguments(ClaimsSearchQuery, location="query")
@blp.response(200, ClaimsSearchResult)
def claims_search(params):
    """Search published fact-checks (ours and imported) with Fact Check Tools' parameters"""
    organisation = our_organisation()
    page = fact_checks.search_like_google(params, organisation)
    return stored_claims.search_page(page, organisation)
