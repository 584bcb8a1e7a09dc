"""Repeat-claim retrieval on CheckThat! 2022 Task 2A (English): the product against BM25.

    make bench-matching                      # dev split, data from ../shared/data/...
    .venv/bin/python bench/retrieval.py DATA_DIR --split dev
    .venv/bin/python bench/retrieval.py DATA_DIR --split train   # what tuning may look at

DATA_DIR holds `vclaims.jsonl` (the Snopes verified claims), `*_Queries.tsv` (tweets) and
`*_QRELs.tsv` (which verified claim each tweet repeats). The run

1. builds a scratch database (SQLite in a temporary folder, or `--database URL` naming an
   empty one), migrated as `flask db upgrade` does, and imports every verified claim as a
   schema.org ClaimReview through the importer (`services.imports`), as a desk importing
   Snopes' markup would (then, on PostgreSQL, VACUUM ANALYZE, as autovacuum soon would);
2. sends each tweet of the split to `POST /api/v1/claims/match` (Flask's test client, so
   every layer but the socket) and scores the five claims it answers;
3. ranks the same claims' texts with a plain BM25 (`bm25s`, Lucene's variant, English stop
   words, no stemming) in the same run, as the baseline;
4. prints MAP@5, P@1, recall@5 and the share of tweets answered with nothing for both, the
   precision and recall of the "already checked" alert (the first answer scoring at least
   DUPLICATE_SCORE without contradicting the tweet), and the product's latency;
5. counts the languages the detector gives the verified claims' texts (all English);
6. changes each gold verified claim once per trap (negation, number, antonym) and counts how
   often the changed text is still answered as the same claim.

The markup says `inLanguage: en`, as Snopes' does; `--detect-language` leaves it out, so the
importer detects each claim's language and the figures include its errors. `--semantic`
turns semantic matching on (the `semantic` extra): the import then also encodes every claim.

The tweets of a split are only ever read here: tuning looks at `--split train`; `--split dev`
is reported once per change.
"""

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "matching" / "ct2022-2a"
SPLITS = {"train": "Train", "dev": "Dev"}
IMPORT_CHUNK = 1000  # the importer's item cap per document
TOP = 5


def read_split(data_dir: Path, split: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    """(tweet id -> text, tweet id -> the verified claim ids it repeats) for one split."""
    (queries_file,) = data_dir.glob("*_Queries.tsv")
    (qrels_file,) = data_dir.glob(f"*-{SPLITS[split]}_QRELs.tsv")
    gold: dict[str, set[str]] = defaultdict(set)
    with qrels_file.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 4 and row[3].strip() != "0":
                gold[row[0]].add(row[2])
    texts = {}
    with queries_file.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 2 and row[0] in gold:
                texts[row[0]] = row[1]
    return texts, dict(gold)


def read_verified_claims(data_dir: Path) -> list[dict]:
    with (data_dir / "vclaims.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def detected_languages(vclaims: list[dict]) -> Counter:
    """How many verified claims the detector puts in each language (None: too unsure)."""
    from factcheck import languages

    return Counter(languages.detect(v["vclaim"]) for v in vclaims)


def claim_review(vclaim: dict, *, language: str | None = "en") -> dict:
    """A verified claim as the ClaimReview markup Snopes publishes for it (the data has no
    rating, so every one is imported unrated; matching never reads the rating)."""
    slug = vclaim["vclaim_id"].removeprefix("vclaim-sno-")
    review = {
        "@type": "ClaimReview",
        "url": vclaim.get("page_url") or f"https://www.snopes.com/fact-check/{slug}/",
        "claimReviewed": vclaim["vclaim"],
        "headline": vclaim.get("title") or None,
        "author": {"@type": "Organization", "name": "Snopes", "url": "https://www.snopes.com"},
        "reviewRating": {"@type": "Rating", "alternateName": "Unrated"},
        "inLanguage": language,
    }
    if vclaim.get("date"):
        try:
            day = time.strptime(vclaim["date"], "%d %B %Y")
            review["datePublished"] = time.strftime("%Y-%m-%d", day)
        except ValueError:
            pass
    return {key: value for key, value in review.items() if value is not None}


def average_precision(ranked: list[str], gold: set[str], k: int = TOP) -> float:
    """AP@k as CheckThat! scores it: precision at each relevant rank, over min(|gold|, k)."""
    hits, total = 0, 0.0
    for rank, item in enumerate(ranked[:k], start=1):
        if item in gold:
            hits += 1
            total += hits / rank
    return total / min(len(gold), k) if gold else 0.0


def scores(rankings: dict[str, list[str]], gold: dict[str, set[str]]) -> dict[str, float]:
    n = len(gold)
    return {
        "map@5": sum(average_precision(rankings.get(q, []), g) for q, g in gold.items()) / n,
        "p@1": sum(bool(rankings.get(q)) and rankings[q][0] in g for q, g in gold.items()) / n,
        "recall@5": sum(bool(set(rankings.get(q, [])[:TOP]) & g) for q, g in gold.items()) / n,
        "unanswered": sum(not rankings.get(q) for q in gold) / n,
    }


# What the BM25 baseline indexes of each verified claim: its text (what the product matches),
# or its text and the fact-check's headline.
BASELINE_FIELDS = {"claim": ("vclaim",), "claim+title": ("vclaim", "title")}


def bm25_rankings(vclaims: list[dict], tweets: dict[str, str], fields=("vclaim",)):
    import bm25s

    ids = [v["vclaim_id"] for v in vclaims]
    texts = [" ".join(v.get(field) or "" for field in fields) for v in vclaims]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords="en", show_progress=False),
                    show_progress=False)  # fmt: skip
    order = list(tweets)
    tokens = bm25s.tokenize([tweets[q] for q in order], stopwords="en", show_progress=False)
    found, values = retriever.retrieve(tokens, k=TOP, show_progress=False)
    return {
        q: [ids[i] for i, value in zip(found[row], values[row], strict=True) if value > 0]
        for row, q in enumerate(order)
    }


