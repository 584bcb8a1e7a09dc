"""schema.org ClaimReview: our published fact-checks out, other publishers' reviews in.

Pure Python: no Flask, no database. ``export`` and ``feed`` write JSON-LD; ``parse`` reads it;
``rating_from_text`` maps publishers' ratings onto our scale.
"""

from factcheck.claimreview.export import claimant_type, export
from factcheck.claimreview.feed import feed
from factcheck.claimreview.parse import MAX_DEPTH, ImportedReview, ParseError, item_count, parse
from factcheck.claimreview.ratings import (
    DEFAULT_TEXTUAL_RATINGS,
    RATING_VALUES,
    RATINGS,
    rating_from_text,
)

__all__ = [
    "DEFAULT_TEXTUAL_RATINGS",
    "MAX_DEPTH",
    "RATINGS",
    "RATING_VALUES",
    "ImportedReview",
    "ParseError",
    "claimant_type",
    "export",
    "feed",
    "item_count",
    "parse",
    "rating_from_text",
]
