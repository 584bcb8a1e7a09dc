"""The closed rating scale, shared by the models, the API and the ClaimReview mapping.

Each rating has a schema.org ratingValue (5 best, 1 worst; None when the rating says nothing on
that axis) and a default textual rating.
"""

RATING_VALUES: dict[str, int | None] = {
    "true": 5,
    "mostly_true": 4,
    "half_true": 3,
    "mostly_false": 2,
    "false": 1,
    "misleading": 2,
    "unverifiable": None,
}
RATINGS = tuple(RATING_VALUES)
DEFAULT_TEXTUAL_RATINGS = {
    "true": "True",
    "mostly_true": "Mostly true",
    "half_true": "Half true",
    "mostly_false": "Mostly false",
    "false": "False",
    "misleading": "Misleading",
    "unverifiable": "Unverifiable",
}
BEST_RATING = 5
WORST_RATING = 1
