"""ClaimReview JSON-LD: our fact-checks out (one, or a paged feed), others' reviews in."""

from flask import current_app, json

from factcheck import claimreview
from factcheck.api.http import LINK_HEADER, errors, guarded, our_organisation, url_of
from factcheck.auth import current_user
from factcheck.errors import InvalidInput
from factcheck.rest import Blueprint, json_body
from factcheck.schemas.claimreview import (
    CLAIM_REVIEW_DOC,
    FEED_DOC,
    IMPORT_BODY_DOC,
    JSON_LD,
    MAX_IMPORT_ITEMS,
    ImportReportOut,
)
from factcheck.schemas.common import PageQuery
from factcheck.services import imports, publishing

blp = Blueprint("claimreview", __name__, url_prefix="/api/v1", description="schema.org ClaimReview")


def _json_ld(document: dict, headers: dict | None = None):
    return current_app.response_class(json.dumps(document), mimetype=JSON_LD, headers=headers)


@blp.route("/fact-checks/<id:claim_id>/claimreview")
@blp.doc(operationId="getClaimReview")
@blp.doc(security=[])
@blp.response(200, CLAIM_REVIEW_DOC, content_type=JSON_LD)
@errors(blp, 404)
def claim_review(claim_id):
    """One of our published fact-checks as ClaimReview JSON-LD"""
    return _json_ld(publishing.claim_review(claim_id, our_organisation()))


@blp.route("/feeds/claimreview")
@blp.doc(operationId="getClaimReviewFeed")
@blp.doc(security=[])
@blp.arguments(PageQuery, location="query")
@blp.response(200, FEED_DOC, content_type=JSON_LD, headers={"Link": LINK_HEADER})
def claim_review_feed(query):
    """All our published fact-checks as a paged schema.org DataFeed, newest first"""
    organisation = our_organisation()
    items, page = publishing.feed_page(
        organisation, limit=query["limit"], cursor=query.get("cursor")
    )
    next_url = None
    headers = {}
    if page.next_cursor:
        next_url = url_of(
            "claimreview.claim_review_feed", limit=query["limit"], cursor=page.next_cursor
        )
        headers["Link"] = f'<{next_url}>; rel="next"'
    document = claimreview.feed(
        items,
        next_url=next_url,
        feed_url=url_of("claimreview.claim_review_feed"),
        organisation=organisation.as_author,
    )
    return _json_ld(document, headers)


@blp.route("/imports/claimreview", methods=["POST"])
@blp.doc(operationId="importClaimReviews")
@guarded(blp, "editor")
@blp.doc(requestBody=IMPORT_BODY_DOC)
@blp.response(200, ImportReportOut)
def import_claim_reviews():
    """Import ClaimReview JSON-LD as published fact-checks; a report says what happened to each"""
    document = json_body()
    # Counted as the parser reads them (members of @graph, feeds and nested lists each count),
    # so no wrapping gets round the cap; refused before any item is read or stored.
    items = claimreview.item_count(document)
    if isinstance(document, list):  # and never more entries than the documented maxItems
        items = max(items, len(document))
    if items > MAX_IMPORT_ITEMS:
        raise InvalidInput(
            f"Send at most {MAX_IMPORT_ITEMS} reviews at a time: the document holds {items} "
            "items (counting the members of @graph, feeds and lists).",
            errors={"_body": [f"More than {MAX_IMPORT_ITEMS} items."]},
        )
    return imports.import_document(document, current_user())
