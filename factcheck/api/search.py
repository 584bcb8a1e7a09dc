"""/claims:search, answering like Google Fact Check Tools so its clients can point here."""

from urllib.parse import urlsplit

from flask import current_app

from factcheck.api.http import url_of
from factcheck.rest import Blueprint
from factcheck.schemas.google import ClaimsSearchQuery, ClaimsSearchResult
from factcheck.services import fact_checks

blp = Blueprint(
    "search",
    __name__,
    url_prefix="/api/v1",
    description="Fact Check Tools-compatible search over published fact-checks",
)


def organisation() -> fact_checks.Organisation:
    config = current_app.config
    home = config.get("FACTCHECK_ORGANISATION_URL") or url_of("fact_checks.list_fact_checks")
    return fact_checks.Organisation(
        name=config["FACTCHECK_ORGANISATION_NAME"],
        site=urlsplit(home).hostname,
        url_of=lambda claim_id: url_of("fact_checks.get_fact_check", claim_id=claim_id),
    )


@blp.route("/claims:search")
@blp.doc(security=[])
@blp.arguments(ClaimsSearchQuery, location="query")
@blp.response(200, ClaimsSearchResult)
def claims_search(params):
    """Search published fact-checks (ours and imported) with Fact Check Tools' parameters"""
    page = fact_checks.search_like_google(params, organisation())
    return {"claims": page.items, "next_page_token": page.next_cursor}
