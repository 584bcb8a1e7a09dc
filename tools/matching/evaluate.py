"""Measure claim matching on real pairs; the data path is always an argument.

python -m tools.matching.evaluate PATH [PATH ...]

PATH may be
* a CLEF-2018 CheckThat! Task 2 folder or file (TSV without header: line,
  speaker, sentence, claim number, normalised claim, verdict). Each debate
  sentence with a normalised claim is a query; every normalised claim of every
  file given is a candidate (claim numbers restart per debate);
* a ClaimReview CSV folder or file (claimskg-extractor output). Each review's
  headline (extra_title) is a query; every distinct claimReviewed is a
  candidate. Headlines often contradict the claim they review ("The Pfizer
  vaccine isn't 99% graphene oxide"), so the share blocked as a contradiction
  is reported too.

Prints precision@1, MRR and recall@5 with the traps on, the same with lexical
scores only, and a trap test: each correctly retrieved query is perturbed (a
number changed, a negation inserted or removed, an antonym swapped) and we
count how often the perturbed query still returns its gold claim.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.matching import matcher, score
from factcheck.matching.matcher import Candidate


@dataclass(frozen=True)
class Dataset:
    name: str
    queries: list[tuple[str, int]]  # (query text, gold candidate id)
    candidates: list[Candidate]


def _files(path: Path, pattern: str) -> list[Path]:
    return [path] if path.is_file() else sorted(path.glob(pattern))


def load_clef(path: Path) -> Dataset:
    ids: dict[tuple[str, str], int] = {}
    texts: list[str] = []
    queries: list[tuple[str, int]] = []
    for file in _files(path, "*.txt"):
        with file.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 5 or row[3].strip() in ("", "N/A", "-"):
                    continue
                key = (file.name, row[3].strip())
                if key not in ids:
                    ids[key] = len(texts)
                    texts.append(row[4].strip())
                queries.append((row[2].strip(), ids[key]))
    cands = [Candidate(i, t) for i, t in enumerate(texts)]
    return Dataset(f"CLEF-2018 ({path.name})", queries, cands)


def load_claimreview(path: Path) -> Dataset:
    csv.field_size_limit(10**8)
    ids: dict[str, int] = {}
    seen: set[tuple[str, int]] = set()
    queries: list[tuple[str, int]] = []
    for file in _files(path, "*.csv"):
        with file.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                claim = (row.get("claimReview_claimReviewed") or "").strip()
                title = (row.get("extra_title") or "").strip()
                if not claim or not title:
                    continue
                cid = ids.setdefault(claim, len(ids))
                if (title, cid) not in seen:  # the samples repeat some rows verbatim
                    seen.add((title, cid))
                    queries.append((title, cid))
    cands = [Candidate(i, t) for t, i in ids.items()]
    return Dataset(f"ClaimReview ({path.name})", queries, cands)


def load(path: Path) -> Dataset:
    if any(_files(path, "*.csv")) and path.suffix != ".txt":
        return load_claimreview(path)
    return load_clef(path)


Ranker = Callable[[str, Sequence[Candidate]], list[int]]


def trap_ranker(query: str, cands: Sequence[Candidate]) -> list[int]:
    return [m.id for m in matcher.rank(query, cands, limit=len(cands), min_score=1e-9)]


def lexical_ranker(query: str, cands: Sequence[Candidate]) -> list[int]:
    q = score.features(query)
    scored = [(score.lexical(q, score.features(c.text)), c.id) for c in cands]
    return [cid for s, cid in sorted(scored, key=lambda x: (-x[0], x[1])) if s > 0]


def metrics(data: Dataset, ranker: Ranker) -> dict[str, float]:
    p1 = mrr = r5 = 0.0
    for query, gold in data.queries:
        order = ranker(query, data.candidates)
        if gold in order:
            pos = order.index(gold) + 1
            p1 += pos == 1
            mrr += 1.0 / pos
            r5 += pos <= 5
    n = max(1, len(data.queries))
    return {"n": len(data.queries), "p@1": p1 / n, "mrr": mrr / n, "r@5": r5 / n}


# --- perturbations for the trap test -------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.,-])\d+(?:,\d{3})*(?:\.\d+)?(?![\w,]*\d)")
_NUMBER_WORDS = {
    "two": "three",
    "three": "five",
    "four": "seven",
    "five": "eight",
    "six": "nine",
    "seven": "eleven",
    "eight": "twelve",
    "nine": "fifteen",
    "ten": "twenty",
    "thousands": "hundreds",
    "millions": "thousands",
    "billions": "millions",
    "hundreds": "dozens",
}
_AUX = re.compile(
    r"\b(is|are|was|were|has|have|had|will|would|can|could|should|does|do|did|must)"
    r"(n't\b|\b(?:\s+(?:not|never)\b)?)",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b([a-z]{3,}ed)\b")


def perturb_number(text: str, shared_with: str | None = None) -> str | None:
    """Change the first number (one also written in `shared_with`, when given)."""
    for m in _NUMBER.finditer(text):
        if shared_with is not None and m.group() not in shared_with:
            continue
        value = float(m.group().replace(",", ""))
        if re.fullmatch(r"(18|19|20)\d\d", m.group()):  # a year: move it
            shown = str(int(value) + 3)
        else:
            new = value * 2 + 1 if value < 1000 or value % 1 else value * 2
            shown = f"{new:,.1f}" if "." in m.group() else f"{int(new):,}"
        return text[: m.start()] + shown + text[m.end() :]
    for word, other in _NUMBER_WORDS.items():
        m = re.search(rf"\b{word}\b", text, re.IGNORECASE)
        if m and (shared_with is None or m.group().lower() in shared_with.lower()):
            return text[: m.start()] + other + text[m.end() :]
    return None


def perturb_negation(text: str) -> str | None:
    m = _AUX.search(text)
    if m and m.group(2).strip():  # already negated: remove the negation
        return text[: m.end(1)] + text[m.end() :]
    bare = re.search(r"\b(?:no|never)\s+", text, re.IGNORECASE)
    if bare:
        return text[: bare.start()] + text[bare.end() :]
    if m:
        return text[: m.end()] + " not" + text[m.end() :]
    m = _PAST.search(text)
    if m:
        return text[: m.start()] + "never " + text[m.start() :]
    return None


def perturb_antonym(text: str) -> str | None:
    pairs = {
        "rose": "fell",
        "fell": "rose",
        "up": "down",
        "down": "up",
        "more": "fewer",
        "increase": "decrease",
        "grow": "shrink",
        "drop": "rise",
        "won": "lost",
        "lost": "won",
        "best": "worst",
        "worst": "best",
        "legal": "illegal",
        "true": "false",
        "real": "fake",
        "higher": "lower",
        "lower": "higher",
        "support": "oppose",
    }
    for word, other in pairs.items():
        m = re.search(rf"\b{word}\b", text, re.IGNORECASE)
        if m:
            return text[: m.start()] + other + text[m.end() :]
    return None


PERTURBATIONS = {
    "number": perturb_number,
    "negation": perturb_negation,
    "antonym": perturb_antonym,
}


def _still_found(text: str, gold: int, cands: Sequence[Candidate]) -> bool:
    return gold in [m.id for m in matcher.rank(text, cands, limit=len(cands))]


def trap_test(data: Dataset) -> dict[str, tuple[int, int]]:
    """(perturbed, still returning their gold) per kind of perturbation.

    claim/KIND: a gold claim itself, perturbed, used as the query (one edit in a
    short single-fact text). query/number: a query whose gold is ranked first,
    with a number it shares with its gold claim changed.
    """
    result: dict[str, tuple[int, int]] = {}

    def count(key: str, still: bool) -> None:
        total, hits = result.get(key, (0, 0))
        result[key] = (total + 1, hits + still)

    golds = sorted({gold for _, gold in data.queries})
    for gold in golds:
        text = data.candidates[gold].text
        for kind, perturb in PERTURBATIONS.items():
            changed = perturb(text)
            if changed and changed != text:
                count(f"claim/{kind}", _still_found(changed, gold, data.candidates))
    for query, gold in data.queries:
        if trap_ranker(query, data.candidates)[:1] != [gold]:
            continue
        changed = perturb_number(query, shared_with=data.candidates[gold].text)
        if changed and changed != query:
            count("query/number", _still_found(changed, gold, data.candidates))
    return result


def report(data: Dataset) -> None:
    on = metrics(data, trap_ranker)
    off = metrics(data, lexical_ranker)
    print(f"{data.name}: {on['n']} queries, {len(data.candidates)} candidate claims")
    for label, m in (("with traps", on), ("lexical only", off)):
        print(f"  {label:<13} P@1 {m['p@1']:.3f}  MRR {m['mrr']:.3f}  recall@5 {m['r@5']:.3f}")
    blocked = sum(
        "blocked" in matcher.explain(query, data.candidates[gold].text)[1]
        for query, gold in data.queries
    )
    print(f"  gold pairs blocked as contradictions: {blocked}/{len(data.queries)}")
    for key, (total, still) in trap_test(data).items():
        rate = still / total if total else 0.0
        print(f"  trap {key:<15} perturbed {total:>3}  still matched {still:>3} ({rate:.1%})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.paths:
        if not path.exists():
            print(f"no such path: {path}", file=sys.stderr)
            return 1
        report(load(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
