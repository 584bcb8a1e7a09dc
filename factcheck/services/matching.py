"""Claim matching against stored claims: full-text search gathers a bounded set of candidates
with the share of the text's rare words each holds (search.candidates), the matcher
(`factcheck.matching`) scores them with it and refuses contradictions."""

from dataclasses import dataclass, replace

import sqlalchemy as sa

from factcheck import matching, search
from factcheck.extensions import db
from factcheck.matching import semantic
from factcheck.matching.query import matchable
from factcheck.models import Claim, ExternalReview, User
from factcheck.services import claims, embeddings, fact_checks

# Full-text search narrows millions of claims to the hundred sharing most words, which the
# matcher scores in a few milliseconds (tokenising a text it has not seen costs about 0.2 ms).
CANDIDATES = 100


@dataclass(frozen=True)
class Similar:
    claim: sa.Row  # id, text, claimant and status: what a match shows
    score: float
    reasons: tuple[str, ...]
    # A published fact-check's rating, URL and date (checked_claims_like).
    fact_check: fact_checks.Summary | None = None


def _ranked(text: str, among, *, limit: int, headlines=False, **options) -> list[Similar]:
    """Claims meeting `among` (a condition on claims) that state what `text` states (and with
    `contradictions=True`, those that state the opposite, flagged)."""
    found = dict(search.candidates(db.session, text, limit=CANDIDATES, among=among))
    rows = _rows(set(found), headlines=headlines)
    if found and embeddings.enabled():  # nothing to compare: no encoding
        (query,) = semantic.encode([matchable(text)])
        vectors = embeddings.vectors(db.session, found)
        options["semantic"] = semantic.similarities(query, vectors)
    return _scored(text, found, rows, limit=limit, **options)


def _rows(claim_ids: set[int], *, headlines: bool = False) -> dict[int, sa.Row]:
    """What a match shows of each claim; with `headlines`, also the headline of the fact-check
    it was imported from (matched with its text: a headline often words the claim as a post
    repeats it, "Does Video Show a 10-Meter-Long Anaconda?")."""
    columns = [Claim.id, Claim.text, Claim.claimant, Claim.status]
    if headlines:
        title = sa.select(sa.func.min(ExternalReview.title)).where(
            ExternalReview.claim_id == Claim.id
        )
        columns.append(title.scalar_subquery().label("headline"))
    rows, ids = {}, sorted(claim_ids)
    for start in range(0, len(ids), 1000):
        stmt = sa.select(*columns).where(Claim.id.in_(ids[start : start + 1000]))
        rows.update((row.id, row) for row in db.session.execute(stmt))
    return rows


def _matched_text(row) -> str:
    headline = getattr(row, "headline", None)
    return f"{row.text} {headline}" if headline else row.text


def _scored(text: str, shares: dict[int, float], rows, *, limit: int, **options):
    candidates = [
        matching.Candidate(claim_id, _matched_text(rows[claim_id]))
        for claim_id in shares
        if claim_id in rows
    ]
    return [
        Similar(rows[match.id], match.score, match.reasons)
        for match in matching.rank(text, candidates, limit=limit, shares=shares, **options)
    ]


def checked_claims_like(text: str, *, limit: int = 10, exclude_id: int | None = None):
    """Published fact-checks (ours and imported) of what `text` states, best first: those
    stating the same, and those stating the opposite (reasons "contradicts" and the trap),
    each with its fact_checks.Summary (read in one query for all)."""
    stmt = fact_checks.published_claims()
    if exclude_id is not None:
        stmt = stmt.where(Claim.id != exclude_id)
    found = _ranked(text, stmt.whereclause, limit=limit, headlines=True, contradictions=True)
    shown = fact_checks.summaries([similar.claim.id for similar in found])
    return [
        replace(similar, fact_check=shown[similar.claim.id])
        for similar in found
        if similar.claim.id in shown
    ]


