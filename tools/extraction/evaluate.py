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
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from factcheck.extraction import model
from factcheck.extraction.claims import ExtractedClaim, candidates, extract
from tools.extraction import datasets, metrics, protocol, recipes, wire

_NAME_WORD = re.compile(r"[A-Z][\w’'-]*[\w]")
# Capitalised words that do not name anyone: titles, function words and
# party or group adjectives ("The Republican nominee", "Democrats").
_NOT_NAME_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "it",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "sens",
        "rep",
        "reps",
        "gov",
        "president",
        "senator",
        "secretary",
        "rev",
        "lt",
        "gen",
        "col",
        "sgt",
        "capt",
        "gop",
        "republican",
        "republicans",
        "democrat",
        "democrats",
        "democratic",
        "libertarian",
        "conservative",
        "liberal",
        "american",
        "americans",
        "african-american",
        "african-americans",
        "european",
        "europeans",
        "mexican",
        "mexicans",
        "latino",
        "latinos",
        "latina",
        "british",
        "russian",
        "chinese",
        "black",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "if",
        "while",
        "when",
        "as",
        "after",
        "before",
        "since",
        "although",
        "because",
        "according",
    ]
)
_SENTENCE_END = frozenset(".!?:;\n\"“”‘’'—-(")


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


class _Vocabulary:
    """How often each word is capitalised mid-sentence and how often lower-case.

    A capitalised word that opens a sentence is a name unless the texts write
    it in lower case at least as often as they capitalise it mid-sentence:
    "Trump said" names a source ("trump" is rare), "Protesters said" and
    "Polls show" do not.
    """

    def __init__(self, texts: list[str]) -> None:
        self.capitalised: dict[str, int] = {}
        self.lower: dict[str, int] = {}
        for text in texts:
            for match in re.finditer(r"[A-Za-z][\w’'-]*", text):
                word = match.group()
                if word[0].islower():
                    self.lower[word] = self.lower.get(word, 0) + 1
                elif not _opens_sentence(text, match.start()):
                    key = word.lower()
                    self.capitalised[key] = self.capitalised.get(key, 0) + 1

    def is_name(self, word: str) -> bool:
        key = word.lower()
        lower = self.lower.get(key, 0)
        return not lower or self.capitalised.get(key, 0) > lower


def _opens_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t\xa0")
    return not before or before[-1] in _SENTENCE_END


def _key(word: str) -> str:
    """A name word without its possessive, case folded."""
    return re.sub(r"[’']s?$", "", word).lower()


def _name_words(phrase: str) -> list[str]:
    return [
        w
        for w in _NAME_WORD.findall(phrase)
        if _key(w) not in _NOT_NAME_WORDS and w.rstrip(".").lower() not in _NOT_NAME_WORDS
    ]


def source_names(text: str, start: int, source: str, vocabulary: _Vocabulary) -> list[str]:
    """The proper-name words of an annotated source at text[start:]; empty
    when the source is a description ("Protesters", "The Republican nominee")."""
    words = _name_words(source)
    first = re.match(r"[A-Za-z][\w’'-]*", source)
    if (
        words
        and first
        and words[0] == first.group()
        and _opens_sentence(text, start)
        and not vocabulary.is_name(_key(words[0]))
    ):
        words = words[1:]
    return words


def same_source(
    claimant: str | None, source: str, names: list[str], vocabulary: _Vocabulary
) -> bool:
    """Does the claimant name the source? It must share a distinctive name word
    ("Burman"; not "Tax" alone, which the texts also write in lower case) or
    several name words ("Tax Policy Center"), and not put a different given
    name before it ("Bill Clinton" is not "Hillary Clinton")."""
    if not claimant or not names:
        return False
    theirs = {_key(w) for w in names}
    shared = [w for w in _name_words(claimant) if _key(w) in theirs]
    if len({_key(w) for w in shared}) < 2:
        shared = [w for w in shared if vocabulary.is_name(_key(w))]
    for word in shared:
        mine, other = _given_name(claimant, word), _given_name(source, word)
        if mine and other and mine != other:
            continue
        return True
    return False


