"""Assemble claims: clean-up -> sentences -> attribution -> scoring."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from factcheck.extraction import cleanup, model, readable, resolver, segment
from factcheck.extraction.attribution import (
    NEGATING_CUES,
    Discourse,
    Statement,
    attribute,
    join_quotations,
)
from factcheck.extraction.features import hand_features, tokens

# A statement a named source is quoted or reported as making is kept with a
# lower model score than the publisher's own sentences: who said it is
# itself worth checking, and the model was trained on speakers' own words.
# On PolNeAR's training articles, with the model before the token vectors, 0.1
# kept 84% of the statements whose named source the extraction gets right
# (keeping all of them: factor 0), 0.02 kept 98% for 2.1 more claims per article.
ATTRIBUTED_FACTOR = 0.02
QUOTE_FACTOR = 0.1
MIN_WORDS = 4
_SIGNALS = {
    "has_number": "number",
    "has_percent": "percentage",
    "comparison": "comparison",
    "causal_or_legal": "causal_or_legal",
}
_SIGNAL_REASONS = frozenset(_SIGNALS.values())
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|us|our)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    text: str  # the checkable statement, readable on its own
    quote: str | None  # the verbatim words when the statement is a quotation
    claimant: str | None  # who makes the statement; None when unknown
    start: int  # text[start:end] of the original is the segment it came from
    end: int
    score: float  # check-worthiness of `text` in [0, 1]
    reasons: tuple[str, ...]  # the signals that selected it


def extract(text: str, publisher: str | None = None) -> list[ExtractedClaim]:
    """Check-worthy claims of an article, sorted by start offset."""
    threshold = model.shipped().threshold
    claims = []
    for claim in candidates(text, publisher):
        named = claim.claimant is not None and "publisher" not in claim.reasons
        if claim.score >= threshold:
            selected_by = "model>=threshold"
        elif named and claim.score >= threshold * _attributed_factor(claim):
            selected_by = "attributed_statement"
        else:
            continue
        claims.append(replace(claim, reasons=claim.reasons + (selected_by,)))
    return claims


def _attributed_factor(claim: ExtractedClaim) -> float:
    """A quotation in the first person that states no figure, comparison, cause or law
    ("Nobody believed us then.", "We are not going to pretend otherwise.") speaks of the
    speaker's own stance: it needs the score a quotation needed before to be kept."""
    if (
        claim.quote is not None
        and not set(claim.reasons) & _SIGNAL_REASONS
        and _FIRST_PERSON.search(claim.quote)
    ):
        return QUOTE_FACTOR
    return ATTRIBUTED_FACTOR


def candidates(text: str, publisher: str | None = None) -> list[ExtractedClaim]:
    """Every declarative statement of the article with its score, selected or not."""
    discourse = Discourse(publisher=publisher)
    sentences = [
        (s.start, s.end, s.paragraph, attribute(text, s.start, s.end, s.paragraph, discourse))
        for s in segment.split(text, cleanup.article_spans(text))
    ]
    statements: list[Statement] = [_named(s, discourse) for s in join_quotations(text, sentences)]
    readable = [(s, _readable(text, s)) for s in statements]
    readable = [(s, t) for s, t in readable if len(t.split()) >= MIN_WORDS]
    out = []
    for (statement, claim_text), probability in zip(
        readable, model.score(t for _, t in readable), strict=True
    ):
        signals = hand_features(claim_text, tokens(claim_text))
        if "question" in signals or "opinion_opener" in signals:
            continue
        reasons = tuple(_SIGNALS[s] for s in signals if s in _SIGNALS) + statement.reasons
        quote = text[statement.content_start : statement.content_end] if statement.quoted else None
        out.append(
            ExtractedClaim(
                _standalone(claim_text, statement),
                quote,
                statement.claimant,
                statement.start,
                statement.end,
                round(probability, 4),
                reasons,
            )
        )
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _standalone(claim_text: str, statement: Statement) -> str:
    """The text with a leading pronoun named; the score is that of the words as
    written, which is what the model was trained on."""
    if statement.cue in NEGATING_CUES and statement.claimant:
        return claim_text  # "Vladimir Putin denied that he ..." already stands alone
    return readable.standalone(claim_text, statement.quoted, statement.referent)


def _readable(text: str, statement: Statement) -> str:
    """The statement as a sentence that stands on its own."""
    content = " ".join(text[statement.content_start : statement.content_end].split())
    content = content.rstrip(" ,;:")
    if not content:
        return ""
    if statement.cue in NEGATING_CUES and statement.claimant:
        # "X denied that A" must not become the claim "A".
        content = f"{_speaker(text, statement)} {statement.cue} that {content}"
    content = content[0].upper() + content[1:]
    if content.rstrip("\"”’'")[-1:] not in (".", "!", "?"):
        content += "."
    return content


def _speaker(text: str, statement: Statement) -> str:
    """The claimant as the sentence names it: "The General Workers' Union"
    disputed that ..., not "General Workers' Union"."""
    lead = text[statement.start : statement.content_start]
    if re.match(rf"\s*the\s+{re.escape(statement.claimant)}\b", lead, re.IGNORECASE):
        return f"The {statement.claimant}"
    return statement.claimant


def _named(statement: Statement, discourse: Discourse) -> Statement:
    """A description the article names only later takes that name."""
    claimant = statement.claimant
    if not claimant or not claimant.islower():
        return statement
    name = resolver.named_anywhere(claimant, discourse.named)
    return replace(statement, claimant=name) if name else statement
