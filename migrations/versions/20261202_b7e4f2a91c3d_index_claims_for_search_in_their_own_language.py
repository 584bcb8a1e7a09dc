"""index claims for full-text search in their own language

Revision ID: b7e4f2a91c3d
Revises: ac3c3da79976
Create Date: 2026-12-02 17:00:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "b7e4f2a91c3d"
down_revision = "ac3c3da79976"
branch_labels = None
depends_on = None

# PostgreSQL stems each claim with its language's text search configuration. The table is
# frozen here as it was when written; factcheck.languages.SEARCH_CONFIGS holds the same (a test
# compares them), and a change to one needs a migration for the other.
CONFIGS = {
    "da": "danish", "de": "german", "en": "english", "es": "spanish", "fi": "finnish",
    "fr": "french", "hu": "hungarian", "it": "italian", "nb": "norwegian", "nl": "dutch",
    "nn": "norwegian", "no": "norwegian", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sv": "swedish", "tr": "turkish",
}  # fmt: skip
CASES = "\n".join(f"        WHEN '{code}' THEN '{name}'" for code, name in CONFIGS.items())

# Unknown language (NULL): English, as every claim was indexed before; a language PostgreSQL
# does not stem: 'simple' (words as written). IMMUTABLE, so a generated column may call it.
CONFIG_FUNCTION = f"""
CREATE FUNCTION claim_search_config(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN language IS NULL OR language = '' THEN 'english'
        ELSE CASE lower(split_part(language, '-', 1))
{CASES}
        ELSE 'simple' END
    END::regconfig
$$
"""

# The claimant too: a name is stemmed as the query's words are ("Jones" and "jone" alike), so
# a query needs no configuration of its own for names.
VECTOR = """
ALTER TABLE claims ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector({config}, coalesce(text, '')), 'A')
    || setweight(to_tsvector({config}, coalesce(quote, '')), 'B')
    || setweight(to_tsvector({claimant}, coalesce(claimant, '')), 'C')
) STORED
"""


def _rebuild_vector(config: str, claimant: str) -> None:
    op.execute("DROP INDEX IF EXISTS ix_claims_search_vector")
    op.execute("ALTER TABLE claims DROP COLUMN search_vector")
    op.execute(VECTOR.format(config=config, claimant=claimant))
    op.execute("CREATE INDEX ix_claims_search_vector ON claims USING gin (search_vector)")


def upgrade():
    # SQLite's FTS5 index (porter unicode61 remove_diacritics 2) already folds accents and
    # indexes words as written in every language: nothing to change there.
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(CONFIG_FUNCTION)
    _rebuild_vector("claim_search_config(language)", "claim_search_config(language)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    _rebuild_vector("'english'", "'simple'")  # as cc42f7ce9db3 made it
    op.execute("DROP FUNCTION claim_search_config(text)")
