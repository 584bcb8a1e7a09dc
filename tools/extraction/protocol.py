"""Out-of-domain protocol for check-worthiness: every figure on data that tuned nothing.

    python -m tools.extraction.evaluate ood DATA_DIR [--models NAME,...]

DATA_DIR is the folder that holds ``ct24/`` and ``clef2019-train/`` (as for
``tools.extraction.train``). Each split trains a model from scratch, chooses
its decision threshold on a validation part drawn from the training side only,
and then scores a test side that neither training nor the threshold saw:

``period``
    CheckThat! 2024 (ClaimBuster) by election: sentence ids come in blocks,
    one block per debate, and the 2016 debates hold the highest ids (from
    29101, the first 2016 debate's opening; earlier blocks are 1960-2012 in
    no particular order). Train on 1960-2012, test on 2016.
``ct24->clef2019``
    Train on all CheckThat! 2024 sentences, test on the 19 CheckThat! 2019
    debates, speeches and press conferences (2016-2019), another annotation
    of another selection. Sentences that occur in both are removed from
    training.
``clef2019-period``
    The shipped recipe (both sources) by period: train on CheckThat! 2024 and
    the 2016-2017 CheckThat! 2019 files, test on the 2018-2019 files.

Reported per split and model: F1 (with precision and recall) at the threshold
chosen on validation, the best F1 any threshold reaches on the test side (an
upper bound no user gets), and the mean over test debates of their average
precision (MAP); for ``period``, whose debates are not separable, the
average precision of the whole test side.
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.extraction import datasets, metrics

FIRST_2016_ID = 29101
VALIDATION_SHARE = 0.2
SEED = 13
# CheckThat! 2019 file names start with the date (one is written YYYYDDMM).
_TEST_YEARS = ("2018", "2019")

Scorer = Callable[[Sequence[str]], list[float]]
Recipe = Callable[[Sequence[str], Sequence[bool]], Scorer]


@dataclass(frozen=True, slots=True)
class Row:
    text: str
    label: bool
    group: str  # debate for CheckThat! 2019 files; "ct24" otherwise
    sentence_id: int | None = None


@dataclass(frozen=True, slots=True)
class Split:
    name: str
    train: list[Row]
    validation: list[Row]
    test: list[Row]


@dataclass(frozen=True, slots=True)
class Result:
    split: str
    model: str
    threshold: float
    at_threshold: metrics.PRF
    best_f1: float
    best_threshold: float
    map: float
    ap_per_group: dict[str, float]
    fit_seconds: float
    test_sentences_per_second: float


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def read_ct24_with_ids(ct24_dir: Path) -> list[Row]:
    rows: list[Row] = []
    for path in sorted(ct24_dir.glob("*.tsv")):
        for sentence_id, labelled in datasets.read_ct24_ids(path):
            rows.append(Row(labelled.text, labelled.label, "ct24", sentence_id))
    return rows


def read_clef2019(clef_dir: Path) -> list[Row]:
    return [
        Row(r.text, r.label, r.group)
        for path in datasets.tsv_files(clef_dir)
        for r in datasets.read_clef2019(path)
    ]


def _hold_out(rows: list[Row], share: float, seed: int) -> tuple[list[Row], list[Row]]:
    """Stratified random validation part (by label)."""
    rng = random.Random(seed)
    keep, held = [], []
    for label in (True, False):
        part = [r for r in rows if r.label is label]
        rng.shuffle(part)
        cut = round(len(part) * share)
        held += part[:cut]
        keep += part[cut:]
    return keep, held


def hold_out_groups(rows: list[Row], share: float, seed: int) -> tuple[list[Row], list[Row]]:
    """Validation by whole debate for CheckThat! 2019 rows, stratified split otherwise."""
    groups = sorted({r.group for r in rows if r.group != "ct24"})
    rng = random.Random(seed)
    rng.shuffle(groups)
    held_groups = set(groups[: max(1, round(len(groups) * share))]) if groups else set()
    ct24_keep, ct24_held = _hold_out([r for r in rows if r.group == "ct24"], share, seed)
    keep = ct24_keep + [r for r in rows if r.group != "ct24" and r.group not in held_groups]
    held = ct24_held + [r for r in rows if r.group in held_groups]
    return keep, held


def _without(rows: list[Row], texts: set[str]) -> list[Row]:
    return [r for r in rows if _norm(r.text) not in texts]


def splits(data_dir: Path) -> list[Split]:
    ct24 = read_ct24_with_ids(data_dir / "ct24")
    clef = read_clef2019(data_dir / "clef2019-train")
    if not ct24 or not clef:
        raise SystemExit(f"{data_dir}: needs ct24/*.tsv and clef2019-train/*.tsv")
    found: list[Split] = []

    before = [r for r in ct24 if r.sentence_id < FIRST_2016_ID]
    latest = [r for r in ct24 if r.sentence_id >= FIRST_2016_ID]
    train, validation = _hold_out(before, VALIDATION_SHARE, SEED)
    found.append(Split("period", train, validation, latest))

    clef_texts = {_norm(r.text) for r in clef}
    train, validation = _hold_out(_without(ct24, clef_texts), VALIDATION_SHARE, SEED)
    found.append(Split("ct24->clef2019", train, validation, clef))

    late = [r for r in clef if r.group.startswith(_TEST_YEARS)]
    early = [r for r in clef if not r.group.startswith(_TEST_YEARS)]
    late_texts = {_norm(r.text) for r in late}
    train, validation = hold_out_groups(
        _without(ct24, late_texts) + _without(early, late_texts), VALIDATION_SHARE, SEED
    )
    found.append(Split("clef2019-period", train, validation, late))
    return found


def evaluate(split: Split, name: str, recipe: Recipe) -> Result:
    started = time.perf_counter()
    scorer = recipe([r.text for r in split.train], [r.label for r in split.train])
    fit_seconds = time.perf_counter() - started
    threshold, _ = metrics.best_threshold(
        scorer([r.text for r in split.validation]), [r.label for r in split.validation]
    )
    started = time.perf_counter()
    scores = scorer([r.text for r in split.test])
    per_second = len(scores) / max(time.perf_counter() - started, 1e-9)
    gold = [r.label for r in split.test]
    best_at, best = metrics.best_threshold(scores, gold)
    groups = sorted({r.group for r in split.test})
    ap = {
        g: metrics.average_precision(
            [s for s, r in zip(scores, split.test, strict=True) if r.group == g],
            [r.label for r in split.test if r.group == g],
        )
        for g in groups
    }
    return Result(
        split=split.name,
        model=name,
        threshold=threshold,
        at_threshold=metrics.prf([s >= threshold for s in scores], gold),
        best_f1=best.f1,
        best_threshold=best_at,
        map=sum(ap.values()) / len(ap),
        ap_per_group=ap,
        fit_seconds=fit_seconds,
        test_sentences_per_second=per_second,
    )


def describe(split: Split) -> str:
    def count(rows: list[Row]) -> str:
        return f"{len(rows)} ({sum(r.label for r in rows)} positive)"

    return (
        f"{split.name}: train {count(split.train)}, validation {count(split.validation)}, "
        f"test {count(split.test)} in {len({r.group for r in split.test})} group(s)"
    )


def table(results: list[Result]) -> str:
    lines = [
        "| split | model | threshold | F1 | precision | recall | best F1 | MAP |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.split} | {r.model} | {r.threshold:.2f} | {r.at_threshold.f1:.3f} | "
            f"{r.at_threshold.precision:.3f} | {r.at_threshold.recall:.3f} | "
            f"{r.best_f1:.3f} | {r.map:.3f} |"
        )
    return "\n".join(lines)


def run(data_dir: Path, recipes: dict[str, Recipe], out=sys.stdout) -> list[Result]:
    results = []
    for split in splits(data_dir):
        print(describe(split), file=out, flush=True)
        for name, recipe in recipes.items():
            result = evaluate(split, name, recipe)
            results.append(result)
            print(
                f"  {name}: F1 {result.at_threshold.f1:.3f} at {result.threshold:.2f} "
                f"(best {result.best_f1:.3f} at {result.best_threshold:.2f}), "
                f"MAP {result.map:.3f}; fit {result.fit_seconds:.0f} s",
                file=out,
                flush=True,
            )
    print(file=out)
    print(table(results), file=out)
    for r in results:
        if len(r.ap_per_group) > 1:
            per = ", ".join(f"{g} {ap:.3f}" for g, ap in r.ap_per_group.items())
            print(f"\n{r.split} / {r.model} AP per debate: {per}", file=out)
    return results
