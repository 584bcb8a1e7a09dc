"""Derive the shipped IDF table (`factcheck/matching/idf.json`) from real text.

python -m tools.matching.build_idf DATA_DIR [--out PATH]

Reads DATA_DIR/checkworthiness/ct24/*.tsv (CheckThat! 2024 Task 1 English:
ClaimBuster's US presidential debate sentences, 1960-2016) and, when present,
DATA_DIR/attribution/polnear-dev/text/*.txt (2016 US election news), one
document per sentence. Only document frequencies of content stems seen in at
least MIN_DF documents are written; no sentence text is shipped.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import factcheck.matching
from factcheck.matching import numbers
from factcheck.matching.text import is_content, raw_tokens

MIN_DF = 2
# The table the service reads (`factcheck.matching.score.idf_table`).
SHIPPED_PATH = Path(factcheck.matching.__file__).with_name("idf.json")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def documents(data_dir: Path) -> Iterator[str]:
    csv.field_size_limit(10**8)
    for path in sorted((data_dir / "checkworthiness" / "ct24").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row.get("Text"):
                    yield row["Text"]
    for path in sorted((data_dir / "attribution" / "polnear-dev" / "text").glob("*.txt")):
        for sentence in _SENTENCE_END.split(path.read_text(encoding="utf-8")):
            if sentence.strip():
                yield sentence


def document_frequencies(texts: Iterator[str]) -> tuple[int, Counter[str]]:
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        tokens, _ = numbers.canonical_tokens(raw_tokens(text))
        df.update({t.stem for t in tokens if t.kind == "word" and is_content(t)})
        n += 1
    return n, df


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--out", type=Path, default=SHIPPED_PATH)
    args = parser.parse_args(argv)
    n, df = document_frequencies(documents(args.data_dir))
    if not n:
        print(f"no documents under {args.data_dir}", file=sys.stderr)
        return 1
    kept = {k: v for k, v in sorted(df.items()) if v >= MIN_DF}
    payload = {
        "source": "CheckThat! 2024 Task 1 English (ClaimBuster debate sentences) "
        "and PolNeAR dev texts; document = sentence",
        "documents": n,
        "df": kept,
    }
    args.out.write_text(json.dumps(payload, separators=(",", ":"), sort_keys=False) + "\n")
    print(f"{n} documents, {len(kept)} stems -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
