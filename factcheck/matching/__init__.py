"""Claim matching: find previously checked claims that state the same thing.

Pure Python; never imports the web app or the database layer.

    normalise(text) -> str                 lower-cased, folded, stemmed tokens
    similarity(a, b) -> float              in [0, 1]; 0 when a contradiction trap fires
    rank(query, candidates, limit=10, min_score=DEFAULT_MIN_SCORE, shares=None)
                                           -> list[Match], best first
    DUPLICATE_SCORE                        at or above: a likely duplicate
"""

from factcheck.matching.matcher import (
    DEFAULT_MIN_SCORE,
    DUPLICATE_SCORE,
    Candidate,
    Match,
    explain,
    normalise,
    rank,
    similarity,
)

__all__ = [
    "DEFAULT_MIN_SCORE",
    "DUPLICATE_SCORE",
    "Candidate",
    "Match",
    "explain",
    "normalise",
    "rank",
    "similarity",
]
