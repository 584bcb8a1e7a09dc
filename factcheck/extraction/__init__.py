"""Claim extraction: find check-worthy statements in news text and who made them.

Pure Python; never imports the web app or the database layer.

    extract(text, publisher=None) -> list[ExtractedClaim]   sorted by start
    score(sentences) -> list[float]                          check-worthiness in [0, 1]
    checkworthy(sentences) -> list[tuple[float, bool]]       (score, score >= THRESHOLD)
"""

from factcheck.extraction.claims import ExtractedClaim, extract
from factcheck.extraction.model import checkworthy, score, shipped


def __getattr__(name: str) -> float:
    # THRESHOLD is read from the weights on first use, so importing the package (as the
    # training command does before it writes new weights) never needs them.
    if name == "THRESHOLD":
        return shipped().threshold
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["THRESHOLD", "ExtractedClaim", "checkworthy", "extract", "score"]
