"""Reader pages: our published fact-checks as server-rendered HTML, outside /api/v1.

    /                                   the latest fact-checks
    /fact-checks/{id}                   one fact-check, with its ClaimReview JSON-LD
    /corrections                        corrected fact-checks and their correction notes
    /corrections/policy                 the desk's corrections policy (a template to override)
    /feed.atom                          Atom: fact-checks, and each correction as an entry
    /sitemap.xml                        our fact-check pages with their last change

Pages make no request anywhere but here: no script, no web font, the stylesheet inline (its
hash is the only style the Content-Security-Policy allows). Every successful answer carries an
ETag and a short public Cache-Control, so a cache in front answers most reads (error pages and
redirects don't). See docs/reader-pages.md.
"""

import base64
import functools
import hashlib
import math
from importlib import resources

from flask import Blueprint, Flask, current_app, redirect, render_template, request, url_for
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup

from factcheck import jsonsafe
from factcheck.api.http import our_organisation, url_of
from factcheck.errors import DomainError, NotFound
from factcheck.models import STANCES
from factcheck.ratings import BEST_RATING, DEFAULT_TEXTUAL_RATINGS, RATING_VALUES, WORST_RATING
from factcheck.reader import feeds
from factcheck.services import reader

blp = Blueprint("reader", __name__, template_folder="templates")

# Seconds a browser or shared cache may reuse an answer before asking again (with its ETag).
MAX_AGE = 300
PAGE_SIZE = 30
FEED_SIZE = 50
ATOM_TYPE = "application/atom+xml"

STANCE_LABELS = {
    "supports": "Supports the claim",
    "refutes": "Contradicts the claim",
    "context": "Context",
    "mixed": "Partly supports the claim",
}
assert set(STANCE_LABELS) == set(STANCES)


@functools.cache
def stylesheet() -> str:
    return resources.files(__package__).joinpath("reader.css").read_text(encoding="utf-8")


@functools.cache
def content_security_policy() -> str:
    """Nothing from anywhere, but our inline stylesheet (by its hash) and a data: icon."""
    digest = base64.b64encode(hashlib.sha256(stylesheet().encode()).digest()).decode()
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def init_app(app: Flask) -> None:
    """Register the pages; FACTCHECK_TEMPLATES_DIR's templates replace the package's."""
    folder = app.config.get("FACTCHECK_TEMPLATES_DIR")
    if folder:
        app.jinja_loader = ChoiceLoader([FileSystemLoader(folder), app.jinja_loader])
    app.register_blueprint(blp)


def _cacheable(response):
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response.add_etag()
    return response.make_conditional(request)


