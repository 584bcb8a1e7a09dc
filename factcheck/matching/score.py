"""Lexical similarity: IDF-weighted cosine over word stems and character n-grams.

Each text becomes two sparse vectors:

* stems (stop words dropped, numbers canonical), weighted (1 + log tf) * idf,
  times ENTITY_BOOST for capitalised words away from a sentence start
  (names, acronyms) and for numbers;
* character 4-grams of the unstemmed content words, each weighted by its
  word's idf, which catches spelling variants and derivations the stemmer
  misses ("Libya" / "Lybia", "unemployment" / "unemployed").

The score blends the two cosines. IDF comes from `idf.json` (document
frequencies of stems in ~23,500 US political debate sentences, see
`tools/matching/build_idf.py`); a stem it does not list counts as rare.
Features are cached per text, so ranking the same candidates again is cheap.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from factcheck.matching import numbers, traps
from factcheck.matching.text import is_content, raw_tokens

WORD_WEIGHT = 0.7
ENTITY_BOOST = 1.5
NGRAM = 4

Vector = dict[str, float]


@dataclass(frozen=True, slots=True)
class Features:
    words: Vector
    word_norm: float
    grams: Vector
    gram_norm: float
    polarity: traps.Polarity


class _Idf:
    """Smoothed idf, log((N + 1) / (df + 1)) + 1; unlisted terms count as df 0."""

    def __init__(self, documents: int, df: dict[str, int]) -> None:
        self.documents = documents
        self.rare = math.log(documents + 1) + 1.0
        self.table = {t: math.log((documents + 1) / (n + 1)) + 1.0 for t, n in df.items()}

    def __call__(self, term: str) -> float:
        return self.table.get(term, self.rare)


@lru_cache(maxsize=1)
def idf_table() -> _Idf:
    path = resources.files("factcheck.matching").joinpath("idf.json")
    if not path.is_file():
        return _Idf(1, {})
    data = json.loads(path.read_text(encoding="utf-8"))
    return _Idf(int(data["documents"]), {k: int(v) for k, v in data["df"].items()})


def _norm(vec: Vector) -> float:
    return math.sqrt(sum(w * w for w in vec.values()))


@lru_cache(maxsize=65536)
def _grams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    return tuple(padded[i : i + NGRAM] for i in range(max(1, len(padded) - NGRAM + 1)))


# About 8 KB per cached text of ~120 characters.
@lru_cache(maxsize=4096)
def features(text: str) -> Features:
    idf = idf_table()
    tokens, quantities = numbers.canonical_tokens(raw_tokens(text))
    counts: dict[str, int] = {}
    surfaces: dict[tuple[str, str], int] = {}
    boosted: set[str] = set()
    for tok in tokens:
        if not is_content(tok):
            continue
        counts[tok.stem] = counts.get(tok.stem, 0) + 1
        if tok.capital or tok.kind == "num":
            boosted.add(tok.stem)
        if tok.kind == "word":
            key = (tok.surface, tok.stem)
            surfaces[key] = surfaces.get(key, 0) + 1
    grams: Vector = {}
    for (surface, s), n in surfaces.items():
        weight = idf(s) * n
        for g in _grams(surface):
            grams[g] = grams.get(g, 0.0) + weight
    words: Vector = {}
    for s, tf in counts.items():
        w = (1.0 + math.log(tf)) * idf(s)
        words[s] = w * ENTITY_BOOST if s in boosted else w
    return Features(
        words=words,
        word_norm=_norm(words),
        grams=grams,
        gram_norm=_norm(grams),
        polarity=traps.polarity(tokens, quantities),
    )


def _cosine(a: Vector, an: float, b: Vector, bn: float) -> float:
    if not an or not bn:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b[k] for k, w in a.items() if k in b)
    return dot / (an * bn)


def lexical(a: Features, b: Features) -> float:
    """Blend of word and character n-gram cosines, in [0, 1]."""
    word = _cosine(a.words, a.word_norm, b.words, b.word_norm)
    gram = _cosine(a.grams, a.gram_norm, b.grams, b.gram_norm)
    return min(1.0, WORD_WEIGHT * word + (1.0 - WORD_WEIGHT) * gram)


def compare(a: Features, b: Features, floor: float = 0.0) -> tuple[float, tuple[str, ...]]:
    """(score, reasons): the lexical score, or 0 with the trap that fired.

    Pairs scoring below `floor` are returned as they are, without the traps.
    """
    score = lexical(a, b)
    if score < floor:
        return score, ("lexical",)
    return judged(a, b, score)


def judged(a: Features, b: Features, score: float) -> tuple[float, tuple[str, ...]]:
    """(score, reasons) for a pair already scored `score`: 0 with the trap that fired, if one
    does, else the score with what agrees."""
    trap = traps.check(a.polarity, b.polarity)
    if trap is not None:
        return 0.0, ("blocked", trap)
    reasons = ["lexical"]
    if a.polarity.quantities and b.polarity.quantities:
        reasons.append("numbers_agree")
    return score, tuple(reasons)
