"""Cue words learned from annotated news (PolNeAR training split).

cues.json holds the words annotators mark as the cue of an attribution when
they follow a named subject ("Trump knocked ...", "Sanders pivoted to ..."),
with how often they did; tools/extraction/mine_cues.py writes it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_PATH = Path(__file__).with_name("cues.json")


@cache
def learned() -> frozenset[str]:
    """The learned cue words."""
    data = json.loads(_PATH.read_text(encoding="utf-8"))
    return frozenset(data["cues"])


def pattern() -> str:
    """A regular-expression alternation of the learned cue words, longest first
    (one that never matches when there are none)."""
    return "|".join(sorted(learned(), key=lambda w: (-len(w), w))) or "(?!)"