def _html(template: str, status: int = 200, **context):
    organisation = our_organisation()
    html = render_template(
        template,
        organisation=organisation,
        stylesheet=Markup(stylesheet()),
        feed_url=url_of("reader.atom_feed"),
        policy_url=_policy_url(),
        **context,
    )
    response = current_app.response_class(html, status=status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = content_security_policy()
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    return _cacheable(response) if status == 200 else response


def _xml(body: bytes, mimetype: str):
    return _cacheable(current_app.response_class(body, mimetype=mimetype))


def _policy_url() -> str:
    return current_app.config.get("FACTCHECK_CORRECTIONS_POLICY_URL") or url_of(
        "reader.corrections_policy"
    )


def _scale(rating: str) -> dict:
    """The rating on the true-false scale, for the page to show in words and as a meter."""
    return {
        "value": RATING_VALUES[rating],
        "name": DEFAULT_TEXTUAL_RATINGS[rating],
        "best": BEST_RATING,
        "worst": WORST_RATING,
        # The true-false scale, best first; `misleading` shares a value but is no step of it.
        "steps": [
            (r, DEFAULT_TEXTUAL_RATINGS[r])
            for r in sorted(
                (r for r, v in RATING_VALUES.items() if v is not None and r != "misleading"),
                key=lambda r: -RATING_VALUES[r],
            )
        ],
        "rating": rating,
    }


def _next_url(endpoint: str, page) -> str | None:
    return url_for(endpoint, cursor=page.next_cursor) if page.next_cursor else None


@blp.errorhandler(DomainError)
def _error(error: DomainError):
    return _html("reader/error.html", status=error.status, error=error)


@blp.route("/")
def index():
    page = reader.latest(limit=PAGE_SIZE, cursor=request.args.get("cursor"))
    return _html(
        "reader/index.html", fact_checks=page.items, next_url=_next_url("reader.index", page)
    )


@blp.route("/fact-checks/<id:claim_id>")
def fact_check(claim_id):
    found = reader.fact_check_page(claim_id, our_organisation())
    verdict = found.claim.published_verdict
    return _html(
        "reader/fact_check.html",
        page=found,
        claim=found.claim,
        verdict=verdict,
        scale=_scale(verdict.rating),
        stances=STANCE_LABELS,
        json_ld=Markup(jsonsafe.dumps(found.claim_review, indent=1)),
    )


@blp.route("/fact-checks/<id:claim_id>/")
def fact_check_slash(claim_id):
    return redirect(url_for("reader.fact_check", claim_id=claim_id), 308)


@blp.route("/corrections")
def corrections():
    page, found = reader.corrected(limit=PAGE_SIZE, cursor=request.args.get("cursor"))
    return _html(
        "reader/corrections.html",
        fact_checks=page.items,
        corrections=found,
        next_url=_next_url("reader.corrections", page),
    )


@blp.route("/corrections/policy")
def corrections_policy():
    return _html("reader/corrections_policy.html")


@blp.route("/feed.atom")
def atom_feed():
    organisation = our_organisation()
    found = reader.feed_entries(FEED_SIZE)
    entries = [_fact_check_entry(claim, organisation) for claim in found.fact_checks]
    entries += [
        _correction_entry(c, found.claims[c.claim_id], organisation) for c in found.corrections
    ]
    entries.sort(key=lambda e: e.updated, reverse=True)
    feed = feeds.Feed(
        id=url_of("reader.atom_feed"),
        title=f"{organisation.name} fact-checks",
        self_url=url_of("reader.atom_feed"),
        alternate_url=url_of("reader.index"),
        author_name=organisation.name,
        author_uri=organisation.url,
        entries=entries[:FEED_SIZE],
    )
    return _xml(feeds.atom(feed), ATOM_TYPE)


def _fact_check_entry(claim, organisation) -> feeds.Entry:
    verdict = claim.published_verdict
    summary = f"Our rating: {verdict.textual_rating}."
    if claim.claimant:
        summary = f"Claimed by {claim.claimant}. " + summary
    if verdict.summary:
        summary += " " + verdict.summary
    return feeds.Entry(
        id=organisation.url_of(claim.id),
        title=claim.text,
        link=organisation.url_of(claim.id),
        related=verdict.article_url,
        published=claim.published_at,
        updated=claim.corrected_at or claim.published_at,
        summary=summary,
        categories=["fact-check", *(["corrected"] if claim.corrected_at else []), *claim.tags],
    )


def _correction_entry(correction, claim, organisation) -> feeds.Entry:
    page = organisation.url_of(claim.id)
    summary = (
        f"Rating changed from {correction.previous_textual_rating} to {correction.textual_rating}."
        if correction.previous_textual_rating != correction.textual_rating
        else f"Rating unchanged: {correction.textual_rating}."
    )
    if correction.note:
        summary = f"{correction.note} {summary}"
    return feeds.Entry(
        id=f"{page}#correction-{correction.verdict_id}",
        title=f"Correction: {claim.text}",
        link=f"{page}#correction-{correction.verdict_id}",
        published=correction.published_at,
        updated=correction.published_at,
        summary=summary,
        categories=["correction"],
    )


@blp.route("/sitemap.xml")
def sitemap():
    """One sitemap while the pages fit in one; past that, an index of numbered sitemaps."""
    count = reader.sitemap_count()
    if count <= feeds.SITEMAP_MAX_URLS:
        return _sitemap_part(0)
    parts = math.ceil(count / feeds.SITEMAP_MAX_URLS)
    urls = [url_of("reader.sitemap_part", number=n) for n in range(1, parts + 1)]
    return _xml(feeds.sitemap_index(urls), "application/xml")


@blp.route("/sitemaps/fact-checks-<int:number>.xml")
def sitemap_part(number):
    count = reader.sitemap_count()  # numbered parts exist only when /sitemap.xml is an index
    if count <= feeds.SITEMAP_MAX_URLS or not 1 <= number <= math.ceil(
        count / feeds.SITEMAP_MAX_URLS
    ):
        raise NotFound(f"There is no sitemap {number}.")
    return _sitemap_part((number - 1) * feeds.SITEMAP_MAX_URLS)


def _sitemap_part(offset: int):
    organisation = our_organisation()
    entries = reader.sitemap_entries(offset=offset, limit=feeds.SITEMAP_MAX_URLS)
    urls = [(organisation.url_of(e.claim_id), e.last_modified) for e in entries]
    return _xml(feeds.sitemap(urls), "application/xml")
