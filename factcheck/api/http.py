"""HTTP conventions shared by the resource views: ETags, preconditions, Location and Link."""

from http import HTTPStatus
from urllib.parse import urlencode, urlsplit

from flask import current_app, request, url_for
from flask_smorest import Blueprint

from factcheck.auth import requires
from factcheck.services.fact_checks import Organisation
from factcheck.services.pagination import Page

ETAG_HEADER = {"description": "Version of the representation", "schema": {"type": "string"}}
LOCATION_HEADER = {"description": "URL of the created resource", "schema": {"type": "string"}}
LINK_HEADER = {
    "description": 'RFC 8288 link to the next page (`rel="next"`), absent on the last page',
    "schema": {"type": "string"},
}
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "ETag the change is based on; a stale one answers 412 and changes nothing",
}
IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "ETag the client holds; answers 304 if it is still current",
}


def errors(blp: Blueprint, *codes: int):
    """Document the error responses an endpoint can give besides the default."""

    def decorator(func):
        for code in codes:
            func = blp.alt_response(code, response=HTTPStatus(code).name)(func)
        return func

    return decorator


def guarded(blp: Blueprint, role: str):
    """The view needs a token with at least `role`; documents the 401 and 403 it can give."""

    def decorator(func):
        return errors(blp, 401, 403)(requires(role)(func))

    return decorator


def etag_of(obj) -> str:
    return f'"{obj.version}"'


def expected_version() -> int | None:
    """The version an If-Match header names; None when absent or `*` (any version)."""
    if_match = request.if_match
    if not if_match or if_match.star_tag:
        return None
    for tag in if_match.as_set():
        if tag and tag.isdigit() and len(tag) < 19:
            return int(tag)
    return 0  # names no version we ever issue, so the update is refused with 412


def not_modified(version: int | None):
    """A 304 if the client's If-None-Match names `version`, else None."""
    if version is None or not request.if_none_match:
        return None
    if request.if_none_match.contains_weak(str(version)):
        return current_app.response_class(status=304, headers={"ETag": f'"{version}"'})
    return None


def read(obj):
    """A single resource with its ETag, or 304 if the client's If-None-Match is current."""
    return not_modified(obj.version) or (obj, {"ETag": etag_of(obj)})


def _external(path_and_query: str) -> str:
    base = current_app.config.get("FACTCHECK_PUBLIC_URL") or request.host_url
    return base.rstrip("/") + path_and_query


def url_of(endpoint: str, **values) -> str:
    return _external(url_for(endpoint, **values))


def our_organisation() -> Organisation:
    """The desk publishing here, from configuration; its site defaults to this server's."""
    config = current_app.config
    home = config.get("FACTCHECK_ORGANISATION_URL") or _external("/")
    return Organisation(
        name=config["FACTCHECK_ORGANISATION_NAME"],
        url=home,
        site=urlsplit(home).hostname,
        url_of=lambda claim_id: url_of("fact_checks.get_fact_check", claim_id=claim_id),
    )


def created(obj, endpoint: str, **values):
    """A 201 answer: the new resource, its Location and its ETag."""
    headers = {"Location": url_of(endpoint, **values)}
    if hasattr(obj, "version"):
        headers["ETag"] = etag_of(obj)
    return obj, 201, headers


def with_etag(obj):
    return obj, {"ETag": etag_of(obj)}


def page(result: Page):
    """The list envelope, with a Link header to the next page that keeps the query's filters."""
    body = {"items": result.items, "next_cursor": result.next_cursor}
    if result.next_cursor is None:
        return body
    query = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"]
    query.append(("cursor", result.next_cursor))
    link = _external(request.path + "?" + urlencode(query))
    return body, {"Link": f'<{link}>; rel="next"'}


def security_headers(response):
    """after_request: browsers must never guess a content type for what the API sends back
    (stored text may contain HTML), and API answers are not to be framed."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response
