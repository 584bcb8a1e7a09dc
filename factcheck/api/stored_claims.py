"""Claim answers assembled from stored documents (services/documents.py).

The documents hold everything but `allowed_actions`, which depends on who asks; a claim whose
document is missing or older than the claim is rendered from its rows instead.
"""

import json

from factcheck import jsonsafe, policy
from factcheck.api.http import json_text, next_link, read
from factcheck.errors import NotFound
from factcheck.models import ClaimDocument, User
from factcheck.services import claims, documents, review
from factcheck.services.fact_checks import Organisation
from factcheck.services.pagination import Page


def one(claim_id: int, user: User):
    """GET a claim: its stored document, with its ETag."""
    row = documents.one(claim_id)
    if row is None or not policy.may_see_claim(user, row):
        raise NotFound(f"Claim {claim_id} does not exist.")
    body = documents.current_body(row)
    if body is None:
        return read(claims.get(claim_id, user))
    body = documents.with_actions(body, review.allowed_actions(row, user))
    return json_text(body, {"ETag": f'"{row.version}"'})


def page(result: Page, user: User):
    """A page of claims, as the ClaimPage schema documents it, with the Link to the next."""
    bodies = _bodies(result.items, documents.render, ClaimDocument.body)
    items = [
        documents.with_actions(body, review.allowed_actions(row, user))
        for row, body in zip(result.items, bodies, strict=True)
    ]
    return _page(items, result)


def fact_check_page(result: Page):
    """A page of published fact-checks, as the FactCheckPage schema documents it."""
    return _page(_bodies(result.items, documents.render_public, ClaimDocument.public_body), result)


def search_page(result: Page, organisation: Organisation):
    """A claims:search answer, as ClaimsSearchResult documents it: stored documents, with our
    name, site and each fact-check's address put into our own reviews (stored without them)."""
    found = []
    for row, body in zip(
        result.items,
        _bodies(result.items, documents.render_search, ClaimDocument.search_body),
        strict=True,
    ):
        searched = json.loads(body)
        for entry in searched["claimReview"]:
            # Ours: stored with no publisher, and no URL unless the desk's article has one (an
            # imported review always has both).
            if entry["publisher"] is None:
                entry["publisher"] = {"name": organisation.name, "site": organisation.site}
                entry["url"] = entry["url"] or organisation.url_of(row.id)
        found.append(searched)
    answer = {"claims": found, "nextPageToken": result.next_cursor}
    return json_text(jsonsafe.dumps(answer, separators=(",", ":")))


def _bodies(rows: list, render, column) -> list[str]:
    """Each listed claim's stored document; the few that are stale are loaded and rendered."""
    bodies = documents.texts(rows, column)
    stale = documents.load([row.id for row, body in zip(rows, bodies, strict=True) if body is None])
    return [body or render(stale[row.id]) for row, body in zip(rows, bodies, strict=True)]


def _page(items: list[str], result: Page):
    text = '{"items":[' + ",".join(items) + '],"next_cursor":' + json.dumps(result.next_cursor)
    return json_text(text + "}", next_link(result))
