"""/claims/{id}/sources and /sources/{id}: the evidence for a claim."""

from flask.views import MethodView

from factcheck.api.http import (
    ETAG_HEADER,
    IF_NONE_MATCH,
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
from factcheck.schemas.source import SourceIn, SourceOut, SourcePage, SourcePatch
from factcheck.services import sources

blp = Blueprint("sources", __name__, url_prefix="/api/v1", description="Evidence sources")


@blp.route("/claims/<id:claim_id>/sources")
class ClaimSources(MethodView):
    @blp.doc(operationId="listSources")
    @guarded(blp, "submitter")
    @blp.arguments(PageQuery, location="query")
    @blp.response(200, SourcePage, headers={"Link": LINK_HEADER})
    @errors(blp, 404)
    def get(self, query, claim_id):
        """List a claim's sources, oldest first"""
        found = sources.list_for_claim(
            claim_id, current_user(), limit=query["limit"], cursor=query.get("cursor")
        )
        return page(found)

    @blp.doc(operationId="createSource")
    @idempotent(blp)
    @guarded(blp, "reviewer")
    @blp.arguments(SourceIn)
    @blp.response(201, SourceOut, headers={"Location": LOCATION_HEADER, "ETag": ETAG_HEADER})
    @errors(blp, 404, 409)
    def post(self, data, claim_id):
        """Attach a source, with its stance on the claim"""
        source = sources.create(claim_id, data, current_user())
        return created(source, "sources.SourceById", source_id=source.id)


@blp.route("/sources/<id:source_id>")
class SourceById(MethodView):
    @blp.doc(operationId="getSource")
    @guarded(blp, "submitter")
    @blp.doc(parameters=[IF_NONE_MATCH])
    @blp.response(200, SourceOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 304, 404)
    def get(self, source_id):
        """Get a source"""
        return read(sources.get(source_id, current_user()))

    @blp.doc(operationId="updateSource")
    @guarded(blp, "reviewer")
    @if_match(blp)
    @blp.arguments(SourcePatch)
    @blp.response(200, SourceOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 404, 409, 412)
    def patch(self, changes, source_id, expected_version):
        """Change some of a source's fields"""
        source = sources.update(
            source_id, changes, current_user(), expected_version=expected_version
        )
        return with_etag(source)

    @blp.doc(operationId="deleteSource")
    @guarded(blp, "reviewer")
    @if_match(blp)
    @blp.response(204)
    @errors(blp, 404, 409, 412)
    def delete(self, source_id, expected_version):
        """Remove a source"""
        sources.delete(source_id, current_user(), expected_version=expected_version)
