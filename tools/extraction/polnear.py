"""Attribution measured against PolNeAR: whether a claim names an annotated source.

A relation counts when its annotated source holds a proper name; a claim
covers it when it holds at least half of the annotated content, and names it
when its claimant shares a distinctive name word with the source. Definitions
in docs/extraction.md ("Attribution").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extraction.claims import ExtractedClaim
from tools.extraction import datasets

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


class Vocabulary:
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


def source_names(text: str, start: int, source: str, vocabulary: Vocabulary) -> list[str]:
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
    claimant: str | None, source: str, names: list[str], vocabulary: Vocabulary
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
    vocabulary: Vocabulary,
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
