"""Measure extraction against labelled data; the data path is always an argument.

python -m factcheck.extraction.evaluate checkworthiness PATH
    CheckThat! 2024-style TSVs: F1, precision and recall of the positive
    class at the shipped threshold. CheckThat! 2019 debate TSVs: average
    precision per file and their mean (MAP).
python -m factcheck.extraction.evaluate attribution POLNEAR_DIR
    For each annotated content whose source is named: is it covered by an
    extracted claim, and does the claimant match the annotated source.
python -m factcheck.extraction.evaluate seed ARTICLE EXPECTED_JSON
    The expectations of a seed article (exit status 1 when one is missed).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from factcheck.extraction import datasets, metrics, model
from factcheck.extraction.claims import ExtractedClaim, candidates, extract

_NAME_WORD = re.compile(r"[A-Z][\w’'-]{2,}")
_NOT_SOURCE_NAMES = frozenset(
    [
        "He",
        "She",
        "They",
        "It",
        "We",
        "The",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "President",
        "Senator",
        "Sen",
        "Rep",
        "Gov",
        "Secretary",
    ]
)


def checkworthiness(path: Path) -> int:
    m = model.shipped()
    per_file = {}
    for tsv in datasets.tsv_files(path):
        if datasets.is_ct24_file(tsv):
            rows = datasets.read_ct24(tsv)
            scores = model.score(r.text for r in rows)
            result = metrics.prf([s >= m.threshold for s in scores], [r.label for r in rows])
            print(
                f"{tsv.name}: {len(rows)} sentences, threshold {m.threshold:.2f}: "
                f"F1 {result.f1:.3f}  precision {result.precision:.3f}  recall {result.recall:.3f}"
            )
        else:
            rows = datasets.read_clef2019(tsv)
            ap = metrics.average_precision(
                model.score(r.text for r in rows), [r.label for r in rows]
            )
            per_file[tsv.name] = ap
            print(
                f"{tsv.name}: {len(rows)} sentences, {sum(r.label for r in rows)} check-worthy: "
                f"AP {ap:.4f}"
            )
    if per_file:
        print(
            f"MAP over {len(per_file)} debate files: {sum(per_file.values()) / len(per_file):.4f}"
        )
    return 0


def _named(source: str) -> bool:
    return any(w not in _NOT_SOURCE_NAMES for w in _NAME_WORD.findall(source))


def _same_source(claimant: str | None, source: str) -> bool:
    if not claimant:
        return False
    names = {w for w in _NAME_WORD.findall(claimant) if w not in _NOT_SOURCE_NAMES}
    if names:
        return any(n in source for n in names)
    return claimant.lower() in source.lower()


def _covering(
    claims: list[ExtractedClaim], spans: tuple[tuple[int, int], ...]
) -> ExtractedClaim | None:
    """The claim holding most of the content span, if it holds at least half."""
    size = sum(e - s for s, e in spans)
    best, best_overlap = None, 0
    for claim in claims:
        overlap = sum(max(0, min(e, claim.end) - max(s, claim.start)) for s, e in spans)
        if overlap > best_overlap:
            best, best_overlap = claim, overlap
    return best if size and best_overlap * 2 >= size else None


def attribution(path: Path) -> int:
    """Claimant agreement for the extracted claims and, to separate attribution
    from check-worthiness, for every candidate statement before selection."""
    counts = {"extracted claims": [0, 0], "all candidate statements": [0, 0]}
    total = 0
    for text_path, ann_path in datasets.polnear_pairs(path):
        text = text_path.read_text(encoding="utf-8")
        runs = {"extracted claims": extract(text), "all candidate statements": candidates(text)}
        for relation in datasets.read_brat(ann_path):
            if not _named(relation.source_text):
                continue
            total += 1
            for name, claims in runs.items():
                claim = _covering(claims, relation.content)
                if claim is not None:
                    counts[name][0] += 1
                    counts[name][1] += _same_source(claim.claimant, relation.source_text)
    if not total:
        print(f"no annotated relations with a named source under {path}")
        return 1
    print(f"{total} annotated statements with a named source")
    for name, (covered, matched) in counts.items():
        print(
            f"{name}: cover {covered} ({100 * covered / total:.1f}%); claimant matches the source "
            f"for {matched} ({100 * matched / total:.1f}% of all, "
            f"{100 * matched / max(covered, 1):.1f}% of covered)"
        )
    return 0


def _fold_quotes(s: str) -> str:
    return s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'").lower()


def seed_misses(text: str, expected: dict, publisher: str | None) -> list[str]:
    """What the extraction gets wrong against a seed expectation file."""
    claims = extract(text, publisher=publisher)
    problems = []
    for item in expected["expected_claims"]:
        key = _fold_quotes(item["key"])
        wanted = item.get("claimant")
        found = [
            c for c in claims if key in _fold_quotes(c.text) or key in _fold_quotes(c.quote or "")
        ]
        if wanted:
            found = [c for c in found if c.claimant and wanted.lower() in c.claimant.lower()]
        if not found:
            problems.append(f"missed {item['key']!r} (claimant {wanted!r})")
    marker = expected.get("boilerplate_starts_at")
    cut = text.find(marker) if marker else -1
    if cut >= 0:
        problems += [f"claim from the appeal: {c.text!r}" for c in claims if c.end > cut]
    return problems


def seed(article: Path, expected_path: Path) -> int:
    text = article.read_text(encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    n = len(expected["expected_claims"])
    status = 0
    for publisher in (None, expected.get("publisher")):
        problems = seed_misses(text, expected, publisher)
        misses = sum(p.startswith("missed") for p in problems)
        print(
            f"publisher={publisher!r}: {n - misses}/{n} expected claims found, "
            f"{len(problems) - misses} claims from the appeal"
        )
        for problem in problems:
            print(f"  {problem}")
        status |= bool(problems)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate claim extraction.")
    sub = parser.add_subparsers(dest="task", required=True)
    sub.add_parser("checkworthiness").add_argument("path", type=Path)
    sub.add_parser("attribution").add_argument("path", type=Path)
    seed_parser = sub.add_parser("seed")
    seed_parser.add_argument("article", type=Path)
    seed_parser.add_argument("expected", type=Path)
    args = parser.parse_args(argv)
    if args.task == "checkworthiness":
        return checkworthiness(args.path)
    if args.task == "attribution":
        return attribution(args.path)
    return seed(args.article, args.expected)


if __name__ == "__main__":
    sys.exit(main())
