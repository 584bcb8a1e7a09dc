"""Published fact-checks as a Data Commons-style schema.org DataFeed, one page at a time."""

from datetime import UTC, datetime

from factcheck.claimreview import dates
from factcheck.claimreview.export import CONTEXT, export


def _is_claim_review(item: dict) -> bool:
    kind = item.get("@type")
    return kind == "ClaimReview" or (isinstance(kind, list) and "ClaimReview" in kind)


def _element(item: dict, organisation: dict) -> dict:
    if _is_claim_review(item):
        review = item
        created, modified = item.get("datePublished"), item.get("dateModified")
    else:
        if not item.get("url"):
            raise ValueError("each fact-check in a feed needs its public 'url'")
        review = export(item, organisation=organisation, url=item["url"])
        created = dates.iso_moment(item.get("published_at"))
        modified = dates.iso_moment(item.get("corrected_at"))
    element = {"@type": "DataFeedItem", "dateCreated": created or review.get("datePublished")}
    if modified:
        element["dateModified"] = modified
    element["item"] = [review]
    return element


def _latest(elements: list[dict]) -> str:
    moments = []
    for element in elements:
        for key in ("dateModified", "dateCreated"):
            moment = dates.read(element.get(key))
            if moment is not None:
                if not isinstance(moment, datetime):
                    moment = datetime(moment.year, moment.month, moment.day, tzinfo=UTC)
                moments.append(moment)
    return (max(moments) if moments else datetime.now(UTC)).isoformat()


def feed(items: list[dict], *, next_url: str | None, feed_url: str, organisation: dict) -> dict:
    """A DataFeed page. ``items`` are fact-check dicts carrying their public ``url`` (or
    ClaimReview objects already exported); ``nextPage`` links the following page, if any."""
    elements = [_element(item, organisation) for item in items]
    page: dict = {
        "@context": CONTEXT,
        "@type": "DataFeed",
        "url": feed_url,
        "name": f"{organisation['name']} fact-checks",
        "dateModified": _latest(elements),
        "dataFeedElement": elements,
    }
    if next_url:
        page["nextPage"] = next_url
    return page
