"""Datelines that open wire copy and are no part of any claim.

"LISBON —", "MADRID, Spain —", "PARIS (AFP) —", "NAIROBI, Dec 2 (Reuters) -",
"HEMPSTEAD, N.Y., Sept. 26 (UPI) —": where and when the story was filed.
"""

from __future__ import annotations

import re

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# The place is in capitals ("NEW YORK"); in title case ("Paris") only when an
# agency follows, so that "Officials - ..." or a name before a dash is not one.
_PLACE_CAPS = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
_PLACE_TITLE = r"[A-Z][a-z][\w.'’-]*(?:\s+[A-Z][\w.'’-]+){0,2}"
_REGION = r"(?:,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})"
_DATE = rf"(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?)"
_AGENCY = r"(?:\s*\([A-Z][\w .&/-]{0,30}\))"
_DASH = r"\s*(?:—|–|―|--?)\s+"
_DATELINE = re.compile(
    rf"(?:{_PLACE_CAPS}{_REGION}?{_DATE}?{_AGENCY}?|{_PLACE_TITLE}{_REGION}?{_DATE}?{_AGENCY})"
    rf"{_DASH}(?=\S)"
)


def length(paragraph: str) -> int:
    """How many leading characters of the paragraph are a dateline (0: none)."""
    match = _DATELINE.match(paragraph)
    return match.end() if match else 0
