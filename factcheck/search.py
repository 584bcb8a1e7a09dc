"""Full-text search on claims, with each database's own engine.

SQLite: an FTS5 table `claims_fts` (external content: the claims table), ranked by bm25.
PostgreSQL: a generated `tsvector` column `claims.search_vector` with a GIN index, each claim
stemmed in its own language (factcheck.languages.search_config), queried with plainto_tsquery
in the query's language when it is known, else in each configuration the stored claims use,
and ranked by ts_rank_cd.
Both are created and kept in sync by the migrations (triggers, generated columns), never by
application code, so every write path, including bulk loads in SQL, stays searchable.

The query language is the same on both (QUERY_LANGUAGE): words only; a claim matches when it
holds any of them, and those holding the most come first (then the most relevant, then the
newest). SQLite stems every claim as English (porter) and folds accents; PostgreSQL stems each
as its language.
PostgreSQL's English configuration drops stop words that FTS5 indexes, so the words are picked
here (the same stop words dropped for both) and handed to each engine as plain terms.

Neither search ranks the whole archive: `ranked` ranks a pool of the newest matches (of every
word, and of each), `candidates` (claim matching) takes each word's newest matches up to a
bound.
"""

import math
import re
import time

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import REGCONFIG

from factcheck import languages
from factcheck.matching import score
from factcheck.matching.query import matchable
from factcheck.matching.text import STOP_WORDS, stem
from factcheck.models import Claim

# Objects the migrations own that the models do not describe; Alembic's comparison skips them.
SEARCH_TABLES = {"claims_fts", "claims_fts_data", "claims_fts_idx", "claims_fts_content",
                 "claims_fts_docsize", "claims_fts_config"}  # fmt: skip
SEARCH_COLUMNS = {("claims", "search_vector")}
SEARCH_INDEXES = {"ix_claims_search_vector"}

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 32
MAX_CANDIDATE_TERMS = 16

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
    "holds any of the words (endings folded: `rates` finds `rate`; on PostgreSQL "
    "in each claim's own language, and a language filter searches that language only; on "
    "SQLite English endings, and accents folded in every language: `chomage` finds "
    "`chômage`). "
    "There are no operators: "
    "`or`, `and`, `not`, quotes, `-` and other punctuation are not special; very common "
    "English words (`the`, `or`, `not`, ...) are ignored, so a query of only those matches "
    "nothing. Ordered by relevance (no `sort`): the claims holding the most of the words "
    "first, then by the database's relevance score (PostgreSQL's ts_rank_cd, SQLite's bm25), "
    "then the newest; only a pool is ranked, the 1,000 newest claims holding every word and "
    "each word's newest claims (1,000 shared between the words, at least 100 each). With a "
    "`sort`, every claim holding any of the words is listed in that order."
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
    """The words worth searching for when gathering candidates for claim matching: those
    of its matchable part (no links or handles) that are not stop words, the rarest first
    (by the matcher's document frequencies; ties: the longer first).

    Stop words would match nearly every claim and make the ranked search scan the archive;
    rare words are the ones a repeated claim keeps.
    """
    words = [w for w in dict.fromkeys(terms(matchable(text))) if w not in STOP_WORDS and len(w) > 2]
    idf = score.idf_table()
    return sorted(words, key=lambda w: (-idf(stem(w)), -len(w)))[:MAX_CANDIDATE_TERMS]


# `q=` ranks a pool of the matches (of the list's other filters), never every match: ranking
# every claim holding a common word would cost the whole archive. The pool is the
# RELEVANCE_POOL newest claims holding every word and each word's newest claims (an equal
# share of RELEVANCE_POOL, at least MIN_PER_WORD), so a rare word's claims are there however
# many newer claims hold a common word of the same query.
RELEVANCE_POOL = 1000
MIN_PER_WORD = 100


def ranked(session, query: str, *, among=None, language=None):
    """A subquery (claim_id, matched, relevance) over a pool of the claims that hold any word
    of `query` and meet `among` (a condition on the claims table); None without words.
    `matched` is how many of the query's words a claim holds and `relevance` the engine's
    score of the claim for all of them (ts_rank_cd; on SQLite bm25, each word's added up):
    ordered by both, the claims holding every word come first.

    The pool is the RELEVANCE_POOL newest claims holding every word and each word's
    `per_word(RELEVANCE_POOL, words)` newest, each found by walking the id index (or FTS5's
    posting list) backwards, or, for a rare word on PostgreSQL, from the GIN index, and
    stopping at its size, so the cost stays flat however common the words are.

    On PostgreSQL the words are stemmed as `language` (a BCP 47 tag), or, unknown, as each
    language stored is: a claim holds a word when it does in one of them.
    """
    words = list(dict.fromkeys(terms(query)))
    if not words:
        return None
    if session.get_bind().dialect.name == "postgresql":
        return _ranked_postgresql(session, words, among, RELEVANCE_POOL, language)
    return _ranked_sqlite(words, among, RELEVANCE_POOL)


