"""Imported reviews under the API's own text rules (factcheck.text_rules), item by item.

A review whose text holds a control character (NUL, ESC, ...) or a lone surrogate is skipped,
naming the field, just as the API refuses such a field: stored, it would fail in the database
(PostgreSQL refuses NUL and cannot encode surrogates) or reach every client that reads it.
Line breaks and tabs in single-line values are markup wrapping a long name or title, so they
are folded into spaces first rather than costing the whole review.
"""

import re

from factcheck.text_rules import has_forbidden_characters

# ImportedReview attribute: (the ClaimReview property it comes from, multi-line like the API
# field it fills: a claim's text and a verdict's summary are; names and titles are not).
FIELDS = {
    "claim_reviewed": ("claimReviewed", True),
    "claimant": ("itemReviewed.author", False),
    "publisher_name": ("author or publisher", False),
    "title": ("name", False),
    "textual_rating": ("reviewRating", False),
    "summary": ("reviewBody", True),
    "language": ("inLanguage", False),
}
_LINE_BREAKS = re.compile(r"[\t\n\r]+")


def fold_line_breaks(review) -> None:
    for name, (_, multiline) in FIELDS.items():
        value = getattr(review, name)
        if value is not None and not multiline:
            setattr(review, name, _LINE_BREAKS.sub(" ", value))


def text_problem(review) -> str | None:
    """Why the review's text breaks the API's rules, or None."""
    for name, (source, multiline) in FIELDS.items():
        value = getattr(review, name)
        if value is not None and has_forbidden_characters(value, multiline=multiline):
            return f"{source}: control characters and unpaired surrogates are not allowed"
    return None
