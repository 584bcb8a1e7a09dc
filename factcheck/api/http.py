"""HTTP conventions shared by the resource views: ETags, preconditions, Location and Link,
and the answers' headers: trusted hosts only, no caching of authenticated answers."""

import functools
from http import HTTPStatus
from urllib.parse import urlencode, urlsplit

from flask import current_app, request, url_for
from flask_smorest import Blueprint
from werkzeug.exceptions import BadRequest

from factcheck import jsonsafe
from factcheck.auth import requires
from factcheck.services.fact_checks import Organisation
from factcheck.services.pagination import Page
from factcheck.urls import is_http_url

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
    """The view needs a token with at least `role`; the OpenAPI document says so
    (`x-required-role`) with the 401 and 403 it can give, from this one declaration."""

    def decorator(func):
        func = blp.doc(**{"x-required-role": role})(requires(role)(func))
        return errors(blp, 401, 403)(func)

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


def if_match(blp: Blueprint):
    """The view takes `expected_version` from an If-Match header, which the OpenAPI document
    lists with the 412 a stale one gives, from this one declaration."""

    def decorator(func):
        @functools.wraps(func)
        def view(*args, **kwargs):
            return func(*args, expected_version=expected_version(), **kwargs)

        return errors(blp, 412)(blp.doc(parameters=[IF_MATCH])(view))

    return decorator


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
    # The configured public URL decides; otherwise the Host header, which require_trusted_host
    # has already checked, so a forged Host never ends up in Location, Link or the feed.
    base = current_app.config.get("FACTCHECK_PUBLIC_URL") or request.host_url
    return base.rstrip("/") + path_and_query


LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def _host_name(entry: str) -> str | None:
    """A host[:port] without port or brackets ("[::1]:80" -> "::1"); None if the port is not
    a number."""
    if entry.startswith("[") and "]" in entry:
        name, _, rest = entry[1:].partition("]")
        port = rest.removeprefix(":") if rest.startswith(":") else rest or None
    elif entry.count(":") == 1:  # name:port (a bare IPv6 address has several colons)
        name, _, port = entry.partition(":")
    else:
        name, port = entry, None
    return name if port is None or port.isdigit() else None


def trusted_hosts(config) -> list[str] | None:
    """The host names requests may name in Host, or None when any will do.

    See FACTCHECK_TRUSTED_HOSTS in factcheck/config.py; raises ValueError on a bad entry.
    """
    entries = [e.strip().lower() for e in (config.get("FACTCHECK_TRUSTED_HOSTS") or "").split(",")]
    entries = [e for e in entries if e]
    if "*" in entries:
        return None
    if not entries:
        # Links come from FACTCHECK_PUBLIC_URL when it is set, so Host cannot steer them.
        return None if config.get("FACTCHECK_PUBLIC_URL") else list(LOCAL_HOSTS)
    names = []
    for entry in entries:
        name = _host_name(entry) or ""
        bare = name.removeprefix(".")
        host = f"[{bare}]" if ":" in bare else bare
        if not bare or not is_http_url(f"http://{host}/"):
            raise ValueError(f"FACTCHECK_TRUSTED_HOSTS: {entry!r} is not a host name or address")
        names.append(name)
    return names


def host_is_trusted(host: str, trusted: list[str]) -> bool:
    """Whether a request's `host[:port]` names one of `trusted` (".example.org": and subdomains)."""
    try:
        name = urlsplit("//" + host).hostname  # lowercased, without port and brackets
    except ValueError:
        return False
    if not name:
        return False
    name = name.rstrip(".")
    for ref in trusted:
        bare = ref.removeprefix(".")
        if name == bare or (ref.startswith(".") and name.endswith(ref)):
            return True
    return False


def require_trusted_host():
    """before_request: refuse (400 problem) a Host this server does not answer to.

    Health probes are exempt: orchestrators call them by the pod's address, and they make no
    links.
    """
    trusted = current_app.extensions.get("factcheck_trusted_hosts")
    if trusted is None or request.blueprint == "health":
        return
    # Flask's SERVER_NAME, when set, is the name the operator gave the server (url_for uses it).
    server_name = current_app.config.get("SERVER_NAME")
    if server_name and _host_name(server_name.lower()):
        trusted = [*trusted, _host_name(server_name.lower())]
    # request.host is "" when the header holds characters no host name has.
    if not host_is_trusted(request.host, trusted):
        raise BadRequest(
            "The Host header names a host this server does not answer to "
            "(see FACTCHECK_TRUSTED_HOSTS and FACTCHECK_PUBLIC_URL)."
        )


def init_trusted_hosts(app) -> None:
    """Read FACTCHECK_TRUSTED_HOSTS once (a bad entry stops the app from starting)."""
    app.extensions["factcheck_trusted_hosts"] = trusted_hosts(app.config)
    app.before_request(require_trusted_host)


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
        # A fact-check's public address is its reader page (factcheck/reader).
        url_of=lambda claim_id: url_of("reader.fact_check", claim_id=claim_id),
    )


def created(obj, endpoint: str, **values):
    """A 201 answer: the new resource, its Location and its ETag."""
    headers = {"Location": url_of(endpoint, **values)}
    if hasattr(obj, "version"):
        headers["ETag"] = etag_of(obj)
    return obj, 201, headers


def with_etag(obj):
    return obj, {"ETag": etag_of(obj)}


def next_link(result: Page) -> dict:
    """A Link header to the next page that keeps the query's filters (none on the last page)."""
    if result.next_cursor is None:
        return {}
    query = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"]
    query.append(("cursor", result.next_cursor))
    link = _external(request.path + "?" + urlencode(query))
    return {"Link": f'<{link}>; rel="next"'}


def page(result: Page):
    """The list envelope, with a Link header to the next page."""
    return {"items": result.items, "next_cursor": result.next_cursor}, next_link(result)


def accepted(document: dict, endpoint: str, **values):
    """A 202 answer: work queued, described by `document`, followed at its Location."""
    response = json_text(jsonsafe.dumps(document), {"Location": url_of(endpoint, **values)})
    response.status_code = 202
    return response


def json_text(text: str, headers: dict | None = None):
    """An answer whose JSON is already written (and HTML-safe): stored documents."""
    return current_app.response_class(text, headers=headers, mimetype="application/json")


def security_headers(response):
    """after_request: browsers must never guess a content type for what the API sends back
    (stored text may contain HTML), and API answers are not to be framed."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def no_store_when_authenticated(response):
    """after_request: an answer to a request with credentials (a token's secret when one is
    issued, unpublished claims, who the caller is) is kept by no cache, shared or browser,
    unless the view chose its own Cache-Control."""
    if "Authorization" in request.headers and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
    return response
