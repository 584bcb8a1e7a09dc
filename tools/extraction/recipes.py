"""Check-worthiness models the protocol trains side by side (all need the ``train`` extra).

Each recipe takes training texts and labels and returns a scorer: texts ->
probabilities. ``tfidf`` is the plain baseline every candidate must beat;
``hashed`` is the model shipped before token vectors; ``shipped`` is the
shipped model's recipe (``tools.extraction.train`` fits it on all the data);
``minilm`` and ``minilm+hashed`` encode each sentence with all-MiniLM-L6-v2
(the ``semantic`` extra) and are measured only when it is installed.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.extraction import token_vectors
from factcheck.extraction.features import N_FEATURES, featurize

# Inverse L2 strength of the shipped hashed model; 4 was best of 1 / 4 / 10.
HASHED_C = 4.0


def hashed_matrix(texts: Sequence[str]):
    from scipy.sparse import csr_matrix

    indices: list[int] = []
    values: list[float] = []
    pointers = [0]
    for text in texts:
        vec = featurize(text)
        indices.extend(vec)
        values.extend(vec.values())
        pointers.append(len(indices))
    return csr_matrix((values, indices, pointers), shape=(len(texts), N_FEATURES))


def hashed(texts: Sequence[str], labels: Sequence[bool]):
    """The package's own features (factcheck.extraction.features) and logistic regression."""
    from sklearn.linear_model import LogisticRegression

    classifier = LogisticRegression(C=HASHED_C, max_iter=5000)
    classifier.fit(hashed_matrix(texts), labels)
    return lambda batch: classifier.predict_proba(hashed_matrix(batch))[:, 1].tolist()


def tfidf(texts: Sequence[str], labels: Sequence[bool]):
    """Baseline: word 1-2-gram TF-IDF and logistic regression, library defaults."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    pipeline = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
        LogisticRegression(max_iter=5000),
    )
    pipeline.fit(list(texts), labels)
    return lambda batch: pipeline.predict_proba(list(batch))[:, 1].tolist()


def shipped_matrix(texts: Sequence[str]):
    """Hashed features beside the static token vector: the shipped model's input."""
    from scipy.sparse import csr_matrix, hstack

    vectors = token_vectors.shipped()
    dense = csr_matrix([vectors.sentence_vector(t) for t in texts])
    return hstack([hashed_matrix(texts), dense]).tocsr()


def fit_shipped(texts: Sequence[str], labels: Sequence[bool]):
    from sklearn.linear_model import LogisticRegression

    classifier = LogisticRegression(C=HASHED_C, max_iter=5000)
    classifier.fit(shipped_matrix(texts), labels)
    return classifier


def shipped(texts: Sequence[str], labels: Sequence[bool]):
    """Hashed features and static token vectors in one logistic regression."""
    classifier = fit_shipped(texts, labels)
    return lambda batch: classifier.predict_proba(shipped_matrix(batch))[:, 1].tolist()


_ENCODED: dict[str, bytes] = {}  # the splits share most sentences: encode each once a run


def _minilm_encode(texts: Sequence[str]):
    import numpy as np

    from factcheck.matching import semantic

    missing = sorted({t for t in texts if t not in _ENCODED})
    _ENCODED.update(zip(missing, semantic.encode(missing), strict=True))
    return np.frombuffer(b"".join(_ENCODED[t] for t in texts), dtype="float32").reshape(
        len(texts), semantic.DIMENSIONS
    )


def minilm(texts: Sequence[str], labels: Sequence[bool]):
    """all-MiniLM-L6-v2 sentence embeddings and logistic regression (semantic extra)."""
    from sklearn.linear_model import LogisticRegression

    classifier = LogisticRegression(C=HASHED_C, max_iter=5000)
    classifier.fit(_minilm_encode(texts), labels)
    return lambda batch: classifier.predict_proba(_minilm_encode(batch))[:, 1].tolist()


def minilm_hashed(texts: Sequence[str], labels: Sequence[bool]):
    """Hashed features beside all-MiniLM-L6-v2 embeddings in one logistic regression."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    def matrix(batch):
        return hstack([hashed_matrix(batch), csr_matrix(_minilm_encode(batch))]).tocsr()

    classifier = LogisticRegression(C=HASHED_C, max_iter=5000).fit(matrix(texts), labels)
    return lambda batch: classifier.predict_proba(matrix(batch))[:, 1].tolist()


RECIPES = {
    "tfidf": tfidf,
    "hashed": hashed,
    "shipped": shipped,
    "minilm": minilm,
    "minilm+hashed": minilm_hashed,
}
LIGHT = ("tfidf", "hashed", "shipped")
