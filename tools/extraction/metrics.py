"""Ranking and classification metrics, in plain Python for evaluation without extras."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float


def prf(predicted: Sequence[bool], gold: Sequence[bool]) -> PRF:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    n_pred, n_gold = sum(predicted), sum(gold)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return PRF(precision, recall, f1)


def average_precision(scores: Sequence[float], gold: Sequence[bool]) -> float:
    """Mean of precision at each positive's rank (CheckThat! 2019 per-debate AP)."""
    ranked = sorted(zip(scores, gold, strict=True), key=lambda pair: -pair[0])
    hits, total = 0, 0.0
    for rank, (_, positive) in enumerate(ranked, start=1):
        if positive:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def best_threshold(scores: Sequence[float], gold: Sequence[bool]) -> tuple[float, PRF]:
    """Threshold maximising F1 of the positive class, on a 0.01 grid."""
    best = (0.5, prf([s >= 0.5 for s in scores], gold))
    for step in range(5, 96):
        threshold = step / 100
        result = prf([s >= threshold for s in scores], gold)
        if result.f1 > best[1].f1:
            best = (threshold, result)
    return best
