"""Repeat-claim alerts: each new claim is matched in the background against the published
fact-checks; those it repeats are stored on it (`already_checked`) and announced
(`claim.matched`). A newly published fact-check looks the other way, for the claims still
being worked on that repeat it; a corrected one has the claims alerted to it matched again.

A match is an alert at or above the matcher's DUPLICATE_SCORE (0.6) and without the
`contradicts` reason: on the CheckThat! 2022 2A tweets the first answer at that score was the
right fact-check for 124 of 125 training tweets and 48 of 48 dev tweets (docs/matching.md).
"""

import sqlalchemy as sa
import sqlalchemy.orm as so

from factcheck import matching
from factcheck.models import Claim, ClaimMatch, Job
from factcheck.services import claims, jobs, locks, outbox
from factcheck.services import matching as claim_matching

# Claims matched per step (one transaction each): the job's progress moves in these.
PER_STEP = 20
# At most this many fact-checks per alert, best first.
MAX_ALERTS = 5
# A newly published fact-check looks for at most this many claims repeating it.
REVERSE_CANDIDATES = 50


def queue_matching(session: so.Session, claim_ids: list[int], actor_id: int | None) -> Job:
    """Queue the matching of these claims, as a job of `actor_id` (who submitted them)."""
    ids = sorted(set(claim_ids))
    return jobs.create(
        session, "match_claims", {"claim_ids": ids}, actor_id=actor_id,
        steps=jobs.steps_for(len(ids), PER_STEP),
    )  # fmt: skip


def alerted_to(session: so.Session, fact_check_ids: list[int]) -> list[int]:
    """Claims holding an alert for one of these fact-checks."""
    stmt = sa.select(ClaimMatch.claim_id).where(ClaimMatch.fact_check_id.in_(fact_check_ids))
    return sorted(set(session.scalars(stmt)))


def _found(claim: Claim) -> list[ClaimMatch]:
    similar = claim_matching.checked_claims_like(claim.text, limit=MAX_ALERTS, exclude_id=claim.id)
    return [
        ClaimMatch(
            fact_check_id=s.claim.id,
            score=round(s.score, 4),
            rating=s.fact_check.rating,
            url=s.fact_check.url,
        )
        for s in similar
        if s.score >= matching.DUPLICATE_SCORE and "contradicts" not in s.reasons
    ]


def as_alert(match: ClaimMatch) -> dict:
    return {
        "fact_check_id": match.fact_check_id,
        "rating": match.rating,
        "url": match.url,
        "score": match.score,
    }


def _rematch(session: so.Session, claim_ids: list[int]) -> list[int]:
    """Match these claims again, store their alerts and announce the changed ones; the ids of
    those now alerted."""
    alerted, subscriptions = [], outbox.active_subscriptions(session)
    for claim_id in claim_ids:
        locks.for_update(Claim, claim_id)
        claim = session.get(Claim, claim_id, populate_existing=True)
        if claim is None or claim.deleted_at is not None:
            continue
        found = _found(claim)
        before = [(m.fact_check_id, m.score, m.rating, m.url) for m in claim.matches]
        after = [(m.fact_check_id, m.score, m.rating, m.url) for m in found]
        if before == after:
            continue
        claim.matches = []  # flushed away first: the new rows may have the same keys
        session.flush()
        claim.matches = found
        claims.touch(claim)
        session.flush()
        if found:
            alerted.append(claim_id)
            data = {
                "claim": outbox.claim_ref(claim_id, claim.status),
                "already_checked": [as_alert(m) for m in found],
            }
            outbox.emit(session, "claim.matched", f"claim:{claim_id}", data, subscriptions)
    return alerted


def _match_step(session: so.Session, job: Job, step: int) -> None:
    ids = job.params["claim_ids"][step * PER_STEP : (step + 1) * PER_STEP]
    alerted = job.result.get("already_checked", []) + _rematch(session, ids)
    job.result = {
        "claims": len(job.params["claim_ids"]),
        "matched": min(len(job.params["claim_ids"]), (step + 1) * PER_STEP),
        "already_checked": alerted,
    }


def queue_reverse_matching(session: so.Session, fact_check_ids: list[int], actor_id) -> Job:
    """Queue the search for claims still being worked on that repeat these newly published
    fact-checks: they get their alerts (and `claim.matched`) when the fact-check appears."""
    return jobs.create(
        session, "match_fact_checks", {"fact_check_ids": sorted(set(fact_check_ids))},
        actor_id=actor_id,
    )  # fmt: skip


def _reverse_step(session: so.Session, job: Job, _step: int) -> None:
    candidates: set[int] = set()
    for fact_check_id in job.params["fact_check_ids"]:
        fact_check = session.get(Claim, fact_check_id)
        if fact_check is not None:
            found = claim_matching.unpublished_claims_like(
                fact_check.text, exclude_id=fact_check_id, limit=REVERSE_CANDIDATES
            )
            candidates.update(similar.claim.id for similar in found)
    ids = sorted(candidates)
    job.result = {"claim_ids": ids, "already_checked": _rematch(session, ids)}


jobs.STEPS["match_claims"] = _match_step
jobs.STEPS["match_fact_checks"] = _reverse_step
