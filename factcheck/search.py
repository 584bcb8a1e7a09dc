"""Full-text search on claims, with each database's own engine.

SQLite: an FTS5 table `claims_fts` (external content: the claims table), ranked by bm25.
PostgreSQL: a generated `tsvector` column `claims.search_vector` with a GIN index, queried with
websearch_to_tsquery and ranked by ts_rank_cd.
Both are created and kept in sync by the migrations (triggers, generated columns), never by
application code, so every write path, including bulk loads in SQL, stays searchable.

The query language is the same on both (QUERY_LANGUAGE): words only, every word must match.
websearch_to_tsquery would read `or` as an operator and FTS5 as a word, and PostgreSQL's
English configuration drops stop words that FTS5 indexes, so the words are picked here (the
same stop words dropped for both) and handed to each engine as plain terms.
"""

import re

import sqlalchemy as sa

from factcheck.matching.text import STOP_WORDS

# Objects the migrations own that the models do not describe; Alembic's comparison skips them.
SEARCH_TABLES = {"claims_fts", "claims_fts_data", "claims_fts_idx", "claims_fts_content",
                 "claims_fts_docsize", "claims_fts_config"}  # fmt: skip
SEARCH_COLUMNS = {("claims", "search_vector")}
SEARCH_INDEXES = {"ix_claims_search_vector"}

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 32
MAX_CANDIDATE_TERMS = 8

# PostgreSQL's English stop words (share/tsearch_data/english.stop), which the `english`
# configuration leaves out of every tsvector and tsquery: left out of queries on SQLite too.
QUERY_STOP_WORDS = frozenset({
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours",
    "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
    "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "what", "which",
    "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be",
    "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
    "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by",
    "for", "with", "about", "against", "between", "into", "through", "during", "before",
    "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over",
    "under", "again", "further", "then", "once", "here", "there", "when", "where", "why",
    "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no",
    "nor", "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will",
    "just", "don", "should", "now"
})  # fmt: skip
# For the documentation of every `q` / `query` parameter.
QUERY_LANGUAGE = (
    "Words only, the same on every database: a claim matches when its text, quote or claimant "
    "holds every word (English endings folded in text and quote: `rates` finds `rate`). "
    "There are no operators: "
    "`or`, `and`, `not`, quotes, `-` and other punctuation are not special; very common "
    "English words (`the`, `or`, `not`, ...) are ignored, so a query of only those matches "
    "nothing."
)


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic hook: leave the search machinery to the migrations that created it."""
    if type_ == "table" and name in SEARCH_TABLES:
        return False
    if type_ == "column" and (obj.table.name, name) in SEARCH_COLUMNS:
        return False
    return not (type_ == "index" and name in SEARCH_INDEXES)


def terms(query: str) -> list[str]:
    """The words of a user's query; everything else (operators, quotes) and stop words are
    ignored, so both databases see the same words."""
    words = (w for w in _WORD.findall(query.lower()) if w not in QUERY_STOP_WORDS)
    return list(words)[:MAX_TERMS]


def candidate_terms(text: str) -> list[str]:
    """The words worth searching for when gathering candidates for claim matching.

    Stop words would match nearly every claim and make the ranked search scan the archive;
    the longest remaining words are the most selective.
    """
    words = [w for w in dict.fromkeys(terms(text)) if w not in STOP_WORDS and len(w) > 2]
    return sorted(words, key=len, reverse=True)[:MAX_CANDIDATE_TERMS]


def matching_claims(dialect: str, query: str, *, any_term: bool = False):
    """(claim id, relevance) for claims matching `query`, higher relevance first.

    All terms must match unless `any_term` (used to gather candidates for claim matching).
    Returns None when the query has no words.
    """
    words = candidate_terms(query) if any_term else terms(query)
    if not words:
        return None
    if dialect == "postgresql":
        if any_term:  # candidate words, never stop words: `or` between them is the operator
            tsquery = sa.func.websearch_to_tsquery("english", " or ".join(words))
        else:  # plain terms, no operators, as FTS5 gets them below
            tsquery = sa.func.plainto_tsquery("english", " ".join(words))
        vector = sa.column("search_vector")
        claims = sa.table("claims", sa.column("id"), vector)
        return sa.select(
            claims.c.id.label("claim_id"),
            # float8, so the value survives a cursor round trip exactly.
            sa.cast(sa.func.ts_rank_cd(vector, tsquery), sa.Double).label("relevance"),
        ).where(vector.op("@@")(tsquery))
    # FTS5: quoted terms are literal words; bm25 is lower for better matches, so negate it.
    joiner = " OR " if any_term else " "
    match = joiner.join('"' + word.replace('"', "") + '"' for word in words)
    fts = sa.table("claims_fts", sa.column("rowid"))
    return sa.select(
        fts.c.rowid.label("claim_id"),
        (-sa.func.bm25(sa.text("claims_fts"))).label("relevance"),
    ).where(sa.text("claims_fts MATCH :match").bindparams(match=match))


def ranked(session, query: str, *, any_term: bool = False):
    """A subquery (claim_id, relevance) for the session's database, or None without words."""
    stmt = matching_claims(session.get_bind().dialect.name, query, any_term=any_term)
    return None if stmt is None else stmt.subquery("ranked")
