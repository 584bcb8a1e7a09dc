"""Check-worthiness model: shipped weights and pure-Python inference.

The weights file is JSON: the hashed logistic-regression coefficients as
hexadecimal of zlib-compressed little-endian float16 (one per feature bucket),
the intercept, the decision threshold chosen by cross-validation, and a
record of the data and figures it was trained with.
"""

from __future__ import annotations

import json
import math
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from factcheck.extraction.features import HASH_BITS, N_FEATURES, bucket_counts, dot

WEIGHTS_PATH = Path(__file__).with_name("checkworthiness.json")
FORMAT = "hashed-logreg-f16/1"


@dataclass(frozen=True, slots=True)
class Model:
    weights: Sequence[float]
    intercept: float
    threshold: float
    info: dict[str, Any]

    def probability(self, sentence: str) -> float:
        z = self.intercept + dot(self.weights, bucket_counts(sentence))
        # Clamp so math.exp cannot overflow on pathological input.
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def encode_weights(coefficients: Iterable[float]) -> str:
    values = list(coefficients)
    if len(values) != N_FEATURES:
        raise ValueError(f"expected {N_FEATURES} coefficients, got {len(values)}")
    packed = struct.pack(f"<{N_FEATURES}e", *values)
    return zlib.compress(packed, 9).hex()


def save(
    path: Path,
    coefficients: Iterable[float],
    intercept: float,
    threshold: float,
    info: dict[str, Any],
) -> None:
    document = {
        "format": FORMAT,
        "hash_bits": HASH_BITS,
        "intercept": intercept,
        "threshold": threshold,
        "info": info,
        "weights": encode_weights(coefficients),
    }
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")


def load(path: Path) -> Model:
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("format") != FORMAT or document.get("hash_bits") != HASH_BITS:
        raise ValueError(f"{path}: weights do not match this feature extractor")
    packed = zlib.decompress(bytes.fromhex(document["weights"]))
    weights = struct.unpack(f"<{N_FEATURES}e", packed)
    return Model(
        weights, float(document["intercept"]), float(document["threshold"]), document["info"]
    )


@lru_cache(maxsize=1)
def shipped() -> Model:
    return load(WEIGHTS_PATH)


def score(sentences: Iterable[str]) -> list[float]:
    """Check-worthiness of each sentence in [0, 1], in input order."""
    model = shipped()
    return [model.probability(s) for s in sentences]


def checkworthy(sentences: Iterable[str]) -> list[tuple[float, bool]]:
    """(score, score >= threshold) for each sentence, in input order."""
    threshold = shipped().threshold
    return [(p, p >= threshold) for p in score(sentences)]
