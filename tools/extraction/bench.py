"""Throughput of extraction on one core.

    python -m tools.extraction.bench [--seconds N] [ARTICLE ...]

Without files, articles of about 4 KB are composed from built-in news-style
paragraphs with varied names and figures, so no data set is needed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from factcheck.extraction import cleanup, model, segment
from factcheck.extraction.claims import extract

_PARAGRAPHS = (
    "{title} {name} said on {day} that unemployment fell to {pct} percent in {month}, "
    "the lowest rate since {year}.",
    "“We have cut the deficit by {num} billion dollars, more than any government before us,” "
    "{last} told reporters in {city}.",
    "He claimed that exports rose {pct}% last year and that the new law would create "
    "{num},000 jobs by {year}.",
    "According to the {org}, prices of basic goods have doubled since {year}, "
    "while wages grew by only {pct} percent.",
    "{org} officials have hinted that the talks could resume next week, but no date has been set.",
    "Critics say the plan is too expensive. "
    "The ministry has said it will cost about {num} million over {small} years.",
    "“I think this is a great day for our country. Thank you all for coming,” "
    "{last} said, smiling.",
    "The agreement was signed in {city} in {month} {year} by {small} countries, "
    "including the U.S. and Canada.",
    "Dr. {last} of the {org} warned that cases had increased {small}-fold in {month} "
    "and that hospitals in {city} were full.",
    "What happens next is unclear. Will the parliament vote before {month}? Nobody knows.",
    "Police said {num} people were detained after the protest in {city} on {day}.",
    "“There was no such agreement. We never discussed it,” {last} said, "
    "adding that the report was false.",
)
_FILL = {
    "title": ("President", "Prime Minister", "Sen.", "Gov.", "Finance Minister"),
    "name": ("Maria Lopez", "John Carter", "Ana Petrova", "Kwame Mensah", "Li Wei", "Omar Haddad"),
    "last": ("Lopez", "Carter", "Petrova", "Mensah", "Li", "Haddad"),
    "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
    "month": ("January", "March", "June", "September", "November"),
    "city": ("Brussels", "Nairobi", "Lima", "Warsaw", "Jakarta", "Ottawa"),
    "org": ("World Bank", "Central Bank", "Health Ministry", "European Commission", "Treasury"),
}


def _compose(rng: random.Random, size: int = 4096) -> str:
    paragraphs: list[str] = []
    while sum(len(p) + 1 for p in paragraphs) < size:
        values = {k: rng.choice(v) for k, v in _FILL.items()}
        values.update(
            pct=f"{rng.uniform(1, 40):.1f}",
            num=rng.randint(2, 950),
            year=rng.randint(1990, 2024),
            small=rng.randint(2, 12),
        )
        paragraphs.append(rng.choice(_PARAGRAPHS).format(**values))
    return "\n".join(paragraphs)


def _rate(work, items: list, seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while True:
        for item in items:
            work(item)
        done += len(items)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="*", type=Path)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args(argv)

    rng = random.Random(7)
    if args.articles:
        articles = [p.read_text(encoding="utf-8") for p in args.articles]
    else:
        articles = [_compose(rng) for _ in range(200)]
    sentences = [
        a[s.start : s.end] for a in articles for s in segment.split(a, cleanup.article_spans(a))
    ]
    model.shipped()  # load the weights outside the timed loops

    size = sum(len(a.encode("utf-8")) for a in articles) / len(articles)
    per_article = _rate(extract, articles, args.seconds)
    per_sentence = _rate(lambda s: model.score([s]), sentences, args.seconds)
    print(
        f"extract: {per_article:.0f} articles/s "
        f"({len(articles)} articles, mean {size / 1024:.1f} KB)"
    )
    print(f"score:   {per_sentence:.0f} sentences/s ({len(sentences)} sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
