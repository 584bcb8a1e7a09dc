import marshmallow as ma

from factcheck.models.job import JOB_KINDS, JOB_STATUSES
from factcheck.schemas.fields import one_of
from factcheck.services import jobs, outbox


def _links(job) -> dict:
    """Where the job's work can be read."""
    links = {"self": outbox.public_url(f"/api/v1/jobs/{job.id}")}
    if "article_id" in job.params:
        links["article"] = outbox.public_url(f"/api/v1/articles/{job.params['article_id']}")
    result = job.result or {}
    claim_ids = result.get("claim_ids", job.params.get("claim_ids", []))
    links["claims"] = [outbox.public_url(f"/api/v1/claims/{i}") for i in claim_ids]
    if "already_checked" in result:
        links["already_checked"] = [
            outbox.public_url(f"/api/v1/claims/{i}") for i in result["already_checked"]
        ]
    return links


class JobOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True, validate=one_of(JOB_KINDS))
    status = ma.fields.String(
        required=True,
        validate=one_of(JOB_STATUSES),
        metadata={"description": "queued, running, succeeded or failed (after 5 attempts)"},
    )
    progress = ma.fields.Function(
        jobs.progress,
        required=True,
        metadata={"type": "number", "description": "Share of the job's steps done, 0 to 1"},
    )
    attempts = ma.fields.Integer(required=True)
    result = ma.fields.Dict(
        required=True, metadata={"description": "What the job did so far (ids and counts)"}
    )
    error = ma.fields.String(
        required=True, allow_none=True, metadata={"description": "The last attempt's error"}
    )
    links = ma.fields.Function(
        _links,
        required=True,
        metadata={
            "type": "object",
            "description": "self, and the article and claims the job works on or found",
        },
    )
    created_at = ma.fields.DateTime(required=True)
    started_at = ma.fields.DateTime(required=True, allow_none=True)
    finished_at = ma.fields.DateTime(required=True, allow_none=True)
