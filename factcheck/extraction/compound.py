"""Split reported speech that makes several claims into one piece per claim.

"He claimed that A and that B" and "He said A, adding that B" carry two
checkable statements with the same claimant; each keeps its own span.
"""

from __future__ import annotations

import re

_SPEECH = ("said", "says", "added", "adds", "argued", "insisted", "warned", "noted", "stressed")
# Where a further statement by the same speaker begins inside reported speech.
_JOINT = re.compile(
    r",?\s+and\s+that\s+"
    r"|,\s+(?:adding|saying|arguing|noting|insisting|claiming|stressing|explaining|warning)\s+that\s+"
    # "The union disputed that A and said B": B is said, not disputed.
    rf"|,?\s+and\s+(?P<cue>{'|'.join(_SPEECH)})\s+(?:that\s+)?"
)
_JOINT_CUE = re.compile(rf"and\s+(?P<cue>{'|'.join(_SPEECH)})\b")


def split(text: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """(piece_start, piece_end, content_start, content_end) for each statement.

    Pieces partition [start, end); the content is the piece without the
    joining words ("and that", ", adding that").
    """
    pieces = []
    piece_start = content_start = start
    for match in _JOINT.finditer(text, start, end):
        if _inside_quote(text, content_start, match.start()):
            continue
        pieces.append((piece_start, match.start(), content_start, match.start()))
        piece_start = match.start() + (1 if text[match.start()] == "," else 0)
        piece_start += len(text[piece_start : match.end()]) - len(
            text[piece_start : match.end()].lstrip()
        )
        content_start = match.end()
    pieces.append((piece_start, end, content_start, end))
    return pieces


def _inside_quote(text: str, start: int, position: int) -> bool:
    # An odd number of opening quote marks means the joint is quoted words.
    segment = text[start:position]
    return segment.count("“") > segment.count("”") or segment.count('"') % 2 == 1


def joint_cue(text: str, piece_start: int, content_start: int) -> str | None:
    """The verb that introduces a piece ("said" in "and said B"), if it has its own."""
    match = _JOINT_CUE.match(text, piece_start, content_start)
    return match.group("cue") if match else None
