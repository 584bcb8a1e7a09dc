"""store claim text embeddings for semantic matching

Revision ID: c4a8d2e6f1b0
Revises: b7e4f2a91c3d
Create Date: 2026-12-02 17:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4a8d2e6f1b0"
down_revision = "b7e4f2a91c3d"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "claim_embeddings",
        sa.Column("claim_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_embeddings_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_claim_embeddings")),
    )


def downgrade():
    op.drop_table("claim_embeddings")
