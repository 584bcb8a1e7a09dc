"""verdicts: the desk's article URL and a public correction note; index claims by correction

Revision ID: d3f1a7c2b9e4
Revises: b68366257239
Create Date: 2026-12-03 05:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d3f1a7c2b9e4"
down_revision = "b68366257239"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("verdicts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("article_url", sa.String(length=2048), nullable=True))
        batch_op.add_column(sa.Column("correction_note", sa.Text(), nullable=True))
    # A plain CREATE INDEX: never a batch copy of claims, whose search triggers must stay.
    op.create_index("ix_claims_corrected_at_id", "claims", ["corrected_at", "id"], unique=False)


def downgrade():
    op.drop_index("ix_claims_corrected_at_id", table_name="claims")
    with op.batch_alter_table("verdicts", schema=None) as batch_op:
        batch_op.drop_column("correction_note")
        batch_op.drop_column("article_url")
