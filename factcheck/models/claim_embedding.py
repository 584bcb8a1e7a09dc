import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck.extensions import db
from factcheck.models.types import BigId


class ClaimEmbedding(db.Model):
    """A claim text's sentence embedding (factcheck/matching/semantic.py), computed in the
    transaction that stores or changes the text when semantic matching is on
    (factcheck/services/embeddings.py)."""

    __tablename__ = "claim_embeddings"

    claim_id: so.Mapped[int] = so.mapped_column(
        BigId, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    # The encoder that made it: vectors of another model are computed afresh, never compared.
    model: so.Mapped[str] = so.mapped_column(sa.String(100))
    # The unit vector as float32 bytes.
    vector: so.Mapped[bytes] = so.mapped_column(sa.LargeBinary)