def _given_name(phrase: str, surname: str) -> str | None:
    """The name word right before `surname` in the phrase (initials skipped)."""
    stem = re.escape(re.sub(r"[’']s?$", "", surname))
    match = re.search(rf"([A-Z][a-z][\w’'-]*)\s+(?:[A-Z]\.\s*)*{stem}\b", phrase)
    if not match or _key(match.group(1)) in _NOT_NAME_WORDS:
        return None
    return match.group(1)


def _held(claim: ExtractedClaim, spans: tuple[tuple[int, int], ...]) -> int:
    return sum(max(0, min(e, claim.end) - max(s, claim.start)) for s, e in spans)


def _covering(
    claims: list[ExtractedClaim], spans: tuple[tuple[int, int], ...]
) -> list[ExtractedClaim]:
    """The claims that each hold at least half of the content span."""
    size = sum(e - s for s, e in spans)
    if not size:
        return []
    return [claim for claim in claims if 2 * _held(claim, spans) >= size]


def _overlaps(claim: ExtractedClaim, spans: tuple[tuple[int, int], ...]) -> bool:
    """Does the claim hold half of the content span, or the span half of the claim?"""
    held = _held(claim, spans)
    size = sum(e - s for s, e in spans)
    return held > 0 and (2 * held >= size or 2 * held >= claim.end - claim.start)


@dataclass(slots=True)
class AttributionCounts:
    """Recall over named-source relations and precision over attributed claims."""

    relations: int = 0  # annotated relations whose source holds a proper name
    covered: int = 0  # ... held at least half by a claim
    named: int = 0  # ... and such a claim names the source (recall)
    claims: int = 0
    attributed: int = 0  # claims with a claimant other than the publisher
    judged: int = 0  # ... over content of named sources only, or naming one of them
    right: int = 0  # ... naming the source of a content span they overlap

    @property
    def recall(self) -> float:
        return self.named / self.relations if self.relations else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.judged if self.judged else 0.0


def score_attribution(
    text: str,
    relations: list[tuple[datasets.Attribution, list[str]]],
    claims: list[ExtractedClaim],
    vocabulary: _Vocabulary,
    counts: AttributionCounts,
) -> None:
    """Add one article's figures to `counts`. `relations` are those of every
    annotator of the article, each with the proper-name words of its source.

    Recall: of the relations with a named source, the share held at least half
    by a claim that names that source. Precision: a claim with a claimant
    (not the publisher) is judged against the relations whose content it
    overlaps (it holds half of the content or the content half of it). It is
    right when it names the source of one of them; wrong when it names none
    and every one of them has a named source. A claim over content no
    annotator marked, or over content whose source is a pronoun or a
    description ("he", "the campaign", which may well be the claimant), is not
    counted either way."""
    for relation, names in relations:
        if not names:
            continue
        counts.relations += 1
        covering = _covering(claims, relation.content)
        counts.covered += bool(covering)
        counts.named += any(
            same_source(c.claimant, relation.source_text, names, vocabulary) for c in covering
        )
    for claim in claims:
        counts.claims += 1
        if not claim.claimant or "publisher" in claim.reasons:
            continue
        counts.attributed += 1
        over = [(r, n) for r, n in relations if _overlaps(claim, r.content)]
        right = any(
            n and same_source(claim.claimant, r.source_text, n, vocabulary) for r, n in over
        )
        if right or (over and all(n for _, n in over)):
            counts.judged += 1
            counts.right += right


def attribution(path: Path) -> int:
    """Claimant recall and precision for the extracted claims and, to separate
    attribution from check-worthiness, for every candidate statement."""
    pairs = datasets.polnear_pairs(path)
    texts = {t: t.read_text(encoding="utf-8") for t, _ in pairs}
    if not texts:
        print(f"no annotated articles under {path}")
        return 1
    vocabulary = _Vocabulary(list(texts.values()))
    relations: dict[Path, list[tuple[datasets.Attribution, list[str]]]] = {t: [] for t in texts}
    for text_path, ann_path in pairs:
        text = texts[text_path]
        relations[text_path] += [
            (r, source_names(text, r.source[0][0], r.source_text, vocabulary))
            for r in datasets.read_brat(ann_path)
        ]
    counts = {
        "extracted claims": AttributionCounts(),
        "all candidate statements": AttributionCounts(),
    }
    for text_path, text in texts.items():
        score_attribution(
            text, relations[text_path], extract(text), vocabulary, counts["extracted claims"]
        )
        score_attribution(
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
