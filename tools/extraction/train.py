"""Train the check-worthiness model and write the shipped weights.

    python -m tools.extraction.train DATA_DIR [--output PATH]

DATA_DIR holds ``ct24/`` (CheckThat! 2024 English, every ``*.tsv``) and
``clef2019-train/`` (CheckThat! 2019 debate TSVs). Needs the ``train`` extra
(scikit-learn); inference does not.

The decision threshold is chosen on a validation part that the model choosing
it never saw: a stratified fifth of the CheckThat! 2024 sentences (the
threshold maximises F1 there) and a fifth of the debates, whole (their
average precision is reported). The model is then refitted on everything with
that threshold. What to expect on unseen text comes from
``python -m tools.extraction.evaluate ood DATA_DIR``, not from these figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from factcheck.extraction import model
from factcheck.extraction.features import N_FEATURES
from tools.extraction import metrics, protocol, recipes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--output", type=Path, default=model.WEIGHTS_PATH)
    args = parser.parse_args(argv)

    ct24 = protocol.read_ct24_with_ids(args.data_dir / "ct24")
    debates = protocol.read_clef2019(args.data_dir / "clef2019-train")
    if not ct24:
        parser.error(f"no ct24 file under {args.data_dir / 'ct24'}")
    rows = ct24 + debates
    print(f"training rows: ct24 {len(ct24)}, clef2019 {len(debates)}", file=sys.stderr)

    train, validation = protocol.hold_out_groups(rows, protocol.VALIDATION_SHARE, protocol.SEED)
    classifier = recipes.fit_shipped([r.text for r in train], [r.label for r in train])
    scores = classifier.predict_proba(recipes.shipped_matrix([r.text for r in validation]))[:, 1]
    sentence_idx = [i for i, r in enumerate(validation) if r.group == "ct24"]
    threshold, result = metrics.best_threshold(
        [scores[i] for i in sentence_idx], [validation[i].label for i in sentence_idx]
    )
    per_debate = {}
    for name in sorted({r.group for r in validation} - {"ct24"}):
        idx = [i for i, r in enumerate(validation) if r.group == name]
        per_debate[name] = round(
            metrics.average_precision([scores[i] for i in idx], [validation[i].label for i in idx]),
            4,
        )
    info = {
        "trained_on": {"ct24": len(ct24), "clef2019": len(debates)},
        "regularisation_c": recipes.HASHED_C,
        "validation": {
            "ct24_sentences": len(sentence_idx),
            "ct24_f1": round(result.f1, 4),
            "ct24_precision": round(result.precision, 4),
            "ct24_recall": round(result.recall, 4),
            "clef2019_ap_per_debate": per_debate,
        },
        "out_of_domain": "python -m tools.extraction.evaluate ood DATA_DIR",
    }
    final = recipes.fit_shipped([r.text for r in rows], [r.label for r in rows])
    coefficients = final.coef_[0]
    model.save(
        args.output,
        coefficients[:N_FEATURES],
        coefficients[N_FEATURES:],
        float(final.intercept_[0]),
        threshold,
        info,
    )
    print(f"wrote {args.output}")
    print(
        f"threshold {threshold:.2f} (validation ct24 F1 {result.f1:.3f} "
        f"P {result.precision:.3f} R {result.recall:.3f}); "
        f"validation debates AP {per_debate}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