def _ranked_postgresql(session, words: list[str], among, pool: int, language):
    configs = languages.query_configs(language) if language else configs_in_use(session)
    frequency = _frequencies(session, words)

    def newest_with(some: list[str], limit: int):
        # Walk the id index backwards only when claims holding all of `some` are common
        # (their frequencies multiplied, as if independent); else use GIN (see _newest_with).
        common = math.prod(frequency.get(word, 0.0) for word in some) >= COMMON_FREQUENCY
        return _newest_with("postgresql", some, among, configs, common=common, limit=limit)

    if len(words) == 1:  # the word's newest claims, scored as they are found
        arm = newest_with(words, pool)
        vector = sa.literal_column("claims.search_vector")
        return arm.add_columns(*_scores(vector, words, configs)).subquery("ranked")
    # The pool's claims, each read again by its id and scored.
    found = _pool(words, pool, newest_with).subquery("pool")
    scored = Claim.__table__.alias("scored")
    vector = sa.literal_column("scored.search_vector")
    stmt = sa.select(scored.c.id.label("claim_id"), *_scores(vector, words, configs))
    return stmt.join_from(found, scored, scored.c.id == found.c.claim_id).subquery("ranked")


def _scores(vector, words: list[str], configs):
    """PostgreSQL: (matched, relevance) of a claim's search vector for the query's `words`."""
    held = [sa.cast(vector.op("@@")(_tsquery(configs, word)), sa.Integer) for word in words]
    # float8, so the value survives a cursor round trip exactly.
    relevance = sa.cast(sa.func.ts_rank_cd(vector, _any_word(configs, words)), sa.Double)
    matched = sum(held[1:], start=held[0]) if len(words) > 1 else sa.literal(1)
    return matched.label("matched"), relevance.label("relevance")


def _ranked_sqlite(words: list[str], among, pool: int):
    # FTS5's bm25 is lower for better matches: negated.
    relevance = -sa.func.bm25(sa.text("claims_fts"))

    def newest_with(some: list[str], limit: int):
        return _newest_with("sqlite", some, among, (), common=True, limit=limit)

    # The newest claims holding every word, scored as they are found.
    matched = sa.literal(len(words)).label("matched")
    every = newest_with(words, pool).add_columns(matched, relevance.label("relevance"))
    if len(words) == 1:
        return every.subquery("ranked")
    # The claims of each word's arm that hold fewer words (those holding every word are in
    # `every`: per_word <= pool) are scored word by word; FTS5 reads each word's matches from
    # the oldest of them on. bm25 of several words is the sum of each word's.
    every = every.cte("every")
    some = _pool(words, pool, newest_with, every=False)
    some = some.subquery("some")
    others = sa.select(some.c.claim_id).where(some.c.claim_id.not_in(sa.select(every.c.claim_id)))
    others = others.cte("others")
    oldest = sa.select(sa.func.min(others.c.claim_id)).scalar_subquery()
    # `rowid + 0`: FTS5 would look each claim up in the posting list, and compute bm25's
    # statistics again for each; filtering the posting list is faster.
    in_others = (_FTS.c.rowid + 0).in_(sa.select(others.c.claim_id))
    held = sa.union_all(*(
        sa.select(
            sa.literal(i).label("word"), _FTS.c.rowid.label("claim_id"), relevance.label("score")
        ).where(_fts_match([word]), _FTS.c.rowid >= oldest, in_others)
        for i, word in enumerate(words)
    )).subquery("held")  # fmt: skip
    # Added in the query's order, so a claim's relevance is the same number on every page.
    scores = [
        sa.func.coalesce(sa.func.max(sa.case((held.c.word == i, held.c.score))), 0.0)
        for i in range(len(words))
    ]
    fewer = sa.select(
        held.c.claim_id,
        sa.func.count().label("matched"),
        sum(scores[1:], start=scores[0]).label("relevance"),
    ).group_by(held.c.claim_id)
    return sa.union_all(sa.select(every), fewer).subquery("ranked")


