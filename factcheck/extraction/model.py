"""Check-worthiness model: shipped weights and pure-Python inference.

One logistic regression over two parts of a sentence: its hashed words and
character n-grams (``features``) and its static token vector
(``token_vectors``), which carries meaning to words the training data never
held. The weights file is JSON: the hashed coefficients as hexadecimal of
zlib-compressed little-endian float16 (one per feature bucket), one coefficient
per token-vector dimension, the intercept, the decision threshold chosen on a
held-out validation part, the digest of the token-vector file the weights were
trained with, and a record of the data and figures it was trained with.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from factcheck.extraction import token_vectors
from factcheck.extraction.features import HASH_BITS, N_FEATURES, bucket_counts, dot

WEIGHTS_PATH = Path(__file__).with_name("checkworthiness.json")
FORMAT = "hashed-static-logreg/2"


@dataclass(frozen=True, slots=True)
class Model:
    weights: Sequence[float]
    vector_weights: Sequence[float]
    intercept: float
    threshold: float
    info: dict[str, Any]
    vectors: token_vectors.TokenVectors

    def probability(self, sentence: str) -> float:
        z = self.intercept + dot(self.weights, bucket_counts(sentence))
        z += sum(map(operator.mul, self.vector_weights, self.vectors.sentence_vector(sentence)))
        # Clamp so math.exp cannot overflow on pathological input.
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def encode_weights(coefficients: Iterable[float]) -> str:
    values = list(coefficients)
    if len(values) != N_FEATURES:
        raise ValueError(f"expected {N_FEATURES} coefficients, got {len(values)}")
    packed = struct.pack(f"<{N_FEATURES}e", *values)
    return zlib.compress(packed, 9).hex()


def vectors_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save(
    path: Path,
    coefficients: Iterable[float],
    vector_coefficients: Iterable[float],
    intercept: float,
    threshold: float,
    info: dict[str, Any],
    vectors_path: Path = token_vectors.VECTORS_PATH,
) -> None:
    document = {
        "format": FORMAT,
        "hash_bits": HASH_BITS,
        "token_vectors_sha256": vectors_digest(vectors_path),
        "intercept": intercept,
        "threshold": threshold,
        "info": info,
        "vector_weights": [round(float(w), 6) for w in vector_coefficients],
        "weights": encode_weights(coefficients),
    }
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")


def load(path: Path, vectors_path: Path = token_vectors.VECTORS_PATH) -> Model:
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("format") != FORMAT or document.get("hash_bits") != HASH_BITS:
        raise ValueError(f"{path}: weights do not match this feature extractor")
    # Weights fitted on other token vectors would score nonsense: refuse them.
    if document["token_vectors_sha256"] != vectors_digest(vectors_path):
        raise ValueError(f"{path}: weights were trained with other token vectors")
    # The shipped vectors are loaded once per process, whoever asks first.
    if vectors_path == token_vectors.VECTORS_PATH:
        vectors = token_vectors.shipped()
    else:
        vectors = token_vectors.load(vectors_path)
    if len(document["vector_weights"]) != vectors.dims:
        raise ValueError(f"{path}: {len(document['vector_weights'])} vector weights")
    packed = zlib.decompress(bytes.fromhex(document["weights"]))
    weights = struct.unpack(f"<{N_FEATURES}e", packed)
    return Model(
        weights,
        tuple(document["vector_weights"]),
        float(document["intercept"]),
        float(document["threshold"]),
        document["info"],
        vectors,
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
