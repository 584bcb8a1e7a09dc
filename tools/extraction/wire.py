"""Measure extraction on wire articles with hand-written expectations.

Each article NAME.txt has a NAME.expected.json holding its `publisher`,
`headline` and `dateline` (verbatim, or null) and `expected_claims`, each with
`key` (verbatim article text inside the claim), `claimant` (a name, a list of
acceptable names, or null when nobody can be named) and, for quotations,
`quote`; `optional_claims` may be extracted without counting as spurious.

Definitions:

- an extracted claim *matches* an expectation when its span holds the key's
  first occurrence in the article or its text or quote contains the key
  (case-insensitive, straight and curly quotes alike);
- *found*: some claim matches; *text holds it*: a matching claim's text
  contains the key (not only its span); *claimant correct*: a matching claim's
  claimant contains one of the acceptable names (case-insensitive), or is
  None when the expectation is null; *quote correct*: a matching claim's
  quote and the expected quote are equal up to surrounding punctuation;
- *spurious*: a claim that matches no expected or optional claim;
- *headline leak*: a claim whose span overlaps the headline or whose text
  contains it; *dateline leak*: the same for the dateline;
- *defects* of a claim's text: `cut_subject` (it starts inside a name: the
  article has a capitalised word right before where the text starts),
  `dangling_end` (it ends on a function word: "... that the figures."
  is fine, "... disputed that the." is not), `unbalanced_quotes`,
  `lowercase_start`; of its claimant: `bare_claimant` (no capitalised word,
  e.g. "union", "her government").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.extraction.attribution import CALENDAR_WORDS
from factcheck.extraction.claims import ExtractedClaim, extract

_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "that",
        "and",
        "or",
        "of",
        "to",
        "by",
        "with",
        "in",
        "on",
        "for",
        "at",
        "from",
        "its",
        "their",
        "his",
        "her",
        "our",
        "whether",
        "than",
        "as",
    ]
)
_WORD_BEFORE = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]*)[ \t]+$")
# Capitalised words right before a text's start that are not part of a name:
# sentence openers, days and months ("said on Monday it would ...").
_OPENERS = (
    frozenset(
        [
            "but",
            "and",
            "the",
            "a",
            "an",
            "in",
            "on",
            "at",
            "also",
            "however",
            "meanwhile",
            "so",
            "yet",
            "or",
        ]
    )
    | CALENDAR_WORDS
)


@dataclass
class ArticleResult:
    name: str
    expected: int = 0
    found: int = 0
    text_holds: int = 0
    claimant_correct: int = 0
    quotes_expected: int = 0
    quote_correct: int = 0
    claims: int = 0
    spurious: int = 0
    headline_leaks: int = 0
    dateline_leaks: int = 0
    defects: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def defect_count(self) -> int:
        return sum(self.defects.values())


def fold(s: str) -> str:
    s = s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return " ".join(s.split()).lower()


def articles(directory: Path) -> list[tuple[Path, dict]]:
    """(article path, expectations) for each NAME.expected.json in the folder."""
    pairs = []
    for expected_path in sorted(directory.glob("*.expected.json")):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        pairs.append((expected_path.parent / expected["article"], expected))
    return pairs


def _matches(claim: ExtractedClaim, key: str, span: tuple[int, int] | None) -> bool:
    if span and claim.start <= span[0] and span[1] <= claim.end:
        return True
    return fold(key) in fold(claim.text) or fold(key) in fold(claim.quote or "")


def _claimant_ok(claimant: str | None, wanted: str | list[str] | None) -> bool:
    if wanted is None:
        return claimant is None
    options = [wanted] if isinstance(wanted, str) else wanted
    return claimant is not None and any(fold(o) in fold(claimant) for o in options)


def _span(text: str, needle: str | None) -> tuple[int, int] | None:
    if not needle:
        return None
    at = text.find(needle)
    return (at, at + len(needle)) if at >= 0 else None


def _leaks(claim: ExtractedClaim, needle: str | None, span: tuple[int, int] | None) -> bool:
    if not needle:
        return False
    if span and claim.start < span[1] and span[0] < claim.end:
        return True
    return fold(needle) in fold(claim.text)


def text_defects(text: str, claim: ExtractedClaim) -> list[str]:
    """What makes a claim's text or claimant unreadable (see the module doc)."""
    found = []
    words = claim.text.strip("\"“”'‘’ ").split()
    if not words:
        return ["empty"]
    if words[0][0].islower():
        found.append("lowercase_start")
    if words[-1].rstrip(".!?\"”’'").lower() in _FUNCTION_WORDS:
        found.append("dangling_end")
    body = claim.text
    if body.count("“") != body.count("”") or body.count('"') % 2:
        found.append("unbalanced_quotes")
    # Where in the article does the text start? Only checked when the opening
    # words are taken verbatim from the claim's span (rewritten ones are not).
    head = " ".join(words[:5])
    segment = text[claim.start : claim.end]
    at = segment.replace("’", "'").lower().find(head.replace("’", "'").lower())
    if at >= 0:
        before = text[: claim.start + at]
        word = _WORD_BEFORE.search(before[before.rfind("\n") + 1 :])
        if word and word.group(1).lower() not in _OPENERS:
            found.append("cut_subject")
    if claim.claimant is not None and not re.search(r"[A-Z]", claim.claimant):
        found.append("bare_claimant")
    return found


