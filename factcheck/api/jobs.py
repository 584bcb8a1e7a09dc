"""/jobs: background work a request queued (extraction of an ingested article, matching)."""

from factcheck.api.http import errors, guarded
from factcheck.auth import current_user
from factcheck.rest import Blueprint
from factcheck.schemas.job import JobOut
from factcheck.services import jobs

blp = Blueprint("jobs", __name__, url_prefix="/api/v1/jobs", description="Background jobs")


@blp.route("/<id:job_id>")
@blp.doc(operationId="getJob")
@guarded(blp, "submitter")
@blp.response(200, JobOut)
@errors(blp, 404)
def get_job(job_id):
    """A job's status, progress and result links (yours; editors see every job)"""
    return jobs.get(job_id, current_user())