def per_word(pool: int, words: list[str]) -> int:
    """How many of each word's newest claims join a pool of `pool` claims holding all `words`:
    an equal share, at least MIN_PER_WORD, and never more than `pool` (so a claim holding every
    word that a word brings is among the `pool` newest holding every word)."""
    return min(max(pool // len(words), MIN_PER_WORD), pool)


def _pool(words: list[str], pool: int, newest_with, *, every: bool = True):
    """The select (claim_id) of the pool: `newest_with(some, limit)` selects the `limit`
    newest claims holding all of the words `some` (with `every`: every word, then each)."""
    arms = [newest_with(words, pool)] if every else []
    if len(words) > 1:
        arms += [newest_with([word], per_word(pool, words)) for word in words]
    # Each arm is ordered and limited alone: a subquery (SQLite's compound selects take no
    # ORDER BY or LIMIT in their parts).
    parts = [sa.select(arm.subquery(f"arm_{i}").c.claim_id) for i, arm in enumerate(arms)]
    return sa.union(*parts) if len(parts) > 1 else parts[0]


def holding_any(session, query: str, *, language=None):
    """A condition on the claims table: the claim holds a word of `query` (what a list in
    another order than relevance lists); None without words."""
    words = list(dict.fromkeys(terms(query)))
    if not words:
        return None
    claims = Claim.__table__
    if session.get_bind().dialect.name == "postgresql":
        configs = languages.query_configs(language) if language else configs_in_use(session)
        vector = sa.literal_column("claims.search_vector")
        return vector.op("@@")(_any_word(configs, words))
    either = sa.bindparam("match", " OR ".join(_fts_phrase(word) for word in words), unique=True)
    return claims.c.id.in_(
        sa.select(_FTS.c.rowid).where(sa.text("claims_fts MATCH :match").bindparams(either))
    )


_FTS = sa.table("claims_fts", sa.column("rowid"))


def _fts_phrase(word: str) -> str:
    # FTS5: a quoted term is a literal word, whatever it spells (OR, NEAR, col:...).
    return '"' + word.replace('"', "") + '"'


def _fts_match(words: list[str]):
    """FTS5 rows holding all of `words`."""
    match = sa.bindparam("match", " ".join(_fts_phrase(word) for word in words), unique=True)
    return sa.text("claims_fts MATCH :match").bindparams(match)


# Claim matching scores a bounded set: for each candidate word, only its newest matches.
PER_TERM = 200


def configs_in_use(session) -> tuple[str, ...]:
    """The text search configurations the stored claims are indexed with (PostgreSQL): the
    default's and their languages'. A query whose language is not given is stemmed in each
    of these only: on an English-only archive, every configuration made searches for common
    words several times slower. One index probe per language stored
    (ix_claims_language_created_at)."""
    stored = session.scalars(
        sa.text(
            "WITH RECURSIVE stored(language) AS ("
            " SELECT min(language) FROM claims"
            " UNION ALL SELECT (SELECT min(language) FROM claims WHERE language > stored.language)"
            " FROM stored WHERE stored.language IS NOT NULL)"
            " SELECT language FROM stored WHERE language IS NOT NULL"
        )
    )
    found = {languages.DEFAULT_CONFIG, *(languages.search_config(code) for code in stored)}
    return tuple(sorted(found))


def _any_word(configs, words: list[str]):
    """PostgreSQL: a tsquery matching any of `words` (in any of `configs`)."""
    query = _tsquery(configs, words[0])
    for word in words[1:]:
        query = query.op("||")(_tsquery(configs, word))
    return query


def _tsquery(configs, text: str):
    """plainto_tsquery of `text` in each configuration, or-ed: plain terms, no operators."""
    arms = [sa.func.plainto_tsquery(sa.cast(config, REGCONFIG), text) for config in configs]
    query = arms[0]
    for arm in arms[1:]:
        query = query.op("||")(arm)
    return query


def candidates(session, text: str, *, limit: int, among=None) -> list[tuple[int, float]]:
    """At most `limit` (claim id, share) of the claims sharing words with `text` (and meeting
    `among`, a condition on the claims table), those sharing the most first, then the newest;
    `share` is the part of the text's candidate words, weighted by rarity, the claim holds.

    Each word contributes only its PER_TERM newest claims (a backward walk of the id index, or
    of FTS5's posting list, that stops early), so the cost does not grow with the archive: a
    rare word's claims are all there, and a common word cannot make the query rank half the
    table. What the matcher then scores is `limit` claims at most.
    """
    words = candidate_terms(text)
    if not words:
        return []
    configs = matching_configs(session, [text])
    newest = newest_with_each(session, words, among=among, configs=configs)
    return sharing_most(words, newest, claims_total(session), limit=limit)


def matching_configs(session, texts) -> tuple[str, ...]:
    """The text search configurations that claim matching looks up the words of `texts` in
    on PostgreSQL (none on SQLite, which has one index for every language): each text's
    language's and the default's. A text whose language is unknown is looked up as the
    default only: every configuration for each of 16 words would multiply the index lookups
    of the commonest case."""
    if session.get_bind().dialect.name != "postgresql":
        return ()
    found = set()
    for text in texts:
        found.update(languages.query_configs(languages.detect(matchable(text)) or "en"))
    return tuple(sorted(found))


def claims_total(session) -> int:
    """How many claims there are, near enough to weigh words by: the highest id."""
    return session.scalar(sa.select(sa.func.max(Claim.id))) or 0


def sharing_most(
    words: list[str], newest: dict[str, list[int]], total: int, *, limit: int
) -> list[tuple[int, float]]:
    """The `limit` claims of `newest` (word -> the ids of its newest claims) holding the most of
    `words`, each word weighted by log(total / claims holding it, counted up to PER_TERM):
    (claim id, the share of the words' weight it holds), the highest first, then the newest."""
    weight = {
        word: math.log((max(total, len(newest[word])) + 1) / len(newest[word]))
        for word in words
        if newest.get(word)
    }
    whole = sum(weight.values())
    if not whole:
        return []
    held: dict[int, float] = {}
    for word, value in weight.items():
        for claim_id in newest[word]:
            held[claim_id] = held.get(claim_id, 0.0) + value
    best = sorted(held.items(), key=lambda item: (-item[1], -item[0]))[:limit]
    return [(claim_id, value / whole) for claim_id, value in best]


# Words looked up per statement by newest_with_each: one round trip for many words.
WORDS_PER_STATEMENT = 64


def newest_with_each(
    session, words, *, among=None, configs=(languages.DEFAULT_CONFIG,)
) -> dict[str, list[int]]:
    """For each word, the ids of its PER_TERM newest claims meeting `among`, newest first: what
    `candidates` counts overlaps in, fetched once for every word of many texts (a batch). On
    PostgreSQL a word is stemmed in each of `configs` (see languages.query_configs)."""
    words = sorted(set(words))
    dialect = session.get_bind().dialect.name
    frequency = _frequencies(session, words) if dialect == "postgresql" and words else {}
    found: dict[str, list[int]] = {word: [] for word in words}
    for start in range(0, len(words), WORDS_PER_STATEMENT):
        arms = []
        for i, word in enumerate(words[start : start + WORDS_PER_STATEMENT]):
            common = frequency.get(word, 0.0) >= COMMON_FREQUENCY
            arm = _newest_with(dialect, [word], among, configs, common=common, limit=PER_TERM)
            arm = arm.subquery(f"term_{i}")
            label = sa.literal(word, sa.String).label("word")
            arms.append(sa.select(label, arm.c.claim_id))
        for word, claim_id in session.execute(sa.union_all(*arms)):
            found[word].append(claim_id)
    for ids in found.values():
        ids.sort(reverse=True)
    return found


def _newest_with(dialect: str, words: list[str], among, configs, *, common: bool, limit: int):
    """The select (claim_id) of the `limit` newest claims holding all of `words` and meeting
    `among`."""
    claims = Claim.__table__
    if dialect == "postgresql":
        tsquery = _tsquery(configs, " ".join(words))  # plainto_tsquery: every word
        stmt = sa.select(claims.c.id.label("claim_id")).where(
            sa.literal_column("claims.search_vector").op("@@")(tsquery)
        )
        # Common words' newest claims come soonest from walking the id index backwards; rare
        # or absent words' from the GIN index (`id + 0` keeps the planner off the walk,
        # which for words it guesses wrongly as frequent would read the whole table).
        newest_first = claims.c.id.desc() if common else (claims.c.id + 0).desc()
    else:
        stmt = (
            sa.select(claims.c.id.label("claim_id"))
            .select_from(_FTS.join(claims, claims.c.id == _FTS.c.rowid))
            .where(_fts_match(words))
        )
        newest_first = _FTS.c.rowid.desc()  # FTS5 walks its posting list backwards
    if among is not None:
        stmt = stmt.where(among)
    return stmt.order_by(newest_first).limit(limit)


# PostgreSQL's own statistics say which words are common (ANALYZE keeps them current); a
# word is common when at least COMMON_FREQUENCY of the claims hold it.
COMMON_FREQUENCY = 0.005
STATISTICS_TTL = 600.0
_statistics = {"read_at": -STATISTICS_TTL, "frequency": {}}


def _frequencies(session, words: list[str]) -> dict[str, float]:
    """The share of claims holding each word, from PostgreSQL's statistics (0 when unknown)."""
    now = time.monotonic()
    if now - _statistics["read_at"] >= STATISTICS_TTL:
        row = session.execute(
            sa.text(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = 'claims' AND attname = 'search_vector'"
            )
        ).first()
        lexemes, frequencies = row or (None, None)
        _statistics["frequency"] = dict(zip(lexemes or (), frequencies or (), strict=False))
        _statistics["read_at"] = now
    frequency = _statistics["frequency"]
    if not frequency:
        return {}
    stemmed = session.execute(
        sa.text(
            "SELECT w, plainto_tsquery('english', w)::text FROM unnest(CAST(:words AS text[])) w"
        ),
        {"words": words},
    )
    return {word: frequency.get((query or "").strip("'"), 0.0) for word, query in stemmed}
