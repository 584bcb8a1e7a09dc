"""Sentence features for the check-worthiness model.

The same function feeds training (through scikit-learn) and inference (pure
Python), so the two can never drift apart. Features are hashed into a fixed
number of buckets: the shipped weights are one float per bucket, and no
vocabulary needs to be stored.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from zlib import crc32

HASH_BITS = 18
N_FEATURES = 1 << HASH_BITS
_MASK = N_FEATURES - 1
_BIGRAM_MULTIPLIER = 0x9E3779B1

_TOKEN = re.compile(r"\$?\d+(?:[.,:]\d+)*(?:%|st|nd|rd|th|s)?|\w+(?:'\w+)*|[?!%$]")
_NUMBER_START = frozenset("0123456789$")
_NUMBER_SHAPES = frozenset(("<num>", "<pct>", "<money>", "<year>"))
_CAPITALISED = re.compile(r"(?<=\s)[A-Z]")
_YEAR = re.compile(r"(?:1[89]|20)\d\d(?:s)?$")
_NUMBER_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
        "trillions",
        "half",
        "third",
        "quarter",
        "percent",
        "percentage",
        "dozen",
    ]
)
_COMPARISON = frozenset(
    [
        "more",
        "less",
        "fewer",
        "than",
        "most",
        "least",
        "higher",
        "lower",
        "highest",
        "lowest",
        "larger",
        "largest",
        "smaller",
        "smallest",
        "bigger",
        "biggest",
        "increase",
        "increased",
        "increases",
        "decrease",
        "decreased",
        "decreases",
        "doubled",
        "tripled",
        "rise",
        "rose",
        "risen",
        "fell",
        "fallen",
        "drop",
        "dropped",
        "grew",
        "grown",
        "cut",
        "cuts",
        "record",
        "only",
        "never",
        "ever",
        "first",
        "last",
        "times",
    ]
)
_CAUSAL_LEGAL = frozenset(
    [
        "because",
        "caused",
        "causes",
        "cause",
        "led",
        "leads",
        "result",
        "resulted",
        "due",
        "law",
        "laws",
        "illegal",
        "legal",
        "unconstitutional",
        "voted",
        "vote",
        "votes",
        "passed",
        "signed",
        "bill",
        "court",
        "ruled",
        "tax",
        "taxes",
    ]
)
_OPINION_OPENERS = (
    "i think",
    "i believe",
    "i feel",
    "i hope",
    "i want",
    "i'm going to",
    "i will",
    "we will",
    "we're going to",
    "we need",
    "we must",
    "we should",
    "let me",
    "let's",
    "thank you",
    "in my opinion",
)
_PERCENT = frozenset(("<pct>", "percent", "percentage"))
_PLEASANTRIES = frozenset(
    ["thank", "thanks", "welcome", "congratulations", "pleasure", "honored", "applause"]
)


def tokens(sentence: str) -> list[str]:
    """Lower-cased word tokens with numbers folded into shape classes."""
    toks = _TOKEN.findall(sentence.lower().replace("’", "'"))
    return [_number_shape(t) if t[0] in _NUMBER_START else t for t in toks]


def _number_shape(tok: str) -> str:
    if tok.startswith("$"):
        return "<money>"
    if tok.endswith("%"):
        return "<pct>"
    if _YEAR.match(tok):
        return "<year>"
    return "<num>"


def hand_features(sentence: str, toks: list[str]) -> list[str]:
    """Named signals that generalise beyond the training vocabulary."""
    names = []
    vocab = set(toks)
    numeric = len(vocab & _NUMBER_WORDS) + (1 if vocab & _NUMBER_SHAPES else 0)
    if numeric:
        names.append("has_number")
        if numeric > 1 or toks.count("<num>") > 1:
            names.append("many_numbers")
    if vocab & _PERCENT:
        names.append("has_percent")
    if vocab & _COMPARISON:
        names.append("comparison")
    if vocab & _CAUSAL_LEGAL:
        names.append("causal_or_legal")
    if vocab & _PLEASANTRIES:
        names.append("pleasantry")
    if sentence.lower().lstrip("\"'“‘ ").startswith(_OPINION_OPENERS):
        names.append("opinion_opener")
    if sentence.rstrip(" \"'”’").endswith("?"):
        names.append("question")
    capitalised = len(_CAPITALISED.findall(sentence, 1))
    names.append(f"caps:{min(capitalised, 4)}")
    names.append(f"len:{min(len(toks) // 5, 8)}")
    return names


def _bucket(feature: str) -> int:
    return crc32(feature.encode("utf-8")) & _MASK


_named_bucket = lru_cache(maxsize=256)(_bucket)


@lru_cache(maxsize=1 << 17)
def _token_buckets(tok: str) -> tuple[int, tuple[int, ...]]:
    # The token's full hash (for bigrams) and its word and character 4-gram
    # buckets; cached because news vocabulary repeats and hashing dominates
    # the cost of scoring.
    full = crc32(f"w:{tok}".encode())
    buckets = [full & _MASK]
    if len(tok) > 3 and tok[0] != "<":
        padded = f" {tok} "
        buckets += [_bucket(f"c:{padded[i : i + 4]}") for i in range(len(padded) - 3)]
    return full, tuple(buckets)


def bucket_counts(sentence: str) -> Counter[int]:
    """How often each hashed feature bucket fires in one sentence."""
    toks = tokens(sentence)
    hashed = [_token_buckets(tok) for tok in toks]
    buckets = [b for _, token_buckets in hashed for b in token_buckets]
    # Bigram buckets mix the two token hashes instead of hashing a new string.
    buckets += [
        ((a[0] * _BIGRAM_MULTIPLIER) ^ b[0]) & _MASK
        for a, b in zip(hashed, hashed[1:], strict=False)
    ]
    buckets += [_named_bucket(f"h:{name}") for name in hand_features(sentence, toks)]
    return Counter(buckets)


def weighted(counts: Counter[int]) -> tuple[dict[int, float], float]:
    """Sublinear term frequency per bucket and the vector's L2 norm, as TF-IDF would do."""
    vec = {idx: 1.0 + math.log(n) if n > 1 else 1.0 for idx, n in counts.items()}
    return vec, math.sqrt(sum(v * v for v in vec.values())) or 1.0


def dot(weights: Sequence[float], counts: Counter[int]) -> float:
    """weights . featurize(sentence) from its bucket counts, without building the vector.

    Most buckets fire once (weight 1), so those are summed in one pass in C;
    only the few repeated buckets need the sublinear correction.
    """
    total = sum(map(weights.__getitem__, counts))
    norm2 = len(counts)
    if counts.total() != norm2:
        for idx, n in counts.items():
            if n > 1:
                extra = math.log(n)
                total += weights[idx] * extra
                norm2 += extra * (2.0 + extra)
    return total / math.sqrt(norm2) if norm2 else 0.0


def featurize(sentence: str) -> dict[int, float]:
    """Hashed, unit-length feature vector of one sentence (used for training)."""
    vec, norm = weighted(bucket_counts(sentence))
    return {idx: v / norm for idx, v in vec.items()}
