"""/articles: the texts claims are found in."""

from flask.views import MethodView

from factcheck.api.http import (
    ETAG_HEADER,
    IF_MATCH,
    IF_NONE_MATCH,
    LINK_HEADER,
    LOCATION_HEADER,
    created,
    errors,
    expected_version,
    page,
    read,
    with_etag,
)
from factcheck.rest import Blueprint
from factcheck.schemas.article import (
    ArticleCreatedOut,
    ArticleCreateIn,
    ArticleOut,
    ArticlePage,
    ArticlePatch,
    ArticleQuery,
)
from factcheck.schemas.claim import ClaimPage
from factcheck.schemas.common import PageQuery
from factcheck.services import articles, claims

blp = Blueprint("articles", __name__, url_prefix="/api/v1/articles", description="Articles")


@blp.route("")
class Articles(MethodView):
    @blp.arguments(ArticleQuery, location="query")
    @blp.response(200, ArticlePage, headers={"Link": LINK_HEADER})
    def get(self, query):
        """List articles, newest first (bodies omitted)"""
        limit, cursor = query.pop("limit"), query.pop("cursor", None)
        return page(articles.list_articles(query, limit=limit, cursor=cursor))

    @blp.arguments(ArticleCreateIn)
    @blp.response(
        201, ArticleCreatedOut, headers={"Location": LOCATION_HEADER, "ETag": ETAG_HEADER}
    )
    @errors(blp, 409)
    def post(self, data):
        """Add an article (and with `extract`, its claims); the same URL or body twice is a 409"""
        ingested = articles.ingest(data, extract=data.pop("extract"))
        return created(ingested, "articles.ArticleById", article_id=ingested.id)


@blp.route("/<id:article_id>")
class ArticleById(MethodView):
    @blp.doc(parameters=[IF_NONE_MATCH])
    @blp.response(200, ArticleOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 304, 404)
    def get(self, article_id):
        """Get an article"""
        return read(articles.get(article_id))

    @blp.doc(parameters=[IF_MATCH])
    @blp.arguments(ArticlePatch)
    @blp.response(200, ArticleOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 404, 409, 412)
    def patch(self, changes, article_id):
        """Change some of an article's fields"""
        return with_etag(articles.update(article_id, changes, expected_version=expected_version()))

    @blp.doc(parameters=[IF_MATCH])
    @blp.response(204)
    @errors(blp, 404, 409, 412)
    def delete(self, article_id):
        """Delete an article that has no claims"""
        articles.delete(article_id, expected_version=expected_version())


@blp.route("/<id:article_id>/claims")
@blp.arguments(PageQuery, location="query")
@blp.response(200, ClaimPage, headers={"Link": LINK_HEADER})
@errors(blp, 404)
def article_claims(query, article_id):
    """List the claims found in an article, newest first"""
    articles.get(article_id)
    return page(
        claims.list_claims(
            {"article_id": article_id}, limit=query["limit"], cursor=query.get("cursor")
        )
    )
