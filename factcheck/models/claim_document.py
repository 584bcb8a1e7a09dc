import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId


class ClaimDocument(db.Model):
    """A claim's JSON representation as of one version, rendered in the transaction that made
    that version (factcheck/services/documents.py), so reads serve it without rebuilding it."""

    __tablename__ = "claim_documents"

    claim_id: so.Mapped[int] = so.mapped_column(
        BigId, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    # The claim version it shows: a document is served only while the claim still has it.
    version: so.Mapped[int]
    # Which renderer wrote it: a release that changes the representation changes the shape,
    # and documents of another shape are rendered afresh until `flask documents refresh`.
    shape: so.Mapped[str] = so.mapped_column(sa.String(16))
    # The JSON object (HTML-safe), without the caller-dependent `allowed_actions`.
    body: so.Mapped[str] = so.mapped_column(sa.Text)
    # The claim as /fact-checks shows it to everyone; NULL unless it is a published fact-check.
    public_body: so.Mapped[str | None] = so.mapped_column(sa.Text)
    # ... and as /claims:search shows it (our own reviews without publisher and URL).
    search_body: so.Mapped[str | None] = so.mapped_column(sa.Text)
