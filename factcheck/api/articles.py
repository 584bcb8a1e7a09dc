"""/articles: the texts claims are found in."""

from flask.views import MethodView

from factcheck.api import stored_claims
from factcheck.api.http import (
    ETAG_HEADER,
    IF_NONE_MATCH,
    LINK_HEADER,
    LOCATION_HEADER,
    accepted,
    created,
    errors,
    guarded,
    if_match,
    page,
    read,
    with_etag,
)
from factcheck.api.idempotency import idempotent
from factcheck.auth import current_user
from factcheck.rest import Blueprint
from factcheck.schemas.article import (
    ArticleCreateIn,
    ArticleOut,
    ArticlePage,
    ArticlePatch,
    ArticleQuery,
)
from factcheck.schemas.claim import ClaimPage
from factcheck.schemas.common import PageQuery
from factcheck.schemas.extraction import ArticleExtractionOut
from factcheck.schemas.job import JobOut
from factcheck.services import articles, claims

blp = Blueprint("articles", __name__, url_prefix="/api/v1/articles", description="Articles")


@blp.route("")
class Articles(MethodView):
    @blp.doc(operationId="listArticles")
    @guarded(blp, "submitter")
    @blp.arguments(ArticleQuery, location="query")
    @blp.response(200, ArticlePage, headers={"Link": LINK_HEADER})
    def get(self, query):
        """List articles, newest first (bodies omitted; submitters see their own)"""
        limit, cursor = query.pop("limit"), query.pop("cursor", None)
        return page(articles.list_articles(query, current_user(), limit=limit, cursor=cursor))

    @idempotent(blp)
    @guarded(blp, "submitter")
    @blp.arguments(ArticleCreateIn)
    @blp.response(201, ArticleOut, headers={"Location": LOCATION_HEADER, "ETag": ETAG_HEADER})
    @blp.alt_response(
        202,
        schema=JobOut,
        description="Stored; its claims are being extracted by the job in the body",
        headers={"Location": LOCATION_HEADER},
    )
    @blp.doc(operationId="createArticle")
    @errors(blp, 409)
    def post(self, data):
        """Add an article (with `extract`, queue the extraction of its claims); the same URL or
        body twice is a 409"""
        extract, actor = data.pop("extract"), current_user()
        article = articles.create(data, actor)
        if extract:
            job = articles.queue_extraction(article, actor)
            return accepted(JobOut().dump(job), "jobs.get_job", job_id=job.id)
        return created(article, "articles.ArticleById", article_id=article.id)


@blp.route("/<id:article_id>")
class ArticleById(MethodView):
    @blp.doc(operationId="getArticle")
    @guarded(blp, "submitter")
    @blp.doc(parameters=[IF_NONE_MATCH])
    @blp.response(200, ArticleOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 304, 404)
    def get(self, article_id):
        """Get an article"""
        return read(articles.get(article_id, current_user()))

    @blp.doc(operationId="updateArticle")
    @guarded(blp, "reviewer")
    @if_match(blp)
    @blp.arguments(ArticlePatch)
    @blp.response(200, ArticleOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 404, 409, 412)
    def patch(self, changes, article_id, expected_version):
        """Change some of an article's fields"""
        article = articles.update(
            article_id, changes, current_user(), expected_version=expected_version
        )
        return with_etag(article)

    @blp.doc(operationId="deleteArticle")
    @guarded(blp, "editor")
    @if_match(blp)
    @blp.response(204)
    @errors(blp, 404, 409, 412)
    def delete(self, article_id, expected_version):
        """Delete an article that has no claims (an admin can restore it)"""
        articles.delete(article_id, current_user(), expected_version=expected_version)


@blp.route("/<id:article_id>/restore", methods=["POST"])
@blp.doc(operationId="restoreArticle")
@guarded(blp, "admin")
@if_match(blp)
@blp.response(200, ArticleOut, headers={"ETag": ETAG_HEADER})
@errors(blp, 404, 412)
def restore_article(article_id, expected_version):
    """Bring back a deleted article"""
    article = articles.restore(article_id, current_user(), expected_version=expected_version)
    return with_etag(article)


@blp.route("/<id:article_id>/claims")
@blp.doc(operationId="listArticleClaims")
@guarded(blp, "submitter")
@blp.arguments(PageQuery, location="query")
@blp.response(200, ClaimPage, headers={"Link": LINK_HEADER})
@errors(blp, 404)
def article_claims(query, article_id):
    """List the claims found in an article, newest first"""
    user = current_user()
    articles.get(article_id, user)
    found = claims.list_claims(
        {"article_id": article_id}, user, limit=query["limit"], cursor=query.get("cursor")
    )
    return stored_claims.page(found, user)


@blp.route("/<id:article_id>/extract", methods=["POST"])
@blp.doc(operationId="extractArticleClaims")
@guarded(blp, "submitter")
@blp.response(200, ArticleExtractionOut)
@errors(blp, 404)
def extract_article(article_id):
    """Store an article's extracted claims as submitted claims, skipping ones already stored"""
    return articles.extract_claims(article_id, current_user())