def measure(article: Path, expected: dict) -> ArticleResult:
    text = article.read_text(encoding="utf-8")
    claims = extract(text, publisher=expected.get("publisher"))
    result = ArticleResult(article.stem, claims=len(claims))
    matched: set[int] = set()
    for item in expected["expected_claims"]:
        result.expected += 1
        span = _span(text, item["key"])
        hits = [i for i, c in enumerate(claims) if _matches(c, item["key"], span)]
        matched.update(hits)
        result.quotes_expected += bool(item.get("quote"))
        if not hits:
            result.notes.append(f"missed {item['key']!r}")
            continue
        result.found += 1
        if any(fold(item["key"]) in fold(claims[i].text) for i in hits):
            result.text_holds += 1
        else:
            result.notes.append(f"text of {item['key']!r} does not hold it")
        if any(_claimant_ok(claims[i].claimant, item["claimant"]) for i in hits):
            result.claimant_correct += 1
        else:
            got = sorted({str(claims[i].claimant) for i in hits})
            result.notes.append(
                f"claimant of {item['key']!r}: wanted {item['claimant']!r}, got {', '.join(got)}"
            )
        if item.get("quote"):
            wanted = fold(item["quote"]).strip(" ,.")
            if any(fold(claims[i].quote or "").strip(" ,.") == wanted for i in hits):
                result.quote_correct += 1
            else:
                result.notes.append(f"quote of {item['key']!r} differs")
    for item in expected.get("optional_claims", []):
        span = _span(text, item["key"])
        matched.update(i for i, c in enumerate(claims) if _matches(c, item["key"], span))
    headline, dateline = expected.get("headline"), expected.get("dateline")
    headline_span, dateline_span = _span(text, headline), _span(text, dateline)
    for i, claim in enumerate(claims):
        if _leaks(claim, headline, headline_span):
            result.headline_leaks += 1
            result.notes.append(f"headline leak: {claim.text!r} ({claim.claimant})")
        if _leaks(claim, dateline, dateline_span):
            result.dateline_leaks += 1
            result.notes.append(f"dateline leak: {claim.text!r}")
        if i not in matched:
            result.spurious += 1
            result.notes.append(f"spurious: {claim.text!r} ({claim.claimant})")
        for defect in text_defects(text, claim):
            result.defects[defect] = result.defects.get(defect, 0) + 1
            result.notes.append(f"{defect}: {claim.text!r} ({claim.claimant})")
    return result


def total(results: list[ArticleResult]) -> ArticleResult:
    overall = ArticleResult("overall")
    for r in results:
        for name in (
            "expected",
            "found",
            "text_holds",
            "claimant_correct",
            "quotes_expected",
            "quote_correct",
            "claims",
            "spurious",
            "headline_leaks",
            "dateline_leaks",
        ):
            setattr(overall, name, getattr(overall, name) + getattr(r, name))
        for defect, n in r.defects.items():
            overall.defects[defect] = overall.defects.get(defect, 0) + n
    return overall


def line(r: ArticleResult) -> str:
    defects = ", ".join(f"{k} {v}" for k, v in sorted(r.defects.items())) or "none"
    return (
        f"{r.name}: found {r.found}/{r.expected}, text holds it {r.text_holds}/{r.expected}, "
        f"claimant correct {r.claimant_correct}/"
        f"{r.expected}, quote {r.quote_correct}/{r.quotes_expected}, spurious {r.spurious}/"
        f"{r.claims} claims, headline leaks {r.headline_leaks}, dateline leaks "
        f"{r.dateline_leaks}, text defects {r.defect_count} ({defects})"
    )