class Product:
    """The verified claims imported into a scratch database, asked through POST /claims/match."""

    def __init__(
        self,
        vclaims: list[dict],
        database: str | None,
        *,
        language: str | None = "en",
        semantic: bool = False,
    ):
        from flask_migrate import upgrade

        from factcheck import create_app
        from factcheck.config import Config, normalise_database_url
        from factcheck.extensions import db
        from factcheck.services import accounts, imports
        from factcheck.unit_of_work import transaction

        workdir = Path(tempfile.mkdtemp(prefix="factcheck-retrieval-"))

        class Settings(Config):
            SQLALCHEMY_DATABASE_URI = normalise_database_url(
                database or f"sqlite:///{workdir / 'retrieval.db'}"
            )
            SECRET_KEY = "retrieval-benchmark"
            RATELIMIT_ENABLED = False
            FACTCHECK_LOG_LEVEL = "WARNING"
            FACTCHECK_SEMANTIC_MATCHING = semantic

        app = create_app(Settings)
        self.vclaim_of: dict[int, str] = {}
        with app.app_context():
            upgrade(directory=str(ROOT / "migrations"))
            with transaction():
                user = accounts.create_user("retrieval", "editor")
                token = accounts.issue_token(user).secret
            started = time.monotonic()
            for start in range(0, len(vclaims), IMPORT_CHUNK):
                chunk = vclaims[start : start + IMPORT_CHUNK]
                with transaction():
                    report = imports.import_document(
                        [claim_review(v, language=language) for v in chunk], user
                    )
                for item in report.items:
                    if "claim_id" in item:
                        self.vclaim_of[item["claim_id"]] = chunk[item["index"]]["vclaim_id"]
            print(f"imported {len(self.vclaim_of):,} of {len(vclaims):,} verified claims in "
                  f"{time.monotonic() - started:.0f} s", file=sys.stderr)  # fmt: skip
            if db.engine.dialect.name == "postgresql":
                # What autovacuum does within minutes of a bulk import; until then every
                # full-text lookup also reads GIN's list of pending entries (docs/operations.md).
                with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                    c.exec_driver_sql("VACUUM ANALYZE claims")
        self.client = app.test_client()
        self.headers = {"Authorization": f"Bearer {token}"}

    def match(self, text: str, limit: int = TOP) -> list[dict]:
        """The answers to `text`, each with its verified claim's id as `vclaim_id`."""
        response = self.client.post("/api/v1/claims/match", json={"text": text, "limit": limit},
                                    headers=self.headers)  # fmt: skip
        if response.status_code != 200:
            raise RuntimeError(f"{text[:60]}: {response.status_code} {response.get_data(True)}")
        items = response.json["items"]
        return [{**item, "vclaim_id": self.vclaim_of[item["id"]]} for item in items]

    def rankings(self, tweets: dict[str, str]):
        """(rankings, the first answer's score unless it contradicts the tweet, latencies in
        ms) for every tweet."""
        rankings, top_scores, latencies = {}, {}, []
        for query, text in tweets.items():
            began = time.perf_counter()
            items = self.match(text)
            latencies.append((time.perf_counter() - began) * 1000)
            rankings[query] = [item["vclaim_id"] for item in items]
            if items and "contradicts" not in items[0]["reasons"]:
                top_scores[query] = items[0]["score"]
        return rankings, top_scores, latencies

    def trap_test(self, vclaims: dict[str, dict], golds: set[str]) -> dict[str, tuple[int, int]]:
        """Each gold verified claim, changed once per kind (a negation inserted or removed, a
        number changed, an antonym swapped), is sent as the text: (changed, still answered as
        the same claim: the gold at DUPLICATE_SCORE or above without `contradicts`)."""
        from factcheck.matching import DUPLICATE_SCORE
        from tools.matching.evaluate import PERTURBATIONS

        result = {}
        for gold in sorted(golds):
            text = vclaims[gold]["vclaim"]
            for kind, perturb in PERTURBATIONS.items():
                changed = perturb(text)
                if not changed or changed == text:
                    continue
                same = any(
                    item["vclaim_id"] == gold and item["score"] >= DUPLICATE_SCORE
                    and "contradicts" not in item["reasons"]
                    for item in self.match(changed, limit=10)
                )  # fmt: skip
                total, still = result.get(kind, (0, 0))
                result[kind] = (total + 1, still + same)
        return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--split", choices=sorted(SPLITS), default="dev")
    parser.add_argument("--database", help="a scratch database URL (default: a SQLite file)")
    parser.add_argument("--baseline", choices=sorted(BASELINE_FIELDS), default="claim+title",
                        help="what BM25 indexes of each verified claim")  # fmt: skip
    parser.add_argument("--detect-language", action="store_true",
                        help="import the markup without inLanguage: the importer detects each "
                             "claim's language, errors included")  # fmt: skip
    parser.add_argument(
        "--semantic",
        action="store_true",
        help="turn semantic matching on (needs the semantic extra)",
    )
    parser.add_argument(
        "--semantic-weight",
        type=float,
        help="try another matcher.SEMANTIC_WEIGHT (tuning: train split only)",
    )
    args = parser.parse_args(argv)
    if not (args.data_dir / "vclaims.jsonl").is_file():
        print(f"no vclaims.jsonl in {args.data_dir}", file=sys.stderr)
        return 1
    tweets, gold = read_split(args.data_dir, args.split)
    vclaims = read_verified_claims(args.data_dir)
    baseline = scores(bm25_rankings(vclaims, tweets, BASELINE_FIELDS[args.baseline]), gold)
    if args.semantic_weight is not None:
        from factcheck.matching import matcher

        matcher.SEMANTIC_WEIGHT = args.semantic_weight
    language = None if args.detect_language else "en"
    product_under_test = Product(vclaims, args.database, language=language, semantic=args.semantic)
    rankings, top_scores, latencies = product_under_test.rankings(tweets)
    product = scores(rankings, gold)
    from factcheck.matching import DUPLICATE_SCORE

    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"CheckThat! 2022 2A English, {args.split}: {len(gold)} tweets, "
          f"{len(vclaims):,} verified claims, semantic matching "
          f"{'on' if args.semantic else 'off'}")  # fmt: skip
    print("| ranking | MAP@5 | P@1 | recall@5 | answered nothing |")
    print("|---|---:|---:|---:|---:|")
    for name, figures in (("POST /claims/match", product), (f"BM25 ({args.baseline})", baseline)):
        print(f"| {name} | {figures['map@5']:.3f} | {figures['p@1']:.3f} | "
              f"{figures['recall@5']:.3f} | {figures['unanswered']:.1%} |")  # fmt: skip
    alerts = [rankings[q][0] in gold[q] for q, value in top_scores.items()
              if value >= DUPLICATE_SCORE]  # fmt: skip
    print(f"Already checked (first answer >= {DUPLICATE_SCORE}, not contradicting): "
          f"{len(alerts)} tweets, "
          f"precision {sum(alerts) / max(1, len(alerts)):.3f}, "
          f"recall {sum(alerts) / len(gold):.3f}")  # fmt: skip
    print(f"POST /claims/match latency: p50 {statistics.median(latencies):.1f} ms, "
          f"p99 {p99:.1f} ms (in process, one request at a time)")  # fmt: skip
    print("Language detected from each verified claim's text (all English): " + ", ".join(
        f"{language or 'unknown'} {count / len(vclaims):.1%}"
        for language, count in detected_languages(vclaims).most_common(6)
    ))  # fmt: skip
    by_id = {v["vclaim_id"]: v for v in vclaims}
    traps = product_under_test.trap_test(by_id, {g for gs in gold.values() for g in gs})
    for kind, (total, still) in sorted(traps.items()):
        print(f"Trap {kind}: {total} gold claims changed, {still} still answered as the same "
              f"claim ({still / max(1, total):.1%})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
