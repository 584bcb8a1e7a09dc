from pathlib import Path

import pytest

from factcheck.extraction.claims import ExtractedClaim
from tools.extraction import datasets
from tools.extraction.evaluate import attribution
from tools.extraction.polnear import (
    AttributionCounts,
    Vocabulary,
    _covering,
    same_source,
    score_attribution,
    source_names,
)

POLNEAR = Path(__file__).parent / "fixtures" / "polnear"

TEXTS = [
    "Protesters marched. Police said the protesters were calm. Trump said so. "
    "The police chief agreed. Mr. Trump and Leonard E. Burman spoke. Polls show a tie; "
    "polls vary. Tax cuts help, said the Tax Policy Center. The tax rose."
]
VOCABULARY = Vocabulary(TEXTS)


def names(source, text=None):
    text = text if text is not None else source + " said so."
    return source_names(text, 0, source, VOCABULARY)


def test_sentence_initial_common_words_do_not_name_a_source():
    assert names("Protesters") == []
    assert names("Polls") == []
    assert names("Trump") == ["Trump"]
    assert names("The Republican nominee") == []
    assert names("Democrats") == []
    assert names("the Tax Policy Center") == ["Tax", "Policy", "Center"]


def test_mid_sentence_capitals_name_a_source():
    text = "Voters, Protesters said, were angry."
    assert source_names(text, 8, "Protesters", VOCABULARY) == ["Protesters"]


def test_claimant_must_share_a_distinctive_name():
    assert same_source("Leonard E. Burman", "Mr. Burman", ["Burman"], VOCABULARY)
    assert same_source("Trump", "Mr. Trump’s campaign", ["Trump’s"], VOCABULARY)
    assert not same_source("Bill Clinton", "Hillary Clinton", ["Hillary", "Clinton"], VOCABULARY)
    assert not same_source(
        "Tax Foundation", "the Tax Policy Center", names("the Tax Policy Center"), VOCABULARY
    )
    assert same_source(
        "Tax Policy Center", "the Tax Policy Center", names("the Tax Policy Center"), VOCABULARY
    )
    assert not same_source("campaign", "the Clinton campaign", ["Clinton"], VOCABULARY)
    assert not same_source(None, "Trump", ["Trump"], VOCABULARY)


def test_covering_claims_hold_at_least_half_of_the_content():
    def claim(start, end):
        return ExtractedClaim("x", None, None, start, end, 0.5, ())

    a, b = claim(0, 10), claim(10, 30)
    assert _covering([a, b], ((5, 25),)) == [b]
    assert _covering([a, b], ((0, 20),)) == [a, b]
    assert _covering([a], ((0, 40),)) == []


def _fixture_scores(claims):
    """Recall and precision of hand-made claims on the fixture article, where
    Trump, Clinton and "He" are each annotated with one statement."""
    [(text_path, ann_path)] = datasets.polnear_pairs(POLNEAR)
    text = text_path.read_text(encoding="utf-8")
    vocabulary = Vocabulary([text])
    relations = [
        (r, source_names(text, r.source[0][0], r.source_text, vocabulary))
        for r in datasets.read_brat(ann_path)
    ]
    counts = AttributionCounts()
    score_attribution(text, relations, [c(text) for c in claims], vocabulary, counts)
    return counts


def _claim(sentence, claimant, reasons=()):
    def make(text):
        start = text.index(sentence)
        return ExtractedClaim(sentence, None, claimant, start, start + len(sentence), 0.5, reasons)

    return make


def test_precision_judges_claims_over_named_sources_only():
    counts = _fixture_scores(
        [
            _claim("Trump said taxes would fall.", "Donald Trump"),  # right
            _claim("Clinton said wages rose 5 percent.", "Trump"),  # wrong
            _claim("The weather was fine.", "Trump"),  # nobody annotated it
            _claim("He said the wall would be built.", "Trump"),  # the source is a pronoun
            _claim("taxes would fall", None),  # no claimant
            _claim("wages rose 5 percent", "The Post", ("publisher",)),
        ]
    )
    assert (counts.relations, counts.covered, counts.named) == (2, 2, 1)
    assert (counts.claims, counts.attributed, counts.judged, counts.right) == (6, 4, 2, 1)
    assert counts.recall == pytest.approx(0.5)
    assert counts.precision == pytest.approx(0.5)


def test_overlap_for_precision_is_half_of_either_span():
    # A claim inside a content span is judged although it holds too little
    # of it to count for recall.
    counts = _fixture_scores([_claim("wages", "Hillary Clinton")])
    assert (counts.judged, counts.right, counts.covered) == (1, 1, 0)
    # Spilling over into a neighbour's content does not make a claim right.
    counts = _fixture_scores([_claim("Trump said taxes would fall. Clinton", "Clinton")])
    assert (counts.judged, counts.right) == (1, 0)


def test_attribution_command_prints_recall_and_precision(capsys):
    assert attribution(POLNEAR) == 0
    out = capsys.readouterr().out
    assert "2 annotated statements with a named source" in out
    assert "recall" in out and "precision" in out
