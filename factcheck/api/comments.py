"""/claims/{id}/comments and /comments/{id}: reviewer discussion."""

from flask.views import MethodView

from factcheck.api.http import (
    ETAG_HEADER,
    LINK_HEADER,
    LOCATION_HEADER,
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
from factcheck.schemas.common import PageQuery
from factcheck.schemas.review import CommentIn, CommentOut, CommentPage
from factcheck.services import comments

blp = Blueprint("comments", __name__, url_prefix="/api/v1", description="Reviewer comments")


@blp.route("/claims/<id:claim_id>/comments")
class ClaimComments(MethodView):
    @blp.doc(operationId="listComments")
    @guarded(blp, "reviewer")
    @blp.arguments(PageQuery, location="query")
    @blp.response(200, CommentPage, headers={"Link": LINK_HEADER})
    @errors(blp, 404)
    def get(self, query, claim_id):
        """The discussion on a claim, oldest first (deleted comments stay as tombstones)"""
        found = comments.list_for_claim(
            claim_id, current_user(), limit=query["limit"], cursor=query.get("cursor")
        )
        return page(found)

    @blp.doc(operationId="createComment")
    @idempotent(blp)
    @guarded(blp, "reviewer")
    @blp.arguments(CommentIn)
    @blp.response(201, CommentOut, headers={"Location": LOCATION_HEADER, "ETag": ETAG_HEADER})
    @errors(blp, 404)
    def post(self, data, claim_id):
        """Comment on a claim"""
        comment = comments.create(claim_id, data["body"], current_user())
        return created(comment, "comments.CommentById", comment_id=comment.id)


@blp.route("/comments/<id:comment_id>")
class CommentById(MethodView):
    @blp.doc(operationId="getComment")
    @guarded(blp, "reviewer")
    @blp.response(200, CommentOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 304, 404)
    def get(self, comment_id):
        """Get a comment"""
        return read(comments.get(comment_id, current_user()))

    @blp.doc(operationId="updateComment")
    @guarded(blp, "reviewer")
    @if_match(blp)
    @blp.arguments(CommentIn)
    @blp.response(200, CommentOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 404, 409, 412)
    def patch(self, data, comment_id, expected_version):
        """Edit your own comment"""
        comment = comments.update(
            comment_id, data["body"], current_user(), expected_version=expected_version
        )
        return with_etag(comment)

    @blp.doc(operationId="deleteComment")
    @guarded(blp, "reviewer")
    @if_match(blp)
    @blp.response(204)
    @errors(blp, 404, 409, 412)
    def delete(self, comment_id, expected_version):
        """Delete your own comment (a tombstone stays in the thread and the history)"""
        comments.delete(comment_id, current_user(), expected_version=expected_version)
