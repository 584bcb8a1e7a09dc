"""Train the check-worthiness model and write the shipped weights.

    python -m tools.extraction.train DATA_DIR [--output PATH]

DATA_DIR holds ``ct24/`` (CheckThat! 2024 English: the ``*train*.tsv`` file
trains, a ``*dev*.tsv`` file is only reported, never tuned on) and
``clef2019-train/`` (CheckThat! 2019 debate TSVs, all used for training).
Needs the ``train`` extra (scikit-learn); inference does not.

Five-fold cross-validation chooses the decision threshold: ct24 sentences are
split by stratified folds and debates by whole file, so every debate's
average precision is measured by a model that never saw that debate.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from factcheck.extraction import model
from factcheck.extraction.features import N_FEATURES, featurize
from tools.extraction import datasets, metrics

FOLDS = 5
SEED = 13
# Inverse L2 strength; 4 was best of 1 / 4 / 10 in cross-validation.
REGULARISATION_C = 4.0


def _matrix(texts: list[str]):
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


def _fit(rows: list[datasets.Labelled]):
    from sklearn.linear_model import LogisticRegression

    classifier = LogisticRegression(C=REGULARISATION_C, max_iter=5000)
    classifier.fit(_matrix([r.text for r in rows]), [r.label for r in rows])
    return classifier


def _folds(ct24: list[datasets.Labelled], debates: list[str]) -> list[tuple[set[int], set[str]]]:
    """Per fold: the ct24 row indices and the debate files held out."""
    rng = random.Random(SEED)
    held = [set() for _ in range(FOLDS)]
    for label in (True, False):
        idx = [i for i, r in enumerate(ct24) if r.label is label]
        rng.shuffle(idx)
        for n, i in enumerate(idx):
            held[n % FOLDS].add(i)
    files = sorted(debates)
    rng.shuffle(files)
    return [(held[k], set(files[k::FOLDS])) for k in range(FOLDS)]


def cross_validate(ct24: list[datasets.Labelled], debates: list[datasets.Labelled]) -> dict:
    ct24_scores = [0.0] * len(ct24)
    debate_scores = [0.0] * len(debates)
    for k, (held_ct24, held_files) in enumerate(_folds(ct24, [r.group for r in debates]), 1):
        held_texts = {r.text for r in debates if r.group in held_files}
        # ClaimBuster reuses sentences of the 2016 debates: keep them out of
        # training while that debate is being tested.
        train = [r for i, r in enumerate(ct24) if i not in held_ct24 and r.text not in held_texts]
        train += [r for r in debates if r.group not in held_files]
        classifier = _fit(train)
        ct24_idx = sorted(held_ct24)
        debate_idx = [i for i, r in enumerate(debates) if r.group in held_files]
        for idx, rows, out in ((ct24_idx, ct24, ct24_scores), (debate_idx, debates, debate_scores)):
            if not idx:
                continue
            probabilities = classifier.predict_proba(_matrix([rows[i].text for i in idx]))[:, 1]
            for i, p in zip(idx, probabilities, strict=True):
                out[i] = float(p)
        print(f"fold {k}/{FOLDS} done", file=sys.stderr)
    threshold, result = metrics.best_threshold(ct24_scores, [r.label for r in ct24])
    per_file = {}
    for name in sorted({r.group for r in debates}):
        idx = [i for i, r in enumerate(debates) if r.group == name]
        per_file[name] = round(
            metrics.average_precision(
                [debate_scores[i] for i in idx], [debates[i].label for i in idx]
            ),
            4,
        )
    return {
        "threshold": threshold,
        "ct24_f1": round(result.f1, 4),
        "ct24_precision": round(result.precision, 4),
        "ct24_recall": round(result.recall, 4),
        "clef2019_map": round(sum(per_file.values()) / len(per_file), 4) if per_file else None,
        "clef2019_ap_per_file": per_file,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--output", type=Path, default=model.WEIGHTS_PATH)
    args = parser.parse_args(argv)

    ct24_dir = args.data_dir / "ct24"
    ct24 = [r for p in sorted(ct24_dir.glob("*train*.tsv")) for r in datasets.read_ct24(p)]
    dev = [r for p in sorted(ct24_dir.glob("*dev*.tsv")) for r in datasets.read_ct24(p)]
    debates = [
        r
        for p in datasets.tsv_files(args.data_dir / "clef2019-train")
        for r in datasets.read_clef2019(p)
    ]
    if not ct24:
        parser.error(f"no ct24 training file under {ct24_dir}")
    print(f"training rows: ct24 {len(ct24)}, clef2019 {len(debates)}", file=sys.stderr)

    cv = cross_validate(ct24, debates)
    classifier = _fit(ct24 + debates)
    info = {
        "trained_on": {"ct24": len(ct24), "clef2019": len(debates)},
        "regularisation_c": REGULARISATION_C,
        "cross_validation": cv,
    }
    if dev:
        probabilities = classifier.predict_proba(_matrix([r.text for r in dev]))[:, 1]
        result = metrics.prf([p >= cv["threshold"] for p in probabilities], [r.label for r in dev])
        info["ct24_dev"] = {
            "f1": round(result.f1, 4),
            "precision": round(result.precision, 4),
            "recall": round(result.recall, 4),
        }
    model.save(
        args.output, classifier.coef_[0], float(classifier.intercept_[0]), cv["threshold"], info
    )
    print(f"wrote {args.output}")
    print(
        f"threshold {cv['threshold']:.2f}; cross-validation: ct24 F1 {cv['ct24_f1']:.3f} "
        f"P {cv['ct24_precision']:.3f} R {cv['ct24_recall']:.3f}; clef2019 MAP {cv['clef2019_map']}"
    )
    if "ct24_dev" in info:
        d = info["ct24_dev"]
        print(f"ct24 dev: F1 {d['f1']:.3f} P {d['precision']:.3f} R {d['recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
