"""Static token vectors: what a sentence is about, beyond the words the model was trained on.

The vectors were distilled from all-MiniLM-L6-v2 (``python -m
tools.extraction.distill``): one per WordPiece token of its uncased vocabulary.
A sentence's vector is the unit-length mean of its tokens' vectors, so words
that never occurred in the training data still land near words that did. Read
and computed in pure Python.

File format (gzip): one JSON line (format, source, dimensions, per-dimension
scales, vocabulary), then the int8 vectors row by row.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import sys
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

VECTORS_PATH = Path(__file__).with_name("token_vectors.gz")
FORMAT = "wordpiece-int8/1"
UNKNOWN = "[UNK]"
_MAX_WORD = 100  # longer "words" are one unknown token, as in BERT
# BERT's basic tokenizer: runs of letters and digits, each other symbol alone.
_WORD = re.compile(r"[^\W_]+|[^\w\s]|_")
_ACCENTS = re.compile("[\u0300-\u036f]")  # combining marks left by NFD: "é" -> "e"


# A row is packed into one integer, a 32-bit lane per dimension holding value + 128, so
# that adding the integers of a sentence's tokens adds every dimension at once (in C); a
# lane cannot overflow below 2**24 tokens.
_LANE_BYTES = 4
_LANE = next(code for code in "IL" if array(code).itemsize == _LANE_BYTES)
_OFFSET = 128
_MAX_TOKENS = 1 << 24


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity (cache key)
class TokenVectors:
    index: dict[str, int]
    scales: tuple[float, ...]
    packed: tuple[int, ...]  # one integer per token, see _LANE_BYTES

    @property
    def dims(self) -> int:
        return len(self.scales)

    def token_ids(self, text: str) -> list[int]:
        return [i for word in basic_tokens(text) for i in _pieces(self, word)]

    def sentence_vector(self, text: str) -> list[float]:
        """Unit-length mean of the token vectors (all zeros for a text without tokens)."""
        ids = self.token_ids(text)[:_MAX_TOKENS]
        if not ids:
            return [0.0] * self.dims
        lanes = array(_LANE)
        total = sum(map(self.packed.__getitem__, ids))
        lanes.frombytes(total.to_bytes(self.dims * _LANE_BYTES, "little"))
        if sys.byteorder == "big":
            lanes.byteswap()
        offset = _OFFSET * len(ids)
        vector = [(lane - offset) * scale for lane, scale in zip(lanes, self.scales, strict=True)]
        norm = math.hypot(*vector)
        return [v / norm for v in vector] if norm else vector


@lru_cache(maxsize=1 << 17)
def _pieces(vectors: TokenVectors, word: str) -> tuple[int, ...]:
    """Greedy longest-match-first WordPiece split; an unsplittable word is one unknown."""
    index = vectors.index
    if len(word) > _MAX_WORD:
        return (index[UNKNOWN],)
    found: list[int] = []
    start = 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in index:
                found.append(index[piece])
                break
            end -= 1
        else:
            return (index[UNKNOWN],)
        start = end
    return tuple(found)


def basic_tokens(text: str) -> list[str]:
    """Lower-cased, accents stripped, split on spaces and punctuation (BERT uncased)."""
    text = text.lower()
    if not text.isascii():
        text = _ACCENTS.sub("", unicodedata.normalize("NFD", text))
    return _WORD.findall(text)


def save(path: Path, vocab: Sequence[str], vectors: Sequence[Sequence[float]], source: str) -> None:
    dims = len(vectors[0])
    scales = [max(abs(row[d]) for row in vectors) / 127 or 1.0 for d in range(dims)]
    quantised = array("b", (round(row[d] / scales[d]) for row in vectors for d in range(dims)))
    header = {
        "format": FORMAT,
        "source": source,
        "dims": dims,
        "scales": scales,
        "vocab": list(vocab),
    }
    # No name or time in the gzip header: the same vectors give the same bytes.
    with path.open("wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as fh:
        fh.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
        fh.write(quantised.tobytes())


def load(path: Path) -> TokenVectors:
    with gzip.open(path, "rb") as fh:
        header = json.loads(fh.readline())
        body = fh.read()
    if header.get("format") != FORMAT:
        raise ValueError(f"{path}: not a {FORMAT} file")
    dims = header["dims"]
    if len(body) != dims * len(header["vocab"]):
        raise ValueError(f"{path}: {len(body)} bytes for {len(header['vocab'])} tokens")
    # Shift every int8 to 0..255 and widen it to a little-endian 32-bit lane.
    lanes = array(_LANE, (value + _OFFSET for value in array("b", body)))
    if sys.byteorder == "big":
        lanes.byteswap()
    raw = lanes.tobytes()
    width = dims * _LANE_BYTES
    packed = tuple(int.from_bytes(raw[i : i + width], "little") for i in range(0, len(raw), width))
    index = {token: i for i, token in enumerate(header["vocab"])}
    return TokenVectors(index, tuple(header["scales"]), packed)


@lru_cache(maxsize=1)
def shipped() -> TokenVectors:
    return load(VECTORS_PATH)
