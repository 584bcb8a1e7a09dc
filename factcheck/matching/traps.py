"""Contradiction traps: near-identical wording that states a different fact.

Three checks, each naming the reason a pair is blocked:

numbers_differ  both mention quantities and neither side's quantities are all
                found in the other ("rose 2.5%" vs "rose 4%").
negation        the word a negation applies to on one side appears un-negated on
                the other ("X supports Y" vs "X does not support Y"). A cue
                applies to the next content word and scopes over two, stopping
                at clause punctuation and clause words ("that", "because",
                "and"...), so an unrelated "don't" elsewhere in a long
                sentence does not count.
antonym         one side uses a word of an opposing pair and the other side its
                opposite, neither side using both ("grew" vs "shrank"), or a
                un-/il-/ir-/non- prefixed form of a word the other side uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.matching import numbers
from factcheck.matching.text import Token, is_content, stem

NEGATION_CUES = frozenset(
    ["not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "without"]
)
_SCOPE_WORDS = 2
_SCOPE_STOPS = frozenset(
    [
        "but",
        "although",
        "though",
        "however",
        "whereas",
        "while",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "if",
        "when",
        "whether",
        "because",
        "since",
        "where",
        "and",
        "or",
        "so",
    ]
)

_OPPOSITES_TEXT = [
    (
        "rise rising increase grow growing up higher high gain climb jump soar boost raise "
        "more surge",
        "fall falling decrease shrink shrinking decline drop down lower low cut reduce "
        "plunge slump less fewer",
    ),
    ("win victory", "lose defeat"),
    ("support favor favour back endorse", "oppose against reject"),
    ("legal lawful", "illegal unlawful"),
    ("true accurate correct", "false inaccurate incorrect wrong untrue"),
    ("real genuine authentic", "fake hoax fabricated doctored"),
    ("allow permit legalize legalise", "ban prohibit forbid forbidden outlaw"),
    ("best", "worst"),
    ("most", "least"),
    ("alive", "dead"),
    ("approve", "veto"),
    ("guilty", "innocent"),
    ("positive", "negative"),
    ("include", "exclude"),
    ("majority", "minority"),
    ("safe", "unsafe dangerous harmful"),
    ("effective", "ineffective"),
    ("success successful succeed", "failure fail"),
    ("confirm admit", "deny"),
]
OPPOSITES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(stem(w) for w in p.split()), frozenset(stem(w) for w in q.split()))
    for p, q in _OPPOSITES_TEXT
)
_PREFIXES = ("un", "il", "ir", "non")


@dataclass(frozen=True, slots=True)
class Polarity:
    """What the traps need to know about one text."""

    stems: frozenset[str]  # every word stem, stop words included
    content: frozenset[str]  # content stems
    negated: frozenset[str]  # content stems inside a negation scope
    heads: frozenset[str]  # the first content stem of each negation scope
    quantities: tuple[numbers.Quantity, ...]
    poles: frozenset[tuple[int, int]]  # (opposite pair, side) of the words used
    unprefixed: tuple[tuple[str, str], ...]  # (base, stem) for "unlawful" -> "lawful"


def polarity(tokens: Sequence[Token], quantities: Sequence[numbers.Quantity]) -> Polarity:
    negated: set[str] = set()
    heads: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or tok.stem not in NEGATION_CUES:
            continue
        taken = 0
        for nxt in tokens[i + 1 :]:
            if nxt.kind == "boundary" or nxt.stem in _SCOPE_STOPS or nxt.stem in NEGATION_CUES:
                break
            if is_content(nxt):
                if not taken:
                    heads.add(nxt.stem)
                negated.add(nxt.stem)
                taken += 1
                if taken == _SCOPE_WORDS:
                    break
    stems = frozenset(t.stem for t in tokens if t.kind == "word")
    content = frozenset(t.stem for t in tokens if is_content(t))
    poles = frozenset(
        (i, side)
        for i, pair in enumerate(OPPOSITES)
        for side in (0, 1)
        if not stems.isdisjoint(pair[side])
    )
    unprefixed = tuple(
        (s[len(prefix) :], s)
        for s in content
        for prefix in _PREFIXES
        if s.startswith(prefix) and len(s) - len(prefix) >= 4
    )
    return Polarity(
        stems=stems,
        content=content,
        poles=poles,
        unprefixed=unprefixed,
        negated=frozenset(negated),
        heads=frozenset(heads),
        quantities=tuple(quantities),
    )


def _negation(a: Polarity, b: Polarity) -> bool:
    """The word a negation applies to on one side is used, un-negated, on the other."""
    return bool((a.heads & b.content) - b.negated or (b.heads & a.content) - a.negated)


def _antonym(a: Polarity, b: Polarity) -> bool:
    for pair, side in a.poles:
        other = 1 - side
        if (
            (pair, other) in b.poles
            and (pair, other) not in a.poles
            and (pair, side) not in b.poles
        ):
            return True
    return _prefixed(a, b) or _prefixed(b, a)


def _prefixed(a: Polarity, b: Polarity) -> bool:
    return any(
        base in b.content and s not in b.content and base not in a.content
        for base, s in a.unprefixed
    )


def check(a: Polarity, b: Polarity) -> str | None:
    """The reason the pair is a contradiction trap, or None."""
    if numbers.disagree(a.quantities, b.quantities):
        return "numbers_differ"
    if _negation(a, b):
        return "negation"
    if _antonym(a, b):
        return "antonym"
    return None
