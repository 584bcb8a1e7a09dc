"""Measure extraction against labelled data; the data path is always an argument.

python -m tools.extraction.evaluate checkworthiness PATH
    CheckThat! 2024-style TSVs: F1, precision and recall of the positive
    class at the shipped threshold. CheckThat! 2019 debate TSVs: average
    precision per file and their mean (MAP).
python -m tools.extraction.evaluate attribution POLNEAR_DIR
    Recall: for each annotated content whose source contains a proper name,
    is at least half of it held by an extracted claim that names that
    source. Precision: of the claims with a claimant over annotated content,
    the share naming its source (see score_attribution).
python -m tools.extraction.evaluate seed ARTICLE EXPECTED_JSON
    The expectations of a seed article (exit status 1 when one is missed).
python -m tools.extraction.evaluate wire DIR [--verbose]
    Wire articles with hand-written expectations (NAME.txt and
    NAME.expected.json): expected claims found, claimant correct, spurious
    claims, headline and dateline leaks, claim text defects; per article and
    overall (definitions in tools/extraction/wire.py).
python -m tools.extraction.evaluate ood DATA_DIR [--models NAME,...]
    Check-worthiness out of domain (tools/extraction/protocol.py): each model
    trained from scratch per split, threshold chosen on a validation part of
    the training side, F1 at that threshold, best-threshold F1 and MAP on a
    test side from another period or source. Models: tfidf, hashed, shipped
    (the default), minilm, minilm+hashed (semantic extra).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from factcheck.extraction import model
from factcheck.extraction.claims import candidates, extract
from tools.extraction import datasets, metrics, polnear, protocol, recipes, wire


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


def attribution(path: Path) -> int:
    """Claimant recall and precision for the extracted claims and, to separate
    attribution from check-worthiness, for every candidate statement."""
    pairs = datasets.polnear_pairs(path)
    texts = {t: t.read_text(encoding="utf-8") for t, _ in pairs}
    if not texts:
        print(f"no annotated articles under {path}")
        return 1
    vocabulary = polnear.Vocabulary(list(texts.values()))
    relations: dict[Path, list[tuple[datasets.Attribution, list[str]]]] = {t: [] for t in texts}
    for text_path, ann_path in pairs:
        text = texts[text_path]
        relations[text_path] += [
            (r, polnear.source_names(text, r.source[0][0], r.source_text, vocabulary))
            for r in datasets.read_brat(ann_path)
        ]
    counts = {
        "extracted claims": polnear.AttributionCounts(),
        "all candidate statements": polnear.AttributionCounts(),
    }
    for text_path, text in texts.items():
        polnear.score_attribution(
            text, relations[text_path], extract(text), vocabulary, counts["extracted claims"]
        )
        polnear.score_attribution(
            text,
            relations[text_path],
            candidates(text),
            vocabulary,
            counts["all candidate statements"],
        )
    total = counts["extracted claims"].relations
    if not total:
        print(f"no annotated relations with a named source under {path}")
        return 1
    print(
        f"{len(texts)} articles, {len(pairs)} annotation files, "
        f"{total} annotated statements with a named source"
    )
    for name, c in counts.items():
        print(
            f"{name}: {c.claims / len(texts):.1f} per article, "
            f"{c.attributed / len(texts):.1f} with a claimant\n"
            f"  recall {c.recall:.3f}: cover and name the source {c.named} of {total} "
            f"({100 * c.named / max(c.covered, 1):.1f}% of the {c.covered} covered, "
            f"{100 * c.covered / total:.1f}%)\n"
            f"  precision {c.precision:.3f}: {c.right} of {c.judged} judged claims name the source "
            f"({c.attributed - c.judged} claims with a claimant not judged)"
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


def wire_articles(directory: Path, verbose: bool = False) -> int:
    pairs = wire.articles(directory)
    if not pairs:
        print(f"no NAME.expected.json under {directory}")
        return 1
    results = [wire.measure(article, expected) for article, expected in pairs]
    for result in results:
        print(wire.line(result))
        if verbose:
            for note in result.notes:
                print(f"  {note}")
    print(wire.line(wire.total(results)))
    return 0


def out_of_domain(data_dir: Path, names: list[str]) -> int:
    unknown = [n for n in names if n not in recipes.RECIPES]
    if unknown:
        print(f"unknown model(s): {', '.join(unknown)}; known: {', '.join(recipes.RECIPES)}")
        return 2
    protocol.run(data_dir, {n: recipes.RECIPES[n] for n in names})
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate claim extraction.")
    sub = parser.add_subparsers(dest="task", required=True)
    sub.add_parser("checkworthiness").add_argument("path", type=Path)
    sub.add_parser("attribution").add_argument("path", type=Path)
    seed_parser = sub.add_parser("seed")
    seed_parser.add_argument("article", type=Path)
    seed_parser.add_argument("expected", type=Path)
    ood_parser = sub.add_parser("ood")
    ood_parser.add_argument("path", type=Path)
    ood_parser.add_argument(
        "--models",
        default=",".join(recipes.LIGHT),
        help=f"comma-separated, of {', '.join(recipes.RECIPES)}",
    )
    wire_parser = sub.add_parser("wire")
    wire_parser.add_argument("path", type=Path)
    wire_parser.add_argument("--verbose", action="store_true", help="list every miss and leak")
    args = parser.parse_args(argv)
    if args.task == "checkworthiness":
        return checkworthiness(args.path)
    if args.task == "attribution":
        return attribution(args.path)
    if args.task == "ood":
        return out_of_domain(args.path, args.models.split(","))
    if args.task == "wire":
        return wire_articles(args.path, args.verbose)
    return seed(args.article, args.expected)


if __name__ == "__main__":
    sys.exit(main())
