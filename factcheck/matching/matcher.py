"""The public matching API: normalise, similarity, rank."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from factcheck.matching import numbers, score
from factcheck.matching.query import matchable
from factcheck.matching.text import raw_tokens

# Two thresholds for two jobs (docs/matching.md, "Claim matching"): DEFAULT_MIN_SCORE is the
# floor of a ranked answer, tuned on the CheckThat! 2022 2A training tweets; at or above
# DUPLICATE_SCORE (calibrated on the CLEF-2018 debate pairs) a candidate the traps let through
# is almost always the same claim: the "already checked" alert and likely_duplicates.
DEFAULT_MIN_SCORE: float = 0.1
DUPLICATE_SCORE: float = 0.6
# How much the share of the query's rare words a candidate holds counts against its lexical
# similarity, tuned on the CheckThat! 2022 2A training tweets (docs/matching.md).
SHARE_WEIGHT: float = 0.5
# With semantic matching on, how much the cosine of the two texts' sentence embeddings counts
# against the lexical score, tuned on the same training tweets; DUPLICATE_SCORE applies to
# the blend unchanged, its precision measured there too (docs/matching.md).
SEMANTIC_WEIGHT: float = 0.5


@dataclass(frozen=True)
class Candidate:
    id: int
    text: str


@dataclass(frozen=True)
class Match:
    id: int
    score: float
    reasons: tuple[str, ...]


def normalise(text: str) -> str:
    """Lower-case, quotes and dashes folded, stemmed tokens, canonical numbers."""
    tokens, _ = numbers.canonical_tokens(raw_tokens(text))
    return " ".join(t.stem for t in tokens if t.kind != "boundary")


def explain(a: str, b: str) -> tuple[float, tuple[str, ...]]:
    """(score, reasons) for a pair: reasons say why it matched or which trap blocked it."""
    return score.compare(score.features(a), score.features(b))


def similarity(a: str, b: str) -> float:
    """Similarity in [0, 1]; 0 when a contradiction trap fires."""
    return round(explain(a, b)[0], 4)


def rank(
    query: str,
    candidates: Iterable[Candidate],
    *,
    limit: int = 10,
    min_score: float = DEFAULT_MIN_SCORE,
    shares: Mapping[int, float] | None = None,
    contradictions: bool = False,
    semantic: Mapping[int, float] | None = None,
) -> list[Match]:
    """Candidates scoring at least min_score, best first (ties by id). A candidate a trap fires
    on is left out, or with `contradictions` kept with the reasons ("contradicts", trap): the
    fact-check of a claim is the answer to a text that denies or misquotes it too.

    The query's links, handles and embed signature are left out (`query.matchable`). With
    `shares` (candidate id -> the share of the query's rare words it holds, as the search that
    found it weighed them), a candidate's score is SHARE_WEIGHT of its share plus the rest of
    its lexical similarity: a long post that repeats a short claim shares its rare words
    while their texts' overall similarity stays low.

    With `semantic` (candidate id -> the cosine of its embedding with the query's), the score
    is SEMANTIC_WEIGHT of that cosine plus the rest of the lexical score, the traps still
    deciding what contradicts, and `min_score` applies to that blend; a candidate without a
    cosine keeps its lexical score.
    """
    if limit <= 0:
        return []
    q = score.features(matchable(query))
    found: list[Match] = []
    for cand in candidates:
        c = score.features(cand.text)
        value = score.lexical(q, c)
        if shares is not None:
            value = (1.0 - SHARE_WEIGHT) * value + SHARE_WEIGHT * shares.get(cand.id, 0.0)
        if value <= 0.0 or (semantic is None and value < min_score):
            continue
        judged, reasons = score.judged(q, c, value)
        if judged <= 0.0 and not contradictions:
            continue
        if judged > 0.0:
            match = Match(cand.id, judged, reasons)
        else:
            match = Match(cand.id, value, ("contradicts", reasons[1]))
        if semantic is not None and cand.id in semantic:
            blended = (1.0 - SEMANTIC_WEIGHT) * match.score + SEMANTIC_WEIGHT * semantic[cand.id]
            match = Match(cand.id, blended, (*match.reasons, "semantic"))
        if semantic is None or match.score >= min_score:
            found.append(Match(match.id, round(match.score, 4), match.reasons))
    return heapq.nsmallest(limit, found, key=lambda m: (-m.score, m.id))