def unpublished_claims_like(text: str, *, exclude_id: int, limit: int) -> list[Similar]:
    """Claims not published (still being worked on, live) that state what `text` states, at
    the duplicate score or above: those a new fact-check answers."""
    among = sa.and_(
        Claim.published_at.is_(None),
        Claim.deleted_at.is_(None),
        Claim.status != "rejected",
        Claim.id != exclude_id,
    )
    return _ranked(text, among, limit=limit, min_score=matching.DUPLICATE_SCORE)


def similar_to(claim_id: int, actor: User, *, limit: int = 10) -> list[Similar]:
    claim = claims.get(claim_id, actor)
    return checked_claims_like(claim.text, limit=limit, exclude_id=claim.id)


def likely_duplicates(text: str, actor: User, *, limit: int = 5) -> list[Similar]:
    """Stored claims the actor can see, in any status, that a claim with `text` probably
    repeats. Run before the new claim is stored: it reads only, so on SQLite it holds no
    write lock while the matcher works."""
    among = claims.visible(sa.select(Claim), actor).whereclause
    return _ranked(text, among, limit=limit, min_score=matching.DUPLICATE_SCORE)


class BatchDuplicates:
    """Likely duplicates for the claims of one batch, each found as `likely_duplicates` would
    find it, for a fraction of the queries: every distinct word of the batch is looked up
    once (its newest claims), and the claims the batch creates join those lists as the newest,
    as they would for one create after another.

    Looked up before the batch stores anything: reading only, it holds no write lock.
    """

    def __init__(self, texts: list[str], actor: User):
        among = claims.visible(sa.select(Claim), actor).whereclause
        self.words = [search.candidate_terms(text) for text in texts]
        self.newest = search.newest_with_each(
            db.session, {w for ws in self.words for w in ws}, among=among,
            configs=search.matching_configs(db.session, texts),
        )  # fmt: skip
        self.total = search.claims_total(db.session)
        wanted = {
            claim_id
            for words in self.words
            for claim_id, _ in search.sharing_most(words, self.newest, self.total, limit=CANDIDATES)
        }
        self.rows = _rows(wanted)
        # With semantic matching on: every text of the batch encoded at once, and the stored
        # vectors of every candidate read at once (the batch's own claims have none yet).
        self.queries = self.vectors = None
        if embeddings.enabled():
            self.queries = semantic.encode([matchable(t) for t in texts])
            self.vectors = embeddings.vectors(db.session, wanted)
        self.created_with: dict[str, list[int]] = {}  # word -> the batch's claims holding it

    def of(self, index: int, text: str, *, limit: int = 5) -> list[Similar]:
        """The likely duplicates of the batch's claim at `index` (its text is `text`)."""
        words = self.words[index]
        newest = {
            word: (self.created_with.get(word, [])[::-1] + self.newest.get(word, []))[
                : search.PER_TERM
            ]
            for word in words
        }
        shares = dict(search.sharing_most(words, newest, self.total, limit=CANDIDATES))
        # The batch's own claims can reorder the stored ones a little: read any not yet read.
        unread = set(shares) - self.rows.keys()
        self.rows.update(_rows(unread))
        options = {"min_score": matching.DUPLICATE_SCORE}
        if self.queries is not None:
            self.vectors.update(embeddings.vectors(db.session, unread))
            mine = {i: self.vectors[i] for i in shares if i in self.vectors}
            options["semantic"] = semantic.similarities(self.queries[index], mine)
        return _scored(text, shares, self.rows, limit=limit, **options)

    def created_claim(self, index: int, claim: Claim) -> None:
        """A claim the batch stored: a candidate for the claims after it."""
        self.rows[claim.id] = _Row(claim.id, claim.text, claim.claimant, claim.status)
        self.total = max(self.total, claim.id)
        for word in self.words[index]:
            self.created_with.setdefault(word, []).append(claim.id)


@dataclass(frozen=True)
class _Row:
    """A created claim shown as a match, as the rows read from the database are."""

    id: int
    text: str
    claimant: str | None
    status: str
